{
  config,
  lib,
  ...
}:
let
  inherit (config.noughty) host;
  username = config.noughty.user.name;
  useDoT =
    if host.is.iso then
      "false"
    else if useNetworkManager then
      "opportunistic"
    else
      "true";
  useNetworkManager = if (host.is.iso || !host.is.server) then true else false;
  unmanagedInterfaces =
    lib.optionals config.services.tailscale.enable [ "tailscale0" ]
    ++ lib.optionals config.virtualisation.docker.enable [ "docker0" ]
    ++ lib.optionals config.virtualisation.incus.enable [ "incusbr0" ];
  # Trust the incus bridge interface, if incus is enabled
  # Trust the tailscale interface, if tailscale is enabled
  trustedInterfaces =
    lib.optionals config.services.tailscale.enable [ "tailscale0" ]
    ++ lib.optionals config.virtualisation.docker.enable [ "docker0" ]
    ++ lib.optionals config.virtualisation.incus.enable [ "incusbr0" ];

  # Define DNS settings for specific users
  # - https://mullvad.net/en/help/dns-over-https-and-dns-over-tls
  mullvadDns = [
    "194.242.2.2#dns.mullvad.net"
    "2a07:e340::2#dns.mullvad.net"
  ];
  # adblock.dns.mullvad.net; ads, trackers
  # deadnix: skip -- kept as a documented DNS tier, switched in per host as needed.
  mullvadAdblockDns = [
    "194.242.2.3#adblock.dns.mullvad.net"
    "2a07:e340::3#adblock.dns.mullvad.net"
  ];
  # base.dns.mullvad.net; ads, trackers, malware
  mullvadBlockmalwareDns = [
    "194.242.2.4#base.dns.mullvad.net"
    "2a07:e340::4#base.dns.mullvad.net"
  ];
  # family.dns.mullvad.net; ads, trackers, malware, adult, gambling
  mullvadFamilyDns = [
    "194.242.2.6#family.dns.mullvad.net"
    "2a07:e340::6#family.dns.mullvad.net"
  ];
  # https://adguard-dns.io/en/public-dns.html
  adguardDns = [
    "94.140.14.140#unfiltered.adguard-dns.com"
    "94.140.14.141#unfiltered.adguard-dns.com"
    "2a10:50c0::1:ff#unfiltered.adguard-dns.com"
    "2a10:50c0::2:ff#unfiltered.adguard-dns.com"
  ];
  adguardBlockmalwareDns = [
    "94.140.14.14#dns.adguard-dns.com"
    "94.140.15.15#dns.adguard-dns.com"
    "2a10:50c0::ad1:ff#dns.adguard-dns.com"
    "2a10:50c0::ad2:ff#dns.adguard-dns.com"
  ];
  adguardFamilyDns = [
    "94.140.14.15#family.adguard-dns.com"
    "94.140.15.16#family.adguard-dns.com"
    "2a10:50c0::bad1:ff#family.adguard-dns.com"
    "2a10:50c0::bad2:ff#family.adguard-dns.com"
  ];

  fallbackDns = if useDoT == "true" then mullvadDns else adguardDns;
  userDns = {
    martin = if useDoT == "true" then mullvadBlockmalwareDns else adguardBlockmalwareDns;
    louise = if useDoT == "true" then mullvadBlockmalwareDns else adguardBlockmalwareDns;
    agatha = if useDoT == "true" then mullvadFamilyDns else adguardFamilyDns;
  };
in
{
  imports = [
    ./captive-portal
    ./nullmailer
    ./ssh
    ./tailscale
    ./malak.nix
    ./revan.nix
    ./skrye.nix
  ];

  networking = {
    extraHosts = ''
      127.0.0.3      k3d-k3d.localhost
      10.10.10.1     router
      10.10.10.2     re550
      10.10.10.3     tv-living-room
      10.10.10.4     tv-main-bedroom
      10.10.10.6     echo-kitchen
      10.10.10.7     echo-office
      10.10.10.8     echo-agatha
      10.10.10.12    Vonage-HT801 vonage
      10.10.10.13    LaMetric-LM2144 lametric
      10.10.10.15    chimeraos
      10.10.10.19    Hue-Bridge-Office hue-bridge-office
      10.10.10.20    Elgato_Key_Light_Air_DAD4 keylight-left key-left
      10.10.10.21    Elgato_Key_Light_Air_EEE9 keylight-right key-right
      10.10.10.23    small-lamp-bulb
    '';
    firewall = {
      enable = true;
      # Syncthing ports are opened globally on servers so LAN devices (phones,
      # tablets) can sync without Tailscale active. On workstations, Tailscale
      # covers Syncthing access via trustedInterfaces.
      allowedTCPPorts = lib.optionals host.is.server [ 22000 ];
      allowedUDPPorts = lib.optionals host.is.server [
        22000
        21027
      ];
      inherit trustedInterfaces;
    };
    hostName = host.name;
    # The live installer never installs over a cellular modem, and ModemManager
    # pulls libqmi (~90 MiB closure) onto the ISO. NetworkManager only enables
    # ModemManager via mkDefault, so a plain false is sufficient here.
    modemmanager = lib.mkIf host.is.iso {
      enable = false;
    };
    nameservers = if builtins.hasAttr username userDns then userDns.${username} else fallbackDns;
    networkmanager = lib.mkIf useNetworkManager {
      # Use resolved for DNS resolution; tailscale MagicDNS requires it
      dns = "systemd-resolved";
      enable = true;
      unmanaged = unmanagedInterfaces;
      wifi.backend = lib.mkIf host.network.wifi "iwd";
      wifi.powersave = lib.mkIf host.network.wifi (!host.is.laptop);
    };
    # https://wiki.nixos.org/wiki/Incus
    nftables.enable = lib.mkIf config.virtualisation.incus.enable true;
    useDHCP = lib.mkDefault true;
    # Do not disable networking.wireless when NetworkManager is active: the
    # NetworkManager module sets it in D-Bus-controlled mode to provide the
    # wpa_supplicant it drives. Forcing it off here left the live ISO with no
    # supplicant and therefore no Wi-Fi.
  };
  services = {
    avahi = lib.mkIf host.is.workstation {
      enable = true;
      nssmdns4 = true;
      publish = {
        addresses = true;
        enable = true;
        inherit (host.is) workstation;
      };
    };
    # Use resolved for DNS resolution; tailscale MagicDNS requires it
    resolved = {
      enable = true;
      settings.Resolve = {
        Domains = [ "~." ];
        DNSOverTLS = useDoT;
        DNSSEC = "false";
        FallbackDNS = fallbackDns;
      };
    };
  };

  sops = lib.mkIf (!host.is.iso) {
    secrets = {
      psk = lib.mkIf (config.networking.networkmanager.enable && host.network.wifi) {
        mode = "0600";
        path = "/var/lib/iwd/SoroSuub Centroplex.psk";
        sopsFile = ../../../secrets/iwd.yaml;
      };
    };
  };

  # Workaround https://github.com/NixOS/nixpkgs/issues/180175
  systemd.services.NetworkManager-wait-online.enable = lib.mkIf config.networking.networkmanager.enable false;

  users.users.${username}.extraGroups = lib.optionals config.networking.networkmanager.enable [
    "networkmanager"
  ];
}

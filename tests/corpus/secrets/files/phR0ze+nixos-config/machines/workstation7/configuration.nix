# Workstation7 configuration
#
# ### Machine specs
# - ?
#
# ### Features
# - Basic deployment
# --------------------------------------------------------------------------------------------------
{ pkgs, ... }:
{
  imports = [
    ./hardware-configuration.nix
    ../../profiles/xfce/develop.nix
  ];

  config = {
    machine.type.bootable = true;
    machine.nix.cache.enable = true;
    devices.gpu.nvidia = { enable = true; open = true; };

    devices.printers.epson-wf7710 = true;
    devices.printers.brother-hll2405w = true;

    apps.network.deskflow.server.enable = true;
    apps.network.rustdesk.autostart = false;
    services.raw.tailscale = {
      enable = true;
      autoStart = true;
      secrets = ./secrets.enc.yaml;
    };

    apps.dev.claude.enable = true;
    apps.dev.gemini.enable = true;
    apps.dev.opencode.enable = true;

    apps.games.roblox.enable = true;
    apps.games.hedgewars.enable = true;
    apps.games.superTuxKart.enable = true;
    apps.media.freecad.enable = true;

    # Services
    virtualisation.podman.enable = true;
    virtualisation.qemu.host.enable = true;

    # Misc
    environment.systemPackages = with pkgs; [
      # Channel order: Front Left, Front Right, Front Center, LFE, Rear Left, Rear Right
      (writeShellScriptBin "audio-desktop" ''
        pactl set-sink-volume alsa_output.pci-0000_03_00.0.analog-surround-51 14% 18% 12% 12% 12% 12%
      '')
      (writeShellScriptBin "audio-headset" ''
        pactl set-sink-volume alsa_output.pci-0000_03_00.0.analog-surround-51 12% 12% 12% 12% 12% 12%
      '')
    ] ++ [
      pkgs.xchm                     # App for reading Microsoft help files for technical manuals
      pkgs.synology-drive-client
      pkgs.freetube
      #pkgs.wiiload                 # Depends on freeimage which has bit rotted
      #pkgs.wiimms-iso-tools        # Depends on freeimage which has bit rotted
      #pkgs.gamecube-tools          # Depends on freeimage which has bit rotted
      pkgs.quickemu
      pkgs.zed-editor
      pkgs.rust-analyzer
      pkgs.neovide
    ];
  };
}

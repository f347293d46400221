{
  catppuccinPalette,
  config,
  inputs,
  lib,
  modulesPath,
  noughtyLib,
  outputs,
  pkgs,
  stateVersion,
  ...
}:
let
  inherit (config.noughty) host;
  isPolicyHost = noughtyLib.hostHasTag "policy";
  username = config.noughty.user.name;
in
{
  imports = [
    # Common configuration shared with darwin
    ../common
    ../lib/noughty
    # Use modules this flake exports; from modules/nixos
    outputs.nixosModules.falcon-sensor
    # Use modules from other flakes
    inputs.catppuccin.nixosModules.catppuccin
    inputs.determinate.nixosModules.default
    inputs.disko.nixosModules.disko
    inputs.kolide-launcher.nixosModules.kolide-launcher
    inputs.nix-flatpak.nixosModules.nix-flatpak
    inputs.nix-index-database.nixosModules.nix-index
    inputs.sops-nix.nixosModules.sops
    (modulesPath + "/installer/scan/not-detected.nix")
    ./_mixins/console
    ./_mixins/hardware
    ./_mixins/network
    ./_mixins/policy
    ./_mixins/scripts
    ./_mixins/desktop
    ./_mixins/server
    ./_mixins/users
    ./_mixins/virtualisation
  ];

  boot = {
    # Mitigate the "Dirty Frag" Linux LPE (CVE-2026-43284, CVE-2026-43500).
    # Refuses to load the kernel modules carrying the xfrm-ESP and RxRPC
    # page-cache write primitives until upstream patches land in our pinned
    # kernels. The blacklist entry stops alias-based autoload (e.g. xfrm
    # netlink, AF_RXRPC socket family); the matching `install ... /bin/false`
    # lines in extraModprobeConfig also neutralise explicit `modprobe` and
    # dependency-pulled loads, matching the upstream-recommended fix from
    # https://github.com/V4bel/dirtyfrag and chainguard-dev/infosec's
    # dirtyfrag-fix.sh. Reconsider both blocks if any host ever needs IPsec
    # (esp4/esp6) or AFS/RxRPC (rxrpc/rxkad).
    blacklistedKernelModules = [
      "esp4"
      "esp6"
      "rxrpc"
      "rxkad"
    ];
    extraModprobeConfig = ''
      install esp4 ${pkgs.coreutils}/bin/false
      install esp6 ${pkgs.coreutils}/bin/false
      install rxrpc ${pkgs.coreutils}/bin/false
      install rxkad ${pkgs.coreutils}/bin/false
    '';
    binfmt = lib.mkIf host.is.workstation {
      emulatedSystems = [
        "riscv64-linux"
      ]
      ++ lib.optionals (pkgs.stdenv.hostPlatform.system == "x86_64-linux") [
        "aarch64-linux"
      ]
      ++ lib.optionals (pkgs.stdenv.hostPlatform.system == "aarch64-linux") [
        "x86_64-linux"
      ];
    };
    consoleLogLevel = lib.mkDefault 0;
    # Adopt the recommended 26.11 default early. No host boots from a ZFS root
    # (filesystems are xfs/btrfs/vfat), and ZFS support is only pulled
    # in by the live ISO installer module, so force-import is never needed.
    # mkDefault keeps it overridable if a future host ever roots on ZFS.
    zfs.forceImportRoot = lib.mkDefault false;
    initrd.availableKernelModules = [
      "uas"
      "usb_storage"
    ];
    # Explicitly enable the default initrd modules (nvme, sd_mod, xhci_pci,
    # usbhid, hid_generic, ahci, and others). This is the NixOS default but
    # declared here to make the dependency visible rather than implicit.
    initrd.includeDefaultModules = true;
    initrd.verbose = false;
    kernelModules = lib.optionals host.is.workstation [ "vhost_vsock" ];
    # Central kernel policy for installed systems. Servers, VMs, and policy
    # hosts use 6.18, and everything else tracks the latest packaged kernel.
    # Live ISO media keeps its defaults.
    kernelPackages = lib.mkIf (!host.is.iso) (
      lib.mkDefault (
        if host.is.server || host.is.vm || isPolicyHost then
          pkgs.linuxPackages_6_18
        else
          pkgs.linuxPackages_latest
      )
    );
    # Only enable the systemd-boot on installs, not live media (.ISO images)
    loader = lib.mkIf (!host.is.iso) {
      efi.canTouchEfiVariables = true;
      systemd-boot.configurationLimit = lib.mkDefault 10;
      systemd-boot.consoleMode = "max";
      systemd-boot.enable = true;
      systemd-boot.memtest86.enable = true;
      timeout = lib.mkDefault 10;
    };
  };

  catppuccin = {
    inherit (catppuccinPalette) accent;
    inherit (catppuccinPalette) flavor;
  };

  # NixOS-only option, unavailable on nix-darwin, so it lives here rather than
  # in ../common. Servers and live ISO media skip documentation entirely,
  # including the expensive mandb cache generation, to speed up builds.
  documentation = {
    enable = lib.mkIf (host.is.server || host.is.iso) (lib.mkForce false);
    doc.enable = lib.mkIf (host.is.server || host.is.iso) (lib.mkForce false);
    info.enable = lib.mkIf (host.is.server || host.is.iso) (lib.mkForce false);
    nixos.enable = lib.mkIf (host.is.server || host.is.iso) (lib.mkForce false);
    man = {
      enable = lib.mkIf (host.is.server || host.is.iso) (lib.mkForce false);
      cache = {
        enable = lib.mkIf (host.is.server || host.is.iso) (lib.mkForce false);
        generateAtRuntime = if (host.is.server || host.is.iso) then lib.mkForce false else true;
      };
      man-db.enable = lib.mkIf (host.is.server || host.is.iso) (lib.mkForce false);
    };
  };

  environment = {
    # NixOS-specific packages; common packages are in ../common
    systemPackages =
      with pkgs;
      [
        inputs.determinate.packages.${pkgs.stdenv.hostPlatform.system}.default
        inputs.fh.packages.${pkgs.stdenv.hostPlatform.system}.default
      ]
      ++ lib.optionals (!host.is.iso) [
        rsync
      ]
      ++ lib.optionals host.hardware.smart [
        smartmontools
      ];

  };

  nix = {
    # Deprioritise Nix builds on workstations to prevent audio stutter and UI
    # jank. The daemon's scheduling policy propagates to all build processes.
    daemonCPUSchedPolicy = lib.mkIf host.is.workstation "idle";
    daemonIOSchedClass = lib.mkIf host.is.workstation "idle";
    daemonIOSchedPriority = lib.mkIf host.is.workstation 7;
    # Run a scheduled store optimise so paths added before dedupe was enabled
    # are hardlinked too, reclaiming file overlap the live dedupe missed.
    optimise.automatic = lib.mkDefault true;
    settings = {
      experimental-features = "nix-command flakes";
      # Hardlink identical files as new store paths are added, reclaiming the
      # file overlap that accumulates across generations instead of waiting for
      # a manual optimise.
      auto-optimise-store = lib.mkDefault true;
      # Disable global registry
      flake-registry = "";
      # Servers and ISO live images do not need fast repeat offline builds, so
      # drop the build-graph derivations to free disk space.
      keep-derivations = lib.mkIf (host.is.server || host.is.iso) (lib.mkDefault false);
      # Use Numtide's cache for llm-agents.nix packages such as Codex.
      extra-substituters = [ "https://cache.numtide.com" ];
      extra-trusted-public-keys = [
        "niks3.numtide.com-1:DTx8wZduET09hRmMtKdQDxNNthLQETkc/yaX7M4qK0g="
      ];
      warn-dirty = false;
      # Allow wheel users to set client-side Nix options (e.g. netrc-file
      # for FlakeHub Cache authentication via fh apply).
      trusted-users = [
        "root"
        "@wheel"
      ];
    };
  };

  programs = {
    command-not-found.enable = false;
    nano.enable = lib.mkDefault false;
    # The prebuilt nix-index database is roughly 115 MiB and is not needed on
    # servers or live ISO media.
    nix-index.enable = lib.mkIf (host.is.server || host.is.iso) (lib.mkForce false);
    nh = {
      clean = {
        enable = !host.is.iso;
        # Servers need fewer rollback points than workstations, so retain a
        # shorter window and fewer generations there to reclaim store space.
        extraArgs = if host.is.server then "--keep-since 7d --keep 3" else "--keep-since 10d --keep 5";
      };
      enable = true;
      flake = "/home/${username}/Zero/nix-config";
    };
    nix-ld = lib.mkIf host.is.workstation {
      enable = true;
      libraries = with pkgs; [
        # Add any missing dynamic libraries for unpackaged
        # programs here, NOT in environment.systemPackages
      ];
    };
  };

  services = {
    # Cap journald disk usage so an unattended host cannot let the journal
    # grow without bound (revan hit ~4G before this was added). NixOS exposes
    # these as raw `[Journal]` ini keys via `extraConfig`. mkDefault keeps a
    # host free to widen the cap (e.g. a log-heavy server) without conflict.
    journald.extraConfig = lib.mkDefault ''
      SystemMaxUse=2G
      SystemKeepFree=1G
      MaxRetentionSec=1month
      MaxFileSec=1week
    '';
  };

  # Only enable sudo-rs on installs, not live media (.ISO images)
  security = lib.mkIf (!host.is.iso) {
    pam.services = lib.mkIf host.is.server {
      su.forwardXAuth = lib.mkForce false;
      su-l.forwardXAuth = lib.mkForce false;
    };
    sudo.enable = false;
    sudo-rs = {
      enable = lib.mkDefault true;
    };
  };

  # https://dl.thalheim.io/
  sops = lib.mkIf (!host.is.iso) {
    age = {
      keyFile = "/var/lib/private/sops/age/keys.txt";
      generateKey = false;
      # Disable SSH key scanning - we use the age keyFile and the SSH host keys
      # are themselves managed by sops, creating a circular dependency at boot.
      sshKeyPaths = [ ];
    };
    # Disable GPG SSH key scanning for the same reason.
    gnupg.sshKeyPaths = [ ];
    defaultSopsFile = ../secrets/secrets.yaml;
    secrets = {
      ssh_key = {
        mode = "0600";
        path = "/root/.ssh/id_rsa";
        sopsFile = ../secrets/ssh.yaml;
      };
      ssh_pub = {
        mode = "0644";
        path = "/root/.ssh/id_rsa.pub";
        sopsFile = ../secrets/ssh.yaml;
      };
      # Use `make-host-keys` to enroll new host keys.
      initrd_ssh_host_ed25519_key = {
        mode = "0600";
        path = "/etc/ssh/initrd_ssh_host_ed25519_key";
        sopsFile = ../secrets/ssh.yaml;
      };
      initrd_ssh_host_ed25519_key_pub = {
        mode = "0644";
        path = "/etc/ssh/initrd_ssh_host_ed25519_key.pub";
        sopsFile = ../secrets/ssh.yaml;
      };
      ssh_host_ed25519_key = {
        mode = "0600";
        path = "/etc/ssh/ssh_host_ed25519_key";
        sopsFile = ../secrets/host-${host.name}.yaml;
      };
      ssh_host_ed25519_key_pub = {
        mode = "0644";
        path = "/etc/ssh/ssh_host_ed25519_key.pub";
        sopsFile = ../secrets/host-${host.name}.yaml;
      };
      ssh_host_rsa_key = {
        mode = "0600";
        path = "/etc/ssh/ssh_host_rsa_key";
        sopsFile = ../secrets/host-${host.name}.yaml;
      };
      ssh_host_rsa_key_pub = {
        mode = "0644";
        path = "/etc/ssh/ssh_host_rsa_key.pub";
        sopsFile = ../secrets/host-${host.name}.yaml;
      };
    };
  };

  # Create symlink to /bin/bash
  # - https://github.com/lima-vm/lima/issues/2110
  systemd = {
    settings.Manager = {
      DefaultTimeoutStopSec = "10s";
    };
    tmpfiles.rules = [
      "L+ /bin/bash - - - - ${pkgs.bash}/bin/bash"
      "L+ /bin/sh - - - - ${pkgs.bash}/bin/sh"
      "d /nix/var/nix/profiles/per-user/${username} 0755 ${username} root"
      "d /var/lib/private/sops/age 0755 root root"
    ];
  };

  system = {
    inherit stateVersion;
  };
}

{ pkgs, lib, specialArgs, ... }:

let
  inherit (specialArgs) inputs;
in
{
  imports = [
    ./hardware-configuration.nix
    inputs.home-manager.nixosModules.home-manager
  ];

  home-manager = {
    extraSpecialArgs = pkgs.xargs;
    useGlobalPkgs = true;

    sharedModules = [
      inputs.dots.homeModules.default
      inputs.neovim-flake.homeModules.default
      inputs.nix-index.homeModules.default
      ({ nix.registry.nixpkgs.flake = inputs.nixpkgs; })
      (import ../../../home/dotfiles.nix { mutable = false; })
      { hidpi = false; }
    ];

    users.gvolpe = import ./home.nix;
  };

  environment.systemPackages = with pkgs; [
    gnome-console
  ];

  programs.dconf.enable = true;

  services = {
    dbus.enable = true;
    displayManager.gdm.enable = true;
    desktopManager.gnome.enable = true;

    gnome = {
      core-apps.enable = false;
      core-developer-tools.enable = false;
      games.enable = false;
    };
  };

  networking.hostName = "nixos-vm";

  users.users.gvolpe = {
    initialPassword = lib.mkForce "test";
    extraGroups = lib.mkForce [ "libvirtd" "networkmanager" "wheel" ];
    linger = lib.mkForce true;
  };

  # wayland compositors require 3d acceleration
  virtualisation.vmVariant = {
    hardware.graphics = {
      enable = true;
      extraPackages = [ pkgs.mesa ];
    };

    services = {
      qemuGuest.enable = true;
      spice-autorandr.enable = true;
      spice-vdagentd.enable = true; # enable copy and paste between host and guest
    };

    virtualisation = {
      diskSize = 51200; # 50 gbs
      graphics = true;

      sharedDirectories = {
        coursier = {
          source = "/home/gvolpe/.cache/coursier";
          target = "/home/gvolpe/.cache/coursier";
        };
        ivy = {
          source = "/home/gvolpe/.ivy2";
          target = "/home/gvolpe/.ivy2";
        };
        maven = {
          source = "/home/gvolpe/.m2";
          target = "/home/gvolpe/.m2";
        };
        workspace = {
          source = "/home/gvolpe/workspace/sxm";
          target = "/mnt/workspace";
        };
      };

      qemu.options = [
        "-device virtio-vga-gl"
        "-display gtk,gl=on"
        "-device virtio-keyboard-pci"
        "-usb"
        "-device usb-tablet"
      ];
    };

    boot = {
      initrd.kernelModules = [ "virtio_gpu" ];
      kernelModules = [ "virtio_gpu" ];
      kernelPackages = pkgs.linuxPackages_latest;
      loader = {
        systemd-boot.enable = true;
        efi.canTouchEfiVariables = true;
      };
    };

    # overrides for system/configuration.nix (imported in outputs/os.nix)
    virtualisation.docker.enable = lib.mkForce false;
    hardware.sane.enable = lib.mkForce false;

    security.pam.yubico.enable = lib.mkForce false;

    system.activationScripts.diff = lib.mkForce "";

    services = {
      avahi.enable = lib.mkForce false;
      gvfs.enable = lib.mkForce false;
      pcscd.enable = lib.mkForce false;
      printing.enable = lib.mkForce false;
      udev.packages = lib.mkForce [ ];
    };
  };

  system.stateVersion = "23.05";
}

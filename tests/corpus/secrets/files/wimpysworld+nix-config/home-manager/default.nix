{
  catppuccinPalette,
  config,
  inputs,
  lib,
  noughtyLib,
  outputs,
  pkgs,
  stateVersion,
  ...
}:
let
  inherit (config.noughty) host;
  username = config.noughty.user.name;
in
{
  imports = [
    # Custom Home Manager modules go here
    #outputs.homeManagerModules.mymodule
    ../lib/noughty

    # Modules exported from other flakes:
    inputs.catppuccin.homeModules.catppuccin
    inputs.direnv-instant.homeModules.direnv-instant
    inputs.sops-nix.homeManagerModules.sops
    inputs.mac-app-util.homeManagerModules.default
    inputs.nix-index-database.homeModules.nix-index
    inputs.lan-mouse.homeManagerModules.default
    inputs.voxtype.homeManagerModules.default
    ./_mixins/agentic
    ./_mixins/development
    ./_mixins/filesync
    ./_mixins/scripts
    ./_mixins/desktop
    ./_mixins/services
    ./_mixins/terminal
    ./_mixins/users
  ];

  # Enable the Catppuccin theme
  catppuccin = {
    inherit (catppuccinPalette) accent;
    inherit (catppuccinPalette) flavor;
    fish.enable = config.programs.fish.enable;
    zsh-syntax-highlighting.enable = config.programs.zsh.enable;
  };

  home = {
    inherit stateVersion;
    username = config.noughty.user.name;
    homeDirectory =
      if host.is.darwin then
        "/Users/${username}"
      else if noughtyLib.hostHasTag "lima" then
        "/home/${username}.linux"
      else
        "/home/${username}";
    file = lib.mkIf host.is.workstation {
      ".config/fontconfig/fonts.conf".text = ''
        <?xml version="1.0"?>
        <!DOCTYPE fontconfig SYSTEM "fonts.dtd">
        <fontconfig>
          <match target="font">
            <edit name="antialias" mode="assign">
              <bool>true</bool>
            </edit>
            <edit name="hinting" mode="assign">
              <bool>true</bool>
            </edit>
            <edit name="hintstyle" mode="assign">
              <const>hintslight</const>
            </edit>
            <edit name="rgba" mode="assign">
              <const>rgb</const>
            </edit>
            <edit name="lcdfilter" mode="assign">
              <const>lcddefault</const>
            </edit>
          </match>
        </fontconfig>
      '';
    };
    packages =
      with pkgs;
      lib.optionals host.is.workstation [
        nerd-fonts.fira-code
        font-awesome
        noto-fonts-color-emoji
        noto-fonts-monochrome-emoji
        symbola
        work-sans
        bebas-neue-2014-font
        bebas-neue-pro-font
        bebas-neue-rounded-font
        bebas-neue-semi-rounded-font
        bw-fusiona-font
        boycott-font
        commodore-64-pixelized-font
        corefonts
        digital-7-font
        dirty-ego-font
        fira-go
        fira-sans
        fixedsys-core-font
        fixedsys-excelsior-font
        impact-label-font
        lato
        liberation_ttf
        merriweather
        mocha-mattari-font
        nerd-fonts.space-mono
        nerd-fonts.symbols-only
        poppins-font
        source-serif
        spaceport-2006-font
        ubuntu-classic
        unscii
        zx-spectrum-7-font
      ];
    sessionVariables = {
      COLORTERM = "truecolor";
      EDITOR = "fresh";
      SUDO_EDITOR = "fresh";
      SYSTEMD_EDITOR = "fresh";
      VISUAL = "fresh";
    };
  };

  fonts = {
    fontconfig = {
      enable = host.is.workstation;
      defaultFonts = lib.mkIf host.is.workstation {
        serif = [
          "Merriweather"
          "Noto Color Emoji"
        ];
        sansSerif = [
          "Work Sans"
          "Noto Color Emoji"
        ];
        monospace = [
          "FiraCode Nerd Font Mono"
          "Font Awesome 6 Free"
          "Font Awesome 6 Brands"
          "Symbola"
          "Noto Emoji"
        ];
        emoji = [
          "Noto Color Emoji"
        ];
      };
    };
  };

  # Workaround home-manager bug with flakes
  # - https://github.com/nix-community/home-manager/issues/2033
  news.display = "silent";

  nixpkgs = {
    overlays = [
      # Overlays defined via overlays/default.nix and pkgs/default.nix
      outputs.overlays.localPackages
      outputs.overlays.modifiedPackages
      outputs.overlays.unstablePackages
    ];
    # Configure your nixpkgs instance
    config = {
      allowUnfree = true;
    };
  };

  programs = {
    bash = {
      initExtra = lib.mkIf config.programs.nh.enable ''
        # Set nh search to use the stable channel
        export NH_SEARCH_CHANNEL="$(noughty channel 2>/dev/null || echo nixos-unstable)"
      '';
    };
    fish = {
      enable = true;
      shellInit = lib.mkIf config.programs.nh.enable ''
        set fish_greeting ""
        # Set nh search to use the stable channel
        set -gx NH_SEARCH_CHANNEL (noughty channel 2>/dev/null; or echo nixos-unstable)
      '';
    };
    info.enable = !host.is.server;
    man.enable = !host.is.server;
    nh = {
      enable = true;
      clean = {
        dates = "weekly";
        enable = true;
        extraArgs = "--keep 2 --keep-since 5d";
      };
    };
    nix-index.enable = !host.is.server;
    zsh = {
      initContent = lib.mkIf config.programs.nh.enable (
        lib.mkOrder 500 ''
          # Set nh search to use the stable channel
          export NH_SEARCH_CHANNEL="$(noughty channel 2>/dev/null || echo nixos-unstable)"
        ''
      );
    };
  };

  # https://dl.thalheim.io/
  sops = {
    age = {
      keyFile = "${config.xdg.configHome}/sops/age/keys.txt";
      generateKey = false;
    };
    defaultSopsFile = ../secrets/secrets.yaml;
    secrets = {
      flakehub_token = { };
    };
  };

  # Fix sops-nix launchd service PATH on Darwin
  launchd.agents.sops-nix = lib.mkIf host.is.darwin {
    enable = true;
    config = {
      EnvironmentVariables = {
        PATH = lib.mkForce "/usr/bin:/bin:/usr/sbin:/sbin";
      };
    };
  };

  systemd = lib.mkIf host.is.linux {
    user = {
      # Nicely reload system units when changing configs
      startServices = "sd-switch";
      systemctlPath = "${pkgs.systemd}/bin/systemctl";
      # Create age keys directory for SOPS
      tmpfiles = {
        rules = [
          "d ${config.xdg.configHome}/sops/age 0755 ${username} users - -"
        ];
      };
    };
  };

  xdg = {
    enable = host.is.linux;
    mime.enable = host.is.linux && host.is.workstation;
    desktopEntries = lib.mkIf (host.is.linux && host.is.workstation) {
      cups = {
        name = "Manage Printing";
        noDisplay = true;
      };
      fish = {
        name = "fish";
        noDisplay = true;
      };
    };
    userDirs = {
      # Do not create XDG directories for LIMA; it is confusing
      enable = host.is.linux && !(noughtyLib.hostHasTag "lima");
      createDirectories = lib.mkDefault true;
      # The default flips to false for stateVersion >= 26.05; pin true to keep
      # exporting XDG_*_DIR session variables as before.
      setSessionVariables = lib.mkDefault true;
      extraConfig = {
        SCREENSHOTS = "${config.xdg.userDirs.pictures}/Screenshots";
      };
    };
  };
}

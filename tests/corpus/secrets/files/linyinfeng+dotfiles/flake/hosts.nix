{
  config,
  self,
  inputs,
  lib,
  getSystem,
  ...
}:
let
  buildSuites = profiles: f: lib.mapAttrs (_: lib.flatten) (lib.fix (f profiles));

  nixosModules = self.lib.buildModuleList ../nixos/modules;
  nixosProfiles = self.lib.rakeLeaves ../nixos/profiles;
  nixosSuites = buildSuites nixosProfiles (
    profiles: suites: {
      nixSettings = with profiles.nix; [
        gc
        settings
        cache
        version
        access-tokens
      ];
      base =
        suites.nixSettings
        ++ (with profiles; [
          boot.kernel.latest
          boot.systemd-initrd
          services.openssh
          services.dbus
          services.angrr
          security.polkit
          security.rtkit
          security.run0-sudo-shim
          global-persistence
          system.common
          system.sysrq
          system.perlless
          system.nixos-init
          system.oomd
          system.panic
          development.shells
          users.root
        ]);

      network = with profiles; [
        networking.networkd
        networking.iproute2
        networking.firewall
        networking.avahi
        networking.resolved
        networking.tailscale
        networking.zerotier
        networking.mesh
        networking.dn42
        networking.endpoints
        security.fail2ban
        security.firewall
        services.vnstatd
      ];
      backup = with profiles; [ services.restic ];
      multimedia = with profiles; [
        graphical.gnome
        graphical.kde
        graphical.niri
        graphical.fonts
        graphical.activate-linux
        i18n.input-method
        services.gnome-keyring
        services.pipewire
      ];
      development = with profiles; [
        development.documentation
        programs.adb
        programs.probe-rs
        programs.qrcp
        programs.direnv
        services.gnupg
        services.nixseparatedebuginfod

        services.envfs
        # programs.nix-alien # TODO broken
        nix.nix-ld
      ];
      multimediaDev = suites.multimedia ++ suites.development ++ (with profiles; [ development.ides ]);
      virtualization = with profiles; [
        virtualization.libvirt
        virtualization.podman
        virtualization.incus
      ];
      games = with profiles.graphical.game; [
        steam
        gamescope
      ];
      monitoring = with profiles; [
        services.telegraf
        services.telegraf-system
        services.alloy
      ];

      workstation =
        (with suites; base ++ multimediaDev ++ virtualization ++ network ++ backup ++ monitoring)
        ++ (with profiles; [
          boot.binfmt
          boot.plymouth
          # boot.kernel.cachyos
          system.types.workstation
          networking.network-manager
          networking.tools
          networking.mobile-nixos-usb
          programs.terminal-multiplexing
          programs.tools
          programs.solaar
          programs.service-mail
          programs.tg-send
          programs.localsend
          services.bluetooth
          services.auto-upgrade
          services.kde-connect
          services.printing
          services.snapper
          services.iperf3
          services.homed
          services.portal-client
          # services.ssh-honeypot
          services.flatpak
          services.smartd
          services.system76-scheduler
          audio.midi
          security.hardware-keys
          hardware.rtl-sdr
          hardware.tablet
          nix.nixbuild
          nix.hydra-builder-client
          nix.hydra-builder-server
          nix.auto-gen
        ]);
      mobileWorkstation =
        suites.workstation
        ++ (with profiles; [
          networking.behind-fw
          networking.fw-proxy
          graphical.graphical-powersave-target
        ]);

      server =
        (with suites; base ++ network ++ backup ++ monitoring)
        ++ (with profiles; [
          system.types.server
          services.auto-upgrade
          services.bpftune
          services.iperf3
          programs.terminal-multiplexing
          networking.bbr
        ]);
      overseaServer = suites.server ++ (with profiles; [ services.bind ]);
      homeServer = suites.server ++ (with profiles; [ networking.network-manager ]);
      embeddedServer =
        (with suites; base ++ network)
        ++ (with profiles; [
          system.types.server
          networking.bbr
        ]);

      mobile =
        (with suites; base ++ network)
        ++ (with profiles; [
          boot.plymouth
          system.types.phone
          graphical.fonts
          i18n.input-method
          programs.tools
          programs.localsend
          development.shells
          services.flatpak
          services.gnupg
          services.pipewire
          services.kde-connect
          services.printing
          services.bluetooth
          security.hardware-keys
          services.system76-scheduler
          networking.network-manager
        ]);

      wsl =
        (with suites; base ++ network)
        ++ (with profiles; [
          system.types.workstation
          i18n.input-method
          wsl.settings
        ])
        ++ [ inputs.nixos-wsl.nixosModules.wsl ];
    }
  );

  hmModules = self.lib.buildModuleList ../home-manager/modules;
  hmProfiles = self.lib.rakeLeaves ../home-manager/profiles;
  hmSuites = buildSuites hmProfiles (
    profiles: suites: {
      base = with profiles; [
        # nothing
      ];
      multimedia = with profiles; [
        gnome
        niri
        darkman
        dconf-proxy
        browsers
        rime
        fcitx5
        mime
        obs-studio
        minecraft
        desktop-applications
      ];
      development = with profiles; [
        git
        llm.general
        llm.pi
        llm.omp
        development
        emacs
        helix
        ssh
        pssh
        tools
        tex
        awscli
        terraform
        shells
        ok
        vscode-server
        terminal-multiplexing
        obsidian
      ];
      music = [
        profiles.music
      ];
      design = with profiles; [
        blender
      ];
      virtualization = [ ];
      multimediaDev =
        suites.multimedia
        ++ suites.development
        ++ (with profiles; [
          xdg-dirs
          vscode
          alacritty
          wezterm
          android-studio
        ]);
      synchronize = with profiles; [
        onedrive
        # digital-paper # TODO broken
      ];
      security = with profiles; [ gpg ];
      other = with profiles; [ hledger ];

      nonGraphical =
        with suites;
        base ++ development ++ virtualization ++ synchronize ++ security ++ other;

      full =
        with suites;
        base ++ multimediaDev ++ music ++ design ++ virtualization ++ synchronize ++ security ++ other;

      mobile =
        with suites;
        base
        ++ security
        ++ other
        ++ (with profiles; [
          dconf-proxy
          browsers
          rime
          mime

          # development
          git
          development
          ssh
          shells

          # multimediaDev
          xdg-dirs
        ]);
    }
  );

  commonNixosModules =
    nixosModules
    ++ [
      inputs.sops-nix.nixosModules.sops
      inputs.preservation.nixosModules.preservation
      inputs.disko.nixosModules.disko
      inputs.flake-utils-plus.nixosModules.autoGenFromInputs
      inputs.linyinfeng.nixosModules.vlmcsd
      inputs.linyinfeng.nixosModules.tprofile
      inputs.linyinfeng.nixosModules.tg-send
      inputs.linyinfeng.nixosModules.dot-tar
      inputs.linyinfeng.nixosModules.matrix-media-repo
      inputs.oranc.nixosModules.oranc
      inputs.ace-bot.nixosModules.ace-bot
      inputs.commit-notifier.nixosModules.commit-notifier
      inputs.lanzaboote.nixosModules.lanzaboote
      inputs.nix-topology.nixosModules.default
      inputs.run0-sudo-shim.nixosModules.default
      inputs.nix-cache-overlay.nixosModules.default
      inputs.tsukkomi.nixosModules.tsukkomi
      inputs.ncro.nixosModules.ncro

      {
        lib = {
          self = self.lib;
          nur = inputs.linyinfeng.lib;
        };
        home-manager = {
          sharedModules = commonHmModules;
          extraSpecialArgs = hmSpecialArgs;
        };
        system.configurationRevision = self.rev or null;
      }
    ]
    ++ lib.optional config.testingFlags.angrr inputs.angrr.nixosModules.angrr
    ++ lib.optional config.testingFlags.angrrNixpkgs (
      { modulesPath, ... }:
      {
        disabledModules = [ "${modulesPath}/services/misc/angrr.nix" ];
        imports = [ "${inputs.nixpkgs-angrr}/nixos/modules/services/misc/angrr.nix" ];
      }
    );

  commonHmModules = hmModules ++ [
    inputs.nixos-vscode-server.homeModules.default
    inputs.noctalia.homeModules.default
    inputs.system76-scheduler-niri.homeModules.default
    { lib.self = self.lib; }
  ];

  nixosSpecialArgs = {
    inherit inputs self;
    profiles = nixosProfiles;
    suites = nixosSuites;
  };

  hmSpecialArgs = {
    inherit inputs self;
    profiles = hmProfiles;
    suites = hmSuites;
  };

  mkHost =
    {
      name,
      configurationName ? name,
      nixpkgs ? inputs.nixpkgs,
      home-manager ? inputs.home-manager,
      system,
      forceFlakeNixpkgs ? true,
      extraModules ? [ ],
    }:
    {
      ${name} = nixpkgs.lib.nixosSystem {
        specialArgs = nixosSpecialArgs;
        modules =
          commonNixosModules
          ++ [ home-manager.nixosModules.home-manager ]
          ++ extraModules
          ++ lib.optional (configurationName != null) ../nixos/hosts/${configurationName}
          ++ [
            (
              { lib, ... }:
              {
                networking.hostName = lib.mkDefault name;
              }
            )
            (
              if forceFlakeNixpkgs then
                {
                  imports = [ nixpkgs.nixosModules.readOnlyPkgs ];
                  nixpkgs = {
                    inherit ((getSystem system).allModuleArgs) pkgs;
                  };
                }
              else
                {
                  # crossOverlays has not been supported by nixos module
                  nixpkgs = {
                    inherit ((getSystem system).nixpkgs) config overlays;
                  };
                }
            )
          ];
      };
    };

  # deadnix: skip
  mkHostAllSystems =
    { name }@args:
    lib.mkMerge (
      lib.lists.map (
        system:
        mkHost (
          args
          // {
            name = "${name}-${system}";
            configurationName = name;
            inherit system;
          }
        )
      ) config.systems
    );

  getHostToplevel =
    name: cfg:
    let
      inherit (cfg.pkgs.stdenv.buildPlatform) system;
    in
    {
      "${system}"."nixos/${name}" = cfg.config.system.build.toplevel;
    };
  hostToplevels = lib.foldr lib.recursiveUpdate { } (
    lib.mapAttrsToList getHostToplevel self.nixosConfigurations
  );

  # deadnix: skip
  mkReplaceModule =
    nixpkgs: module:
    { modulesPath, ... }:
    {
      disabledModules = [
        "${modulesPath}/${module}"
      ];
      imports = [
        "${nixpkgs}/nixos/modules/${module}"
      ];
    };
in
{
  passthru = {
    inherit
      nixosProfiles
      nixosModules
      nixosSuites
      hmProfiles
      hmModules
      hmSuites
      ;
  };

  flake.nixosConfigurations = lib.mkMerge [
    (mkHost {
      name = "parrot";
      system = "x86_64-linux";
      extraModules = with inputs.nixos-hardware.nixosModules; [
        common-pc
        common-pc-ssd
        common-cpu-amd
        common-cpu-amd-pstate
        common-gpu-amd
      ];
    })

    (mkHost {
      name = "xps8930";
      system = "x86_64-linux";
      extraModules = with inputs.nixos-hardware.nixosModules; [
        common-pc
        common-cpu-intel
        common-pc-ssd
      ];
    })

    (mkHost {
      name = "nuc";
      system = "x86_64-linux";
      extraModules = with inputs.nixos-hardware.nixosModules; [
        common-pc
        common-cpu-intel
        common-pc-ssd
      ];
    })

    # (mkHost {
    #   name = "sparrow";
    #   system = "aarch64-linux";
    #   extraModules = [
    #     inputs.kukui-nixos.nixosModules.default
    #     "${inputs.kukui-nixos}/profiles/disko.nix"
    #     (
    #       { ... }:
    #       {
    #         passthru.sparrow-installer = inputs.kukui-nixos.nixosConfigurations.installer.extendModules {
    #           modules = [
    #             {
    #               environment.etc."system-to-install/source".source = "${self}";
    #               environment.etc."system-to-install/toplevel".source =
    #                 self.nixosConfigurations.sparrow.config.system.build.toplevel;
    #               environment.etc."system-to-install/scripts/destroy-format-mount".source =
    #                 self.nixosConfigurations.sparrow.config.system.build.destroyFormatMount;
    #               environment.etc."system-to-install/scripts/mount".source =
    #                 self.nixosConfigurations.sparrow.config.system.build.mount;
    #               kukui.disko = {
    #                 diskName = "installer";
    #                 device = "/dev/sda"; # usb drive
    #               };
    #             }
    #           ];
    #         };
    #       }
    #     )
    #   ];
    # })

    # TODO broken
    # (mkHost {
    #   name = "enchilada";
    #   system = "aarch64-linux";
    #   forceFlakeNixpkgs = false;
    #   extraModules = import "${inputs.mobile-nixos}/modules/module-list.nix" ++ [
    #     "${inputs.mobile-nixos}/devices/oneplus-enchilada"
    #     (
    #       { ... }:
    #       {
    #         # mobile-nixos tests `config.nixpkgs.localSystem`
    #         nixpkgs.system = "aarch64-linux";
    #       }
    #     )
    #   ];
    # })

    (mkHost {
      name = "mtl0";
      system = "x86_64-linux";
    })
    # PLACEHOLDER new host
  ];

  perSystem =
    { pkgs, ... }:
    let
      aggregateSecretsTemplates =
        input:
        pkgs.runCommandLocal "aggregate-secrets-templates-${input}" { } ''
          mkdir -p $out
          ${lib.concatMapAttrsStringSep "\n" (
            hostName: cfg:
            let
              secretTemplate = pkgs.writeTextFile {
                name = "secret-template-${hostName}-${input}";
                text = cfg.config.sops.extractTemplates.${input};
              };
            in
            ''
              cp "${secretTemplate}" "$out/${hostName}.yq"
            ''
          ) self.nixosConfigurations}
        '';
    in
    {
      packages."host-names" = pkgs.writeTextFile {
        name = "host-names";
        text = lib.concatStrings (lib.map (h: "${h}\n") (lib.attrNames self.nixosConfigurations));
      };
      packages."secrets-templates/terraform" = aggregateSecretsTemplates "terraformOutput";
      packages."secrets-templates/predefined" = aggregateSecretsTemplates "predefined";
    };

  flake.checks = lib.recursiveUpdate hostToplevels {
    # TODO fix
    # "aarch64-linux" = {
    #   "android-boot-image/enchilada" = self.nixosConfigurations.enchilada.config.system.build.bootImage;
    #   "linux/enchilada" = self.nixosConfigurations.enchilada.config.boot.kernelPackages.kernel;
    # };
    "x86_64-linux" = {
      "linux/parrot" = self.nixosConfigurations.parrot.config.boot.kernelPackages.kernel;
    };
  };

  flake.libs.nixd =
    let
      dummySystem = "x86_64-linux";
      dummyPkgs = (getSystem dummySystem).allModuleArgs.pkgs;
    in
    {
      nixpkgs = dummyPkgs;
      nixosOptions =
        (mkHost {
          name = "nixd";
          configurationName = null;
          system = dummySystem;
        }).nixd.options;
      homeManagerOptions =
        (inputs.home-manager.lib.homeManagerConfiguration {
          pkgs = dummyPkgs;
          extraSpecialArgs = hmSpecialArgs // {
            osConfig = {
              system.stateVersion = self.lib.flakeStateVersion;
            };
          };
          modules = commonHmModules ++ [
            {
              home.username = "nixd";
              home.homeDirectory = "/home/nixd";
            }
          ];
        }).options;
    };
}

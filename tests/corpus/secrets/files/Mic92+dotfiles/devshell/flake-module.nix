{
  pkgs,
  lib,
  inputs',
  self,
  ...
}:
let
  inputs = self.inputs;

  treefmtEval = inputs.treefmt-nix.lib.evalModule pkgs {
    # Used to find the project root
    projectRootFile = ".git/config";

    programs.terraform.enable = true;
    programs.hclfmt.enable = true;
    programs.yamlfmt.enable = true;
    programs.actionlint.enable = true;
    programs.mypy.enable = true;
    programs.mypy.directories = {
      "machines/eva/modules/prometheus" = { };
      "openwrt" = { };
      "pkgs/claude-md" = { };
      "pkgs/merge-when-green" = { };
      "pkgs/systemctl" = { };
      "pkgs/rbw_pinentry" = {
        extraPythonPackages = with pkgs.python3.pkgs; [
          keyring
        ];
      };
      "nixosModules/niri/kwallet-tpm" = {
        extraPythonPackages = with pkgs.python3.pkgs; [
          dbus-python
        ];
      };
      "pkgs/calendar_bot" = {
        extraPythonPackages = with pkgs.python3.pkgs; [
          aiohttp
          mautrix
          asyncpg
          python-olm
          unpaddedbase64
          pycryptodome
          base58
        ];
      };
    };
    programs.deadnix.enable = true;

    # Keep transitive flake inputs deduplicated. `--no-lock` because the
    # formatting check runs inside the nix sandbox where `nix flake lock`
    # has no network; relock happens via the regular update workflow.
    settings.formatter.flake-edit = {
      command = pkgs.flake-edit;
      options = [
        "--non-interactive"
        "--no-lock"
        "follow"
      ];
      includes = [ "flake.nix" ];
    };

    programs.stylua.enable = true;
    programs.clang-format.enable = true;
    programs.deno.enable = true;
    # QML's `.pragma library` directive is not valid JS — deno can't
    # parse it. No QML-aware JS formatter exists, so just skip these.
    settings.formatter.deno.excludes = [
      "home/.config/noctalia/plugins/*/*.js"
      # Jinja2 templates use {% ... %} / {{ ... }} which deno fmt rejects.
      "pkgs/minihydra/src/minihydra/templates/*.html"
    ];
    programs.nixfmt.enable = true;
    programs.nixfmt.package = pkgs.nixfmt-rs;
    programs.shellcheck.enable = true;

    settings.formatter.shellcheck.options = [
      "--external-sources"
      "--source-path=SCRIPTDIR"
    ];

    programs.shfmt.enable = true;
    programs.rustfmt.enable = true;
    settings.formatter.shfmt.includes = [
      "*.envrc"
      "*.envrc.private-template"
      "*.bashrc"
      "*.bash_profile"
      "*.bashrc.load"
    ];

    programs.ruff.format = true;
    programs.ruff.check = true;

    settings.formatter.ruff-check.excludes = [
      "gdb/*"
      "zsh/*"
      "home/.config/qtile/*"
      "home/.emacs/*"
      # bug in ruff
      "home/.config/shell_gpt/functions/execute_shell.py"
    ];
    settings.formatter.ruff-format.excludes = [
      "gdb/*"
      "zsh/*"
    ];
    settings.formatter.shfmt.excludes = [
      "gdb/*"
      "zsh/*"
    ];
    settings.formatter.shellcheck.excludes = [
      "gdb/*"
      "zsh/*"
    ];

    settings.global.excludes = [
      "sops/*"
      "vars/*"
      "zsh/*"
      "home/.zsh-*"
      "home/.fast-syntax-highlighting"
      "home/.config/nixpkgs"
      "home/.gef-*"
      "terraform.tfstate"
      "*.tfvars.sops.json"
      "gdb/*"
      "*nixos-vars.json"
      "*/secrets.yaml"
      "*/secrets.yml"
      "machines/*/facts/*"
      "darwin/*/*.yml"
      "*/facter.json"
      # Written by noctalia-shell at runtime; keep its formatting so the
      # relink path unit doesn't churn the diff on every UI toggle.
      "home/.config/noctalia/plugins.json"
      "home/.config/noctalia/settings.json"
      "*.pub"
      "*.pem"
      "*.conf"
      "*.sieve"
      "*.patch"
      "*.zone"
      "*.lock"
      "*.age"
      "*.fish"
      "*.txt"
      "*.toml"
      "*.vim"
      "*.el"
      "*.config"
      "*.png"
      "*.jpg"
      "*.jpeg"
      "*.gif"
      "*.svg"
      "*.ico"
      "home/.gdbinit-gef.py"
      "home/.emacs.d/templates/*"
      "home/.doom.d/snippets/*"
      "*/secrets.enc.json"
      "*/lazy-lock.json"

      "*.gitignore"
      "*.gitmodules"
      "home-manager/modules/waybar.css"
      "home/.Xresources"
      "home/.agignore"
      "home/.config/autorandr/*"
      "home/.config/bat/*"
      "home/.config/dunst/dunstrc"
      "home/.config/foot/foot.ini"
      "home/.config/htop/htoprc"
      "home/.config/kanshi/config"
      "home/.config/nvim/treesitter-rev"
      "home/.config/river/init"
      "home/.config/rofi/*"
      "home/.dircolors.*"
      "home/.direnvrc"
      "home/.gdbinit"
      "home/.gef.rc"
      "home/.gemrc"
      "home/.gitattributes"
      "home/.gitconfig"
      "home/.gitignore"
      "home/.hgrc"
      "home/.irbrc"
      "home/.mbsyncrc"
      "home/.mpv/config"
      "home/.ncmpcpp/config"
      "home/.ncmpcpp/keys"
      "home/.parallel/will-cite"
      "home/.pryrc"
      "home/.psqlrc"
      "home/.radare2rc"
      "home/.ruby-agignore"
      "home/.spacemacs"
      "home/.tigrc"
      "home/.vimrc"
      "home/.xinitrc"
      "home/.zsh-termsupport"
      "home/.zshrc"
      "home/.fish-pure"
      "fish/*"
      "home/bin/*"
      "machines/eve/pkgs/logo.png"
      "machines/turingmachine/modules/vpn-il1-standard.ovpn"
      "machines/turingmachine/thermal-conf.xml.auto"
      "openwrt/Justfile"
      "openwrt/bin/nix-uci"
      "openwrt/setup.cfg"
    ];
  };
in
{
  # Definitions like this are entirely equivalent to the ones
  # you may have directly in flake.nix.
  devShells.default = pkgs.mkShellNoCC {
    nativeBuildInputs = [
      pkgs.python3.pkgs.invoke
      pkgs.python3.pkgs.deploykit
      inputs'.clan-core.default
      # FIXME: clan-app currently fails to build due to webview-nightly compilation issues
      # with the latest nixpkgs. Re-enable once the upstream issue is resolved.
      # inputs'.clan-core.clan-app
    ]
    ++ lib.optionals (!pkgs.stdenv.hostPlatform.isDarwin) [
      pkgs.bubblewrap
    ];
  };

  formatter = treefmtEval.config.build.wrapper;
  checks.formatting = treefmtEval.config.build.check self;
}

{
  config,
  inputs,
  lib,
  noughtyLib,
  pkgs,
  ...
}:
let
  aiSopsFile = ../../../../secrets + "/ai.yaml";
  bondSopsFile = ../../../../secrets + "/hermes-bond.yaml";
  hermesSopsFile = ../../../../secrets + "/hermes.yaml";
  agentsviewSopsFile = ../../../../secrets + "/agentsview.yaml";
  cloudflareSopsFile = ../../../../secrets + "/cloudflare.yaml";
  hasCloudflareSopsFile = builtins.pathExists cloudflareSopsFile;
  linearSopsFile = ../../../../secrets + "/linear.yaml";
  mcpSopsFile = ../../../../secrets + "/mcp.yaml";
  trayaSopsFile = ../../../../secrets + "/traya.yaml";
  claudePackage = inputs.llm-agents.packages.${pkgs.stdenv.hostPlatform.system}.claude-code;
  codexPackage = inputs.llm-agents.packages.${pkgs.stdenv.hostPlatform.system}.codex;
  agentBrowserPackage = inputs.llm-agents.packages.${pkgs.stdenv.hostPlatform.system}.agent-browser;
  agentsviewPackage = inputs.llm-agents.packages.${pkgs.stdenv.hostPlatform.system}.agentsview;
  agentsviewConfigPython = pkgs.python3.withPackages (pythonPackages: [ pythonPackages.tomlkit ]);
  # Determinate Nix CLI, matching the host-level installation, so agent shells
  # expose the same `nix` CLI rather than stock upstream nixpkgs Nix. The
  # `determinate` flake's `packages.default` is `determinate-nixd` (the daemon
  # helper); the actual `nix` CLI lives in its `nix` input.
  nixPackage = inputs.determinate.inputs.nix.packages.${pkgs.stdenv.hostPlatform.system}.default;
  inherit (config.noughty) host;
  hermesHome = "${config.services.hermes-agent.stateDir}/.hermes";
  hermesAgentsviewDataDir = "${config.services.hermes-agent.stateDir}/.agentsview";
  hermesAgentsviewConfigPath = "${hermesAgentsviewDataDir}/config.toml";
  hermesAgentsviewMachine = "${host.name}-hermes";
  hermesDashboardHost = "127.0.0.1";
  hermesDashboardPort = 9119;
  piperVoiceRevision = "7a6c333ec560f0e688371adc2fbb7bbe105028c6";
  piperVctkMediumModel = pkgs.fetchurl {
    url = "https://huggingface.co/rhasspy/piper-voices/resolve/${piperVoiceRevision}/en/en_GB/vctk/medium/en_GB-vctk-medium.onnx";
    hash = "sha256-Tp/IWrkAk4Uxn8a65/VVd/ii1+53/ZFZpVAOtlMfQeY=";
  };
  piperVctkMediumConfig = pkgs.fetchurl {
    url = "https://huggingface.co/rhasspy/piper-voices/resolve/${piperVoiceRevision}/en/en_GB/vctk/medium/en_GB-vctk-medium.onnx.json";
    hash = "sha256-f4XmOR7Q9/RuSr0ZNFkpoWvpMaDJlFCG+WaS3OIIf6g=";
  };
  piperVctkMediumVoice = pkgs.runCommand "piper-en_GB-vctk-medium-voice" { } ''
    mkdir -p "$out"
    ln -s ${piperVctkMediumModel} "$out/en_GB-vctk-medium.onnx"
    ln -s ${piperVctkMediumConfig} "$out/en_GB-vctk-medium.onnx.json"
  '';
  patchedOnnxruntimePythonPackage =
    pkgs.runCommand "python312-onnxruntime-execstack-cleared"
      {
        nativeBuildInputs = [ pkgs.pax-utils ];
      }
      ''
        cp -a --no-preserve=mode,ownership ${pkgs.python312Packages.onnxruntime} "$out"
        chmod -R u+w "$out"
        find "$out/${pkgs.python312.sitePackages}/onnxruntime/capi" -name "*.so" -print0 \
          | xargs -0 -r scanelf -X -e
      '';
  piperTtsPythonPackage = pkgs.python312Packages.toPythonModule (
    pkgs.callPackage "${inputs.nixpkgs}/pkgs/by-name/pi/piper-tts/package.nix" {
      python3Packages = pkgs.python312Packages;
      withAlignment = false;
      withHTTP = false;
      withTrain = false;
    }
  );
  piperPythonPath = lib.makeSearchPath pkgs.python312.sitePackages (
    [ patchedOnnxruntimePythonPackage ]
    ++ pkgs.python312Packages.requiredPythonModules [ piperTtsPythonPackage ]
  );
  managedHermesConfig =
    (pkgs.formats.yaml { }).generate "hermes-managed-config.yaml"
      config.services.hermes-agent.settings;
  # Hermes 0.10 started enforcing owner-only chmods in several Python code paths
  # such as auth.json and cron state. That breaks this deployment because the
  # service account and the interactive host user intentionally share one
  # managed HERMES_HOME via the hermes group.
  hermesTuyaPythonPackages = with pkgs.python3Packages; [
    tinytuya
    tuyaha
  ];
  hermesTuyaPythonPath = pkgs.python3Packages.makePythonPath hermesTuyaPythonPackages;
  hermesManagedPythonPath = pkgs.writeTextDir "sitecustomize.py" ''
    """Keep managed Hermes state group-accessible, patch Piper speaker selection, and patch doctor checks."""

    import builtins
    import os
    import shutil
    from pathlib import Path


    def _managed_mode_enabled() -> bool:
        return os.environ.get("HERMES_MANAGED", "").strip().lower() in {
            "1",
            "true",
            "yes",
            "nixos",
        }


    def _translate_managed_mode(path_like: os.PathLike[str] | str, mode: int) -> int:
        # Only rewrite chmod calls inside the managed Hermes state tree. This
        # leaves unrelated files alone while keeping shared state readable and
        # writable by both the service user and host users in the hermes group.
        hermes_home_raw = os.environ.get("HERMES_HOME", "").strip()
        if not hermes_home_raw or not _managed_mode_enabled():
            return mode

        hermes_home = Path(hermes_home_raw).resolve()
        candidate = Path(path_like).resolve()

        try:
          candidate.relative_to(hermes_home)
        except ValueError:
          return mode

        if mode == 0o600:
          return 0o660

        if mode == 0o700:
          # Directories keep setgid so new files inherit the hermes group.
          return 0o2770 if candidate.is_dir() else 0o770

        return mode


    if _managed_mode_enabled():
        # Patch chmod at interpreter startup so upstream Python modules do not
        # need to know about this NixOS shared-state layout.
        _original_os_chmod = os.chmod
        _original_path_chmod = Path.chmod
        _original_import = builtins.__import__

        def _managed_os_chmod(path_like, mode, *args, **kwargs):
            return _original_os_chmod(
                path_like,
                _translate_managed_mode(path_like, mode),
                *args,
                **kwargs,
            )

        def _managed_path_chmod(self, mode, *args, **kwargs):
            return _original_path_chmod(
                self,
                _translate_managed_mode(self, mode),
                *args,
                **kwargs,
            )

        def _managed_piper_speaker_id() -> int | None:
            value = os.environ.get("HERMES_PIPER_SPEAKER_ID", "").strip()
            if not value:
                return None

            try:
                return int(value)
            except ValueError:
                return None

        def _patch_piper_module(module) -> None:
            if getattr(module, "_noughty_piper_patch_applied", False):
                return

            speaker_id = _managed_piper_speaker_id()
            if speaker_id is None:
                return

            original_synthesis_config = getattr(module, "SynthesisConfig", None)
            if original_synthesis_config is None:
                return

            class ManagedSynthesisConfig(original_synthesis_config):
                def __init__(self, *args, **kwargs):
                    if kwargs.get("speaker_id") in (None, ""):
                        kwargs["speaker_id"] = speaker_id
                    super().__init__(*args, **kwargs)

            module.SynthesisConfig = ManagedSynthesisConfig
            try:
                module.config.SynthesisConfig = ManagedSynthesisConfig
            except AttributeError:
                pass

            try:
                module.voice._DEFAULT_SYNTHESIS_CONFIG.speaker_id = speaker_id
            except AttributeError:
                pass

            module._noughty_piper_patch_applied = True

        def _patch_doctor_module(module) -> None:
            if getattr(module, "_noughty_doctor_patch_applied", False):
                return

            original_run_doctor = getattr(module, "run_doctor", None)
            if original_run_doctor is None:
                return

            def _patched_run_doctor(args):
                original_exists = Path.exists

                def _doctor_exists(self):
                    # Hermes doctor assumes agent-browser lives under the
                    # packaged project root's node_modules tree. In this NixOS
                    # deployment it is provided as a separate package on PATH.
                    probe = module.PROJECT_ROOT / "node_modules" / "agent-browser"
                    resolved = shutil.which("agent-browser")
                    if self == probe and resolved:
                        return True
                    return original_exists(self)

                Path.exists = _doctor_exists
                try:
                    return original_run_doctor(args)
                finally:
                    Path.exists = original_exists

            module.run_doctor = _patched_run_doctor
            module._noughty_doctor_patch_applied = True

        def _managed_import(name, globals=None, locals=None, fromlist=(), level=0):
            module = _original_import(name, globals, locals, fromlist, level)

            if name == "piper":
                _patch_piper_module(module)
            elif name == "hermes_cli.doctor":
                _patch_doctor_module(module)
                builtins.__import__ = _original_import
            elif name == "hermes_cli" and fromlist and "doctor" in fromlist:
                doctor_module = getattr(module, "doctor", None)
                if doctor_module is not None:
                    _patch_doctor_module(doctor_module)
                    builtins.__import__ = _original_import

            return module

        os.chmod = _managed_os_chmod
        Path.chmod = _managed_path_chmod
        builtins.__import__ = _managed_import
  '';
  # v2026.5.16 dropped messaging SDKs (python-telegram-bot, discord.py,
  # slack-bolt, …) and local voice packages (faster-whisper, sounddevice,
  # numpy) from the default install in favour of a runtime lazy-install path.
  # That path cannot write into the sealed /nix/store venv, so opt the SDKs
  # back in declaratively via the upstream module's extraDependencyGroups
  # override (uv resolves them at build time).
  upstreamHermesAgentPackage = pkgs.hermesAgent.override {
    extraDependencyGroups = [
      "messaging"
      "voice"
    ];
  };
  hermesAgentPackage = pkgs.symlinkJoin {
    name = "hermes-agent-host";
    paths = [ upstreamHermesAgentPackage ];
    nativeBuildInputs = [ pkgs.makeWrapper ];
    postBuild = ''
      # Wrap the upstream CLI so manual invocations use the managed state dir
      # and load the chmod shim above before Hermes imports its Python modules.
      # Also prepend the extra toolset here because services.hermes-agent.extraPackages
      # only affects the systemd unit, not host-side `hermes` invocations.
      for program in hermes hermes-agent hermes-acp; do
        if [ -x "$out/bin/$program" ]; then
          wrapProgram "$out/bin/$program" \
            --set-default HERMES_HOME "${hermesHome}" \
            --set-default GNUPGHOME "${hermesGnupgHome}" \
            --set-default TRAYA_SANCTUARY_DIR "/var/lib/hermes/workspace/trayas-sanctuary" \
            --set-default TRAYA_SANCTUARY_REPO "the-cauldron/trayas-sanctuary" \
            --prefix PATH : "${lib.makeBinPath hermesExtraPackages}" \
            --prefix PYTHONPATH : "${hermesManagedPythonPath}:${hermesTuyaPythonPath}:${piperPythonPath}" \
            --set-default HERMES_MANAGED "true" \
            --set-default HERMES_PIPER_SPEAKER_ID "11"
        fi
      done
    '';
  };
  hermesUser = config.services.hermes-agent.user;
  hermesGroup = config.services.hermes-agent.group;
  hermesAuthFile = "${hermesHome}/auth.json";
  himalayaConfigDir = "${config.services.hermes-agent.stateDir}/.config/himalaya";
  himalayaConfigPath = "${himalayaConfigDir}/config.toml";
  openhueConfigDir = "${config.services.hermes-agent.stateDir}/.openhue";
  openhueConfigPath = "${openhueConfigDir}/config.yaml";
  tinytuyaConfigDir = "${config.services.hermes-agent.stateDir}/.config/tinytuya";
  tinytuyaConfigPath = "${tinytuyaConfigDir}/tinytuya.json";
  hermesSshDir = "${config.services.hermes-agent.stateDir}/.ssh";
  hermesGnupgHome = "${config.services.hermes-agent.stateDir}/.gnupg";
  # GPG runtime config for Traya's keyring. Loopback pinentry guards against
  # any tool that later tries to prompt for a passphrase; the key itself is
  # generated with %no-protection so there is nothing to prompt for.
  hermesGpgConf = pkgs.writeText "hermes-gpg.conf" ''
    pinentry-mode loopback
  '';
  hermesGpgAgentConf = pkgs.writeText "hermes-gpg-agent.conf" ''
    allow-loopback-pinentry
  '';
  hermesExtraPackages = with pkgs; [
    agentBrowserPackage
    bat
    bubblewrap
    bzip2
    claudePackage
    codexPackage
    nixPackage
    (curlMinimal.override { opensslSupport = true; })
    duf
    dua
    fd
    ffmpeg
    findutils
    fzf
    getent
    gh
    himalaya
    gitMinimal
    gnugrep
    gnupg
    gnused
    gnutar
    gzip
    inetutils
    jq
    just
    lsof
    ltrace
    lurk
    gawk
    nh
    nix-direnv
    nodejs-slim
    openhue-cli
    openssh
    poppler-utils
    piperTtsPythonPackage
    procps
    python3
    python3Packages.tinytuya
    rclone
    ripgrep
    rsync
    sd
    systemdMinimal
    tree
    unzip
    util-linux
    uv
    wget
    wrangler
    xz
    yq
  ];
  wrappedHermesBash = pkgs.runCommand "hermes-wrapped-bash" { } ''
    mkdir -p "$out/bin"

    cat > "$out/bin/bash" <<EOF
    #!${pkgs.bash}/bin/bash
    export PATH="$out/bin:${
      lib.makeBinPath (
        [
          pkgs.coreutils
          hermesAgentPackage
        ]
        ++ hermesExtraPackages
      )
    }"
    export GNUPGHOME=${hermesGnupgHome}
    export PYTHONPATH="${hermesManagedPythonPath}:${hermesTuyaPythonPath}:${piperPythonPath}:\''${PYTHONPATH-}"

    # Interactive CLI sandboxing: systemd hardening does not apply to host
    # shells, so we reuse bubblewrap to hide the same paths the gateway
    # service blocks. bwrap sets up a user namespace where the caller keeps
    # their real UID -- agents like claude-code refuse to run as root, so
    # unshare -r is not usable here -- and shadows each target with an
    # empty tmpfs visible only inside the sandbox. /run/current-system is a
    # symlink, so we shadow its resolved store path. The HERMES_SANDBOXED
    # guard stops recursive wrapping when an inner shell re-execs us.
    if [ -z "\''${HERMES_SANDBOXED-}" ] && [ -x ${pkgs.bubblewrap}/bin/bwrap ]; then
      export HERMES_SANDBOXED=1
      _hermes_current_system=\$(${pkgs.coreutils}/bin/readlink -f /run/current-system 2>/dev/null || true)
      _hermes_booted_system=\$(${pkgs.coreutils}/bin/readlink -f /run/booted-system 2>/dev/null || true)
      _hermes_extra_shadow=()
      if [ -n "\$_hermes_current_system" ] && [ -d "\$_hermes_current_system" ]; then
        _hermes_extra_shadow+=(--tmpfs "\$_hermes_current_system")
      fi
      if [ -n "\$_hermes_booted_system" ] && [ -d "\$_hermes_booted_system" ] \
        && [ "\$_hermes_booted_system" != "\$_hermes_current_system" ]; then
        _hermes_extra_shadow+=(--tmpfs "\$_hermes_booted_system")
      fi
      exec ${pkgs.bubblewrap}/bin/bwrap \
        --dev-bind / / \
        --tmpfs /mnt \
        --tmpfs /srv \
        "\''${_hermes_extra_shadow[@]}" \
        --die-with-parent \
        -- \
        ${pkgs.bash}/bin/bash --noprofile --norc "\$@"
    fi

    exec ${pkgs.bash}/bin/bash --noprofile --norc "\$@"
    EOF

    chmod 0555 "$out/bin/bash"
    ln -s bash "$out/bin/sh"
  '';
  username = config.noughty.user.name;
in
{
  imports = [
    ./catppuccin.nix
    inputs.hermes-agent.nixosModules.default
  ];

  config = lib.mkIf (noughtyLib.hostHasTag "hermes") {
    users.users.hermes.uid = 1984;
    users.users.hermes.packages = [
      wrappedHermesBash
      hermesAgentPackage
    ]
    ++ hermesExtraPackages;
    users.groups.hermes.gid = 1984;
    users.users.${username}.extraGroups = lib.mkAfter [ "hermes" ];

    # Nixpkgs wires systemd's ssh proxy fragment into /etc/ssh/ssh_config by
    # default, which makes OpenSSH fail strict-mode checks on the resolved
    # store path with "Bad owner or permissions on .../20-systemd-ssh-proxy.conf".
    # The proxy plugin only matters for machinectl/container SSH which Traya
    # never uses, so disable the Include entirely and let plain ssh-to-remote
    # work for the hermes service user. Tracked upstream at
    # https://github.com/NixOS/nixpkgs/pull/495610 but fix hasn't reached us yet.
    programs.ssh.systemd-ssh-proxy.enable = false;

    sops.secrets = {
      TELEGRAM_BOT_TOKEN = {
        sopsFile = hermesSopsFile;
        owner = "root";
        group = "root";
        mode = "0400";
      };

      TELEGRAM_ALLOWED_USERS = {
        sopsFile = hermesSopsFile;
        owner = "root";
        group = "root";
        mode = "0400";
      };

      WEBHOOK_SECRET = {
        sopsFile = hermesSopsFile;
        owner = "root";
        group = "root";
        mode = "0400";
      };

      HUE_BRIDGE_IP = {
        sopsFile = hermesSopsFile;
        owner = "root";
        group = "root";
        mode = "0400";
      };

      HUE_BRIDGE_APPLICATION_KEY = {
        sopsFile = hermesSopsFile;
        owner = "root";
        group = "root";
        mode = "0400";
      };

      TUYA_API_KEY = {
        sopsFile = hermesSopsFile;
        owner = "root";
        group = "root";
        mode = "0400";
      };

      TUYA_API_SECRET = {
        sopsFile = hermesSopsFile;
        owner = "root";
        group = "root";
        mode = "0400";
      };

      TUYA_API_REGION = {
        sopsFile = hermesSopsFile;
        owner = "root";
        group = "root";
        mode = "0400";
      };

      TUYA_API_DEVICE_ID = {
        sopsFile = hermesSopsFile;
        owner = "root";
        group = "root";
        mode = "0400";
      };

      CLOUDFLARE_TUNNEL_TOKEN_HERMES_WEBHOOK = lib.mkIf hasCloudflareSopsFile {
        sopsFile = cloudflareSopsFile;
        path = "/run/secrets/CLOUDFLARE_TUNNEL_TOKEN_HERMES_WEBHOOK";
        owner = "root";
        group = "root";
        mode = "0400";
      };

      BOND_MD = {
        sopsFile = bondSopsFile;
        owner = "root";
        group = "root";
        mode = "0400";
      };

      ANTHROPIC_API_KEY = {
        sopsFile = aiSopsFile;
        owner = "root";
        group = "root";
        mode = "0400";
      };

      CONTEXT7_API_KEY = {
        sopsFile = mcpSopsFile;
        owner = "root";
        group = "root";
        mode = "0400";
      };

      JINA_API_KEY = {
        sopsFile = mcpSopsFile;
        owner = "root";
        group = "root";
        mode = "0400";
      };

      LINEAR_API_KEY = {
        sopsFile = linearSopsFile;
        key = "wimpysworld";
        owner = "root";
        group = "root";
        mode = "0400";
      };

      GITHUB_TOKEN = {
        sopsFile = hermesSopsFile;
        owner = "root";
        group = "root";
        mode = "0400";
      };

      HERMES_AGENTSVIEW_PG_URL = {
        sopsFile = agentsviewSopsFile;
        key = "AGENTSVIEW_PG_URL";
        owner = "root";
        group = "root";
        mode = "0400";
      };

      EMAIL_ADDRESS = {
        sopsFile = trayaSopsFile;
        owner = "root";
        group = "root";
        mode = "0400";
      };

      EMAIL_PASSWORD = {
        sopsFile = trayaSopsFile;
        owner = hermesUser;
        group = hermesGroup;
        mode = "0440";
      };

      SSH_PRIVATE_KEY = {
        sopsFile = trayaSopsFile;
        owner = hermesUser;
        group = hermesGroup;
        mode = "0400";
      };

      SSH_PUBLIC_KEY = {
        sopsFile = trayaSopsFile;
        owner = hermesUser;
        group = hermesGroup;
        mode = "0444";
      };

      GPG_PRIVATE_KEY = {
        sopsFile = trayaSopsFile;
        owner = hermesUser;
        group = hermesGroup;
        mode = "0400";
      };

      GPG_PUBLIC_KEY = {
        sopsFile = trayaSopsFile;
        owner = hermesUser;
        group = hermesGroup;
        mode = "0444";
      };

      GPG_KEY_ID = {
        sopsFile = trayaSopsFile;
        owner = hermesUser;
        group = hermesGroup;
        mode = "0444";
      };
    };

    sops.templates."hermes-env" = {
      content = ''
        TELEGRAM_BOT_TOKEN=${config.sops.placeholder.TELEGRAM_BOT_TOKEN}
        TELEGRAM_ALLOWED_USERS=${config.sops.placeholder.TELEGRAM_ALLOWED_USERS}
        WEBHOOK_ENABLED=true
        WEBHOOK_PORT=8644
        WEBHOOK_SECRET=${config.sops.placeholder.WEBHOOK_SECRET}
        ANTHROPIC_API_KEY=${config.sops.placeholder.ANTHROPIC_API_KEY}
        CONTEXT7_API_KEY=${config.sops.placeholder.CONTEXT7_API_KEY}
        JINA_API_KEY=${config.sops.placeholder.JINA_API_KEY}
        LINEAR_API_KEY=${config.sops.placeholder.LINEAR_API_KEY}
        GH_TOKEN=${config.sops.placeholder.GITHUB_TOKEN}
        GITHUB_TOKEN=${config.sops.placeholder.GITHUB_TOKEN}
        TUYA_API_KEY=${config.sops.placeholder.TUYA_API_KEY}
        TUYA_API_SECRET=${config.sops.placeholder.TUYA_API_SECRET}
        TUYA_API_REGION=${config.sops.placeholder.TUYA_API_REGION}
        TUYA_API_DEVICE_ID=${config.sops.placeholder.TUYA_API_DEVICE_ID}
        _HERMES_FORCE_TELEGRAM_BOT_TOKEN=${config.sops.placeholder.TELEGRAM_BOT_TOKEN}
        _HERMES_FORCE_ANTHROPIC_API_KEY=${config.sops.placeholder.ANTHROPIC_API_KEY}
        _HERMES_FORCE_CONTEXT7_API_KEY=${config.sops.placeholder.CONTEXT7_API_KEY}
        _HERMES_FORCE_JINA_API_KEY=${config.sops.placeholder.JINA_API_KEY}
        _HERMES_FORCE_GH_TOKEN=${config.sops.placeholder.GITHUB_TOKEN}
        _HERMES_FORCE_GITHUB_TOKEN=${config.sops.placeholder.GITHUB_TOKEN}
      '';
      owner = "root";
      group = "root";
      mode = "0400";
    };

    sops.templates."hermes-agentsview-env" = {
      content = ''
        AGENTSVIEW_PG_URL=${config.sops.placeholder.HERMES_AGENTSVIEW_PG_URL}
        AGENTSVIEW_PG_SCHEMA=agentsview
        AGENTSVIEW_PG_MACHINE=${hermesAgentsviewMachine}
        AGENTSVIEW_DISABLE_UPDATE_CHECK=1
      '';
      owner = hermesUser;
      group = hermesGroup;
      mode = "0440";
    };

    sops.templates."hermes-soul" = {
      content = ''
        ${builtins.readFile ./traya-soul.md}
        ${config.sops.placeholder.BOND_MD}
      '';
      owner = "root";
      group = "root";
      mode = "0644";
    };

    sops.templates."hermes-gitconfig" = {
      content = ''
        [user]
            name = Traya
            email = traya@darth.cc
            signingkey = ${config.sops.placeholder.GPG_KEY_ID}

        [commit]
            gpgsign = true

        [tag]
            gpgsign = true

        [gpg]
            program = ${pkgs.gnupg}/bin/gpg2
      '';
      owner = hermesUser;
      group = hermesGroup;
      mode = "0440";
    };

    sops.templates."hermes-himalaya-config" = {
      content = ''
        display-name = "Traya"

        [accounts.fastmail]
        default = true
        email = "${config.sops.placeholder.EMAIL_ADDRESS}"
        display-name = "Traya"

        folder.aliases.inbox = "INBOX"
        folder.aliases.sent = "Sent"
        folder.aliases.drafts = "Drafts"
        folder.aliases.trash = "Trash"

        backend.type = "imap"
        backend.host = "imap.fastmail.com"
        backend.port = 993
        backend.encryption.type = "tls"
        backend.login = "${config.sops.placeholder.EMAIL_ADDRESS}"
        backend.auth.type = "password"
        backend.auth.cmd = "${pkgs.coreutils}/bin/cat ${config.sops.secrets.EMAIL_PASSWORD.path}"

        message.send.backend.type = "smtp"
        message.send.backend.host = "smtp.fastmail.com"
        message.send.backend.port = 465
        message.send.backend.encryption.type = "tls"
        message.send.backend.login = "${config.sops.placeholder.EMAIL_ADDRESS}"
        message.send.backend.auth.type = "password"
        message.send.backend.auth.cmd = "${pkgs.coreutils}/bin/cat ${config.sops.secrets.EMAIL_PASSWORD.path}"
      '';
      owner = hermesUser;
      group = hermesGroup;
      mode = "0440";
    };

    sops.templates."hermes-openhue-config" = {
      content = ''
        bridge: ${config.sops.placeholder.HUE_BRIDGE_IP}
        key: ${config.sops.placeholder.HUE_BRIDGE_APPLICATION_KEY}
      '';
      owner = hermesUser;
      group = hermesGroup;
      mode = "0440";
    };

    sops.templates."hermes-tinytuya-config" = {
      content = builtins.toJSON {
        apiDeviceID = config.sops.placeholder.TUYA_API_DEVICE_ID;
        apiKey = config.sops.placeholder.TUYA_API_KEY;
        apiRegion = config.sops.placeholder.TUYA_API_REGION;
        apiSecret = config.sops.placeholder.TUYA_API_SECRET;
      };
      owner = hermesUser;
      group = hermesGroup;
      mode = "0440";
    };

    services.hermes-agent = {
      enable = true;
      addToSystemPackages = true;
      package = hermesAgentPackage;
      environment = {
        GNUPGHOME = hermesGnupgHome;
        HERMES_PIPER_SPEAKER_ID = "11";
        PYTHONPATH = "${hermesManagedPythonPath}:${hermesTuyaPythonPath}:${piperPythonPath}";
        TELEGRAM_HOME_CHANNEL = "-1003933927882";
      };
      extraPackages = [
        wrappedHermesBash
        hermesAgentPackage
      ]
      ++ hermesExtraPackages;
      mcpServers = {
        exa = {
          url = "https://mcp.exa.ai/mcp";
        };
        context7 = {
          url = "https://mcp.context7.com/mcp";
          headers = {
            Authorization = "Bearer \${CONTEXT7_API_KEY}";
          };
        };
        linear = {
          url = "https://mcp.linear.app/mcp";
          headers = {
            Authorization = "Bearer \${LINEAR_API_KEY}";
          };
        };
        nixos = {
          command = "${pkgs.mcp-nixos}/bin/mcp-nixos";
          args = [ ];
        };
        openhue = {
          command = "${pkgs.openhue-cli}/bin/openhue";
          args = [ "mcp" ];
          env = {
            HOME = config.services.hermes-agent.stateDir;
          };
        };
      };

      # Upstream seeds these ${hermesHome}/.env.
      environmentFiles = [ config.sops.templates."hermes-env".path ];

      settings = {
        platforms = {
          webhook = {
            enabled = true;
            extra = {
              host = "127.0.0.1";
              port = 8644;
              secret = "\${WEBHOOK_SECRET}";
              routes = { };
            };
          };
        };

        model = {
          default = "gpt-5.6-sol";
          provider = "openai-codex";
        };

        agent.reasoning_effort = "medium";

        terminal = {
          backend = "local";
          cwd = "/var/lib/hermes/workspace";
          timeout = 180;
          persistent_shell = true;
          env_passthrough = [
            "TERM"
            "COLORTERM"
          ];
        };

        delegation = {
          provider = "openai-codex";
          model = "gpt-5.6-sol";
          reasoning_effort = "high";
        };

        auxiliary = {
          approval = {
            provider = "openai-codex";
            model = "gpt-5.6-luna";
            reasoning_effort = "xhigh";
            timeout = 30;
          };
          session_search = {
            provider = "openai-codex";
            model = "gpt-5.6-luna";
            reasoning_effort = "xhigh";
            timeout = 30;
            max_concurrency = 2;
          };
          skills_hub = {
            provider = "openai-codex";
            model = "gpt-5.6-luna";
            reasoning_effort = "xhigh";
            timeout = 30;
          };
          mcp = {
            provider = "openai-codex";
            model = "gpt-5.6-terra";
            reasoning_effort = "high";
            timeout = 30;
          };
          web_extract = {
            provider = "openai-codex";
            model = "gpt-5.6-luna";
            reasoning_effort = "xhigh";
            timeout = 30;
          };
          title_generation = {
            provider = "openai-codex";
            model = "gpt-5.6-luna";
            reasoning_effort = "xhigh";
            timeout = 30;
          };
        };

        stt = {
          enabled = true;
          provider = "local";
          local = {
            model = "base";
          };
        };

        tts = {
          provider = "piper";
          piper = {
            voice = "${piperVctkMediumVoice}/en_GB-vctk-medium.onnx";
            voices_dir = "${piperVctkMediumVoice}";
            speaker_id = 11;
            length_scale = 1.1315;
            noise_scale = 0.435;
            noise_w_scale = 0.815;
            use_cuda = false;
            normalize_audio = true;
          };
        };

        memory = {
          memory_enabled = true;
          user_profile_enabled = true;
          provider = "holographic";
        };

        # Full autonomous operation: skip all approval prompts for commands
        # flagged as "dangerous" by upstream pattern matching. The service
        # already runs under systemd hardening (ProtectHome, InaccessiblePaths)
        # and interactive host shells are wrapped with bubblewrap, so the
        # prompt-level guard is redundant and blocks headless gateway use.
        approvals = {
          mode = "off";
          cron_mode = "approve";
        };

        # The bundled google_chat-platform plugin auto-loads and fails because
        # google_chat is not a valid Platform here, so deny-list it to silence
        # the startup error.
        plugins.disabled = [ "google_chat-platform" ];
      };
    };

    # Upstream does not expose the dashboard through the NixOS module. Start it
    # separately so the CLI-managed web server can stay bound to localhost.
    systemd.services.hermes-agent-dashboard = {
      description = "Hermes Agent Web Dashboard";
      wantedBy = [ "multi-user.target" ];
      wants = [ "network-online.target" ];
      after = [
        "network-online.target"
        "hermes-agent.service"
      ];
      environment = {
        GNUPGHOME = hermesGnupgHome;
        HERMES_HOME = hermesHome;
        HERMES_MANAGED = "true";
        HOME = config.services.hermes-agent.stateDir;
      };
      path = [
        wrappedHermesBash
        hermesAgentPackage
      ]
      ++ hermesExtraPackages;
      serviceConfig = {
        User = hermesUser;
        Group = hermesGroup;
        WorkingDirectory = "/var/lib/hermes/workspace";
        ExecStart = "${hermesAgentPackage}/bin/hermes dashboard --host ${hermesDashboardHost} --port ${toString hermesDashboardPort} --no-open";
        Restart = "always";
        RestartSec = 5;
        UMask = "0007";
        NoNewPrivileges = true;
        ProtectSystem = "strict";
        ProtectHome = true;
        PrivateTmp = true;
        ReadWritePaths = [
          config.services.hermes-agent.stateDir
          "/var/lib/hermes/workspace"
        ];
      };
    };

    systemd.services.hermes-agentsview-pg-push = {
      description = "Push Hermes AgentsView data to PostgreSQL";
      after = [
        "network-online.target"
        "postgresql.service"
      ];
      wants = [
        "network-online.target"
        "postgresql.service"
      ];
      environment = {
        AGENTSVIEW_DATA_DIR = hermesAgentsviewDataDir;
        HERMES_SESSIONS_DIR = "${hermesHome}/sessions";
        HOME = config.services.hermes-agent.stateDir;
      };
      serviceConfig = {
        Type = "exec";
        User = hermesUser;
        Group = hermesGroup;
        WorkingDirectory = config.services.hermes-agent.stateDir;
        EnvironmentFile = config.sops.templates."hermes-agentsview-env".path;
        ExecStart = "${agentsviewPackage}/bin/agentsview pg push";
        UMask = "0007";
        NoNewPrivileges = true;
        PrivateTmp = true;
        ProtectSystem = "strict";
        ProtectHome = true;
        ReadWritePaths = [ config.services.hermes-agent.stateDir ];
        RestrictAddressFamilies = [
          "AF_INET"
          "AF_INET6"
          "AF_UNIX"
        ];
      };
    };

    systemd.timers.hermes-agentsview-pg-push = {
      description = "Push Hermes AgentsView data to PostgreSQL on a schedule";
      wantedBy = [ "timers.target" ];
      timerConfig = {
        OnBootSec = "7m";
        OnUnitActiveSec = "15m";
        RandomizedDelaySec = "2m";
        Persistent = true;
        Unit = "hermes-agentsview-pg-push.service";
      };
    };

    services.caddy.virtualHosts."${config.noughty.host.name}.${config.noughty.network.tailNet}".extraConfig =
      lib.mkIf (config.services.caddy.enable && config.services.tailscale.enable) ''
        @hermesDashboard not path /agentsview* /syncthing* /novnc* /socket /uploads*
        reverse_proxy @hermesDashboard ${hermesDashboardHost}:${toString hermesDashboardPort} {
          header_up Host ${hermesDashboardHost}:${toString hermesDashboardPort}
        }
      '';

    systemd.services.hermes-agent.path = lib.mkBefore [ wrappedHermesBash ];
    systemd.services.hermes-agent.serviceConfig.ProtectHome = lib.mkForce true;
    # Keep service-created files group-accessible so the host user can inspect
    # and reuse shared state without fighting the upstream default umask.
    systemd.services.hermes-agent.serviceConfig.UMask = lib.mkForce "0007";
    # Hide host-sensitive trees from the service and any processes it spawns.
    # InaccessiblePaths makes the target appear as an empty, immutable mount
    # inside the service's mount namespace, so shell tools (ls, cat, find,
    # rclone, rsync, etc.) cannot list or read them.
    systemd.services.hermes-agent.serviceConfig.InaccessiblePaths = [
      "/mnt"
      "/srv"
      "/run/current-system"
      "/run/booted-system"
    ];
    # The upstream unit injects the deprecated MESSAGING_CWD environment
    # variable on every start, which logs a deprecation warning. The canonical
    # replacement, settings.terminal.cwd, is already set, so unset the variable.
    systemd.services.hermes-agent.environment.MESSAGING_CWD = lib.mkForce null;
    # The app drains for up to 180s on shutdown, but the upstream unit ships
    # TimeoutStopSec=10s, so systemd SIGKILLs the gateway mid-drain and it
    # exits non-zero. 210s matches the app's expected minimum stop timeout.
    systemd.services.hermes-agent.serviceConfig.TimeoutStopSec = lib.mkForce "210s";

    system.activationScripts.hermes-agent-managed-config = lib.stringAfter [ "hermes-agent-setup" ] ''
      # The upstream NixOS module deep-merges settings into mutable config.yaml.
      # Revan's Hermes config is Nix-managed, so replace the whole file after
      # that merge to prevent stale providers and retired settings lingering.
      install -m 0640 -o ${hermesUser} -g ${hermesGroup} ${managedHermesConfig} ${hermesHome}/config.yaml
    '';

    system.activationScripts.hermes-agent-soul = lib.stringAfter [ "hermes-agent-setup" ] ''
      # Deploy this after Hermes creates its state directory and sops-nix
      # renders the template. A tmpfiles rule can run before either exists.
      ln -sTf ${config.sops.templates."hermes-soul".path} ${hermesHome}/SOUL.md
    '';

    system.activationScripts.hermes-agentsview-config = lib.stringAfter [ "hermes-agent-setup" ] ''
      ${agentsviewConfigPython}/bin/python - <<'PY'
      import pathlib
      import tomlkit

      path = pathlib.Path("${hermesAgentsviewConfigPath}")
      path.parent.mkdir(mode=0o750, parents=True, exist_ok=True)

      if path.exists() and path.is_file():
          document = tomlkit.parse(path.read_text(encoding="utf-8"))
      else:
          document = tomlkit.document()

      pg = document.get("pg")
      if pg is None or not hasattr(pg, "__setitem__"):
          pg = tomlkit.table()
          document["pg"] = pg

      pg["schema"] = "agentsview"
      pg["machine_name"] = "${hermesAgentsviewMachine}"
      pg["allow_insecure"] = True

      tmp = path.with_name(f"{path.name}.tmp")
      tmp.write_text(tomlkit.dumps(document), encoding="utf-8")
      tmp.chmod(0o640)
      tmp.replace(path)
      PY

      chown -R ${hermesUser}:${hermesGroup} ${hermesAgentsviewDataDir}
      chmod 0750 ${hermesAgentsviewDataDir}
      chmod 0640 ${hermesAgentsviewConfigPath}
    '';

    systemd.services.cloudflared-hermes = lib.mkIf hasCloudflareSopsFile {
      description = "Cloudflare Tunnel connector for Hermes webhooks";
      after = [ "network-online.target" ];
      wants = [ "network-online.target" ];
      wantedBy = [ "multi-user.target" ];
      serviceConfig = {
        Type = "simple";
        ExecStart = lib.concatStringsSep " " [
          (lib.getExe pkgs.cloudflared)
          "tunnel"
          "--no-autoupdate"
          "run"
          "--token-file"
          config.sops.secrets.CLOUDFLARE_TUNNEL_TOKEN_HERMES_WEBHOOK.path
        ];
        Restart = lib.mkDefault "always";
        RestartSec = lib.mkDefault 5;
        User = lib.mkDefault "root";
        Group = lib.mkDefault "root";

        # Restrict the connector to outbound access and secret reads.
        NoNewPrivileges = true;
        PrivateTmp = true;
        ProtectSystem = "strict";
        ProtectHome = true;
        ProtectControlGroups = true;
        ProtectKernelLogs = true;
        ProtectKernelModules = true;
        ProtectKernelTunables = true;
        RestrictAddressFamilies = [
          "AF_INET"
          "AF_INET6"
          "AF_UNIX"
        ];
      };
    };

    # Create a dedicated remotely-managed Hermes tunnel in Cloudflare, then
    # encrypt its connector token into secrets/cloudflare.yaml as
    # CLOUDFLARE_TUNNEL_TOKEN_HERMES. Configure the published application in
    # Cloudflare to route the chosen webhook hostname to http://127.0.0.1:8644.

    systemd.tmpfiles.rules = lib.mkAfter [
      "d ${config.services.hermes-agent.stateDir}/.config 2750 ${hermesUser} ${hermesGroup} - -"
      "d ${himalayaConfigDir} 2750 ${hermesUser} ${hermesGroup} - -"
      "d ${tinytuyaConfigDir} 2750 ${hermesUser} ${hermesGroup} - -"
      "d ${hermesSshDir} 0700 ${hermesUser} ${hermesGroup} - -"
      "d ${hermesGnupgHome} 0700 ${hermesUser} ${hermesGroup} - -"
      "d ${hermesAgentsviewDataDir} 0750 ${hermesUser} ${hermesGroup} - -"
      "d ${hermesHome}/skills 2770 ${hermesUser} ${hermesGroup} - -"
      "d ${hermesHome}/skills/traya 2770 ${hermesUser} ${hermesGroup} - -"
      "d ${openhueConfigDir} 2770 ${hermesUser} ${hermesGroup} - -"
      "L+ ${himalayaConfigPath} - - - - ${config.sops.templates."hermes-himalaya-config".path}"
      "L+ ${tinytuyaConfigPath} - - - - ${config.sops.templates."hermes-tinytuya-config".path}"
      "L+ ${openhueConfigPath} - - - - ${config.sops.templates."hermes-openhue-config".path}"
      "L+ ${hermesSshDir}/id_ed25519 - - - - ${config.sops.secrets.SSH_PRIVATE_KEY.path}"
      "L+ ${hermesSshDir}/id_ed25519.pub - - - - ${config.sops.secrets.SSH_PUBLIC_KEY.path}"
      "L+ ${hermesGnupgHome}/gpg.conf - - - - ${hermesGpgConf}"
      "L+ ${hermesGnupgHome}/gpg-agent.conf - - - - ${hermesGpgAgentConf}"
      "L+ ${config.services.hermes-agent.stateDir}/.gitconfig - - - - ${
        config.sops.templates."hermes-gitconfig".path
      }"
    ];

    system.activationScripts.hermes-agent-skills-permissions =
      lib.stringAfter [ "hermes-agent-setup" ]
        ''
          # Repair permissions after activation because Hermes can rewrite some
          # runtime files with owner-only modes during normal CLI or service use.
          for sharedDir in \
            ${hermesHome}/cron \
            ${hermesHome}/logs \
            ${hermesHome}/memories \
            ${hermesHome}/sessions \
            ${hermesHome}/skills
          do
            mkdir -p "$sharedDir"
            chown ${hermesUser}:${hermesGroup} "$sharedDir"
            chmod 2770 "$sharedDir"

            find "$sharedDir" -type d \
              -exec chown ${hermesUser}:${hermesGroup} {} + \
              -exec chmod 2770 {} + 2>/dev/null || true

            find "$sharedDir" -type f \
              -exec chown ${hermesUser}:${hermesGroup} {} + \
              -exec chmod 0660 {} + 2>/dev/null || true
          done

          for sharedFile in \
            ${hermesHome}/.env \
            ${hermesHome}/config.yaml
          do
            if [ -f "$sharedFile" ]; then
              chown ${hermesUser}:${hermesGroup} "$sharedFile"
              chmod 0640 "$sharedFile"
            fi
          done

          if [ -f ${hermesAuthFile} ]; then
            # Interactive CLI use can rewrite auth.json with a different owner.
            # Keep it group-writable so the service and host user share auth
            # state and token refreshes do not lock each other out.
            chown ${hermesUser}:${hermesGroup} ${hermesAuthFile}
            chmod 0660 ${hermesAuthFile}
          fi
        '';

    system.activationScripts.hermes-agent-gpg-import =
      lib.stringAfter [ "hermes-agent-setup" "specialfs" ]
        ''
          # Import Traya's GPG key into the hermes user's keyring so git commit
          # signing and encryption work without per-session setup. Idempotent:
          # gpg silently ignores already-imported keys. Ultimate trust so the
          # key signs without warnings. gpg.conf and gpg-agent.conf are
          # provisioned via tmpfiles symlinks into the Nix store.
          if [ -f ${config.sops.secrets.GPG_PRIVATE_KEY.path} ] \
             && [ -f ${config.sops.secrets.GPG_KEY_ID.path} ]; then
            install -d -m 0700 -o ${hermesUser} -g ${hermesGroup} ${hermesGnupgHome}

            ${pkgs.util-linux}/bin/runuser -u ${hermesUser} -- \
              env GNUPGHOME=${hermesGnupgHome} \
              ${pkgs.gnupg}/bin/gpg --batch --quiet --import \
              ${config.sops.secrets.GPG_PRIVATE_KEY.path} || true

            fpr=$(${pkgs.coreutils}/bin/cat ${config.sops.secrets.GPG_KEY_ID.path})
            if [ -n "$fpr" ]; then
              ${pkgs.util-linux}/bin/runuser -u ${hermesUser} -- \
                env GNUPGHOME=${hermesGnupgHome} \
                ${pkgs.bash}/bin/bash -c "echo \"$fpr:6:\" | ${pkgs.gnupg}/bin/gpg --batch --import-ownertrust" || true
            fi
          fi
        '';
  };
}

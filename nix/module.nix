# services.nixbtw-audit: run the read-only audit on a timer, keep every report under outDir,
# and optionally export node_exporter textfile metrics. See the README, section "The nightly timer".
{ config, lib, pkgs, utils, ... }:

let
  cfg = config.services.nixbtw-audit;
  inherit (lib) mkEnableOption mkIf mkOption optional optionals types;
  defaultOutDir = "/var/lib/nixbtw-audit";
  promFile = "${cfg.prometheus.textfileDir}/nixbtw-audit.prom";
  args =
    [ "--out-dir" cfg.outDir "--quiet" ]
    ++ optionals (cfg.failOn != null) [ "--fail-on" cfg.failOn ]
    ++ optionals (cfg.configFile != null) [ "--config" "${cfg.configFile}" ]
    ++ optionals (cfg.prometheus.textfileDir != null) [ "--prometheus" promFile ]
    ++ cfg.extraArgs;
in
{
  options.services.nixbtw-audit = {
    enable = mkEnableOption "a scheduled, read-only nixbtw-audit of this host";

    package = mkOption {
      type = types.package;
      default = pkgs.callPackage ./package.nix { };
      defaultText = lib.literalMD "nixbtw-audit built from this flake";
      description = "The nixbtw-audit package to run.";
    };

    schedule = mkOption {
      type = types.str;
      default = "daily";
      example = "*-*-* 03:30:00";
      description = "When to audit: a systemd OnCalendar expression (systemd.time(7)).";
    };

    randomizedDelaySec = mkOption {
      type = types.str;
      default = "1h";
      description = ''
        Random delay added to each run (RandomizedDelaySec), so a fleet does not audit, and
        hit its shared storage, at the same second.
      '';
    };

    outDir = mkOption {
      type = types.str;
      default = defaultOutDir;
      description = ''
        Output directory. Reports land under docs/local/audits/nixos-btw/ inside it, one
        markdown file and its JSON per run; the previous JSON is what the next run compares with.
      '';
    };

    failOn = mkOption {
      type = types.nullOr (types.enum [ "P0" "P1" "P2" "P3" ]);
      default = null;
      example = "P1";
      description = ''
        Exit 1 (and so mark nixbtw-audit.service failed) when a finding of this priority or
        higher is raised. Leave null to let only write errors fail the unit.
      '';
    };

    configFile = mkOption {
      type = types.nullOr types.path;
      default = null;
      description = "TOML configuration: thresholds, priority overrides, suppressions.";
    };

    extraArgs = mkOption {
      type = types.listOf types.str;
      default = [ ];
      example = [ "--timeout" "120" "--skip" "journal" ];
      description = "Further command-line arguments.";
    };

    prometheus.textfileDir = mkOption {
      type = types.nullOr types.str;
      default = null;
      example = "/var/lib/prometheus-node-exporter-text-files";
      description = ''
        node_exporter textfile collector directory. When set, each run writes
        nixbtw-audit.prom there (atomically). Enable the collector with
        services.prometheus.exporters.node.enabledCollectors = [ "textfile" ] and
        extraFlags = [ "--collector.textfile.directory=<this directory>" ].
      '';
    };
  };

  config = mkIf cfg.enable {
    # Create the output and textfile directories when missing; never change existing ones
    # (node_exporter may own its directory).
    systemd.tmpfiles.rules =
      optional (cfg.outDir != defaultOutDir) "d ${cfg.outDir} 0750 root root -"
      ++ optional (cfg.prometheus.textfileDir != null) "d ${cfg.prometheus.textfileDir} 0755 root root -";

    systemd.services.nixbtw-audit = {
      description = "nixbtw-audit: read-only audit of this NixOS host";
      documentation = [ "man:systemd.exec(5)" ];
      after = [ "local-fs.target" "nix-daemon.socket" ];
      # nix --version, systemctl and journalctl are read by the probes.
      path = [ config.nix.package config.systemd.package ];
      serviceConfig = {
        Type = "oneshot";
        ExecStart = utils.escapeSystemdExecArgs ([ (lib.getExe cfg.package) ] ++ args);
        WorkingDirectory = cfg.outDir;

        # Runs as root, because the audit must read what only root can: the Nix DB
        # (/nix/var/nix/db), every user's GC roots and profiles, /etc/nixos, the journal and the
        # systemd manager. Everything below takes away what root could otherwise do.

        # Reading other users' files (result links in homes) is all root needs beyond its
        # own files: keep CAP_DAC_READ_SEARCH, drop every other capability (no chown, no
        # override of write permissions, no mounts, no raw network).
        CapabilityBoundingSet = [ "CAP_DAC_READ_SEARCH" ];
        AmbientCapabilities = [ ];
        # Nothing the audit runs (nix, systemctl, journalctl) may gain privileges via setuid.
        NoNewPrivileges = true;
        # The whole file system is read-only (/nix, /etc, /boot, /var, /run included): the
        # audit cannot change the host even by accident; opening the Nix DB read-only cannot
        # leave -wal/-shm files behind.
        ProtectSystem = "strict";
        # Homes are readable (GC roots, per-user profiles live there) but not writable.
        ProtectHome = "read-only";
        # ... except the report directory (StateDirectory, under /var/lib) and the textfile dir.
        StateDirectory = "nixbtw-audit";
        StateDirectoryMode = "0750";
        ReadWritePaths = [ cfg.outDir ] ++ optional (cfg.prometheus.textfileDir != null) cfg.prometheus.textfileDir;
        # Temporary files stay private and vanish with the run.
        PrivateTmp = true;
        # No device nodes: the audit reads files, never disks or /dev/kmsg.
        PrivateDevices = true;
        # No network at all: the audit never downloads or reports anywhere; systemctl and
        # journald are reached through Unix sockets on the file system, which still work.
        PrivateNetwork = true;
        RestrictAddressFamilies = [ "AF_UNIX" ];
        # Kernel settings, modules, logs, clock, hostname and cgroups stay untouchable.
        ProtectKernelTunables = true;
        ProtectKernelModules = true;
        ProtectKernelLogs = true;
        ProtectControlGroups = true;
        ProtectClock = true;
        ProtectHostname = true;
        # Other users' processes are invisible in /proc (the audit reads only its own).
        ProtectProc = "invisible";
        # No namespaces, realtime scheduling, setuid files, writable-executable memory, or
        # foreign-architecture syscalls: nothing the audit needs, all useful to an exploit.
        RestrictNamespaces = true;
        RestrictRealtime = true;
        RestrictSUIDSGID = true;
        LockPersonality = true;
        MemoryDenyWriteExecute = true;
        SystemCallArchitectures = "native";
        SystemCallFilter = [ "@system-service" "~@privileged @resources" ];
        # The audit sets its own modes: reports 0600 in 0700 directories, the metrics textfile
        # 0644 so node_exporter (another user) can read it.
        UMask = "0022";
        # A nightly job must not compete with the host's real work.
        Nice = 19;
        IOSchedulingClass = "idle";
        # Every probe has its own timeout (--timeout); this bounds the whole run.
        TimeoutStartSec = "30min";
      };
    };

    systemd.timers.nixbtw-audit = {
      description = "Run nixbtw-audit on a schedule";
      wantedBy = [ "timers.target" ];
      timerConfig = {
        OnCalendar = cfg.schedule;
        # A host that was off at the scheduled time audits at the next boot.
        Persistent = true;
        RandomizedDelaySec = cfg.randomizedDelaySec;
      };
    };
  };
}

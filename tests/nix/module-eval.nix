# Evaluates nix/module.nix against a stub of nixpkgs' lib (no nixpkgs needed): checks that the
# module's config expression evaluates and yields the expected unit settings.
{ module, textfileDir, failOn }:
let
  lib = rec {
    mkOption = o: o;
    mkEnableOption = d: { description = d; };
    mkIf = c: v: if c then v else { };
    optional = c: x: if c then [ x ] else [ ];
    optionals = c: l: if c then l else [ ];
    getExe = p: "${p.outPath}/bin/nixbtw-audit";
    literalMD = x: x;
    types = {
      str = "str"; path = "path"; package = "package";
      nullOr = t: "nullOr ${t}"; enum = l: "enum"; listOf = t: "listOf ${t}";
    };
  };
  cfg = {
    enable = true;
    package = { outPath = "/nix/store/00000000000000000000000000000000-nixbtw-audit"; };
    schedule = "daily";
    randomizedDelaySec = "1h";
    outDir = "/var/lib/nixbtw-audit";
    inherit failOn textfileDir;
    configFile = "/etc/nixbtw-audit.toml";
    extraArgs = [ "--timeout" "120" ];
    prometheus.textfileDir = textfileDir;
  };
  m = import module {
    inherit lib;
    config = {
      services.nixbtw-audit = cfg;
      nix.package = "/nix/store/11111111111111111111111111111111-nix";
      systemd.package = "/nix/store/22222222222222222222222222222222-systemd";
    };
    pkgs = { callPackage = _: _: throw "package default must not be needed"; };
    utils.escapeSystemdExecArgs = builtins.concatStringsSep " ";
  };
  svc = m.config.systemd.services.nixbtw-audit;
in
{
  options = builtins.attrNames m.options.services.nixbtw-audit;
  execStart = svc.serviceConfig.ExecStart;
  readWritePaths = svc.serviceConfig.ReadWritePaths;
  protectSystem = svc.serviceConfig.ProtectSystem;
  timer = m.config.systemd.timers.nixbtw-audit.timerConfig;
  tmpfiles = m.config.systemd.tmpfiles.rules;
}

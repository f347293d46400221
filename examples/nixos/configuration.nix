# Example: a NixOS host that audits itself nightly and exports metrics to node_exporter.
# Import nixbtw-audit's module first (flake: nixbtw-audit.nixosModules.default; without
# flakes: imports = [ /path/to/nixbtw-audit/nix/module.nix ];).
{ ... }:
{
  services.nixbtw-audit = {
    enable = true;
    schedule = "*-*-* 03:30:00";
    failOn = "P1"; # nixbtw-audit.service turns failed on P0/P1 findings
    configFile = ../nixbtw-audit.toml;
    prometheus.textfileDir = "/var/lib/prometheus-node-exporter-text-files";
  };

  services.prometheus.exporters.node = {
    enable = true;
    enabledCollectors = [ "textfile" ];
    extraFlags = [ "--collector.textfile.directory=/var/lib/prometheus-node-exporter-text-files" ];
  };
}

{ pkgs, ... }:
{
  services.photoprism = {
    enable = true;
    # tensorflow-bin has no wheels for python 3.14 yet
    package = pkgs.photoprism.override {
      callPackage = pkgs.newScope { python3 = pkgs.python313; };
    };
    originalsPath = "/mnt/hdd/public/Bilder";
    settings.PHOTOPRISM_AUTH_MODE = "public";
    settings.PHOTOPRISM_UPLOAD_NSFW = "true";
    settings.PHOTOPRISM_DETECT_NSFW = "false";
    settings.PHOTOPRISM_SPONSOR = "true";
  };

  services.nginx = {
    enable = true;
    virtualHosts."192.168.178.2" = {
      locations."/".proxyPass = "http://localhost:2342";
      locations."/".proxyWebsockets = true;
      listenAddresses = [ "192.168.178.2" ];
    };
  };

  fileSystems."/var/lib/private/photoprism" = {
    device = "/mnt/hdd/photoprism";
    fsType = "none";
    options = [
      "bind"
      "nofail"
    ];
  };
  systemd.services.photoprism = {
    unitConfig.RequiresMountsFor = "/var/lib/private/photoprism";
  };

  networking.firewall.allowedTCPPorts = [ 80 ];
}

{
  config,
  inputs,
  pkgs,
  ...
}:

{
  imports = [
    "${inputs.nixpkgs-unstable}/nixos/modules/services/web-apps/freescout.nix"
    ../nginx.nix
  ];

  services.freescout = {
    enable = true;
    package = inputs.nixpkgs-unstable.legacyPackages.${pkgs.stdenv.hostPlatform.system}.freescout;
    domain = "freescout.nixos.org";

    settings.APP_KEY._secret = config.sops.secrets.freescout-app-key.path;

    databaseSetup = {
      enable = true;
      kind = "pgsql";
    };
  };

  services.nginx.virtualHosts.${config.services.freescout.domain} = {
    forceSSL = true;
    enableACME = true;
  };

  services.postgresqlBackup = {
    enable = true;
    databases = [ "freescout" ];
  };

  services.backup.includes = [
    "/var/lib/freescout"
    config.services.postgresqlBackup.location
  ];

  # How to generate:
  #
  #   $ cd non-critical-infra
  #   $ SECRET_PATH=secrets/freescout-app-key.umbriel
  #   $ echo "base64:$(nix run nixpkgs#openssl -- rand -base64 32)" > "$SECRET_PATH"
  #   $ sops encrypt --in-place "$SECRET_PATH"
  sops.secrets.freescout-app-key = {
    format = "binary";
    owner = config.services.postsrsd.user;
    group = config.services.postsrsd.group;
    sopsFile = ../../secrets/freescout-app-key.umbriel;
    restartUnits = [ "postsrsd.service" ];
  };
}

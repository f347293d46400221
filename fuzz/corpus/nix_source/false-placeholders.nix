# Not secrets: literals bound to secret-bearing names that are runtime placeholders or
# references. Minimal copies of the shape, values rewritten. No hit expected.
{ config, ... }:
{
  # from Mic92/dotfiles bdabd1e3318dc95f2c982cd897ed9dc35faed516 machines/eva/modules/prometheus/default.nix:94
  services.prometheus.alertmanager.configuration.global.smtp_auth_password = "$SMTP_PASSWORD";
  # from Mic92/dotfiles bdabd1e3318dc95f2c982cd897ed9dc35faed516 machines/eve/modules/vaultwarden.nix:10
  ldapConfig.vaultwarden_admin_token = "@ADMIN_TOKEN@";
  # from Misterio77/nix-config 6f64302a50f47ffbd056258e8ad90f9dbefa02d7 hosts/common/optional/wireless.nix:24
  networking.wireless.networks."HOME_NET".pskRaw = "ext:home_net";
  # from Mic92/dotfiles bdabd1e3318dc95f2c982cd897ed9dc35faed516 machines/eve/modules/kimai/default.nix:142
  services.kimai.settings.ldap.connection.password = "%env(KIMAI_LDAP_PASSWORD)%";
  # from oddlama/nix-config d406dd8d472c95f4e085b6c3e585aa62db47a1d7 hosts/sausebiene/home-assistant.nix:124
  services.home-assistant.config.influxdb.token = "!secret influxdb_token";
  # from Mic92/dotfiles bdabd1e3318dc95f2c982cd897ed9dc35faed516 machines/eve/modules/grafana.nix:56
  services.grafana.settings.smtp.password = "$__file{${config.sops.secrets.smtp.path}}";
  # from oddlama/nix-config d406dd8d472c95f4e085b6c3e585aa62db47a1d7 hosts/envoy/stalwart-mail.nix:101
  services.stalwart.settings.authentication.fallback-admin.secret = "%{file:/run/stalwart/admin-hash}%";
  # from linyinfeng/dotfiles 619cfdcfec9ef5ead6348ac982edff53b5faf9b2 nixos/profiles/services/seafile/default.nix:6
  services.seafile.initialAdminPassword = "$env(ADMIN_PASSWORD)";
  # from pschmitt/nixos-config 191c926140c1730e0d38f710bbac92bfacb8d4de hosts/fnuc/default.nix:168
  services.go-hass-agent.mqttPasswordSecret = "home-assistant/mqtt/password";
  # from Mic92/dotfiles bdabd1e3318dc95f2c982cd897ed9dc35faed516 machines/eve/modules/opencrow/morpheus.nix:27
  services.opencrow.piModels.providers.morpheus.apiKey = "!rbw get morpheus-api-key";
  # from pschmitt/nixos-config 191c926140c1730e0d38f710bbac92bfacb8d4de services/matrix.nix:172
  services.mautrix-signal.settings.provisioning.shared_secret = "disable";
  # from Mic92/dotfiles bdabd1e3318dc95f2c982cd897ed9dc35faed516 machines/eve/modules/opencrow/vllm-jack.nix:13
  services.opencrow.piModels.providers.jack.apiKey = "unused";
  # from jordanisaacs/dotfiles 3da4099ccbf1a38b538447abd2a01287264b1b98 modules/system/services/firefly-iii/default.nix:39
  appConfig.IPINFO_TOKEN = "";
  # from Mic92/dotfiles bdabd1e3318dc95f2c982cd897ed9dc35faed516 machines/eve/modules/authelia.nix:78
  services.authelia.settings.identity_providers.oidc.lifespans.custom.x = { access_token = "1 hour"; refresh_token = "3 months"; };
  # from xddxdd/nixos-config 2e3d1e26a89c754e814444b1ccae52f8a71d7660 hosts/lt-home-lte/configuration.nix:24
  systemd.network.networks.eth0.ipv6AcceptRAConfig = { Token = "::9"; };
  # from Mic92/dotfiles bdabd1e3318dc95f2c982cd897ed9dc35faed516 machines/eve/modules/dendrite.nix:63
  services.dendrite.settings.client_api.registration_shared_secret = "${REGISTRATION_SHARED_SECRET}";
  # from NixOS/infra facf006c17fabdf96ac00acafec625133fd5876f non-critical-infra/modules/ofborg/ofborg-config.nix:77
  environment.etc."ofborg.json".text.github_app.private_key = "/run/secrets/ofborg/github-app-key";
  # from pschmitt/nixos-config 191c926140c1730e0d38f710bbac92bfacb8d4de profiles/global/users/root.nix:3
  users.users.root.hashedPassword = "!";
  # An interpolated string and a path are never literals.
  services.a.password = "${config.sops.placeholder.a}";
  services.b.password = ./b-password.txt;
}

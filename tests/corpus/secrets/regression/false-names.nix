# Not secrets: options whose names merely contain password, token, secret, key or pass.
# No hit expected.
{ ... }:
{
  # from Misterio77/nix-config 6f64302a50f47ffbd056258e8ad90f9dbefa02d7 hosts/alcyone/services/radicale.nix:21
  services.radicale.settings.auth.htpasswd_encryption = "autodetect";
  # from Mic92/dotfiles bdabd1e3318dc95f2c982cd897ed9dc35faed516 machines/eve/modules/authelia.nix:139
  services.authelia.settings.clients.access_token_signed_response_alg = "RS256";
  # from jwiegley/nixos-config b6613df83ec54be9abffeec143b34523cb21dd6a modules/services/aria2.nix:96
  systemd.services.aria2.serviceConfig.LoadCredential = "rpc-secret:/run/secrets/aria2_rpc_secret";
  # from wimpysworld/nix-config 931f27996f189a7ec56f6bb01ede3b51157cb2b1 home-manager/_mixins/agentic/pi/default.nix:489
  programs.pi.footer.tokenFormatStyle = "compact";
  # from ryan4yin/nix-config 9ee947dc0ac4bcb594889f5cde2dc65d1b995488 home/base/tui/password-store/default.nix:37
  programs.password-store.settings.PASSWORD_STORE_CLIP_TIME = "60";
  # from Mic92/dotfiles bdabd1e3318dc95f2c982cd897ed9dc35faed516 machines/eva/modules/authelia.nix:45
  services.nginx.virtualHosts."auth.example".locations."/".proxyPass = "http://127.0.0.1:9091";
  # from Mic92/dotfiles bdabd1e3318dc95f2c982cd897ed9dc35faed516 machines/eve/modules/opencrow/gmaps.nix:18
  services.opencrow.rbwEntries."maps-api-key" = "maps-api-key";
  # from oddlama/nix-config d406dd8d472c95f4e085b6c3e585aa62db47a1d7 modules/backups.nix:79
  services.restic.backups.box.hetznerStorageBox.sshAgeSecret = "restic-ssh-privkey";
  # from oddlama/nix-config d406dd8d472c95f4e085b6c3e585aa62db47a1d7 hosts/envoy/stalwart-mail.nix:276
  services.stalwart.settings.directory.idmail.columns = { name = "name"; secret = "secret"; };
  # from thiagokokada/nix-configs 675f533077a7b1ad31c9d8f6ccf8938c25645f61 modules/nixos/window-manager/wayland.nix:125
  xdg.portal.config.niri."org.freedesktop.impl.portal.Secret" = "gnome-keyring";
  # from yuwki0131/config f6084496d41237de90574bf8053dc73f751eb6f9 nixos/configuration.nix:210
  environment.variables.CHROME_PASSWORD_STORE = "basic";
  # from oddlama/nix-config d406dd8d472c95f4e085b6c3e585aa62db47a1d7 hosts/sire/guests/linkwarden.nix:62
  services.linkwarden.environment.NEXT_PUBLIC_CREDENTIALS_ENABLED = "false";
  # from xddxdd/nixos-config 2e3d1e26a89c754e814444b1ccae52f8a71d7660 nixos/optional-apps/actual.nix:24
  services.actual.environment.ACTUAL_OPENID_TOKEN_ENDPOINT = "https://id.example/token";
  users.users.alice.hashedPasswordFile = "/run/secrets/alice";
  services.openssh.settings.PasswordAuthentication = false;
}

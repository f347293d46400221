# Constructs with no corpus instance: a whole '' literal bound to a key name, and two
# secrets plus a comment on one line (the excerpt must redact all of them).
{ ... }:
{
  networking.wireguard.interfaces.wg0.privateKey = ''
    AAAAfakewireguardkeyAAAAAAAAAAAAAAAAAAAAAAA=
  '';
  services.app.settings = { password = "first-fake-pw"; api_token = "second-fake-tok"; }; # old: third-fake
  # from Xe/nixos-configs 74fa9e5c83d7b65a394c8c0e6d049638bf0ea0ae common/hardware/alrest/solanum.nix:156-167:
  # an embedded configuration with an operator's DES crypt hash and a server link's passwords.
  services.solanum.config = ''
    operator "Mara" {
      password = "L/b5FCMZ1DUc2";
      flags = encrypted;
    };
    connect "kos-mos.alrest" {
      send_password = "fake-link-pw";
      accept_password = "fake-link-pw";
    };
  '';
}

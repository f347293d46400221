# Constructs with no corpus instance: a whole '' literal bound to a key name, and two
# secrets plus a comment on one line (the excerpt must redact all of them).
{ ... }:
{
  networking.wireguard.interfaces.wg0.privateKey = ''
    AAAAfakewireguardkeyAAAAAAAAAAAAAAAAAAAAAAA=
  '';
  services.app.settings = { password = "first-fake-pw"; api_token = "second-fake-tok"; }; # old: third-fake
}

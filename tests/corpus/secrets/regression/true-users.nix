# Literal passwords of users: every binding is found, whatever its shape. Values are dummies.
{ lib, cfg, ... }:
let
  # Shape from issue 17: a literal that is not the first binding on its line.
  mkUser = name: { isNormalUser = true; initialPassword = "changeme"; };
in
{
  # from hlissner/dotfiles 8fd49e4bb971f6035e4fd9c3e059f5dc2e8d87b9 modules/security.nix:59
  user.initialPassword = "nixos";
  # from nix-community/infra c42352c72e1354abcf3f5a9a28bc3bb36e3fd9f8 hosts/freebsd/configuration.nix:42
  users.users.root.initialPassword = "toor";
  # from linyinfeng/dotfiles 619cfdcfec9ef5ead6348ac982edff53b5faf9b2 nixos/profiles/users/nixos/default.nix:11
  users.users.nixos = {
    isNormalUser = true;
    password = "nixos";
  };
  # from jordanisaacs/dotfiles 3da4099ccbf1a38b538447abd2a01287264b1b98 lib/user.nix:85
  users.users.jordan = if cfg.password == null then { initialPassword = "helloworld"; } else { };
  # from phR0ze/nixos-config 9b8fee59ec743817fe8effae6acf62788050cfa2 args.nix:30
  user.pass = "admin";                  # Default user password
  # from pschmitt/nixos-config 191c926140c1730e0d38f710bbac92bfacb8d4de modules/home-manager/lnxlink.nix:65
  services.lnxlink.config.mqtt.auth = { user = "user"; pass = "pass"; };
  # from thiagokokada/nix-configs 675f533077a7b1ad31c9d8f6ccf8938c25645f61 modules/nixos/home.nix:33
  config = lib.mkIf cfg.enable { users.users.${cfg.username}.password = "changeme"; };
  # from schromp/nixconfig 2fb50a6c36ecd240bff7fa0bfb033befc50b73c0 shared/hosts/desktop/configuration.nix:21
  users.users.root.initialPassword = lib.mkForce "1234";
}

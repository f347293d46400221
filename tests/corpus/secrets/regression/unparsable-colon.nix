# from phR0ze/nixos-config 9b8fee59ec743817fe8effae6acf62788050cfa2 packages/arcologout/arcologout.nix:16
# A `:` typed for `;`: the file does not parse; the row names the line. The literal before
# the error is still judged.
{ pkgs, ... }:
{
  services.app.password = "before-the-error";
  src = pkgs.fetchFromGitHub {
    owner = "someone";
    repo = "something":
    rev = "v1";
  };
}

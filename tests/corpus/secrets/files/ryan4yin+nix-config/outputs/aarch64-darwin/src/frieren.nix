{
  # NOTE: the args not used in this file CAN NOT be removed!
  # because haumea pass argument lazily,
  # and these arguments are used in the functions like `mylib.nixosSystem`, `mylib.colmenaSystem`, etc.
  inputs,
  lib,
  mylib,
  myvars,
  system,
  genSpecialArgs,
  ...
}@args:
let
  name = "frieren";

  modules = {
    darwin-modules =
      (map mylib.relativeToRoot [
        # common
        "secrets/darwin.nix"
        "modules/darwin"
        # host specific
        "hosts/darwin-${name}"
      ])
      ++ [
        {
          modules.desktop.fonts.enable = true;
        }
      ];
    home-modules = map mylib.relativeToRoot [
      "home/hosts/darwin/darwin-${name}.nix"
    ];
  };

  systemArgs = modules // args;
in
{
  # macOS's configuration
  darwinConfigurations.${name} = mylib.macosSystem systemArgs;
}

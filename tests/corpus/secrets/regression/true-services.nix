# Literal service secrets, including the one known false positive of the corpus (a marker
# value the scanner cannot tell from a key). Values rewritten.
{ ... }:
let
  # from jwiegley/nixos-config b6613df83ec54be9abffeec143b34523cb21dd6a modules/users/home-manager/vane.nix:46
  # Known false positive: a marker another program replaces, reported as a literal key.
  gatewayApiKey = "gateway-replaces-this";
in
{
  # from jwiegley/nixos-config b6613df83ec54be9abffeec143b34523cb21dd6a modules/services/qdrant.nix:47
  services.qdrant.settings.inference = {
    address = "http://localhost:6335";
    token = "sk-0000";
  };
  # from xddxdd/nixos-config 2e3d1e26a89c754e814444b1ccae52f8a71d7660 nixos/optional-apps/grafana.nix:80
  services.grafana.settings = { security.secret_key = "Zk2cFakeGrafanaKey01"; };
  # from xddxdd/nixos-config 2e3d1e26a89c754e814444b1ccae52f8a71d7660 nixos/optional-apps/matrix-synapse/matrix-synapse.nix:191
  services.matrix-synapse.settings.turn_shared_secret = "fakepublicturnsecret";
  # from Mic92/dotfiles bdabd1e3318dc95f2c982cd897ed9dc35faed516 nixosModules/experiments/test-consul.nix:92
  containers.vault0.config.services.vault = { dev = true; devRootTokenID = "phony-token"; };
}

# nixbtw-audit as a flake: the package, and a NixOS module that runs it nightly.
#
#   inputs.nixbtw-audit.url = "path:/src/nixbtw-audit";   # or wherever this repo lives
#   outputs = { nixpkgs, nixbtw-audit, ... }: {
#     nixosConfigurations.myhost = nixpkgs.lib.nixosSystem {
#       modules = [
#         nixbtw-audit.nixosModules.default
#         { services.nixbtw-audit.enable = true; }
#       ];
#     };
#   };
#
# See the README (The nightly timer) for every option.
{
  description = "nixbtw-audit: read-only audit agent for NixOS and Nix hosts";

  # nixos-26.05 is the oldest release still supported (until 2026-12-31); its rustc (>= 1.91,
  # as 25.11 already had) builds this crate (rust-version 1.89). flake.lock pins nixos-26.05 at
  # 02e08985 (2026-08-14), the revision and narHash that wimpysworld/nix-config and
  # xddxdd/nixos-config locked independently (this machine has no network to run
  # `nix flake lock`); `nix flake update` moves it forward.
  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-26.05";

  outputs = { self, nixpkgs }:
    let
      systems = [ "x86_64-linux" "aarch64-linux" "x86_64-darwin" "aarch64-darwin" ];
      forAllSystems = f: nixpkgs.lib.genAttrs systems (system: f nixpkgs.legacyPackages.${system});
    in
    {
      packages = forAllSystems (pkgs: rec {
        nixbtw-audit = pkgs.callPackage ./nix/package.nix { };
        default = nixbtw-audit;
      });

      overlays.default = final: _prev: {
        nixbtw-audit = final.callPackage ./nix/package.nix { };
      };

      # The module builds the package from this flake unless `services.nixbtw-audit.package`
      # is set, so it works without the overlay.
      nixosModules.nixbtw-audit = import ./nix/module.nix;
      nixosModules.default = self.nixosModules.nixbtw-audit;
    };
}

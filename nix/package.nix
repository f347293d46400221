# The nixbtw-audit binary, built from this repository with the versions pinned in Cargo.lock.
{ lib, rustPlatform }:

rustPlatform.buildRustPackage {
  pname = "nixbtw-audit";
  version = "0.1.0";

  # The workspace, without build output and local reports.
  src = lib.cleanSourceWith {
    src = ../.;
    filter = path: type:
      let base = baseNameOf path; in
      !(type == "directory" && (base == "target" || base == "local" || base == ".git"));
  };

  cargoLock.lockFile = ../Cargo.lock;

  cargoBuildFlags = [ "--package" "nixbtw-audit" ];
  # Unit tests only: the integration tests drive Debian's nix-bin, journald tools and
  # promtool, which the build sandbox does not have.
  cargoTestFlags = [ "--package" "nixbtw-audit" "--package" "nixbtw-contracts" "--package" "nixbtw-probes" "--lib" ];

  meta = {
    description = "Read-only audit agent for NixOS and Nix hosts";
    license = with lib.licenses; [ mit asl20 ];
    mainProgram = "nixbtw-audit";
    platforms = lib.platforms.unix;
  };
}

[
  ./changes-report.nix
  ./hidpi.nix
  ./secrets.nix
  ./software.nix
]

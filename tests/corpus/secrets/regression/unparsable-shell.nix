mv /etc/nixos/configuration.nix /etc/nixos/configuration.nix~
# from yuwki0131/config f6084496d41237de90574bf8053dc73f751eb6f9 init/init-configuration.nix:1
ln -s ~/config/nixos/configuration.nix /etc/nixos/configuration.nix

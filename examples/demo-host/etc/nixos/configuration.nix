{ config, pkgs, ... }:
{
  networking.hostName = "demo";
  users.users.alice = {
    isNormalUser = true;
    extraGroups = [ "wheel" ];
    hashedPassword = "$y$j9T$demo.only$demo.only.not.a.real.hash";
  };
  # FAKE credential planted for the demo report: a literal password in the config.
  users.users.backup.password = "demo-not-a-real-password";
  system.stateVersion = "25.05";
}

# Password hashes: not plaintext, but world-readable in the store (secrets.hash-in-store).
{ ... }:
{
  # from ryan4yin/nix-config 9ee947dc0ac4bcb594889f5cde2dc65d1b995488 vars/default.nix:12
  users.users.admin.initialHashedPassword = "$y$j9T$fakesaltfakesalt$fakehashfakehashfakehashfakehashfakehash";
  # from schromp/nixconfig 2fb50a6c36ecd240bff7fa0bfb033befc50b73c0 shared/users/lk/default.nix:18
  users.users.lk.hashedPassword = "$6$fakesalt$fakehashfakehashfakehashfakehash";
}

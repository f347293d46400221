# from schromp/nixconfig 2fb50a6c36ecd240bff7fa0bfb033befc50b73c0 shared/users/lk/kde-connect.nix:1
# The source file is empty; a file with only comments is the same to Nix: no expression,
# so it does not parse.

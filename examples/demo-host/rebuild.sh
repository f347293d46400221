#!/usr/bin/env bash
# Regenerate the demo host's small, real Nix store (nix/, run/, boot/, home/) with Debian's
# nix-bin (Nix 2.8) as a chroot store. Needs root (chroot stores), nix-bin
# (`apt-get install --no-install-recommends nix-bin`) and python3 (auto root names). The result
# is the same on every run: the demo report snapshot still matches after a rebuild. What it builds:
#   - three NixOS-shaped system generations (kernel, initrd, kernel-modules, boot.json); the
#     booted one (2) has an older kernel than the current one (3): a reboot is pending;
#   - alice's nix-env profile with an imperatively installed package;
#   - an indirect `result` root, a stale auto root (its link was deleted), a dead build;
#   - systemd-boot entries on /boot.
# Not rebuilt here (hand-made, kept): the etc tree every generation links to, with its fstab
# (a /srv/backup disk whose label no device has: nextboot.device-missing) and modules-load.d
# (nvidia, which 6.6.8's modules lack: nextboot.module-missing), and the device view
# in dev/disk/by-* that the nextboot probe compares it with (as `nixos-enter` bind-mounts /dev).
# Links Nix writes as host paths are rewritten to the logical paths the audited host would
# have, the 8 MiB `reserved` file is dropped, and everything stays well under 1 MiB.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/root"
mkdir -p "$root/nix/store" "$root/nix/var/nix/profiles/per-user/alice" "$work/conf" "$work/home"
cat > "$work/conf/nix.conf" <<'CONF'
substituters =
build-users-group =
sandbox = true
extra-sandbox-paths = /bin /lib /lib64 /usr
experimental-features = nix-command
fsync-metadata = false
CONF
export NIX_CONF_DIR="$work/conf" NIX_STATE_DIR="$root/nix/var/nix" HOME="$work/home"
nixs() { "$@" --store "$root"; }

cat > "$work/demo.nix" <<'NIX'
let
  sh = name: script: derivation {
    inherit name;
    system = builtins.currentSystem;
    builder = "/bin/sh";
    PATH = "/bin:/usr/bin";
    args = [ "-c" script ];
  };
  glibc = sh "glibc-2.40" "mkdir -p $out/lib; head -c 3000 /dev/zero > $out/lib/libc.so";
  kernel = v: sh "linux-${v}" "mkdir $out; head -c 2000 /dev/zero > $out/bzImage";
  # 6.6.8 (the default generation): modules.builtin beside modules.dep, so the nextboot probe
  # judges the modules its etc asks for (modules-load.d wants nvidia: nextboot.module-missing).
  modules = v: sh "linux-${v}-modules" ("mkdir -p $out/lib/modules/${v}; echo > $out/lib/modules/${v}/modules.dep"
    + (if v == "6.6.8" then "; printf 'kernel/fs/ext4/ext4.ko\\nkernel/fs/fat/vfat.ko\\n' > $out/lib/modules/${v}/modules.builtin" else ""));
  # 6.6.8's initrd is a zstd-compressed cpio (zstd -19 of a newc archive, as base64: the same
  # bytes on every rebuild) whose etc/crypttab opens a LUKS device no disk of dev/ has:
  # nextboot.boot-device-missing.
  demoInitrd = "KLUv/WRYAf0FAOIKJBhA90iPCqx4ro6qZT6A6mSqBDygfBYykwJSShkEwQRJETNRDbDBSvu+h0knNqxsL4UXOzno1UhFL2thihOeabHvUSnaqLuHIR2tqvm+q8h3nZzzMsBz3UW+Ca+FG7HB37tOfM+z5nInx6rv5+b496OfgpRW9f83gro+TsbMTQwp9ee4kIQt7LUPdLG9NttsAxMgACsc60CI3yLBvDXY945PE/CyCwxm2f58wO7yeYWc7uzgMjyc2JU64TJGpk7JCg==";
  initrd = v: if v == "6.6.8"
    then sh "initrd-linux-${v}" "mkdir $out; echo ${demoInitrd} | base64 -d > $out/initrd"
    else sh "initrd-linux-${v}" "mkdir $out; echo ${glibc} > $out/initrd";
  system = n: v: let k = kernel v; m = modules v; i = initrd v; in
    sh "nixos-system-demo-25.05.2025060${toString n}" ''
      mkdir $out
      ln -s ${k}/bzImage $out/kernel
      ln -s ${i}/initrd $out/initrd
      ln -s ${m} $out/kernel-modules
      echo 25.05.2025060${toString n} > $out/nixos-version
      echo '{"org.nixos.bootspec.v1":{"label":"NixOS 25.05.2025060${toString n} (Linux ${v})","kernel":"${k}/bzImage","initrd":"${i}/initrd","init":"/nix/store/x/init","kernelParams":[],"system":"x86_64-linux"}}' > $out/boot.json
      echo ${glibc} > $out/deps
      # The system's etc tree and nix binary: hand-made store paths of the other probes'
      # fixtures (not registered in the DB, like anything copied in by hand).
      ln -s /nix/store/2a1b2c3d4e5f6g7h8i9jakblcmdnfpgq-etc/etc $out/etc
      mkdir -p $out/sw/bin
      ln -s /nix/store/4a1b2c3d4e5f6g7h8i9jakblcmdnfpgq-nix-2.24.14/bin/nix $out/sw/bin/nix
    '';
  hello = sh "hello-2.12.1" "mkdir -p $out/bin; echo ${glibc} > $out/bin/hello";
  devshell = sh "devshell-env" "mkdir $out; echo ${hello} > $out/env; head -c 20000 /dev/zero > $out/blob";
  oldbuild = sh "old-build-1.0" "mkdir $out; echo ${glibc} > $out/x; head -c 60000 /dev/zero > $out/blob";
in [ (system 1 "6.6.1") (system 2 "6.6.1") (system 3 "6.6.8") hello devshell oldbuild ]
NIX
mapfile -t outs < <(nixs nix-store -r $(nixs nix-instantiate "$work/demo.nix") 2>/dev/null)
for i in 0 1 2; do
  nixs nix-env -p "$root/nix/var/nix/profiles/system" --set "${outs[$i]}"
done
nixs nix-env -p "$root/nix/var/nix/profiles/per-user/alice/profile" -i "${outs[3]}" >/dev/null 2>&1
mkdir -p "$root/home/alice/proj" "$root/home/alice/old"
nixs nix-store --add-root "$root/home/alice/proj/result" --indirect -r "${outs[4]}" >/dev/null
nixs nix-store --add-root "$root/home/alice/old/result" --indirect -r "${outs[5]}" >/dev/null
rm "$root/home/alice/old/result"

# Host paths -> logical paths; drop what a real host would not ship in a demo.
find "$root" -type l | while read -r l; do
  t="$(readlink "$l")"
  case "$t" in "$root"/*) ln -sfn "${t#"$root"}" "$l" ;; esac
done
# Nix names an auto root after the SHA-1 of the link it protects, and the link Nix saw was the
# host path (random): rename each to what a real host would have (nix32 of SHA-1 of the
# logical path), so the demo is the same on every rebuild.
for a in "$root"/nix/var/nix/gcroots/auto/*; do
  [ -L "$a" ] || continue
  name="$(python3 -c 'import hashlib,sys
h=hashlib.sha1(sys.argv[1].encode()).digest(); c="0123456789abcdfghijklmnpqrsvwxyz"; n=(len(h)*8-1)//5+1
out=""
for i in range(n-1,-1,-1):
    b=i*5; j=b//8; k=b%8
    v=(h[j]>>k)|((h[j+1]<<(8-k)) if j+1<len(h) else 0)
    out+=c[v&31]
print(out)' "$(readlink "$a")")"
  [ "$(basename "$a")" = "$name" ] || mv "$a" "$(dirname "$a")/$name"
done
rm -f "$root/nix/var/nix/db/reserved" "$root/nix/var/nix/db/big-lock"
rm -rf "$root/nix/var/nix/temproots" "$root/nix/var/nix/userpool" "$root/nix/var/nix/gc.lock"
rm -rf "$root/nix/store/.links" "$root/nix/var/log"
find "$root/nix/store" -maxdepth 1 -name '*.lock' -delete

mkdir -p "$root/run" "$root/boot/loader/entries"
ln -sfn "${outs[2]}" "$root/run/current-system"
ln -sfn "${outs[1]}" "$root/run/booted-system"
for n in 1 2 3; do
  printf 'title NixOS\nversion Generation %s\nlinux /EFI/nixos/kernel.efi\n' "$n" \
    > "$root/boot/loader/entries/nixos-generation-$n.conf"
done

# Replace the demo's Nix-owned trees, keep everything else other probes put there: the
# hand-made store paths (nixconf, flake, channels, secrets fixtures) and root's channels
# and default profiles.
# Those hand-made paths are deliberately NOT registered in the DB (registering them would
# need hashes Nix computes at import). So the demo report shows `gcroots.dangling` for
# root's channels and default profiles (their targets have no DB row), and `--deep` on the
# demo host lists them as `store.unregistered`: both are true of this fixture, not bugs.
keep="$work/keep"
mkdir -p "$keep/store" "$keep/profiles"
cp -a "$here"/nix/store/?a1b2c3d4e5f6g7h8i9jakblcmdnfpgq-* "$keep/store/" 2>/dev/null || true
cp -a "$here/nix/var/nix/profiles/per-user/root" "$keep/profiles/" 2>/dev/null || true
cp -a "$here"/nix/var/nix/profiles/default* "$keep/profiles/" 2>/dev/null || true
chmod -R u+w "$here/nix" 2>/dev/null || true
rm -rf "$here/nix" "$here/run" "$here/boot" "$here/home"
cp -a "$root/nix" "$root/run" "$root/boot" "$root/home" "$here/"
cp -a "$keep"/store/. "$here/nix/store/"
mkdir -p "$here/nix/var/nix/profiles/per-user"
cp -a "$keep"/profiles/root "$here/nix/var/nix/profiles/per-user/" 2>/dev/null || true
cp -a "$keep"/profiles/default* "$here/nix/var/nix/profiles/" 2>/dev/null || true
chmod -R u+w "$here/nix"
echo "demo store: $(du -sh "$here/nix" | cut -f1); outputs:"
printf '  %s\n' "${outs[@]}"

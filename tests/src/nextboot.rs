//! NixOS-shaped system generations for the nextboot tests, built as real derivations in a
//! chroot store: an `etc` tree with `fstab` and `modules-load.d` (links to their own store
//! paths, as NixOS has them), a kernel image with a real bzImage setup header, a
//! kernel-modules tree with `modules.dep` and `modules.builtin`, and an initrd that is an
//! uncompressed cpio ("newc") holding `etc/crypttab` or a stage-1 script, or one compressed by
//! the real `zstd`, `gzip`, `xz` or `lz4` ([`compress`]).
//! The device view is the root's own `dev/disk/by-*`, as `nixos-enter` bind-mounts it.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::os::unix::fs::symlink;
use std::path::Path;

use crate::nixstore::ChrootStore;

/// One entry of a newc cpio archive: name, mode, contents.
pub type CpioEntry<'a> = (&'a str, u32, &'a [u8]);

/// A newc cpio archive (what `cpio -o -H newc` writes), ending with its trailer.
pub fn newc(entries: &[CpioEntry<'_>]) -> Vec<u8> {
    let mut out = Vec::new();
    let trailer: CpioEntry<'_> = ("TRAILER!!!", 0, b"");
    for (ino, (name, mode, data)) in (1u32..).zip(entries.iter().chain(std::iter::once(&trailer))) {
        let namesize = name.len() + 1;
        out.extend_from_slice(
            format!(
                "070701{ino:08X}{mode:08X}{:08X}{:08X}{:08X}{:08X}{:08X}{:08X}{:08X}{:08X}{:08X}{namesize:08X}{:08X}",
                0, 0, 1, 0, data.len(), 0, 0, 0, 0, 0
            )
            .as_bytes(),
        );
        out.extend_from_slice(name.as_bytes());
        out.push(0);
        while !out.len().is_multiple_of(4) {
            out.push(0);
        }
        out.extend_from_slice(data);
        while !out.len().is_multiple_of(4) {
            out.push(0);
        }
    }
    out
}

/// `data` through a real compressor (`zstd`, `gzip`, `xz`, `lz4`) with `args`, as
/// `boot.initrd.compressor` runs it (stdin to stdout).
pub fn compress(tool: &str, args: &[&str], data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    use std::process::{Command, Stdio};
    let mut child = Command::new(tool)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let data = data.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&data));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(out.status.success(), "{tool} {args:?} failed");
    out.stdout
}

/// Make the system profile's default generation `n` (`system-<n>-link`).
pub fn set_default_generation(root: &Path, n: u32) {
    let profile = root.join("nix/var/nix/profiles/system");
    std::fs::remove_file(&profile).unwrap();
    symlink(format!("system-{n}-link"), &profile).unwrap();
}

/// A bzImage-shaped kernel image whose setup header names `version`.
pub fn bzimage(version: &str) -> Vec<u8> {
    let mut img = vec![0u8; 0x1000];
    img[0x1fe] = 0x55;
    img[0x1ff] = 0xaa;
    img[0x202..0x206].copy_from_slice(b"HdrS");
    img[0x20e..0x210].copy_from_slice(&0x0400u16.to_le_bytes());
    let s = format!("{version} (nixbld@localhost) #1-NixOS SMP PREEMPT_DYNAMIC\0");
    img[0x600..0x600 + s.len()].copy_from_slice(s.as_bytes());
    img
}

/// What one system generation is made of.
#[derive(Debug, Clone)]
pub struct SystemSpec {
    /// Name suffix (unique per system).
    pub name: String,
    /// The kernel's version (in its bzImage header and store name).
    pub kernel: String,
    /// The version directory of its kernel-modules (`lib/modules/<this>`).
    pub modules_version: String,
    /// Lines of `modules.dep`.
    pub modules_dep: String,
    /// Lines of `modules.builtin`.
    pub modules_builtin: String,
    /// `etc/modules-load.d/nixos.conf`.
    pub modules_load: String,
    /// `etc/fstab`.
    pub fstab: String,
    /// The initrd's bytes.
    pub initrd: Vec<u8>,
    /// Users the NixOS home-manager module manages: `etc/systemd/system/home-manager-<user>.service`.
    pub home_manager_users: Vec<String>,
    /// The name of its initrd derivation (`initrd-linux-<kernel>-<this>`): systems with the
    /// same tag, kernel and initrd bytes share one initrd store path, as generations whose
    /// switch changed no stage-1 option do.
    pub initrd_tag: String,
}

impl SystemSpec {
    /// A healthy system: ext4 root on `UUID=r00t`, vfat /boot on `UUID=B00T-0001`, kernel
    /// 6.6.8 with its modules, an uncompressed initrd with a stage-1 script and no LUKS.
    pub fn healthy(name: &str) -> SystemSpec {
        SystemSpec {
            name: name.to_string(),
            kernel: "6.6.8".into(),
            modules_version: "6.6.8".into(),
            modules_dep: "kernel/fs/btrfs/btrfs.ko.xz: kernel/lib/zstd.ko.xz\n\
                          kernel/fs/xfs/xfs.ko.xz:\n\
                          kernel/drivers/gpu/drm/amd/amdgpu/amdgpu.ko.xz:\n"
                .into(),
            modules_builtin: "kernel/fs/ext4/ext4.ko\nkernel/fs/fat/vfat.ko\n".into(),
            modules_load: "amdgpu\n".into(),
            fstab: "# This is a generated file.\n\
                    /dev/disk/by-uuid/r00t / ext4 defaults 0 1\n\
                    /dev/disk/by-uuid/B00T-0001 /boot vfat fmask=0077,dmask=0077 0 2\n"
                .into(),
            initrd: newc(&[
                (".", 0o40755, b""),
                (
                    "init",
                    0o120777,
                    b"/nix/store/00000000000000000000000000000000-stage-1-init.sh",
                ),
                (
                    "nix/store/00000000000000000000000000000000-stage-1-init.sh",
                    0o100755,
                    b"#! /bin/ash\necho \"<<< NixOS Stage 1 >>>\"\n",
                ),
            ]),
            home_manager_users: Vec::new(),
            initrd_tag: name.to_string(),
        }
    }
}

fn nix_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '$' => out.push_str("\\$"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Build `systems` as real derivations in `store` and add each, in order, as a generation of
/// the system profile; returns their store paths.
pub fn build_systems(store: &ChrootStore, systems: &[SystemSpec]) -> Vec<String> {
    let work = store.path().join("work");
    let mut parts = Vec::new();
    for (i, s) in systems.iter().enumerate() {
        let kfile = work.join(format!("bzImage-{i}"));
        std::fs::write(&kfile, bzimage(&s.kernel)).unwrap();
        let ifile = work.join(format!("initrd-{i}"));
        std::fs::write(&ifile, &s.initrd).unwrap();
        parts.push(format!(
            r#"(let
      kernel = sh "linux-{kv}" "mkdir $out; cp ${{builtins.path {{ path = {kfile}; name = "bzImage"; }}}} $out/bzImage";
      modules = sh "linux-{kv}-modules" ''
        mkdir -p $out/lib/modules/{mv}
        cp ${{builtins.toFile "modules.dep" {dep}}} $out/lib/modules/{mv}/modules.dep
        cp ${{builtins.toFile "modules.builtin" {builtin}}} $out/lib/modules/{mv}/modules.builtin
      '';
      initrd = sh "initrd-linux-{kv}-{itag}" "mkdir $out; cp ${{builtins.path {{ path = {ifile}; name = "initrd"; }}}} $out/initrd";
      fstab = builtins.toFile "fstab" {fstab};
      modload = builtins.toFile "nixos.conf" {modload};
      etc = sh "etc-{name}" ''
        mkdir -p $out/etc/modules-load.d $out/etc/systemd/system
        for u in {hm_users}; do
          printf '[Unit]\nDescription=Home Manager environment for %s\n' $u > $out/etc/systemd/system/home-manager-$u.service
        done
        ln -s ${{fstab}} $out/etc/fstab
        ln -s ${{modload}} $out/etc/modules-load.d/nixos.conf
      '';
    in sh "nixos-system-{name}-25.05" ''
      mkdir $out
      ln -s ${{kernel}}/bzImage $out/kernel
      ln -s ${{initrd}}/initrd $out/initrd
      ln -s ${{modules}} $out/kernel-modules
      ln -s ${{etc}}/etc $out/etc
      echo 25.05 > $out/nixos-version
    '')"#,
            kv = s.kernel,
            mv = s.modules_version,
            name = s.name,
            itag = s.initrd_tag,
            kfile = kfile.display(),
            ifile = ifile.display(),
            dep = nix_string(&s.modules_dep),
            builtin = nix_string(&s.modules_builtin),
            fstab = nix_string(&s.fstab),
            modload = nix_string(&s.modules_load),
            hm_users = s.home_manager_users.join(" "),
        ));
    }
    let expr = format!(
        r#"let
  sh = name: script: derivation {{
    inherit name;
    system = builtins.currentSystem;
    builder = "/bin/sh";
    PATH = "/bin:/usr/bin";
    args = [ "-c" script ];
  }};
in [ {} ]"#,
        parts.join("\n  ")
    );
    let outs = store.build(&expr).unwrap();
    for o in &outs {
        store
            .set_profile("/nix/var/nix/profiles/system", o)
            .unwrap();
    }
    outs
}

/// Give the root a device view: `dev/disk/<dir>/<name>` links to `../../<kernel name>` (and
/// the kernel-named node as an empty file), as udev lays them out.
pub fn add_devices(root: &Path, links: &[(&str, &str, &str)]) {
    for (dir, name, kernel) in links {
        let d = root.join("dev/disk").join(dir);
        std::fs::create_dir_all(&d).unwrap();
        let _ = std::fs::remove_file(d.join(name));
        symlink(format!("../../{kernel}"), d.join(name)).unwrap();
        std::fs::write(root.join("dev").join(kernel), b"").unwrap();
    }
}

/// Point `/run/current-system` (and `/run/booted-system`) of the root at `path`.
pub fn run_links(root: &Path, current: &str, booted: &str) {
    std::fs::create_dir_all(root.join("run")).unwrap();
    for (l, t) in [("current-system", current), ("booted-system", booted)] {
        let _ = std::fs::remove_file(root.join("run").join(l));
        symlink(t, root.join("run").join(l)).unwrap();
    }
}

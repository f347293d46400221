//! The nextboot probe and its checks end to end over real chroot stores (built with Debian's
//! nix-bin): system generations whose fstab, initrd and kernel-modules are real store paths,
//! and a device view in the root's own `dev/disk/by-*`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::process::Command;

use nixbtw_contracts::{Finding, Priority, ProbeId, Report};
use nixbtw_probes::probes::nextboot::NextbootFacts;
use nixbtw_tests::nextboot::{
    add_devices, build_systems, compress, newc, run_links, set_default_generation, SystemSpec,
};
use nixbtw_tests::nixstore::ChrootStore;
use nixbtw_tests::store_world::can_build_stores;

fn audit(s: &ChrootStore) -> (Report, NextbootFacts) {
    let (rep, facts) = nixbtw_tests::audit_probes(&s.root, &[ProbeId::Nextboot]);
    let f = facts
        .get::<NextbootFacts>()
        .expect("nextboot facts")
        .clone();
    (rep, f)
}

fn of<'a>(r: &'a Report, id: &str) -> Vec<&'a Finding> {
    r.findings.iter().filter(|f| f.id.as_str() == id).collect()
}

fn nextboot_ids(r: &Report) -> Vec<&'static str> {
    r.findings
        .iter()
        .map(|f| f.id.as_str())
        .filter(|i| i.starts_with("nextboot."))
        .collect()
}

const HEALTHY_DEVICES: &[(&str, &str, &str)] = &[
    ("by-uuid", "r00t", "vda2"),
    ("by-uuid", "B00T-0001", "vda1"),
    ("by-label", "nixos", "vda2"),
];

#[test]
fn a_healthy_next_boot_raises_nothing_and_its_facts_are_read() {
    if !can_build_stores() {
        return;
    }
    let s = ChrootStore::new().unwrap();
    let outs = build_systems(&s, &[SystemSpec::healthy("a")]);
    add_devices(&s.root, HEALTHY_DEVICES);
    run_links(&s.root, &outs[0], &outs[0]);
    let (rep, f) = audit(&s);
    assert!(nextboot_ids(&rep).is_empty(), "{:?}", rep.findings);
    assert_eq!(f.systems.len(), 1);
    let sys = &f.systems[0];
    assert_eq!(sys.roles, ["default", "current"]);
    assert_eq!(sys.generation, Some(1));
    assert_eq!(sys.mounts.len(), 2);
    assert!(sys
        .mounts
        .iter()
        .all(|m| m.device.as_ref().unwrap().present == Some(true)));
    assert_eq!(sys.kernel.version.as_deref(), Some("6.6.8"));
    assert_eq!(sys.kernel.version_source.as_deref(), Some("bzImage header"));
    assert_eq!(sys.kernel.module_trees, ["6.6.8"]);
    let amdgpu = sys
        .kernel
        .wanted
        .iter()
        .find(|w| w.name == "amdgpu")
        .unwrap();
    assert!(amdgpu.found.as_deref().unwrap().ends_with("amdgpu.ko.xz"));
    let ext4 = sys.kernel.wanted.iter().find(|w| w.name == "ext4").unwrap();
    assert_eq!(ext4.found.as_deref(), Some("builtin"));
    assert!(sys.initrd.complete);
    assert_eq!(sys.initrd.members, ["cpio"]);
    assert!(sys.luks.is_empty());
    assert_eq!(f.devices.links, 3);
}

#[test]
fn missing_root_boot_and_data_devices_by_priority() {
    if !can_build_stores() {
        return;
    }
    let s = ChrootStore::new().unwrap();
    let mut spec = SystemSpec::healthy("moved");
    spec.fstab = "UUID=0ld-r00t / ext4 defaults 0 1\n\
                  /dev/disk/by-uuid/B00T-0001 /boot vfat defaults 0 2\n\
                  LABEL=data /srv/data xfs defaults 0 2\n\
                  LABEL=usb\\040stick /mnt/usb ext4 nofail 0 2\n\
                  PARTUUID=5wap none swap defaults 0 0\n\
                  tmpfs /tmp tmpfs mode=1777 0 0\n"
        .into();
    let outs = build_systems(&s, &[spec]);
    add_devices(&s.root, HEALTHY_DEVICES);
    run_links(&s.root, &outs[0], &outs[0]);
    let (rep, f) = audit(&s);
    let p0 = of(&rep, "nextboot.boot-device-missing");
    assert_eq!(p0.len(), 1, "{:?}", rep.findings);
    assert_eq!(p0[0].priority, Priority::P0);
    assert!(p0[0].title.contains("UUID=0ld-r00t"), "{}", p0[0].title);
    assert!(p0[0].description.contains("system generation 1"));
    let p1 = of(&rep, "nextboot.device-missing");
    let titles: Vec<&str> = p1.iter().map(|f| f.title.as_str()).collect();
    assert_eq!(p1.len(), 2, "{titles:?}");
    assert!(titles.iter().any(|t| t.contains("LABEL=data")));
    assert!(titles.iter().any(|t| t.starts_with("swap")));
    // The nofail USB stick is missing too, and says nothing; its label was udev-encoded.
    let usb = f.systems[0]
        .mounts
        .iter()
        .find(|m| m.mount_point == "/mnt/usb")
        .unwrap();
    assert_eq!(
        usb.device.as_ref().unwrap().dev_path,
        "/dev/disk/by-label/usb\\x20stick"
    );
    assert_eq!(usb.device.as_ref().unwrap().present, Some(false));

    // The disk comes back: nothing missing.
    add_devices(
        &s.root,
        &[
            ("by-uuid", "0ld-r00t", "vdb1"),
            ("by-label", "data", "vdb2"),
            ("by-partuuid", "5wap", "vdb3"),
        ],
    );
    let (rep, _) = audit(&s);
    assert!(nextboot_ids(&rep).is_empty(), "{:?}", rep.findings);
}

#[test]
fn luks_devices_from_crypttab_and_from_a_stage_1_script() {
    if !can_build_stores() {
        return;
    }
    let s = ChrootStore::new().unwrap();
    let mut systemd = SystemSpec::healthy("systemd-initrd");
    systemd.initrd = newc(&[
        (".", 0o40755, b""),
        ("etc", 0o40755, b""),
        (
            "etc/crypttab",
            0o100644,
            b"cryptroot /dev/disk/by-uuid/1uk5-r00t - luks,discard\n\
              cryptdata UUID=1uk5-data /k luks,nofail\n",
        ),
    ]);
    let mut scripted = SystemSpec::healthy("scripted-initrd");
    scripted.initrd = newc(&[
        (".", 0o40755, b""),
        (
            "nix/store/11111111111111111111111111111111-stage-1-init.sh",
            0o100755,
            b"wait_target \"device\" /dev/disk/by-uuid/1uk5-r00t || die\n\
              cryptsetup luksOpen /dev/disk/by-uuid/1uk5-r00t cryptroot --allow-discards\n",
        ),
    ]);
    let outs = build_systems(&s, &[scripted, systemd]);
    add_devices(&s.root, HEALTHY_DEVICES);
    run_links(&s.root, &outs[1], &outs[1]);
    // Default = the systemd-initrd generation (2): its LUKS root is missing, the nofail one is
    // missing too but optional.
    let (rep, f) = audit(&s);
    assert_eq!(f.systems[0].luks.len(), 2);
    assert_eq!(f.systems[0].initrd.sources, ["etc/crypttab"]);
    let p0 = of(&rep, "nextboot.boot-device-missing");
    assert_eq!(p0.len(), 1, "{:?}", rep.findings);
    assert!(p0[0].title.contains("LUKS device cryptroot"));
    assert!(p0[0]
        .suggested_action
        .contains("boot.initrd.luks.devices.\"cryptroot\".device"));
    add_devices(&s.root, &[("by-uuid", "1uk5-r00t", "vdc")]);
    assert!(nextboot_ids(&audit(&s).0).is_empty());

    // The scripted generation as the default: its luksOpen line is read.
    std::fs::remove_file(s.root.join("dev/disk/by-uuid/1uk5-r00t")).unwrap();
    let profile = s.root.join("nix/var/nix/profiles/system");
    std::fs::remove_file(&profile).unwrap();
    std::os::unix::fs::symlink("system-1-link", &profile).unwrap();
    let (rep, f) = audit(&s);
    let next = f.next().unwrap();
    assert_eq!(next.generation, Some(1));
    assert_eq!(next.luks.len(), 1);
    assert!(next.luks[0].source.ends_with("-stage-1-init.sh"));
    assert_eq!(of(&rep, "nextboot.boot-device-missing").len(), 1);
    // The running system (2) differs from the default and is read too.
    assert_eq!(f.systems.len(), 2);
    assert_eq!(f.systems[1].roles, ["current"]);
}

/// The compressors of `boot.initrd.compressor` with the arguments NixOS gives them
/// (nixos/modules/system/boot/kernel.nix, pkgs/build-support/kernel/initrd-compressor-meta.nix):
/// zstd `-19`, gzip `-9n`, xz `--check=crc32 --lzma2=dict=512KiB`, lz4 `-l` (the legacy
/// format the kernel reads).
const COMPRESSORS: &[(&str, &[&str])] = &[
    ("zstd", &["-q", "-c", "-19"]),
    ("gzip", &["-c", "-9n"]),
    ("xz", &["-c", "--check=crc32", "--lzma2=dict=512KiB"]),
    ("lz4", &["-q", "-c", "-l"]),
];

/// A microcode cpio (uncompressed, as `boot.initrd.prepend` puts it first) and the main
/// archive compressed by `tool`: a systemd stage 1 whose crypttab names a LUKS root.
fn compressed_initrd(tool: &str, args: &[&str], extra: &[(&str, u32, &[u8])]) -> Vec<u8> {
    let mut initrd = newc(&[
        ("kernel", 0o40755, b""),
        ("kernel/x86/microcode/AuthenticAMD.bin", 0o100644, b"ucode"),
    ]);
    let mut main: Vec<(&str, u32, &[u8])> = vec![
        (".", 0o40755, b""),
        ("etc", 0o40755, b""),
        (
            "etc/crypttab",
            0o100644,
            b"cryptroot /dev/disk/by-uuid/1uk5-r00t - luks,discard\n",
        ),
    ];
    main.extend_from_slice(extra);
    initrd.extend(compress(tool, args, &newc(&main)));
    initrd
}

#[test]
fn compressed_initrds_are_read_in_process_zstd_gzip_xz_lz4() {
    if !can_build_stores() {
        return;
    }
    for (tool, _) in COMPRESSORS {
        if !nixbtw_tests::require_tool(tool) {
            return;
        }
    }
    let s = ChrootStore::new().unwrap();
    let specs: Vec<SystemSpec> = COMPRESSORS
        .iter()
        .map(|(tool, args)| {
            let mut spec = SystemSpec::healthy(tool);
            spec.initrd = compressed_initrd(tool, args, &[]);
            spec
        })
        .collect();
    let outs = build_systems(&s, &specs);
    add_devices(&s.root, HEALTHY_DEVICES);
    run_links(&s.root, &outs[0], &outs[0]);
    for (n, (tool, _)) in (1u32..).zip(COMPRESSORS) {
        set_default_generation(&s.root, n);
        let (rep, f) = audit(&s);
        let next = f.next().unwrap();
        assert_eq!(next.generation, Some(n));
        assert_eq!(next.initrd.members, ["cpio", *tool], "{:?}", next.initrd);
        assert!(next.initrd.complete, "{tool}: {:?}", next.initrd);
        assert!(!next.initrd.error);
        assert!(next.initrd.decompressed > 0);
        assert_eq!(next.initrd.sources, ["etc/crypttab"], "{tool}");
        assert_eq!(next.luks.len(), 1, "{tool}");
        // The LUKS root inside the compressed archive is missing: P0, no "unverified".
        assert_eq!(
            nextboot_ids(&rep),
            ["nextboot.boot-device-missing"],
            "{tool}: {:?}",
            rep.findings
        );
        let p0 = of(&rep, "nextboot.boot-device-missing")[0];
        assert!(p0.title.contains("LUKS device cryptroot"), "{}", p0.title);
        assert!(rep.probes.iter().all(|p| p.incomplete.is_empty()));
    }
    // The device appears: every format's generation is clean.
    add_devices(&s.root, &[("by-uuid", "1uk5-r00t", "vdc")]);
    for n in 1..=4 {
        set_default_generation(&s.root, n);
        assert!(nextboot_ids(&audit(&s).0).is_empty());
    }
}

/// `lz4 -l` output followed by NUL padding (an initrd padded to a block, or a member
/// appended after it), or by a second `lz4 -l` output: the kernel's unlz4 ends the stream at
/// the zero word and reads on, skips a repeated magic number, and so does the scan.
#[test]
fn legacy_lz4_initrds_padded_or_concatenated_read_like_the_kernel_reads_them() {
    if !can_build_stores() || !nixbtw_tests::require_tool("lz4") {
        return;
    }
    let s = ChrootStore::new().unwrap();
    let mut padded = SystemSpec::healthy("lz4-padded");
    padded.initrd = compressed_initrd("lz4", &["-q", "-c", "-l"], &[]);
    padded.initrd.extend([0u8; 512]);
    // A second archive after the padding (an appended member): its stage-1 script is read too.
    let mut appended = SystemSpec::healthy("lz4-appended");
    appended.initrd = padded.initrd.clone();
    appended.initrd.extend(newc(&[(
        "nix/store/22222222222222222222222222222222-stage-1-init.sh",
        0o100755,
        b"cryptsetup luksOpen /dev/disk/by-uuid/da7a data\n",
    )]));
    // Two `lz4 -l` outputs back to back (an archive appended by `cat`, no padding): the
    // kernel's unlz4 skips the second magic number and reads on as one stream.
    let mut concatenated = SystemSpec::healthy("lz4-concatenated");
    concatenated.initrd = compressed_initrd("lz4", &["-q", "-c", "-l"], &[]);
    concatenated.initrd.extend(compress(
        "lz4",
        &["-q", "-c", "-l"],
        &newc(&[(
            "nix/store/22222222222222222222222222222222-stage-1-init.sh",
            0o100755,
            b"cryptsetup luksOpen /dev/disk/by-uuid/da7a data\n",
        )]),
    ));
    let outs = build_systems(&s, &[padded, appended, concatenated]);
    add_devices(&s.root, HEALTHY_DEVICES);
    add_devices(
        &s.root,
        &[("by-uuid", "1uk5-r00t", "vdc"), ("by-uuid", "da7a", "vdd")],
    );
    run_links(&s.root, &outs[0], &outs[0]);
    set_default_generation(&s.root, 1);
    let (rep, f) = audit(&s);
    let i = &f.next().unwrap().initrd;
    assert!(i.complete && !i.error, "{i:?}");
    assert_eq!(i.members, ["cpio", "lz4"]);
    assert_eq!(i.sources, ["etc/crypttab"]);
    assert!(nextboot_ids(&rep).is_empty(), "{:?}", rep.findings);
    assert!(rep.probes.iter().all(|p| p.incomplete.is_empty()));
    set_default_generation(&s.root, 2);
    let (rep, f) = audit(&s);
    let next = f.next().unwrap();
    assert!(next.initrd.complete, "{:?}", next.initrd);
    assert_eq!(next.initrd.members, ["cpio", "lz4", "cpio"]);
    assert_eq!(next.luks.len(), 2, "{:?}", next.luks);
    assert!(nextboot_ids(&rep).is_empty(), "{:?}", rep.findings);
    set_default_generation(&s.root, 3);
    let (rep, f) = audit(&s);
    let next = f.next().unwrap();
    assert!(
        next.initrd.complete && !next.initrd.error,
        "{:?}",
        next.initrd
    );
    assert_eq!(next.initrd.members, ["cpio", "lz4"]);
    assert_eq!(next.luks.len(), 2, "{:?}", next.luks);
    assert!(nextboot_ids(&rep).is_empty(), "{:?}", rep.findings);
}

/// The default and the running generation share one initrd (the switch changed no stage-1
/// option): it is read once, and the second system says whose read it shares.
#[test]
fn an_initrd_two_generations_share_is_decompressed_once() {
    if !can_build_stores() || !nixbtw_tests::require_tool("zstd") {
        return;
    }
    let s = ChrootStore::new().unwrap();
    let initrd = compressed_initrd("zstd", &["-q", "-c", "-19"], &[]);
    let mut a = SystemSpec::healthy("shared-a");
    a.initrd = initrd.clone();
    a.initrd_tag = "shared".into();
    let mut b = SystemSpec::healthy("shared-b");
    b.initrd = initrd;
    b.initrd_tag = "shared".into();
    b.fstab
        .push_str("/dev/disk/by-label/nixos /srv ext4 defaults 0 2\n");
    let outs = build_systems(&s, &[a, b]);
    assert_ne!(outs[0], outs[1]);
    add_devices(&s.root, HEALTHY_DEVICES);
    // Default: generation 2; running: generation 1.
    run_links(&s.root, &outs[0], &outs[0]);
    let (_, f) = audit(&s);
    assert_eq!(f.systems.len(), 2);
    let (default, running) = (&f.systems[0].initrd, &f.systems[1].initrd);
    assert_eq!(default.file, running.file);
    assert!(default.same_as.is_none());
    assert_eq!(running.same_as.as_deref(), Some(outs[1].as_str()));
    assert!(default.decompressed > 0);
    assert_eq!(running.decompressed, default.decompressed);
    assert_eq!(f.systems[1].luks, f.systems[0].luks);
    assert_eq!(f.systems[1].luks.len(), 1);
}

/// The probe's deadline stops the initrd read: an error row that says so, not a hang.
#[test]
fn the_initrd_read_stops_at_the_probe_deadline_with_an_error_row() {
    if !can_build_stores() || !nixbtw_tests::require_tool("zstd") {
        return;
    }
    let s = ChrootStore::new().unwrap();
    let mut spec = SystemSpec::healthy("slow");
    spec.initrd = compressed_initrd("zstd", &["-q", "-c", "-3"], &[]);
    let outs = build_systems(&s, &[spec]);
    add_devices(&s.root, HEALTHY_DEVICES);
    run_links(&s.root, &outs[0], &outs[0]);
    let host = nixbtw_probes::Host::at_root(
        &s.root,
        std::sync::Arc::new(nixbtw_probes::SystemRunner),
        chrono::Utc::now(),
    )
    .unwrap();
    let f = nixbtw_probes::probes::nextboot::collect(&host, Some(None), std::time::Duration::ZERO);
    let i = &f.systems[0].initrd;
    assert!(!i.complete && i.error, "{i:?}");
    assert!(i.note.as_deref().unwrap().contains("deadline"), "{i:?}");
    assert!(
        f.problems
            .iter()
            .any(|p| p.contains("/initrd: stopped at the probe's deadline")),
        "{:?}",
        f.problems
    );
    // With time, the same initrd reads completely.
    let f = nixbtw_probes::probes::nextboot::collect(
        &host,
        Some(None),
        std::time::Duration::from_secs(60),
    );
    assert!(f.systems[0].initrd.complete, "{:?}", f.systems[0].initrd);
}

#[test]
fn a_decompression_bomb_in_the_initrd_hits_the_cap_and_is_an_error() {
    if !can_build_stores() || !nixbtw_tests::require_tool("zstd") {
        return;
    }
    let s = ChrootStore::new().unwrap();
    // 96 MiB of zeros in one file: zstd makes a few KiB of it; the cap for a file that small
    // is 64 MiB (initrd::MIN_DECOMPRESSED).
    let zeros = vec![0u8; 96 << 20];
    let mut bomb = SystemSpec::healthy("bomb");
    bomb.initrd = compressed_initrd("zstd", &["-q", "-c", "-3"], &[("zeros", 0o100644, &zeros)]);
    assert!(bomb.initrd.len() < 64 << 10, "{}", bomb.initrd.len());
    let outs = build_systems(&s, &[bomb]);
    add_devices(&s.root, HEALTHY_DEVICES);
    run_links(&s.root, &outs[0], &outs[0]);
    let (rep, f) = audit(&s);
    let i = &f.systems[0].initrd;
    assert!(!i.complete && i.error, "{i:?}");
    assert_eq!(i.members, ["cpio", "zstd"]);
    assert_eq!(i.decompressed, 64 << 20);
    assert!(
        i.note.as_deref().unwrap().contains("67108864-byte cap"),
        "{i:?}"
    );
    // An error row: the probe says it is incomplete, with the file and the cap.
    let status = rep
        .probes
        .iter()
        .find(|p| p.probe == ProbeId::Nextboot)
        .unwrap();
    assert_eq!(status.incomplete.len(), 1, "{status:?}");
    assert!(status.incomplete[0].contains("/initrd: the zstd member"));
    assert!(status.incomplete[0].contains("cap"));
    // The crypttab before the bomb was read and still counts (its LUKS root is missing); the
    // rest of the initrd is said to be unverified, with the rebuild advice.
    assert_eq!(
        nextboot_ids(&rep),
        [
            "nextboot.boot-device-missing",
            "nextboot.devices-unverified"
        ]
    );
    let u = of(&rep, "nextboot.devices-unverified")[0];
    assert!(u.title.contains("initrd not read"), "{}", u.title);
    assert!(u.description.contains("could not be read"));
    assert!(u.suggested_action.contains("zstd -dc"));
    assert!(u.suggested_action.contains("nixos-rebuild boot"));
}

#[test]
fn no_device_view_or_an_unread_initrd_is_said_with_how_to_compare() {
    if !can_build_stores() {
        return;
    }
    if !nixbtw_tests::require_tool("zstd") || !nixbtw_tests::require_tool("bzip2") {
        return;
    }
    let s = ChrootStore::new().unwrap();
    let mut spec = SystemSpec::healthy("zstd");
    spec.initrd = compress("zstd", &["-q", "-c"], &spec.initrd);
    spec.fstab
        .push_str("UUID=0ld-r00t /srv ext4 defaults 0 2\n");
    // bzip2 is a format NixOS offers and this audit does not decode.
    let mut bz = spec.clone();
    bz.name = "bzip2".into();
    bz.initrd = compress("bzip2", &["-c"], &SystemSpec::healthy("x").initrd);
    let outs = build_systems(&s, &[spec, bz]);
    run_links(&s.root, &outs[0], &outs[0]);
    set_default_generation(&s.root, 1);
    // No dev/ at all: no presence judged, the references listed; the zstd initrd is read.
    let (rep, f) = audit(&s);
    assert!(!f.devices.available);
    assert_eq!(f.systems[0].initrd.members, ["zstd"]);
    assert!(f.systems[0].initrd.complete);
    assert_eq!(nextboot_ids(&rep), ["nextboot.devices-unverified"]);
    let u = of(&rep, "nextboot.devices-unverified")[0];
    assert_eq!(
        u.title,
        "Devices of the next boot not compared: no device view"
    );
    assert!(u.suggested_action.contains("mount --rbind /dev DIR/dev"));
    assert_eq!(u.evidence[0].excerpt.len(), 3);
    // With devices, the missing one is judged, and nothing is unverified.
    add_devices(&s.root, HEALTHY_DEVICES);
    let (rep, _) = audit(&s);
    assert_eq!(nextboot_ids(&rep), ["nextboot.device-missing"]);
    // The bzip2 generation: its initrd is named, not read, and said so (not an error).
    set_default_generation(&s.root, 2);
    let (rep, f) = audit(&s);
    assert_eq!(f.next().unwrap().initrd.members, ["bzip2"]);
    assert!(!f.next().unwrap().initrd.error);
    assert_eq!(
        nextboot_ids(&rep),
        ["nextboot.device-missing", "nextboot.devices-unverified"]
    );
    let u = of(&rep, "nextboot.devices-unverified")[0];
    assert!(u.title.ends_with("initrd not read"), "{}", u.title);
    assert!(u.suggested_action.contains("bzip2 -dc"));
    assert!(rep.probes.iter().all(|p| p.incomplete.is_empty()));
}

#[test]
fn kernel_modules_mismatch_and_missing_out_of_tree_modules() {
    if !can_build_stores() {
        return;
    }
    let s = ChrootStore::new().unwrap();
    let mut mismatch = SystemSpec::healthy("mismatch");
    mismatch.modules_version = "6.6.1".into();
    let mut zfs = SystemSpec::healthy("zfs");
    zfs.kernel = "6.12.4".into();
    zfs.modules_version = "6.12.4".into();
    zfs.fstab = "rpool/root / zfs zfsutil 0 0\n\
                 /dev/disk/by-uuid/B00T-0001 /boot vfat defaults 0 2\n"
        .into();
    zfs.modules_load = "nvidia\nv4l2loopback\n".into();
    zfs.modules_dep
        .push_str("extra/v4l2loopback.ko.xz: kernel/drivers/media/v4l2-core/videodev.ko.xz\n");
    let mut zfs_ok = zfs.clone();
    zfs_ok.name = "zfs-ok".into();
    zfs_ok.modules_load = "v4l2loopback\n".into();
    zfs_ok
        .modules_dep
        .push_str("extra/zfs.ko.xz: extra/spl.ko.xz\n");
    let outs = build_systems(&s, &[mismatch, zfs, zfs_ok]);
    add_devices(&s.root, HEALTHY_DEVICES);
    run_links(&s.root, &outs[2], &outs[2]);
    let profile = s.root.join("nix/var/nix/profiles/system");
    let point = |n: u32| {
        std::fs::remove_file(&profile).unwrap();
        std::os::unix::fs::symlink(format!("system-{n}-link"), &profile).unwrap();
    };
    // Generation 3: ZFS root with zfs.ko, v4l2loopback present: nothing.
    let (rep, _) = audit(&s);
    assert!(nextboot_ids(&rep).is_empty(), "{:?}", rep.findings);
    // Generation 2: ZFS root without zfs.ko (P0), nvidia missing (P1).
    point(2);
    let (rep, _) = audit(&s);
    let m = of(&rep, "nextboot.module-missing");
    let got: Vec<(Priority, bool)> = m
        .iter()
        .map(|f| (f.priority, f.title.contains("`zfs`")))
        .collect();
    assert_eq!(got.len(), 2, "{:?}", rep.findings);
    assert!(got.contains(&(Priority::P0, true)));
    assert!(got.contains(&(Priority::P1, false)));
    // Generation 1: kernel 6.6.8 with a 6.6.1 modules tree.
    point(1);
    let (rep, f) = audit(&s);
    assert_eq!(
        nextboot_ids(&rep),
        ["nextboot.kernel-modules-mismatch"],
        "{:?}",
        f.systems[0].kernel
    );
}

/// The report files under `out` that are not in `before`: the audit just made.
fn new_report(out: &std::path::Path, before: &[std::path::PathBuf]) -> Report {
    let json = nixbtw_tests::files_under(out)
        .into_iter()
        .find(|f| {
            f.extension().is_some_and(|e| e == "json")
                && f.to_string_lossy().contains("audits/")
                && !before.contains(f)
        })
        .expect("a new report");
    let json = out.join(json);
    let bytes = std::fs::read(&json).unwrap();
    serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{}: {e}", json.display()))
}

#[test]
fn state_version_is_read_through_imports_and_compared_with_the_previous_audit() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("root");
    let out = tmp.path().join("out");
    let cp = Command::new("cp")
        .arg("-a")
        .arg(nixbtw_tests::demo_host())
        .arg(&root)
        .status()
        .unwrap();
    assert!(cp.success());
    let nixos = root.join("etc/nixos");
    // The stateVersion moves to an imported module (a directory's default.nix), as
    // hardware-configuration.nix-style splits do; an import that leaves the root is refused.
    std::fs::write(
        nixos.join("configuration.nix"),
        "{ ... }: {\n  imports = [ ./hardware-configuration.nix ./common ../../../../x.nix ];\n  networking.hostName = \"demo\";\n}\n",
    )
    .unwrap();
    std::fs::write(
        nixos.join("hardware-configuration.nix"),
        "{ ... }: { fileSystems.\"/\".device = \"/dev/disk/by-label/nixos\"; }\n",
    )
    .unwrap();
    std::fs::create_dir_all(nixos.join("common")).unwrap();
    let set = |v: &str| {
        std::fs::write(
            nixos.join("common/default.nix"),
            format!("{{ lib, ... }}:\n{{\n  system = {{\n    stateVersion = lib.mkDefault \"{v}\";\n  }};\n}}\n"),
        )
        .unwrap();
    };
    let run = |before: &[std::path::PathBuf]| {
        let r = nixbtw_tests::run_cli(vec![
            "--root".to_string(),
            root.display().to_string(),
            "--out-dir".to_string(),
            out.display().to_string(),
            "--only".to_string(),
            "host,nextboot".to_string(),
        ]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        new_report(&out, before)
    };
    let ids = |r: &Report| -> Vec<(String, Priority, bool)> {
        r.findings
            .iter()
            .filter(|f| f.id.as_str().starts_with("nextboot.state-version"))
            .map(|f| (f.id.as_str().to_string(), f.priority, f.new))
            .collect()
    };

    // First audit: 25.05 on the demo host (NixOS 25.05), no previous audit: nothing to say.
    set("25.05");
    let first = run(&[]);
    assert!(ids(&first).is_empty(), "{:?}", first.findings);
    let facts: NextbootFacts = serde_json::from_value(first.facts["nextboot"].clone()).unwrap();
    let sv = facts.state_version.unwrap();
    assert_eq!(sv.value(), Some("25.05"));
    assert_eq!(sv.bindings[0].file, "/etc/nixos/common/default.nix");
    assert_eq!(sv.bindings[0].line, 4);
    assert_eq!(
        sv.files,
        [
            "/etc/nixos/configuration.nix",
            "/etc/nixos/hardware-configuration.nix",
            "/etc/nixos/common/default.nix"
        ]
    );
    assert!(!sv.complete);
    assert!(sv.notes.iter().any(|n| n.contains("leaves the root")));

    // Someone "upgrades" the stateVersion: changed (P1, new) and ahead of 25.05 (P2).
    let before = nixbtw_tests::files_under(&out);
    set("26.05");
    let second = run(&before);
    assert_eq!(
        ids(&second),
        [
            (
                "nextboot.state-version-changed".to_string(),
                Priority::P1,
                true
            ),
            (
                "nextboot.state-version-ahead".to_string(),
                Priority::P2,
                true
            )
        ]
    );
    let changed = &second
        .findings
        .iter()
        .find(|f| f.id.as_str() == "nextboot.state-version-changed")
        .unwrap();
    assert!(
        changed.title.contains("from 25.05 to 26.05"),
        "{}",
        changed.title
    );
    assert_eq!(changed.file, "/etc/nixos/common/default.nix:4");

    // Unchanged since: the change is not raised again (nor called fixed: it was not undone);
    // still ahead, no longer new.
    // (Audits within one second tie on `started`: only the second audit stays as history.)
    for f in nixbtw_tests::files_under(&out) {
        if !before.contains(&f) {
            continue;
        }
        if f.extension().is_some_and(|e| e == "json") {
            std::fs::remove_file(out.join(f)).unwrap();
        }
    }
    let before = nixbtw_tests::files_under(&out);
    let third = run(&before);
    assert_eq!(
        ids(&third),
        [(
            "nextboot.state-version-ahead".to_string(),
            Priority::P2,
            false
        )]
    );
    assert!(third
        .findings
        .iter()
        .all(|f| f.id.as_str() != "nextboot.state-version-changed"));
}

/// Set a link's own mtime (`touch -h`): when a generation was created.
fn touch_link(link: &std::path::Path, when: &str) {
    let ok = Command::new("touch")
        .args(["-h", "-d", when])
        .arg(link)
        .status()
        .unwrap();
    assert!(ok.success());
}

/// Three healthy systems g1..g3 in a chroot store, the third current and booted, generation 2
/// made 2026-11-25 21:30 UTC (after the test journals' first entry).
fn three_generations() -> (ChrootStore, Vec<String>) {
    let s = ChrootStore::new().unwrap();
    let outs = build_systems(
        &s,
        &[
            SystemSpec::healthy("g1"),
            SystemSpec::healthy("g2"),
            SystemSpec::healthy("g3"),
        ],
    );
    add_devices(&s.root, HEALTHY_DEVICES);
    run_links(&s.root, &outs[2], &outs[2]);
    let profiles = s.root.join("nix/var/nix/profiles");
    touch_link(&profiles.join("system-2-link"), "2026-11-25T21:30:00Z");
    (s, outs)
}

#[test]
fn a_rollback_target_the_journal_never_saw_booting() {
    if !can_build_stores() || !nixbtw_tests::require_journal_tools() {
        return;
    }
    use nixbtw_tests::journal::{JournalBuilder, NEW_BOOT, OLD_BOOT};
    let (s, outs) = three_generations();
    let profiles = s.root.join("nix/var/nix/profiles");
    // Generation 1 booted with a scripted stage 1, generation 3 with systemd's (initrd) and
    // then again; generation 2 was switched to and never booted.
    let journal = |booted_2: bool| {
        let mut j = JournalBuilder::new();
        j.boot(OLD_BOOT).stage2_kmsg(&outs[0]);
        j.kernel(6, "EXT4-fs (vda2): mounted filesystem");
        if booted_2 {
            j.boot("22222222222222222222222222222222")
                .stage2_kmsg(&outs[1]);
        }
        j.boot("33333333333333333333333333333333")
            .stage2_initrd(&outs[2]);
        j.boot(NEW_BOOT).stage2_kmsg(&outs[2]);
        let _ = std::fs::remove_dir_all(s.root.join("var/log/journal"));
        j.write_under(&s.root).unwrap();
    };
    journal(false);
    let (rep, f) = audit(&s);
    let fb = f.fallback.as_ref().unwrap();
    assert_eq!(fb.generation, 2);
    assert_eq!(fb.path, outs[1]);
    let h = f.history.as_ref().unwrap();
    assert!(h.complete, "{h:?}");
    assert_eq!(h.boots, 3);
    assert_eq!(h.booted(&outs[2]).unwrap().boots, 2);
    assert_eq!(h.booted(&outs[0]).unwrap().boots, 1);
    assert!(h.booted(&outs[1]).is_none());
    assert_eq!(f.booted_system.as_deref(), Some(outs[2].as_str()));
    assert_eq!(nextboot_ids(&rep), ["nextboot.fallback-never-booted"]);
    let x = of(&rep, "nextboot.fallback-never-booted")[0];
    assert_eq!(x.priority, Priority::P2);
    assert!(x.title.contains("generation 2"), "{}", x.title);
    assert!(x.description.contains(&outs[1]));
    assert!(x.evidence[0].excerpt.iter().any(|l| l.contains("3 boots")));

    // Once it has booted, nothing.
    journal(true);
    let (rep, f) = audit(&s);
    assert_eq!(f.history.as_ref().unwrap().boots, 4);
    assert!(nextboot_ids(&rep).is_empty(), "{:?}", rep.findings);

    // Made before the journal's first entry: it may have booted unseen, so nothing either.
    journal(false);
    touch_link(&profiles.join("system-2-link"), "2026-11-20T12:00:00Z");
    assert!(nextboot_ids(&audit(&s).0).is_empty());
    // And when it is the booted system, it has booted.
    touch_link(&profiles.join("system-2-link"), "2026-11-25T21:30:00Z");
    assert_eq!(
        nextboot_ids(&audit(&s).0),
        ["nextboot.fallback-never-booted"]
    );
    run_links(&s.root, &outs[2], &outs[1]);
    assert!(nextboot_ids(&audit(&s).0).is_empty());
}

/// The boot history is the journal probe's: read from the same files, so a damaged journal
/// file (left out by the journal probe, its own row) does not blank it; the history says it
/// may lack that file's boots, and no "never booted" is claimed from a partial journal.
#[test]
fn the_boot_history_shares_the_journal_probes_files_and_survives_a_damaged_one() {
    if !can_build_stores() || !nixbtw_tests::require_journal_tools() {
        return;
    }
    use nixbtw_probes::probes::journal::JournalFacts;
    use nixbtw_tests::journal::{Damage, JournalBuilder, NEW_BOOT, OLD_BOOT};
    let (s, outs) = three_generations();
    let mut j = JournalBuilder::new();
    j.boot(OLD_BOOT).stage2_kmsg(&outs[0]);
    j.boot(NEW_BOOT).stage2_kmsg(&outs[2]);
    j.switch_to_configuration(5, &format!("switching to system configuration {}", outs[1]));
    j.write_under(&s.root).unwrap();
    let mut older = JournalBuilder::new();
    older
        .boot("22222222222222222222222222222222")
        .stage2_kmsg(&outs[1]);
    let bad = older
        .write_named(&s.root, "system@0005ebbfd42fc981-39a8842ec948769a.journal~")
        .unwrap();
    Damage::Signature.apply(&bad).unwrap();

    let (rep, facts) = nixbtw_tests::audit_probes(&s.root, &[ProbeId::Nextboot, ProbeId::Journal]);
    let jf = facts.get::<JournalFacts>().expect("journal facts");
    assert_eq!(jf.bad_files.len(), 1, "{:?}", jf.bad_files);
    let f = facts.get::<NextbootFacts>().expect("nextboot facts");
    let h = f.history.as_ref().unwrap();
    // The journal probe's history, from the readable file.
    assert_eq!(Some(h), jf.boot_history.as_ref());
    assert_eq!(h.boots, 2, "{h:?}");
    assert!(h.booted(&outs[2]).is_some());
    assert!(h.booted(&outs[0]).is_some());
    assert!(!h.complete);
    assert!(
        h.note
            .as_deref()
            .unwrap()
            .contains("system@0005ebbfd42fc981"),
        "{h:?}"
    );
    assert!(nextboot_ids(&rep).is_empty(), "{:?}", rep.findings);
    // The activations of both readable boots, for failure attribution.
    assert_eq!(jf.activations.len(), 3, "{:?}", jf.activations);

    // Without the journal probe, the next-boot probe makes the same read itself, over the
    // same readable files.
    let (_, alone) = audit(&s);
    let h2 = alone.history.as_ref().unwrap();
    assert_eq!(h2.systems, h.systems);
    assert!(!h2.complete);
}

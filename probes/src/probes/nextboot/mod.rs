//! The `nextboot` probe: what the next boot needs, read from the generation it will boot.
//!
//! The next boot starts the system profile's default generation (`/nix/var/nix/profiles/system`);
//! the running one (`/run/current-system`) is read too when it differs. For each:
//!
//! * its `etc/fstab` (file systems and swap, as NixOS writes them from `fileSystems` and
//!   `swapDevices`), every `UUID=`/`LABEL=`/`PARTUUID=`/`PARTLABEL=`/`/dev/disk/by-*`/`/dev/...`
//!   reference turned into the `/dev` path udev would create;
//! * its initrd's LUKS devices (`boot.initrd.luks.devices`), from the initrd's `etc/crypttab`
//!   or stage-1 script ([`initrd`]: cpio members read directly, zstd, gzip, xz and lz4 members
//!   through bounded pure-Rust decoders; other formats are named, not read);
//! * its kernel's version (the bzImage header, else the kernel's store name), the
//!   `lib/modules/<version>` trees of its `kernel-modules`, the modules it loads
//!   (`etc/modules-load.d`) and the file system types of its fstab, each looked up in the
//!   tree's `modules.dep` and `modules.builtin`.
//!
//! It also reads `system.stateVersion` from the configuration in `/etc/nixos`
//! ([`stateversion`]): the data migrations a rebuild would switch; and the rollback target
//! (the generation before the default) with the journal's record of which systems booted
//! ([`history`]).
//!
//! Devices are looked up in the target's own `/dev`: the live host's, or under `--root DIR` the
//! directory `DIR/dev` (what `nixos-enter` bind-mounts); nothing outside the root is read. When
//! that `/dev` holds no `disk/by-*` links, presence is not judged at all (a `/dev` that only a
//! rescue shell would fill is not evidence that devices are gone).

pub mod history;
pub mod initrd;
pub mod stateversion;

use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

use nixbtw_contracts::ProbeId;

use crate::fs::{caps, FileKind};
use crate::host::Host;
use crate::probe::{Facts, Probe, ProbeContext, ProbeError, ProbeFacts};

/// How a device is referred to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RefKind {
    /// `UUID=` or `/dev/disk/by-uuid/`.
    Uuid,
    /// `LABEL=` or `/dev/disk/by-label/`.
    Label,
    /// `PARTUUID=` or `/dev/disk/by-partuuid/`.
    Partuuid,
    /// `PARTLABEL=` or `/dev/disk/by-partlabel/`.
    Partlabel,
    /// `ID=` or `/dev/disk/by-id/`.
    Id,
    /// Another `/dev/disk/by-*` link (`by-path`, `by-diskseq`, ...).
    OtherLink,
    /// A kernel name (`/dev/sda1`, `/dev/nvme0n1p2`).
    Kernel,
    /// A device-mapper name (`/dev/mapper/root`): created by LUKS or LVM during boot.
    Mapper,
}

/// A device the next boot needs, and whether the target's `/dev` has it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceRef {
    /// As written (`UUID=1234-ABCD`, `/dev/disk/by-label/nixos`).
    pub spec: String,
    /// How it refers to the device.
    pub kind: RefKind,
    /// The `/dev` path looked up (`/dev/disk/by-uuid/1234-ABCD`).
    pub dev_path: String,
    /// Whether it is there; `None` when not looked up (no device view, or a mapper device
    /// that only exists once the boot opened it).
    pub present: Option<bool>,
}

/// One line of a generation's fstab.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MountEntry {
    /// First field (device).
    pub spec: String,
    /// Mount point (`none` for swap).
    pub mount_point: String,
    /// File system type.
    pub fs_type: String,
    /// Mount options.
    pub options: Vec<String>,
    /// The device, when the first field names one (not for tmpfs, NFS, ZFS datasets, binds).
    pub device: Option<DeviceRef>,
}

impl MountEntry {
    /// Whether the boot goes on without it (`nofail`, `noauto`, an automount).
    pub fn optional(&self) -> bool {
        self.options
            .iter()
            .any(|o| o == "nofail" || o == "noauto" || o == "x-systemd.automount")
    }

    /// Whether it is swap.
    pub fn is_swap(&self) -> bool {
        self.fs_type == "swap"
    }
}

/// A LUKS device the initrd opens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LuksDevice {
    /// The mapper name (`/dev/mapper/<name>`).
    pub name: String,
    /// The encrypted device.
    pub device: DeviceRef,
    /// Where it was read (`etc/crypttab`, the stage-1 script).
    pub source: String,
    /// Whether the boot goes on without it (`nofail` in crypttab).
    pub optional: bool,
}

/// How far the initrd was read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InitrdFacts {
    /// The initrd file (logical, resolved).
    pub file: Option<String>,
    /// Its members' formats, in order (`cpio`, `zstd`, ...).
    pub members: Vec<String>,
    /// Whether every member was read (so the LUKS list is complete).
    pub complete: bool,
    /// Why not, or why it could not be opened.
    pub note: Option<String>,
    /// Files of the initrd the LUKS devices were read from.
    pub sources: Vec<String>,
    /// Bytes its compressed members decompressed to.
    #[serde(default)]
    pub decompressed: u64,
    /// Whether it could not be read for a reason other than an unread format: a member that
    /// is damaged or decompresses past the cap ([`initrd::output_cap`]), or the probe's
    /// deadline stopped the read.
    #[serde(default)]
    pub error: bool,
    /// The system whose generation has the same initrd file, when it was read there (an
    /// initrd is decompressed once per audit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub same_as: Option<String>,
}

/// The kernel of a generation and its modules.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KernelFacts {
    /// The kernel image (resolved).
    pub image: Option<String>,
    /// Its version.
    pub version: Option<String>,
    /// Where the version came from (`bzImage header`, `store name`).
    pub version_source: Option<String>,
    /// The `kernel-modules` store path.
    pub modules_path: Option<String>,
    /// The version directories under `kernel-modules/lib/modules`.
    pub module_trees: Vec<String>,
    /// Whether the matching tree has a `modules.dep`.
    pub modules_dep: bool,
    /// Whether the matching tree has a `modules.builtin` (modules built into the kernel).
    #[serde(default)]
    pub modules_builtin: bool,
    /// Modules the generation asks for (`etc/modules-load.d/*.conf` and file system types of
    /// its fstab that are modules), with where each was asked for.
    pub wanted: Vec<WantedModule>,
}

/// A module the generation needs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WantedModule {
    /// Module name (`zfs`, `nvidia`).
    pub name: String,
    /// Why (`etc/modules-load.d/nixos.conf`, `fstab: / zfs`).
    pub reason: String,
    /// Whether it is the root file system's type.
    pub root_fs: bool,
    /// Where `modules.dep` has it, or `builtin`; `None` when the tree lacks it.
    pub found: Option<String>,
}

/// One system generation as the next boot (or the running system) sees it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextSystem {
    /// `default` (what the next boot starts), `current` (running), or both.
    pub roles: Vec<String>,
    /// Its system profile generation, if any.
    pub generation: Option<u32>,
    /// The system store path.
    pub path: String,
    /// The fstab read (`<system>/etc/fstab`); `None` when it has none.
    pub fstab: Option<String>,
    /// Its entries.
    pub mounts: Vec<MountEntry>,
    /// The initrd.
    pub initrd: InitrdFacts,
    /// LUKS devices the initrd opens.
    pub luks: Vec<LuksDevice>,
    /// Kernel and modules.
    pub kernel: KernelFacts,
}

impl NextSystem {
    /// Whether this is what the next boot starts.
    pub fn is_default(&self) -> bool {
        self.roles.iter().any(|r| r == "default")
    }
}

/// The target's `/dev`, as far as devices are concerned.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceView {
    /// Whether it is the audited root's own `dev/` (`--root DIR`: `DIR/dev`) rather than the
    /// live host's `/dev`.
    pub under_root: bool,
    /// Links under `/dev/disk/by-*` in all.
    pub links: usize,
    /// Whether presence was judged (there are links).
    pub available: bool,
}

impl DeviceView {
    /// How to name it in a sentence.
    pub fn describe(&self) -> &'static str {
        if self.under_root {
            "the audited root's dev/ (DIR/dev under --root)"
        } else {
            "/dev"
        }
    }
}

/// The running kernel's modules (live only): whether `/run/booted-system` still has them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunningKernel {
    /// Its release (`/proc/sys/kernel/osrelease`, what `uname -r` prints).
    pub release: String,
    /// Where its modules are looked for:
    /// `/run/booted-system/kernel-modules/lib/modules/<release>`.
    pub modules_path: String,
    /// Whether that directory is there.
    pub present: bool,
}

/// Facts of the `nextboot` probe.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct NextbootFacts {
    /// The default generation first, then the running one if it differs.
    pub systems: Vec<NextSystem>,
    /// The device view.
    pub devices: DeviceView,
    /// The rollback target: the newest system generation below the default.
    #[serde(default)]
    pub fallback: Option<history::Fallback>,
    /// `/run/booted-system` (live, or the root's own `run/`), resolved.
    #[serde(default)]
    pub booted_system: Option<String>,
    /// Which systems the journal saw booting (read when there is a fallback to judge).
    #[serde(default)]
    pub history: Option<history::BootHistory>,
    /// The running kernel's modules (live only).
    #[serde(default)]
    pub running_kernel: Option<RunningKernel>,
    /// `system.stateVersion` of the configuration (`/etc/nixos`); `None` without one.
    #[serde(default)]
    pub state_version: Option<stateversion::StateVersionFacts>,
    /// What could not be read.
    #[serde(default)]
    pub problems: Vec<String>,
}

impl NextbootFacts {
    /// What the next boot starts: the default generation, else the running one.
    pub fn next(&self) -> Option<&NextSystem> {
        self.systems
            .iter()
            .find(|s| s.is_default())
            .or(self.systems.first())
    }
}

impl ProbeFacts for NextbootFacts {
    const PROBE: ProbeId = ProbeId::Nextboot;

    fn incomplete(&self) -> Vec<String> {
        self.problems.clone()
    }
}

/// The probe.
#[derive(Debug, Default)]
pub struct NextbootProbe;

impl Probe for NextbootProbe {
    fn id(&self) -> ProbeId {
        ProbeId::Nextboot
    }

    fn needs(&self) -> &'static [ProbeId] {
        // The boot history comes from the journal probe's read over every boot.
        &[ProbeId::Journal]
    }

    fn by_hand(&self) -> &'static str {
        "cat /nix/var/nix/profiles/system/etc/fstab; ls -l /dev/disk/by-uuid /dev/disk/by-label; \
         journalctl _TRANSPORT=kernel SYSLOG_FACILITY=1 | grep 'booting system configuration'; \
         lsinitrd /nix/var/nix/profiles/system/initrd | grep -e crypttab -e stage-1"
    }

    fn collect(&self, host: &Host, cx: &ProbeContext<'_>) -> Result<Box<dyn Facts>, ProbeError> {
        let left = cx.remaining();
        let budget = left.saturating_sub((left / 10).min(std::time::Duration::from_secs(2)));
        let journal = cx
            .facts
            .run(ProbeId::Journal)
            .is_some()
            .then(|| cx.facts.get::<crate::probes::journal::JournalFacts>());
        let facts = collect(host, journal, budget);
        if facts.systems.is_empty() {
            return Err(ProbeError::Skipped(
                "no NixOS system (no system profile, no /run/current-system)".to_string(),
            ));
        }
        Ok(Box::new(facts))
    }
}

/// Undo fstab's octal escapes (`\040` for a space).
pub fn unescape_fstab(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'\\' && i + 3 < b.len() {
            let oct = &b[i + 1..i + 4];
            if oct.len() == 3 && oct.iter().all(|c| (b'0'..=b'7').contains(c)) {
                let v = oct.iter().fold(0u32, |a, c| a * 8 + u32::from(c - b'0'));
                if let Ok(byte) = u8::try_from(v) {
                    out.push(byte);
                    i += 4;
                    continue;
                }
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// udev's encoding of a label or ID in a `/dev/disk/by-*` link name: bytes outside
/// `[A-Za-z0-9#+-.:=@_]` and valid multi-byte UTF-8 become `\xHH`.
pub fn udev_encode(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_ascii_alphanumeric() || "#+-.:=@_".contains(c) || !c.is_ascii() {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("\\x{b:02x}"));
            }
        }
    }
    out
}

/// The device a first fstab or crypttab field names, if it names one.
pub fn device_ref(spec: &str) -> Option<DeviceRef> {
    let tag = |prefix: &str, kind: RefKind, dir: &str| {
        spec.strip_prefix(prefix).map(|v| {
            let v = v.trim_matches('"');
            DeviceRef {
                spec: spec.to_string(),
                kind,
                dev_path: format!("/dev/disk/{dir}/{}", udev_encode(v)),
                present: None,
            }
        })
    };
    if let Some(r) = tag("UUID=", RefKind::Uuid, "by-uuid")
        .or_else(|| tag("LABEL=", RefKind::Label, "by-label"))
        .or_else(|| tag("PARTUUID=", RefKind::Partuuid, "by-partuuid"))
        .or_else(|| tag("PARTLABEL=", RefKind::Partlabel, "by-partlabel"))
        .or_else(|| tag("ID=", RefKind::Id, "by-id"))
    {
        return Some(r);
    }
    let rest = spec.strip_prefix("/dev/")?;
    if rest.is_empty() || rest.split('/').any(|c| c == ".." || c.is_empty()) {
        return None;
    }
    let kind = match rest.split('/').collect::<Vec<_>>().as_slice() {
        ["disk", "by-uuid", _] => RefKind::Uuid,
        ["disk", "by-label", _] => RefKind::Label,
        ["disk", "by-partuuid", _] => RefKind::Partuuid,
        ["disk", "by-partlabel", _] => RefKind::Partlabel,
        ["disk", "by-id", _] => RefKind::Id,
        ["disk", _, _] => RefKind::OtherLink,
        ["mapper", _] => RefKind::Mapper,
        // LVM's /dev/<vg>/<lv> links appear once the boot activated the volume group.
        [_, _] => RefKind::Mapper,
        _ => RefKind::Kernel,
    };
    Some(DeviceRef {
        spec: spec.to_string(),
        kind,
        dev_path: spec.to_string(),
        present: None,
    })
}

/// Parse an fstab: one [`MountEntry`] per line with at least three fields.
pub fn parse_fstab(text: &str) -> Vec<MountEntry> {
    text.lines()
        .filter_map(|l| {
            let l = l.trim();
            if l.is_empty() || l.starts_with('#') {
                return None;
            }
            let f: Vec<&str> = l.split_whitespace().collect();
            let spec = unescape_fstab(f.first()?);
            let fs_type = f.get(2)?.to_string();
            let options: Vec<String> = f
                .get(3)
                .map(|o| o.split(',').map(str::to_string).collect())
                .unwrap_or_default();
            let bind = options.iter().any(|o| o == "bind" || o == "rbind");
            let device = if bind { None } else { device_ref(&spec) };
            Some(MountEntry {
                spec,
                mount_point: unescape_fstab(f.get(1)?),
                fs_type,
                options,
                device,
            })
        })
        .collect()
}

/// LUKS devices of an initrd's `etc/crypttab`.
pub fn parse_crypttab(text: &str, source: &str) -> Vec<LuksDevice> {
    text.lines()
        .filter_map(|l| {
            let l = l.trim();
            if l.is_empty() || l.starts_with('#') {
                return None;
            }
            let f: Vec<&str> = l.split_whitespace().collect();
            let name = f.first()?.to_string();
            let device = device_ref(f.get(1)?)?;
            let optional = f
                .get(3)
                .is_some_and(|o| o.split(',').any(|x| x == "nofail" || x == "noauto"));
            Some(LuksDevice {
                name,
                device,
                source: source.to_string(),
                optional,
            })
        })
        .collect()
}

/// LUKS devices of a scripted stage 1: its `cryptsetup luksOpen <device> <name>` lines.
pub fn parse_stage1(text: &str, source: &str) -> Vec<LuksDevice> {
    let mut seen = BTreeSet::new();
    let mut out = Vec::new();
    for l in text.lines() {
        let toks: Vec<&str> = l.split_whitespace().collect();
        let Some(i) = toks
            .windows(2)
            .position(|w| w[0] == "cryptsetup" && (w[1] == "luksOpen" || w[1] == "open"))
        else {
            continue;
        };
        let (Some(dev), Some(name)) = (toks.get(i + 2), toks.get(i + 3)) else {
            continue;
        };
        let dev = dev.trim_matches(|c| c == '"' || c == '\'');
        let name = name.trim_matches(|c| c == '"' || c == '\'');
        if dev.starts_with('$') || name.starts_with('$') || name.starts_with('-') {
            continue;
        }
        let Some(device) = device_ref(dev) else {
            continue;
        };
        if seen.insert((dev.to_string(), name.to_string())) {
            out.push(LuksDevice {
                name: name.to_string(),
                device,
                source: source.to_string(),
                optional: false,
            });
        }
    }
    out
}

/// The version string of a Linux bzImage (`6.6.8`), from its setup header.
pub fn bzimage_version(head: &[u8]) -> Option<String> {
    if head.get(0x202..0x206)? != b"HdrS" {
        return None;
    }
    let ptr = u16::from_le_bytes([*head.get(0x20e)?, *head.get(0x20f)?]);
    let at = usize::from(ptr) + 0x200;
    let s = head.get(at..(at + 256).min(head.len()))?;
    let end = s.iter().position(|b| *b == 0 || *b == b' ')?;
    let v = std::str::from_utf8(&s[..end]).ok()?;
    (!v.is_empty()).then(|| v.to_string())
}

/// The version in a kernel store name (`linux-6.6.8` -> `6.6.8`).
fn version_of_store_name(path: &str) -> Option<String> {
    // The package-name rules of the generation diff: `linux-6.12.4` or `linux-6.12.4-modules`.
    let p = crate::pkgname::parse(path);
    (p.pname == "linux").then_some(p.version?.to_string())
}

/// File system types that are kernel modules worth looking for (not fuse or pseudo types).
const FS_MODULES: &[&str] = &[
    "zfs", "btrfs", "xfs", "ext4", "ext3", "ext2", "vfat", "f2fs", "bcachefs", "ntfs3", "exfat",
    "jfs", "reiserfs", "nilfs2",
];

fn module_name(s: &str) -> String {
    s.replace('-', "_")
}

/// Modules of a `modules.dep` (`kernel/fs/zfs/zfs.ko.xz: ...` -> zfs) with their path.
fn modules_dep_names(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter_map(|l| {
            let path = l.split(':').next()?.trim();
            let file = path.rsplit('/').next()?;
            let name = file.split(".ko").next()?;
            (!name.is_empty() && file.contains(".ko"))
                .then(|| (module_name(name), path.to_string()))
        })
        .collect()
}

fn kernel_facts(
    host: &Host,
    system: &Path,
    mounts: &[MountEntry],
    problems: &mut Vec<String>,
) -> KernelFacts {
    let mut k = KernelFacts::default();
    if let Ok(img) = host.resolve(system.join("kernel")) {
        k.image = Some(img.display().to_string());
        if let Ok((file, _)) = host.open_file(&img) {
            let mut head = Vec::new();
            if file.take(64 * 1024).read_to_end(&mut head).is_ok() {
                if let Some(v) = bzimage_version(&head) {
                    k.version = Some(v);
                    k.version_source = Some("bzImage header".to_string());
                }
            }
        }
        if k.version.is_none() {
            if let Some(sp) = host.store_path_of(&img) {
                if let Some(v) = version_of_store_name(&sp.display().to_string()) {
                    k.version = Some(v);
                    k.version_source = Some("store name".to_string());
                }
            }
        }
    }
    let Ok(Some(mods)) = host.resolve_to_store(system.join("kernel-modules")) else {
        return k;
    };
    k.modules_path = Some(mods.display().to_string());
    let lib = mods.join("lib/modules");
    match host.read_dir(&lib) {
        Ok(entries) => {
            k.module_trees = entries
                .into_iter()
                .filter(|e| e.kind == FileKind::Dir || e.kind == FileKind::Symlink)
                .map(|e| e.name.to_string_lossy().into_owned())
                .collect();
        }
        Err(e) => problems.push(e.to_string()),
    }
    let tree = k
        .version
        .as_ref()
        .filter(|v| k.module_trees.contains(v))
        .or_else(|| (k.module_trees.len() == 1).then(|| &k.module_trees[0]))
        .map(|v| lib.join(v));
    let mut wanted: Vec<WantedModule> = Vec::new();
    let etc_dir = system.join("etc/modules-load.d");
    if let Ok(entries) = host.read_dir(&etc_dir) {
        for e in entries {
            let name = e.name.to_string_lossy().into_owned();
            if !name.ends_with(".conf") {
                continue;
            }
            let file = etc_dir.join(&name);
            match host.read_text(&file, caps::SMALL) {
                Ok(text) => {
                    for l in text.lines() {
                        let m = l.trim();
                        if m.is_empty() || m.starts_with('#') || m.starts_with(';') {
                            continue;
                        }
                        wanted.push(WantedModule {
                            name: m.to_string(),
                            reason: format!("etc/modules-load.d/{name}"),
                            root_fs: false,
                            found: None,
                        });
                    }
                }
                Err(e) => problems.push(e.to_string()),
            }
        }
    }
    for m in mounts {
        if FS_MODULES.contains(&m.fs_type.as_str()) {
            let root_fs = m.mount_point == "/";
            if let Some(w) = wanted.iter_mut().find(|w| w.name == m.fs_type) {
                w.root_fs |= root_fs;
                continue;
            }
            wanted.push(WantedModule {
                name: m.fs_type.clone(),
                reason: format!("fstab: {} {}", m.mount_point, m.fs_type),
                root_fs,
                found: None,
            });
        }
    }
    if let Some(tree) = tree {
        let dep = host.read_text(tree.join("modules.dep"), caps::TEXT);
        let builtin = match host.read_text(tree.join("modules.builtin"), caps::TEXT) {
            Ok(t) => {
                k.modules_builtin = true;
                t
            }
            Err(_) => String::new(),
        };
        match dep {
            Ok(text) => {
                k.modules_dep = true;
                let have = modules_dep_names(&text);
                let built: BTreeSet<String> = modules_dep_names(&builtin)
                    .into_iter()
                    .map(|(n, _)| n)
                    .collect();
                for w in &mut wanted {
                    let n = module_name(&w.name);
                    w.found = have
                        .iter()
                        .find(|(name, _)| *name == n)
                        .map(|(_, p)| p.clone())
                        .or_else(|| built.contains(&n).then(|| "builtin".to_string()));
                }
            }
            Err(e) if e.is_not_found() => {}
            Err(e) => problems.push(e.to_string()),
        }
    }
    k.wanted = wanted;
    k
}

/// Initrds already read this audit, by resolved file, with the system that read them: the
/// default and the running generation often share one initrd (a switch that changed no
/// stage-1 option), and it is decompressed once.
type InitrdCache = Vec<(PathBuf, String, InitrdFacts, Vec<LuksDevice>)>;

fn read_initrd(
    host: &Host,
    system: &Path,
    deadline: Instant,
    cache: &mut InitrdCache,
    problems: &mut Vec<String>,
) -> (InitrdFacts, Vec<LuksDevice>) {
    let mut f = InitrdFacts::default();
    let file = match host.resolve(system.join("initrd")) {
        Ok(p) => p,
        Err(e) => {
            f.note = Some(e.to_string());
            return (f, Vec::new());
        }
    };
    if let Some((_, by, facts, luks)) = cache.iter().find(|(p, ..)| *p == file) {
        let mut facts = facts.clone();
        facts.same_as = Some(by.clone());
        return (facts, luks.clone());
    }
    let (f, luks) = scan_initrd(host, &file, deadline, f, problems);
    cache.push((file, system.display().to_string(), f.clone(), luks.clone()));
    (f, luks)
}

fn scan_initrd(
    host: &Host,
    file: &Path,
    deadline: Instant,
    mut f: InitrdFacts,
    problems: &mut Vec<String>,
) -> (InitrdFacts, Vec<LuksDevice>) {
    f.file = Some(file.display().to_string());
    let (reader, meta) = match host.open_file(file) {
        Ok(r) => r,
        Err(e) => {
            problems.push(e.to_string());
            f.note = Some(e.to_string());
            return (f, Vec::new());
        }
    };
    let limits = initrd::Limits {
        input: initrd::MAX_INITRD,
        output: initrd::output_cap(meta.len),
        deadline: Some(deadline),
    };
    let scan = initrd::scan_with(std::io::BufReader::new(reader), limits);
    f.members = scan.members;
    f.complete = scan.complete;
    f.decompressed = scan.decompressed;
    f.error = scan.error;
    if scan.error {
        if let Some(note) = &scan.note {
            problems.push(format!("{}: {note}", file.display()));
        }
    }
    f.note = scan.note;
    let mut luks = Vec::new();
    for file in scan.files {
        let found = if file.name == "etc/crypttab" {
            parse_crypttab(&file.text, &file.name)
        } else {
            parse_stage1(&file.text, &file.name)
        };
        f.sources.push(file.name);
        for d in found {
            if !luks
                .iter()
                .any(|l: &LuksDevice| l.name == d.name && l.device.spec == d.device.spec)
            {
                luks.push(d);
            }
        }
    }
    (f, luks)
}

fn generation_of(host: &Host, profile: &Path) -> Option<u32> {
    let t = host.read_link(profile).ok()?;
    let f = t.file_name()?.to_string_lossy().into_owned();
    crate::probes::generations::parse_generation_link(&f).map(|(_, n)| n)
}

fn read_system(
    host: &Host,
    path: PathBuf,
    roles: Vec<String>,
    generation: Option<u32>,
    deadline: Instant,
    cache: &mut InitrdCache,
    problems: &mut Vec<String>,
) -> NextSystem {
    let mut s = NextSystem {
        roles,
        generation,
        path: path.display().to_string(),
        ..Default::default()
    };
    let fstab = path.join("etc/fstab");
    match host.read_text(&fstab, caps::SMALL) {
        Ok(text) => {
            s.fstab = Some(fstab.display().to_string());
            s.mounts = parse_fstab(&text);
        }
        Err(e) if e.is_not_found() => {}
        Err(e) => problems.push(e.to_string()),
    }
    let (initrd, luks) = read_initrd(host, &path, deadline, cache, problems);
    s.initrd = initrd;
    s.luks = luks;
    s.kernel = kernel_facts(host, &path, &s.mounts, problems);
    s
}

/// Count the `/dev/disk/by-*` links of the target.
fn device_view(host: &Host) -> DeviceView {
    let mut links = 0;
    if let Ok(dirs) = host.read_dir("/dev/disk") {
        for d in dirs {
            if d.kind != FileKind::Dir {
                continue;
            }
            if let Ok(entries) = host.read_dir(Path::new("/dev/disk").join(&d.name)) {
                links += entries.len();
            }
        }
    }
    DeviceView {
        under_root: !host.is_live(),
        links,
        available: links > 0,
    }
}

fn look_up(host: &Host, view: &DeviceView, r: &mut DeviceRef) {
    if !view.available || r.kind == RefKind::Mapper {
        return;
    }
    let p = Path::new(&r.dev_path);
    let mut present = host.symlink_metadata(p).is_ok();
    if !present && r.kind == RefKind::Uuid {
        // fstab may spell a UUID in another case than udev's link.
        let dir = p.parent().unwrap_or(Path::new("/"));
        let want = p.file_name().map(|n| n.to_string_lossy().to_lowercase());
        present = host.read_dir(dir).is_ok_and(|es| {
            es.iter()
                .any(|e| Some(e.name.to_string_lossy().to_lowercase()) == want)
        });
    }
    r.present = Some(present);
}

/// Whether `s` has the shape of a kernel release (`6.6.8`, `6.12.1-rc3+`, `5.15.0-91-generic`):
/// an ASCII digit first, then only characters `uname -r` prints. Anything else (`.`, `..`,
/// `../x`, an empty or garbled file) is no release: joined to the modules directory, `.`
/// would name the directory itself and count as the modules being there.
fn is_kernel_release(s: &str) -> bool {
    s.len() <= 64
        && s.starts_with(|c: char| c.is_ascii_digit())
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"._+~-".contains(&b))
}

/// The running kernel's release and whether its modules are still reachable (live).
fn running_kernel(host: &Host) -> Option<RunningKernel> {
    let release = host
        .read_text("/proc/sys/kernel/osrelease", caps::TINY)
        .ok()?
        .trim()
        .to_string();
    if !is_kernel_release(&release) {
        return None;
    }
    let modules_path = format!("/run/booted-system/kernel-modules/lib/modules/{release}");
    Some(RunningKernel {
        present: host.is_dir(&modules_path),
        release,
        modules_path,
    })
}

/// Collect the facts within `timeout`. `journal` is the journal probe's outcome when it ran
/// (`Some(None)` when it produced no facts: no journal): the boot history is its; when it
/// did not run, the same read is made here.
pub fn collect(
    host: &Host,
    journal: Option<Option<&crate::probes::journal::JournalFacts>>,
    timeout: std::time::Duration,
) -> NextbootFacts {
    let mut f = NextbootFacts::default();
    let deadline = Instant::now() + timeout;
    let mut cache = InitrdCache::new();
    let profile = host.profiles_dir().join("system");
    let default = host.resolve_to_store(&profile).ok().flatten();
    let current = host.resolve_to_store("/run/current-system").ok().flatten();
    if let Some(d) = &default {
        let mut roles = vec!["default".to_string()];
        if current.as_ref() == Some(d) {
            roles.push("current".to_string());
        }
        let g = generation_of(host, &profile);
        let s = read_system(
            host,
            d.clone(),
            roles,
            g,
            deadline,
            &mut cache,
            &mut f.problems,
        );
        f.systems.push(s);
    }
    if let Some(c) = current.filter(|c| default.as_ref() != Some(c)) {
        let s = read_system(
            host,
            c,
            vec!["current".to_string()],
            None,
            deadline,
            &mut cache,
            &mut f.problems,
        );
        f.systems.push(s);
    }
    f.devices = device_view(host);
    f.state_version = stateversion::collect(host);
    f.booted_system = host
        .resolve_to_store("/run/booted-system")
        .ok()
        .flatten()
        .map(|p| p.display().to_string());
    if host.is_live() {
        f.running_kernel = running_kernel(host);
    }
    if let Some(g) = f.next().and_then(|s| s.generation) {
        f.fallback = history::fallback(host, g);
    }
    if f.fallback.is_some() {
        f.history = match journal {
            Some(j) => j.and_then(|j| j.boot_history.clone()),
            None => history::read(host, deadline.saturating_duration_since(Instant::now())),
        };
    }
    let view = f.devices.clone();
    for s in &mut f.systems {
        for m in &mut s.mounts {
            if let Some(r) = &mut m.device {
                look_up(host, &view, r);
            }
        }
        for l in &mut s.luks {
            look_up(host, &view, &mut l.device);
        }
    }
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A malformed release (`.` names the modules directory itself) is no release known, so
    /// its modules are never "present".
    #[test]
    fn malformed_kernel_releases_are_not_known() {
        let dir = tempfile::tempdir().unwrap();
        let r = dir.path();
        std::fs::create_dir_all(r.join("proc/sys/kernel")).unwrap();
        std::fs::create_dir_all(r.join("run/booted-system/kernel-modules/lib/modules/6.6.8"))
            .unwrap();
        let host = Host::at_root(
            r,
            std::sync::Arc::new(crate::command::SystemRunner),
            chrono::Utc::now(),
        )
        .unwrap();
        for bad in [".", "..", "./", "", "x6.6", "6.6/../..", "6.6 8"] {
            std::fs::write(r.join("proc/sys/kernel/osrelease"), format!("{bad}\n")).unwrap();
            assert_eq!(running_kernel(&host), None, "{bad:?}");
        }
        for (good, present) in [("6.6.8", true), ("6.12.1-rc3+", false)] {
            std::fs::write(r.join("proc/sys/kernel/osrelease"), format!("{good}\n")).unwrap();
            let k = running_kernel(&host).unwrap();
            assert_eq!((k.release.as_str(), k.present), (good, present));
        }
    }

    #[test]
    fn fstab_references_become_dev_paths() {
        let m = parse_fstab(
            "# comment\n/dev/disk/by-uuid/0f3a / ext4 defaults 0 1\n\
             UUID=1234-ABCD /boot vfat umask=0077 0 2\n\
             LABEL=my\\040data /data xfs nofail 0 2\n\
             /dev/mapper/crypt-swap none swap defaults 0 0\n\
             tmpfs /tmp tmpfs mode=1777 0 0\n\
             rpool/root /var zfs zfsutil 0 0\n\
             /home/a /srv/a none bind 0 0\n",
        );
        assert_eq!(m.len(), 7);
        assert_eq!(m[0].device.as_ref().unwrap().kind, RefKind::Uuid);
        assert_eq!(
            m[1].device.as_ref().unwrap().dev_path,
            "/dev/disk/by-uuid/1234-ABCD"
        );
        assert_eq!(m[2].mount_point, "/data");
        assert_eq!(
            m[2].device.as_ref().unwrap().dev_path,
            "/dev/disk/by-label/my\\x20data"
        );
        assert!(m[2].optional());
        assert_eq!(m[3].device.as_ref().unwrap().kind, RefKind::Mapper);
        assert!(m[3].is_swap());
        assert!(m[4].device.is_none() && m[5].device.is_none() && m[6].device.is_none());
        assert!(device_ref("/dev/../etc/passwd").is_none());
    }

    #[test]
    fn crypttab_and_stage_1_name_luks_devices() {
        let c = parse_crypttab(
            "cryptroot /dev/disk/by-uuid/aa - luks,discard\nhome UUID=bb /k luks,nofail\n",
            "etc/crypttab",
        );
        assert_eq!(c.len(), 2);
        assert!(!c[0].optional && c[1].optional);
        assert_eq!(c[1].device.dev_path, "/dev/disk/by-uuid/bb");
        let s = parse_stage1(
            "wait_target \"device\" /dev/disk/by-uuid/cc || die\n\
             cryptsetup luksOpen /dev/disk/by-uuid/cc root --allow-discards\n\
             cryptsetup luksOpen /dev/disk/by-uuid/cc root --key-file=-\n\
             cryptsetup luksOpen $device $name\n",
            "x",
        );
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].name, "root");
    }

    #[test]
    fn kernel_version_from_the_bzimage_header_or_the_store_name() {
        let mut img = vec![0u8; 0x1000];
        img[0x202..0x206].copy_from_slice(b"HdrS");
        img[0x20e..0x210].copy_from_slice(&0x0400u16.to_le_bytes());
        img[0x600..0x600 + 27].copy_from_slice(b"6.6.8 (nixbld@localhost) #1");
        assert_eq!(bzimage_version(&img).as_deref(), Some("6.6.8"));
        assert_eq!(bzimage_version(&img[..0x300]), None);
        assert_eq!(
            version_of_store_name("/nix/store/kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk-linux-6.12.4"),
            Some("6.12.4".into())
        );
        assert_eq!(
            version_of_store_name(
                "/nix/store/kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk-linux-6.12.4-modules"
            ),
            Some("6.12.4".into())
        );
        assert_eq!(
            version_of_store_name("/nix/store/kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk-hello-1"),
            None
        );
    }

    #[test]
    fn modules_dep_names_normalise_dashes() {
        let m = modules_dep_names(
            "extra/zfs.ko.xz: kernel/spl.ko.xz\nkernel/drivers/v4l2-loopback.ko:\n",
        );
        assert_eq!(m[0].0, "zfs");
        assert_eq!(m[1].0, "v4l2_loopback");
    }
}

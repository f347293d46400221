//! Real journal files for tests, built from the journal export format with
//! `systemd-journal-remote` (the same files journald writes, readable by journalctl).
//!
//! Field shapes follow a real systemd 252 export (../shared/notes/real-systemd-252.export):
//! the manager's unit messages carry `UNIT` (system manager, `_PID=1`) or `USER_UNIT` (user
//! manager) with `MESSAGE_ID`, `UNIT_RESULT`, `JOB_RESULT`, `JOB_TYPE`; kernel lines have
//! `_TRANSPORT=kernel`; coredumps come from systemd-coredump with `COREDUMP_*` fields.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// systemd-journal-remote, as Debian installs it.
pub const JOURNAL_REMOTE: &str = "/lib/systemd/systemd-journal-remote";
/// Machine ID used by the fixtures (the directory name under /var/log/journal).
pub const MACHINE_ID: &str = "3d1219c7c4c5404aaa1f6d2a48adfda4";
/// The older boot of [`two_boots`].
pub const OLD_BOOT: &str = "11111111111111111111111111111111";
/// The newest boot of [`two_boots`].
pub const NEW_BOOT: &str = "844d11a9670d488a93fb0cd463908771";

/// One entry: ordered fields, values as bytes (binary and multi-line values allowed).
#[derive(Debug, Clone, Default)]
pub struct Entry {
    fields: Vec<(String, Vec<u8>)>,
}

impl Entry {
    /// Add a field.
    pub fn field(mut self, name: &str, value: impl AsRef<[u8]>) -> Self {
        self.fields
            .push((name.to_string(), value.as_ref().to_vec()));
        self
    }
}

/// A journal under construction: entries in time order, across boots.
#[derive(Debug, Clone, Default)]
pub struct JournalBuilder {
    entries: Vec<Entry>,
    clock_us: u64,
    mono_us: u64,
    boot: String,
}

impl JournalBuilder {
    /// An empty journal starting at 2026-11-25 21:00 UTC.
    pub fn new() -> Self {
        JournalBuilder {
            entries: Vec::new(),
            clock_us: 1_795_640_400_000_000,
            mono_us: 0,
            boot: NEW_BOOT.to_string(),
        }
    }

    /// Start a boot: later entries carry this _BOOT_ID and a monotonic clock from zero.
    pub fn boot(&mut self, boot_id: &str) -> &mut Self {
        self.boot = boot_id.to_string();
        self.mono_us = 1_000_000;
        self.clock_us += 60_000_000;
        self
    }

    /// Append an entry (timestamps, boot, machine and host fields are added).
    pub fn push(&mut self, e: Entry) -> &mut Self {
        self.clock_us += 1_000_000;
        self.mono_us += 1_000_000;
        let mut full = Entry::default()
            .field("__REALTIME_TIMESTAMP", self.clock_us.to_string())
            .field("__MONOTONIC_TIMESTAMP", self.mono_us.to_string())
            .field("_BOOT_ID", &self.boot)
            .field("_MACHINE_ID", MACHINE_ID)
            .field("_HOSTNAME", "demo");
        full.fields.extend(e.fields);
        self.entries.push(full);
        self
    }

    /// A line logged by a service's own process.
    pub fn service_line(
        &mut self,
        unit: &str,
        ident: &str,
        prio: u8,
        msg: impl AsRef<[u8]>,
    ) -> &mut Self {
        self.push(
            Entry::default()
                .field("_TRANSPORT", "stdout")
                .field("PRIORITY", prio.to_string())
                .field("SYSLOG_IDENTIFIER", ident)
                .field("_PID", "4711")
                .field("_COMM", ident)
                .field("_SYSTEMD_UNIT", unit)
                .field("MESSAGE", msg),
        )
    }

    /// A message of the system manager (PID 1) about `unit`.
    pub fn manager(
        &mut self,
        unit: &str,
        prio: u8,
        msg: &str,
        extra: &[(&str, &str)],
    ) -> &mut Self {
        let mut e = Entry::default()
            .field("_TRANSPORT", "journal")
            .field("PRIORITY", prio.to_string())
            .field("SYSLOG_IDENTIFIER", "systemd")
            .field("_PID", "1")
            .field("_UID", "0")
            .field("_GID", "0")
            .field("_COMM", "systemd")
            .field("_SYSTEMD_UNIT", "init.scope")
            .field("UNIT", unit)
            .field("MESSAGE", msg);
        for (k, v) in extra {
            e = e.field(k, v);
        }
        self.push(e)
    }

    /// The manager's messages for a service that exits with `status` and fails.
    pub fn unit_fails(&mut self, unit: &str, status: u8, result: &str) -> &mut Self {
        let (code, status_s) = if result == "core-dump" {
            ("dumped", "11")
        } else {
            ("exited", "1")
        };
        let _ = status;
        self.manager(
            unit,
            5,
            &format!("{unit}: Main process exited, code={code}, status={status_s}"),
            &[
                ("MESSAGE_ID", "98e322203f7a4ed290d09fe03c09fe15"),
                ("EXIT_CODE", code),
                ("EXIT_STATUS", status_s),
                ("COMMAND", "ExecStart"),
            ],
        )
        .manager(
            unit,
            4,
            &format!("{unit}: Failed with result '{result}'."),
            &[
                ("MESSAGE_ID", "d9b373ed55a64feb8242e02dbe79a49c"),
                ("UNIT_RESULT", result),
            ],
        )
        .manager(
            unit,
            3,
            &format!("Failed to start {unit}."),
            &[
                ("MESSAGE_ID", "be02cf6855d2428ba40df7e9d022f03d"),
                ("JOB_TYPE", "start"),
                ("JOB_RESULT", "failed"),
            ],
        )
    }

    /// "Started X" (job done) for `unit`.
    pub fn unit_started(&mut self, unit: &str) -> &mut Self {
        self.manager(
            unit,
            6,
            &format!("Started {unit}."),
            &[
                ("MESSAGE_ID", "39f53479d3a045ac8e11786248231fbf"),
                ("JOB_TYPE", "start"),
                ("JOB_RESULT", "done"),
            ],
        )
    }

    /// "X: Deactivated successfully." for `unit`.
    pub fn unit_succeeded(&mut self, unit: &str) -> &mut Self {
        self.manager(
            unit,
            6,
            &format!("{unit}: Deactivated successfully."),
            &[("MESSAGE_ID", "7ad2d189f7e94e70a38c781354912448")],
        )
    }

    /// A kernel line.
    pub fn kernel(&mut self, prio: u8, msg: &str) -> &mut Self {
        self.push(
            Entry::default()
                .field("_TRANSPORT", "kernel")
                .field("PRIORITY", prio.to_string())
                .field("SYSLOG_FACILITY", "0")
                .field("SYSLOG_IDENTIFIER", "kernel")
                .field("MESSAGE", msg),
        )
    }

    /// NixOS stage 2's announcement of the system it boots, scripted stage 1: `echo "booting
    /// system configuration $systemConfig" > /dev/kmsg`, which journald stores as a kernel
    /// line of the user facility (a userspace write to /dev/kmsg: facility 1, the default
    /// level 4, no identifier to parse).
    pub fn stage2_kmsg(&mut self, system: &str) -> &mut Self {
        self.push(
            Entry::default()
                .field("_TRANSPORT", "kernel")
                .field("PRIORITY", "4")
                .field("SYSLOG_FACILITY", "1")
                .field("_SOURCE_MONOTONIC_TIMESTAMP", "1917667")
                .field("MESSAGE", format!("booting system configuration {system}")),
        )
    }

    /// The same announcement under systemd stage 1: a line on the standard output of
    /// `initrd-nixos-activation.service`.
    pub fn stage2_initrd(&mut self, system: &str) -> &mut Self {
        self.service_line(
            "initrd-nixos-activation.service",
            "initrd-nixos-activation-start",
            6,
            format!("booting system configuration {system}"),
        )
    }

    /// switch-to-configuration's syslog line (`nixos[PID]`, facility user, notice for its
    /// info lines, err for the failure), as journald stores it.
    pub fn switch_to_configuration(&mut self, prio: u8, msg: &str) -> &mut Self {
        self.push(
            Entry::default()
                .field("_TRANSPORT", "syslog")
                .field("PRIORITY", prio.to_string())
                .field("SYSLOG_FACILITY", "1")
                .field("SYSLOG_IDENTIFIER", "nixos")
                .field("SYSLOG_PID", "8102")
                .field("_PID", "8102")
                .field("_UID", "0")
                .field("_COMM", "switch-to-confi")
                .field("_SYSTEMD_UNIT", "session-3.scope")
                .field("MESSAGE", msg),
        )
    }

    /// systemd-coredump's entry for a crash of `unit`'s `exe` (multi-line message).
    pub fn coredump(&mut self, unit: &str, exe: &str) -> &mut Self {
        let comm = exe.rsplit('/').next().unwrap_or(exe).to_string();
        self.push(
            Entry::default()
                .field("_TRANSPORT", "journal")
                .field("PRIORITY", "2")
                .field("SYSLOG_IDENTIFIER", "systemd-coredump")
                .field("_PID", "5000")
                .field("_UID", "0")
                .field("_GID", "0")
                .field("_SYSTEMD_UNIT", "systemd-coredump@0-5000-0.service")
                .field("MESSAGE_ID", "fc2e22bc6ee647b6b90729ab34a250b1")
                .field("COREDUMP_UNIT", unit)
                .field("COREDUMP_EXE", exe)
                .field("COREDUMP_COMM", &comm)
                .field("COREDUMP_PID", "4242")
                .field("COREDUMP_SIGNAL", "11")
                .field("COREDUMP_SIGNAL_NAME", "SIGSEGV")
                .field(
                    "MESSAGE",
                    format!(
                        "Process 4242 ({comm}) of user 0 dumped core.\n\nStack trace of thread 4242:\n#0  0x00007f main ({exe})"
                    ),
                ),
        )
    }

    /// The export stream (text form where possible, binary form for values with a newline or
    /// bytes that are not UTF-8).
    pub fn export(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for e in &self.entries {
            for (k, v) in &e.fields {
                if v.contains(&b'\n') || std::str::from_utf8(v).is_err() {
                    out.extend_from_slice(k.as_bytes());
                    out.push(b'\n');
                    out.extend_from_slice(&(v.len() as u64).to_le_bytes());
                    out.extend_from_slice(v);
                    out.push(b'\n');
                } else {
                    out.extend_from_slice(k.as_bytes());
                    out.push(b'=');
                    out.extend_from_slice(v);
                    out.push(b'\n');
                }
            }
            out.push(b'\n');
        }
        out
    }

    /// Write a real journal file `<root>/var/log/journal/<machine-id>/system.journal`;
    /// returns its path.
    pub fn write_under(&self, root: &Path) -> std::io::Result<PathBuf> {
        let dir = root.join("var/log/journal").join(MACHINE_ID);
        std::fs::create_dir_all(&dir)?;
        let file = dir.join("system.journal");
        write_journal(&self.export(), &file)?;
        Ok(file)
    }
}

impl JournalBuilder {
    /// Write a real journal file `<root>/var/log/journal/<machine-id>/<name>` (any journal
    /// name, `*.journal~` included: journal-remote writes `*.journal`, renamed after).
    pub fn write_named(&self, root: &Path, name: &str) -> std::io::Result<PathBuf> {
        let dir = root.join("var/log/journal").join(MACHINE_ID);
        std::fs::create_dir_all(&dir)?;
        let staged = dir.join(format!(".staging-{}.journal", std::process::id()));
        write_journal(&self.export(), &staged)?;
        let file = dir.join(name);
        std::fs::rename(&staged, &file)?;
        Ok(file)
    }
}

/// Ways to damage a real journal file, as disks, crashes and bugs do. Offsets are those of
/// the file header (`struct Header` in systemd's src/libsystemd/sd-journal/journal-def.h,
/// systemd/systemd commit 017fbb71018065f300a29ed99dc76915d51c4348): signature at 0,
/// incompatible_flags at 12, data_hash_table_offset/size at 104/112, tail_object_offset at
/// 136, entry_array_offset at 176. systemd's own corruption tests
/// (test/units/TEST-04-JOURNAL.corrupted-journals.sh, same commit family) only require that
/// journalctl does not hang on such files; what journalctl 252 does with each is in the
/// variant docs (measured; docs/units.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Damage {
    /// Cut to 0 bytes. With `--file`: "Failed to open files: No data available".
    Empty,
    /// Cut inside the header (100 bytes). Same answer.
    TruncatedHeader,
    /// Cut halfway through the objects. Same answer (header says more than the file holds).
    TruncatedObjects,
    /// The signature overwritten. "Failed to open files: Bad message".
    Signature,
    /// Unknown incompatible flags set (a newer format, or garbage). "Failed to open files:
    /// Protocol not supported".
    IncompatibleFlags,
    /// The data hash table and its object header zeroed. The file opens, but every match on
    /// a field fails: "Failed to determine boots: No data available", and `-b` on a set of
    /// files holding it fails ("Data from the specified boot (+0) is not available") when it
    /// holds the newest boot.
    ZeroedHashTable,
    /// 64 KiB of zeros in the middle of the objects. journalctl reads the file without a
    /// word and silently misses the entries there (only `--verify` sees it).
    ZeroedMiddle,
}

impl Damage {
    /// Every kind.
    pub const ALL: [Damage; 7] = [
        Damage::Empty,
        Damage::TruncatedHeader,
        Damage::TruncatedObjects,
        Damage::Signature,
        Damage::IncompatibleFlags,
        Damage::ZeroedHashTable,
        Damage::ZeroedMiddle,
    ];

    /// The errno text journalctl 252 reports for a file with this damage, or `None` when it
    /// reads the file without complaint.
    pub fn journalctl_says(self) -> Option<&'static str> {
        match self {
            Damage::Empty | Damage::TruncatedHeader | Damage::TruncatedObjects => {
                Some("No data available")
            }
            Damage::Signature => Some("Bad message"),
            Damage::IncompatibleFlags => Some("Protocol not supported"),
            Damage::ZeroedHashTable => Some("No data available"),
            Damage::ZeroedMiddle => None,
        }
    }

    /// Damage `file` in place.
    pub fn apply(self, file: &Path) -> std::io::Result<()> {
        let mut d = std::fs::read(file)?;
        let le64 = |d: &[u8], at: usize| -> usize {
            let mut b = [0u8; 8];
            b.copy_from_slice(&d[at..at + 8]);
            usize::try_from(u64::from_le_bytes(b)).unwrap_or(usize::MAX)
        };
        let tail = le64(&d, 136);
        match self {
            Damage::Empty => d.clear(),
            Damage::TruncatedHeader => d.truncate(100),
            Damage::TruncatedObjects => d.truncate(tail / 2),
            Damage::Signature => d[0..8].copy_from_slice(b"XXXXXXXX"),
            Damage::IncompatibleFlags => d[12..16].copy_from_slice(&0xffffu32.to_le_bytes()),
            Damage::ZeroedHashTable => {
                // The table's ObjectHeader is the 16 bytes before the offset the header gives.
                let (at, size) = (le64(&d, 104), le64(&d, 112));
                d[at - 16..at + size].fill(0);
            }
            Damage::ZeroedMiddle => {
                let at = tail / 3;
                let end = (at + 65536).min(d.len());
                d[at..end].fill(0);
            }
        }
        std::fs::write(file, d)
    }
}

/// Run systemd-journal-remote over an export stream, writing `file` (must end in .journal).
pub fn write_journal(export: &[u8], file: &Path) -> std::io::Result<()> {
    let mut child = Command::new(JOURNAL_REMOTE)
        .arg(format!("--output={}", file.display()))
        .arg("-")
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()?;
    if let Some(mut stdin) = child.stdin.take() {
        stdin.write_all(export)?;
    }
    let out = child.wait_with_output()?;
    if !out.status.success() {
        return Err(std::io::Error::other(format!(
            "systemd-journal-remote failed: {}",
            String::from_utf8_lossy(&out.stderr)
        )));
    }
    Ok(())
}

/// The scenario the integration tests read: two boots; in the older one a unit failed and
/// an OOM kill happened (both must be ignored); in the newest one
/// - `fail.service` exits 1 (with its own multi-line and binary log lines),
/// - `crash.service` dumps core (coredump entry with a stack trace),
/// - `flaky.service` fails and then starts again (recovered: not failed),
/// - `nixos-upgrade.service` fails (auto-upgrade), `nix-gc.service` succeeds,
/// - a user manager's `ufail.service` fails (USER_UNIT),
/// - the kernel reports an ext4 error, a block I/O error and an OOM kill,
/// - `noisy.service` logs twelve errors, one with an escape sequence.
pub fn two_boots() -> JournalBuilder {
    let mut j = JournalBuilder::new();
    j.boot(OLD_BOOT);
    j.kernel(6, "Linux version 6.12.40 (nixbld@localhost)");
    j.service_line("old.service", "old", 3, "old trouble");
    j.unit_fails("old.service", 1, "exit-code");
    j.kernel(
        3,
        "Out of memory: Killed process 99 (oldhog) total-vm:100kB, anon-rss:90kB",
    );

    j.boot(NEW_BOOT);
    j.kernel(6, "Linux version 6.12.40 (nixbld@localhost)");
    j.service_line("fail.service", "fail", 6, "starting up");
    j.service_line(
        "fail.service",
        "fail",
        3,
        "config missing:\n  /etc/fail.conf\n  (no such file)",
    );
    j.service_line(
        "fail.service",
        "fail",
        3,
        b"bad bytes \xff\xfe here".as_slice(),
    );
    j.unit_fails("fail.service", 1, "exit-code");

    j.service_line("crash.service", "crash", 6, "about to crash");
    j.unit_fails("crash.service", 11, "core-dump");
    j.coredump("crash.service", "/nix/store/abc-crash/bin/crash");

    j.unit_fails("flaky.service", 1, "exit-code");
    j.unit_started("flaky.service");

    j.service_line(
        "nixos-upgrade.service",
        "nixos-upgrade-start",
        3,
        "error: builder for '/nix/store/x.drv' failed",
    );
    j.unit_fails("nixos-upgrade.service", 1, "exit-code");
    j.unit_succeeded("nix-gc.service");

    j.push(
        Entry::default()
            .field("_TRANSPORT", "journal")
            .field("PRIORITY", "4")
            .field("SYSLOG_IDENTIFIER", "systemd")
            .field("_PID", "600")
            .field("_SYSTEMD_UNIT", "user@1000.service")
            .field("_SYSTEMD_USER_UNIT", "init.scope")
            .field("USER_UNIT", "ufail.service")
            .field("MESSAGE_ID", "d9b373ed55a64feb8242e02dbe79a49c")
            .field("UNIT_RESULT", "exit-code")
            .field("MESSAGE", "ufail.service: Failed with result 'exit-code'."),
    );

    j.kernel(2, "EXT4-fs error (device sda1): ext4_find_entry:1455: inode #2: comm ls: reading directory lblock 0");
    j.kernel(
        3,
        "I/O error, dev sda, sector 123456 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 2",
    );
    j.kernel(
        3,
        "Out of memory: Killed process 4242 (hog) total-vm:9000000kB, anon-rss:8000000kB",
    );
    j.manager(
        "hog.service",
        5,
        "hog.service: A process of this unit has been killed by the OOM killer.",
        &[("MESSAGE_ID", "fe6faa94e7774663a0da52717891d8ef")],
    );
    for i in 0..12 {
        let msg = if i == 5 {
            "colour \u{1b}[31mRED\u{1b}[0m error".to_string()
        } else {
            format!("noisy error {i}")
        };
        j.service_line("noisy.service", "noisy", 3, msg);
    }
    j
}

/// The older boot of [`older_file`].
pub const OLDER_BOOT: &str = "22222222222222222222222222222222";

/// A journal file from before [`two_boots`] (one boot a day earlier, [`OLDER_BOOT`]): the
/// shape of an archived `system@….journal~` next to the active file. In it `archived.service`
/// fails and the kernel reports an I/O error; entries of the real systemd 252 journal
/// (../shared/notes/real-systemd-252.export: journald's "Journal started", the manager's
/// unit failure with UNIT_RESULT) in the same field layout.
pub fn older_file() -> JournalBuilder {
    let mut j = JournalBuilder::new();
    j.clock_us -= 86_400_000_000;
    j.boot(OLDER_BOOT);
    j.push(
        Entry::default()
            .field("_TRANSPORT", "driver")
            .field("PRIORITY", "6")
            .field("SYSLOG_IDENTIFIER", "systemd-journald")
            .field("_PID", "6131")
            .field("_COMM", "systemd-journal")
            .field("MESSAGE_ID", "f77379a8490b408bbe5f6940505a777b")
            .field("MESSAGE", "Journal started"),
    );
    j.service_line("archived.service", "archived", 3, "archived trouble");
    j.unit_fails("archived.service", 1, "exit-code");
    j.kernel(
        3,
        "I/O error, dev sdb, sector 42 op 0x0:(READ) flags 0x0 phys_seg 1 prio class 2",
    );
    j
}

/// A boot with two failed units: `quiet.service` logs three lines and fails early, then
/// `flood.service` logs `n` lines and fails at the end (the joint excerpt read reaches its
/// entry cap before `quiet.service`'s lines).
pub fn flood(n: usize) -> JournalBuilder {
    let mut j = JournalBuilder::new();
    j.boot(NEW_BOOT);
    for i in 0..3 {
        j.service_line("quiet.service", "quiet", 6, format!("quiet line {i}"));
    }
    j.unit_fails("quiet.service", 1, "exit-code");
    for i in 0..n {
        j.service_line("flood.service", "flood", 6, format!("flood line {i}"));
    }
    j.unit_fails("flood.service", 1, "exit-code");
    j
}

/// The demo host's system generation 2 (booted) and 3 (switched to during the boot).
pub const DEMO_SYSTEM_2: &str =
    "/nix/store/ryw229l3irzk6bkivkmcri9i357x61ag-nixos-system-demo-25.05.20250602";
/// See [`DEMO_SYSTEM_2`].
pub const DEMO_SYSTEM_3: &str =
    "/nix/store/g9hk52497wbfvfc76v5j6yss2yfak36a-nixos-system-demo-25.05.20250603";

/// The journal of `examples/demo-host` (small, realistic names): one earlier boot and the
/// newest one, which boots system generation 2 ([`DEMO_SYSTEM_2`]), in which
/// `restic-backups-daily.service` fails, then switches to generation 3 ([`DEMO_SYSTEM_3`]),
/// after which `nixos-upgrade.service` fails, `nix-gc.service` succeeds, a Nix build is
/// OOM-killed, `nix-index.service` dumps core and the disk reports an I/O error.
pub fn demo() -> JournalBuilder {
    let mut j = JournalBuilder::new();
    j.boot(OLD_BOOT);
    j.kernel(6, "Linux version 6.12.40 (nixbld@localhost)");
    j.unit_succeeded("nix-gc.service");

    j.boot(NEW_BOOT);
    j.kernel(6, "Linux version 6.12.40 (nixbld@localhost)");
    j.stage2_kmsg(DEMO_SYSTEM_2);
    j.unit_started("sshd.service");
    j.service_line(
        "restic-backups-daily.service",
        "restic",
        6,
        "using parent snapshot 4f2a9c1e",
    );
    j.service_line(
        "restic-backups-daily.service",
        "restic",
        3,
        "Fatal: unable to open repository at sftp:backup@nas:/srv/restic:\n  ssh: connect to host nas port 22: No route to host",
    );
    j.unit_fails("restic-backups-daily.service", 1, "exit-code");
    j.switch_to_configuration(
        5,
        &format!("switching to system configuration {DEMO_SYSTEM_3}"),
    );
    j.switch_to_configuration(
        5,
        &format!("finished switching to system configuration {DEMO_SYSTEM_3}"),
    );
    j.service_line(
        "nixos-upgrade.service",
        "nixos-upgrade-start",
        3,
        "error: builder for '/nix/store/8f3k2-linux-6.12.41.drv' failed with exit code 2",
    );
    j.kernel(3, "Out of memory: Killed process 31337 (cc1plus) total-vm:6120332kB, anon-rss:5843120kB, file-rss:0kB, shmem-rss:0kB, UID:30001 pgtables:11536kB oom_score_adj:0");
    j.manager(
        "nix-daemon.service",
        5,
        "nix-daemon.service: A process of this unit has been killed by the OOM killer.",
        &[("MESSAGE_ID", "fe6faa94e7774663a0da52717891d8ef")],
    );
    j.unit_fails("nixos-upgrade.service", 1, "exit-code");
    j.unit_succeeded("nix-gc.service");
    j.unit_fails("nix-index.service", 11, "core-dump");
    j.coredump(
        "nix-index.service",
        "/nix/store/q9c2-nix-index-0.1.8/bin/nix-index",
    );
    j.kernel(3, "I/O error, dev nvme0n1, sector 104857600 op 0x0:(READ) flags 0x80700 phys_seg 1 prio class 2");
    j.kernel(
        3,
        "Buffer I/O error on dev nvme0n1p2, logical block 13107200, async page read",
    );
    for i in 0..6 {
        j.service_line(
            "home-assistant.service",
            "hass",
            3,
            format!("Error fetching data from 192.168.1.{}: timed out", 40 + i),
        );
    }
    j
}

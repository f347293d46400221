//! The hostile-input suite: the audit runs as root over content other people control, so each
//! class of attack on it has a fixture built here at test time (docs/security.md lists them):
//! links out of `--root`, files that would exhaust memory or hang a read, and the promise that
//! an audit under `--root` changes zero bytes of the audited tree.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::Command;

use nixbtw_tests::journal::JournalBuilder;
use nixbtw_tests::{audit_args, demo_host, files_under};

/// Copy a tree, keeping symlinks as links (like `cp -a`).
fn copy_tree(from: &Path, to: &Path) {
    let st = Command::new("cp")
        .arg("-a")
        .arg(from)
        .arg(to)
        .status()
        .unwrap();
    assert!(st.success(), "cp -a {} {}", from.display(), to.display());
}

/// One audit as a child process: (exit code, stdout, stderr, peak RSS in KiB).
fn audit_child(args: &[std::ffi::OsString]) -> (i32, String, String, u64) {
    let out = Command::new(env!("CARGO_BIN_EXE_nixbtw-audit-child"))
        .args(args)
        .env("NIXBTW_TEST_PEAK_RSS", "1")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let rss = stderr
        .lines()
        .find_map(|l| l.strip_prefix("peak-rss-kib: "))
        .and_then(|n| n.parse().ok())
        .unwrap_or(u64::MAX);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr,
        rss,
    )
}

/// The report's JSON and markdown of the only audit under `out`.
fn report_of(out: &Path) -> (serde_json::Value, String) {
    let files = files_under(out);
    let md = files
        .iter()
        .find(|f| f.extension().is_some_and(|e| e == "md"))
        .unwrap_or_else(|| panic!("no report in {files:?}"));
    let json = md.with_extension("json");
    (
        serde_json::from_str(&std::fs::read_to_string(out.join(json)).unwrap()).unwrap(),
        std::fs::read_to_string(out.join(md)).unwrap(),
    )
}

/// A world outside the root that an escaping read would find: the demo host, with markers in
/// every place a probe reads (configuration, journal, boot entries, profiles, hostname, DB).
fn outside_world(top: &Path) -> PathBuf {
    let outside = top.join("outside");
    copy_tree(&demo_host(), &outside);
    std::fs::write(
        outside.join("etc/nixos/outsidemarker.nix"),
        "{ users.users.outsidemarker.password = \"outsidemarker-secret\"; }\n",
    )
    .unwrap();
    std::fs::write(outside.join("etc/hostname"), "outsidemarker-host\n").unwrap();
    std::fs::write(
        outside.join("boot/loader/entries/outsidemarker-1.conf"),
        "title outsidemarker\n",
    )
    .unwrap();
    let per_user = outside.join("nix/var/nix/profiles/per-user/outsidemarker");
    std::fs::create_dir_all(&per_user).unwrap();
    symlink(
        "/nix/store/c9nja4hgqlzxgajpnaldc21v9n18rz10-hello-2.12.1",
        per_user.join("profile-1-link"),
    )
    .unwrap();
    symlink("profile-1-link", per_user.join("profile")).unwrap();
    let mut j = JournalBuilder::new();
    j.boot("0123456789abcdef0123456789abcdef")
        .unit_fails("outsidemarker.service", 1, "exit-code");
    std::fs::remove_dir_all(outside.join("var/log/journal")).unwrap();
    let dir = outside.join("var/log/journal/0123456789abcdef0123456789abcdef");
    std::fs::create_dir_all(&dir).unwrap();
    nixbtw_tests::journal::write_journal(&j.export(), &dir.join("system.journal")).unwrap();
    outside
}

/// A mounted NixOS root whose interesting directories are links out of it.
fn escaping_root(top: &Path, outside: &Path, absolute: bool) -> PathBuf {
    let root = top.join(if absolute { "root-abs" } else { "root-rel" });
    for d in ["etc", "var/log", "nix/var/nix/profiles", "nix/store"] {
        std::fs::create_dir_all(root.join(d)).unwrap();
    }
    std::fs::write(
        root.join("etc/os-release"),
        "NAME=NixOS\nID=nixos\nVERSION_ID=\"25.11\"\nPRETTY_NAME=\"NixOS 25.11\"\n",
    )
    .unwrap();
    let links = [
        ("etc/nixos", "etc/nixos"),
        ("etc/hostname", "etc/hostname"),
        ("var/log/journal", "var/log/journal"),
        ("boot", "boot"),
        ("nix/var/nix/db", "nix/var/nix/db"),
        (
            "nix/var/nix/profiles/per-user",
            "nix/var/nix/profiles/per-user",
        ),
        ("nix/var/nix/gcroots", "nix/var/nix/gcroots"),
    ];
    for (link, target) in links {
        let target = outside.join(target);
        let at = root.join(link);
        let depth = Path::new(link).components().count() - 1;
        let value = if absolute {
            target
        } else {
            // Enough `..` to reach the machine's `/` from the link's directory, then the
            // outside world's absolute path: outside the root unless `..` is confined.
            let ups = "../".repeat(depth + root.components().count() + 3);
            PathBuf::from(format!(
                "{ups}{}",
                target.display().to_string().trim_start_matches('/')
            ))
        };
        symlink(&value, &at).unwrap();
    }
    root
}

#[test]
fn links_out_of_the_root_reach_nothing_outside_it() {
    let top = tempfile::tempdir().unwrap();
    let outside = outside_world(top.path());
    for absolute in [true, false] {
        let root = escaping_root(top.path(), &outside, absolute);
        let out = top.path().join(format!("out-{absolute}"));
        let mut args = audit_args(&root, &out);
        args.push("--skip".into());
        args.push("units".into());
        let (code, stdout, stderr, _) = audit_child(&args);
        assert!(code == 0 || code == 1, "{code}: {stderr}");
        let (json, md) = report_of(&out);
        let text = format!("{json}\n{md}\n{stdout}").to_lowercase();
        assert!(
            !text.contains("outsidemarker"),
            "absolute={absolute}: something outside the root reached the report"
        );
        assert_ne!(json["target"], "outsidemarker-host");
        // The DB is outside: no store figures at all, and the reason says the DB is missing.
        assert!(
            json["facts"]["store"]["valid_paths"].is_null(),
            "{}",
            json["facts"]["store"]
        );
        // The outside world's own store paths never appear either.
        assert!(
            !text.contains("g9hk52497wbfvfc76v5j6yss2yfak36a"),
            "absolute={absolute}"
        );
    }
    // Control: the same world *is* found when it is the root, so the markers are detectable.
    let out = top.path().join("out-control");
    let (code, stdout, stderr, _) = audit_child(&audit_args(&outside, &out));
    assert!(code == 0 || code == 1, "{code}: {stderr}");
    let (json, md) = report_of(&out);
    let text = format!("{json}\n{md}\n{stdout}").to_lowercase();
    for marker in [
        "outsidemarker.nix",
        "outsidemarker-host",
        "outsidemarker-1.conf",
        "outsidemarker.service",
    ] {
        assert!(text.contains(marker), "control run lacks {marker}");
    }
}

/// Inputs that used to exhaust memory or hang: each becomes an error row naming the file,
/// the rest of the audit completes, and the process stays under 100 MB.
#[test]
fn oversized_and_special_files_are_bounded_error_rows() {
    let top = tempfile::tempdir().unwrap();
    let root = top.path().join("root");
    copy_tree(&demo_host(), &root);
    // A sparse 1.5 GiB hostname.
    let f = std::fs::File::create(root.join("etc/hostname")).unwrap();
    f.set_len(1536 * 1024 * 1024).unwrap();
    // A character device where grub.cfg belongs (the host's /dev/zero: major 1, minor 5).
    std::fs::create_dir_all(root.join("boot/grub")).unwrap();
    let st = Command::new("mknod")
        .arg(root.join("boot/grub/grub.cfg"))
        .args(["c", "1", "5"])
        .status()
        .unwrap();
    assert!(
        st.success(),
        "mknod needs root: run the tests as root (CI does)"
    );
    // A FIFO where os-release belongs: opening it for reading would block forever.
    std::fs::remove_file(root.join("etc/os-release")).ok();
    nix::unistd::mkfifo(
        &root.join("etc/os-release"),
        nix::sys::stat::Mode::from_bits_truncate(0o644),
    )
    .unwrap();

    let out = top.path().join("out");
    let (code, _, stderr, rss) = audit_child(&audit_args(&root, &out));
    assert!(code == 0 || code == 1, "{code}: {stderr}");
    assert!(rss < 100 * 1024, "peak RSS {rss} KiB");
    let (json, md) = report_of(&out);
    let all = format!("{json}");
    for needle in [
        "/etc/hostname: 1610612736 bytes",
        "/boot/grub/grub.cfg: is a character device",
        "/etc/os-release: is a FIFO",
    ] {
        assert!(all.contains(needle), "no `{needle}` in the facts");
    }
    for file in ["/etc/hostname", "/boot/grub/grub.cfg", "/etc/os-release"] {
        assert!(
            md.contains(&format!("Could not read {file}**")),
            "no error row for {file}"
        );
    }
    assert!(md.contains("unknown OS (/etc/os-release unreadable)"));
}

/// Files of the tree (path -> content hash, mode, kind), links and sidecars included.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, String> {
    use sha2::{Digest, Sha256};
    use std::os::unix::fs::MetadataExt;
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(p) = stack.pop() {
        let m = std::fs::symlink_metadata(&p).unwrap();
        let rel = p.strip_prefix(root).unwrap().to_path_buf();
        let what = if m.file_type().is_symlink() {
            format!("link {}", std::fs::read_link(&p).unwrap().display())
        } else if m.is_dir() {
            for e in std::fs::read_dir(&p).unwrap() {
                stack.push(e.unwrap().path());
            }
            format!("dir {:o}", m.mode())
        } else if m.is_file() {
            let digest = Sha256::digest(std::fs::read(&p).unwrap());
            format!("file {:o} {} {digest:x}", m.mode(), m.len())
        } else {
            format!("special {:o} {}", m.mode(), m.rdev())
        };
        out.insert(rel, what);
    }
    out
}

/// An image of a system that was not shut down cleanly: its Nix DB has a `-wal` with a
/// transaction that was never checkpointed, and a `-shm`. The audit reads that transaction
/// and changes no byte of the tree.
#[test]
fn an_audit_under_root_changes_zero_bytes() {
    let top = tempfile::tempdir().unwrap();
    let root = top.path().join("root");
    copy_tree(&demo_host(), &root);
    let db = root.join("nix/var/nix/db/db.sqlite");
    // A writer leaves an uncheckpointed row; the image is taken while it still runs.
    let scratch = top.path().join("scratch");
    std::fs::create_dir_all(&scratch).unwrap();
    std::fs::copy(&db, scratch.join("db.sqlite")).unwrap();
    let writer = rusqlite::Connection::open(scratch.join("db.sqlite")).unwrap();
    writer
        .execute_batch(
            "pragma journal_mode = wal; pragma wal_autocheckpoint = 0;
             insert into ValidPaths (path, hash, registrationTime, narSize)
             values ('/nix/store/00000000000000000000000000000000-in-the-wal', 'sha256:x', 1, 4242);",
        )
        .unwrap();
    for suffix in ["", "-wal", "-shm"] {
        std::fs::copy(
            scratch.join(format!("db.sqlite{suffix}")),
            root.join(format!("nix/var/nix/db/db.sqlite{suffix}")),
        )
        .unwrap();
    }
    drop(writer);
    let before = snapshot(&root);
    assert!(before.contains_key(Path::new("nix/var/nix/db/db.sqlite-shm")));

    let out = top.path().join("out");
    let (code, _, stderr, _) = audit_child(&audit_args(&root, &out));
    assert!(code == 0 || code == 1, "{code}: {stderr}");
    let after = snapshot(&root);
    let changed: Vec<_> = before
        .iter()
        .filter(|(k, v)| after.get(*k) != Some(v))
        .map(|(k, _)| k.clone())
        .chain(after.keys().filter(|k| !before.contains_key(*k)).cloned())
        .collect();
    assert!(changed.is_empty(), "the audit changed {changed:?}");
    let (json, _) = report_of(&out);
    let store = &json["facts"]["store"];
    assert_eq!(store["db_open_mode"], "read-only", "{store}");
    // The WAL's row is seen: one more valid path than the checkpointed DB holds.
    let plain = rusqlite::Connection::open_with_flags(
        format!("file:{}?immutable=1", db.display()),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI,
    )
    .unwrap()
    .query_row("select count(*) from ValidPaths", [], |r| {
        r.get::<_, u64>(0)
    })
    .unwrap();
    assert_eq!(store["valid_paths"], plain + 1, "{store}");
}

/// `--config` and `--templates` name files of the machine running the audit: a device, a
/// FIFO, a directory or a huge file is a usage error that names it, at once, with nothing
/// written.
#[test]
fn config_and_template_paths_are_checked_before_reading() {
    let top = tempfile::tempdir().unwrap();
    let fifo = top.path().join("fifo.toml");
    nix::unistd::mkfifo(&fifo, nix::sys::stat::Mode::from_bits_truncate(0o644)).unwrap();
    let huge = top.path().join("huge.toml");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(512 * 1024 * 1024)
        .unwrap();
    let out = top.path().join("out");
    let o = out.to_str().unwrap();
    let cases: [(&[&str], &str); 5] = [
        (
            &["--config", "/dev/zero"],
            "/dev/zero: is a character device",
        ),
        (&["--config", fifo.to_str().unwrap()], "is a FIFO"),
        (&["--config", "/"], "is a directory"),
        (&["--config", huge.to_str().unwrap()], "536870912 bytes"),
        (
            &["--templates", "/nonexistent/templates"],
            "/nonexistent/templates",
        ),
    ];
    let demo = demo_host();
    for (args, want) in cases {
        let mut argv: Vec<&str> = args.to_vec();
        argv.extend(["--root", demo.to_str().unwrap(), "--out-dir", o]);
        let run = nixbtw_tests::run_cli(argv.iter().copied());
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.contains(want), "{args:?}: {}", run.stderr);
        assert!(files_under(&out).is_empty(), "{args:?} wrote something");
    }
}

/// A report JSON is attacker-controlled when it comes from elsewhere: rendering a tampered
/// one prints no escape sequence, C1 control or bidi mark, and neither does `--json -`.
#[test]
fn tampered_reports_render_without_terminal_escapes() {
    let top = tempfile::tempdir().unwrap();
    let out = top.path().join("out");
    let run = nixbtw_tests::run_cli(audit_args(demo_host(), &out).into_iter().chain([
        "--json".into(),
        "-".into(),
        "--quiet".into(),
    ]));
    assert!(run.code <= 1, "{}", run.stderr);
    let nasty = "\u{1b}[31mred\u{9b}31m\u{202e}evil\u{2066}";
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\n')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    let mut report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    report["tool"]["name"] = nasty.into();
    report["tool"]["version"] = nasty.into();
    report["target"] = nasty.into();
    report["lane"] = nasty.into();
    report["findings"][0]["title"] = nasty.into();
    report["findings"][0]["evidence"][0]["excerpt"][0] = nasty.into();
    let tampered = top.path().join("tampered.json");
    std::fs::write(&tampered, serde_json::to_string(&report).unwrap()).unwrap();
    for format in ["markdown", "inline"] {
        let run = nixbtw_tests::run_cli(["render", tampered.to_str().unwrap(), "--format", format]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        assert!(
            run.stdout.contains("red"),
            "{format}: the text itself is kept"
        );
        assert!(
            !run.stdout.chars().any(unsafe_char),
            "{format}: raw control in output"
        );
    }
    // A bad enum value is echoed in the parse error: sanitized too.
    report["findings"][0]["priority"] = nasty.into();
    std::fs::write(&tampered, serde_json::to_string(&report).unwrap()).unwrap();
    let run = nixbtw_tests::run_cli(["render", tampered.to_str().unwrap()]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("red"), "{}", run.stderr);
    assert!(!run.stderr.chars().any(unsafe_char), "{:?}", run.stderr);
    // `--json -` of an audit whose host text holds them: escaped in the JSON text.
    let root = top.path().join("root");
    copy_tree(&demo_host(), &root);
    std::fs::write(root.join("etc/hostname"), format!("{nasty}\n")).unwrap();
    let run = nixbtw_tests::run_cli(
        audit_args(&root, top.path().join("out2"))
            .into_iter()
            .chain(["--json".into(), "-".into(), "--quiet".into()]),
    );
    assert!(run.code <= 1, "{}", run.stderr);
    assert!(
        !run.stdout.chars().any(unsafe_char),
        "raw control in --json -"
    );
    let parsed: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(parsed["target"], nasty, "the value itself is kept exactly");
}

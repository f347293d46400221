#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! nix.conf end to end over `--root` fixtures, one per class of issue 16/17: Nix's booleans,
//! `include` of `/run` secrets on an image, documented cache keys, secret-bearing values, and
//! a file over the size cap. Shapes are minimal copies of real files (sources named at each).

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use nixbtw_contracts::{Finding, FindingId, FindingType, Priority, ProbeId, Report};
use nixbtw_tests::trust::{audit, write};
use nixbtw_tests::{audit_args, files_under, run_cli};

const NIXOS_CONF: &str = include_str!("../fixtures/nix-conf/nixos-25.11.conf");

fn find(r: &Report, id: FindingId) -> Vec<&Finding> {
    r.findings.iter().filter(|f| f.id == id).collect()
}

fn errors(r: &Report) -> Vec<&Finding> {
    r.findings
        .iter()
        .filter(|f| f.kind == FindingType::Error && f.probe == ProbeId::Nixconf)
        .collect()
}

/// `require-sigs = no` is Nix's `false` (`BaseSetting<bool>::parse` accepts true/yes/1 and
/// false/no/0): the P0, not an "invalid value" row that hid it.
#[test]
fn require_sigs_no_is_the_p0() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "etc/nix/nix.conf",
        format!("{NIXOS_CONF}require-sigs = no\nkeep-outputs = yes\nauto-optimise-store = 1\n"),
    );
    let r = audit(root);
    assert!(errors(&r).is_empty(), "{:?}", errors(&r));
    let f = find(&r, FindingId::NixconfRequireSigsOff);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].priority, Priority::P0);
    assert!(f[0].file.starts_with("/etc/nix/nix.conf:"), "{}", f[0].file);
    let eff = &r.facts["nixconf"]["effective"];
    assert_eq!(eff["require_sigs"], false);
    assert_eq!(eff["keep_outputs"], true);
    assert_eq!(eff["auto_optimise_store"], true);
}

/// agenix/sops-nix put the token file under /run, which a mounted image does not have
/// (`include /run/agenix/nix-access-tokens`, the shape agenix users write into
/// `nix.extraOptions`): an info row that says so, and the other checks still run.
#[test]
fn include_under_run_on_an_image_is_info() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "etc/nix/nix.conf",
        format!("{NIXOS_CONF}include /run/agenix/nix-access-tokens\nsandbox = false\n"),
    );
    let r = audit(root);
    let errs = errors(&r);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert_eq!(errs[0].priority, Priority::Info);
    assert!(errs[0].summary.contains("/run/agenix/nix-access-tokens"));
    assert!(
        errs[0].summary.contains("mounted image"),
        "{}",
        errs[0].summary
    );
    assert!(!errs[0].description.contains("Nix rejects"));
    assert_eq!(find(&r, FindingId::NixconfSandboxOff).len(), 1);
}

/// IOG's documented setup (cache.iog.io signed `hydra.iohk.io:…`, github.com/
/// input-output-hk/cardano-node README) and a NixOS-generated file with caches signed by keys
/// named after other hosts (github.com/benkolera/nix nix.conf at 457a9293: reflex-frp's cache
/// signed `ryantrinkle.com-1`) fire nothing; a Cachix cache without its key fires, P3.
#[test]
fn documented_cache_keys_do_not_fire() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "etc/nix/nix.conf",
        "substituters = https://cache.iog.io https://nixcache.reflex-frp.org https://cache.nixos.org/\n\
         trusted-public-keys = hydra.iohk.io:f/Ea+s+dFdN+3Y/G+FDgSq+a5NEWhJGzdjvKNGv0/EQ= ryantrinkle.com-1:JJiAKaRv9mWgpVAz8dwewnZe0AzzEAzPkagE9SP5NWI= cache.nixos.org-1:6NCHdD59X431o0gWypbMrAURkbJ16ZPMQFGspcDShjY=\n",
    );
    let r = audit(root);
    assert!(
        find(&r, FindingId::NixconfSubstituterWithoutKey).is_empty(),
        "{:?}",
        find(&r, FindingId::NixconfSubstituterWithoutKey)
    );
    write(
        root,
        "etc/nix/nix.conf",
        "substituters = https://cache.nixos.org/ https://nix-community.cachix.org\n",
    );
    let r = audit(root);
    let f = find(&r, FindingId::NixconfSubstituterWithoutKey);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].subject, "https://nix-community.cachix.org");
    assert_eq!(f[0].priority, Priority::P3);
}

/// `access-tokens` read from a root-only file that nix.conf includes, a token in a substituter
/// URL, and a malformed `access-tokens=` line: none of the values reaches the JSON or the
/// markdown; the facts keep "set, N entries, M chars" and the file:line.
#[test]
fn secret_values_never_reach_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let out = tempfile::tempdir().unwrap();
    write(
        root,
        "etc/nix/nix.conf",
        format!(
            "{NIXOS_CONF}extra-substituters = https://ci:S3CRETPASS@cache.example.org/?token=T0KENQUERY\n\
             include secrets/tokens.conf\naccess-tokens=github.com=ghp_ILLEGALLINE\n"
        ),
    );
    let tokens = write(
        root,
        "etc/nix/secrets/tokens.conf",
        "access-tokens = github.com=ghp_ROOTONLYTOKEN gitlab.example.org=PAT:glpat-ROOTONLY\n",
    );
    std::fs::set_permissions(&tokens, std::fs::Permissions::from_mode(0o600)).unwrap();
    let run = run_cli(audit_args(root, out.path()));
    assert!(run.code <= 1, "{}", run.stderr);
    let mut seen = 0;
    for f in files_under(out.path()) {
        let text = std::fs::read_to_string(out.path().join(&f)).unwrap();
        for secret in [
            "ghp_ROOTONLYTOKEN",
            "glpat-ROOTONLY",
            "S3CRETPASS",
            "T0KENQUERY",
            "ghp_ILLEGALLINE",
        ] {
            assert!(!text.contains(secret), "{secret} in {f:?}");
        }
        seen += 1;
    }
    assert!(seen >= 2, "no report written");
    for text in [&run.stdout, &run.stderr] {
        assert!(!text.contains("ROOTONLY") && !text.contains("S3CRET"));
    }
    let r = audit(root);
    let t = &r.facts["nixconf"]["settings"]["access-tokens"];
    assert_eq!(t["value"], "[REDACTED: set, 2 entries, 65 chars]");
    assert_eq!(t["set_at"]["file"], "/etc/nix/secrets/tokens.conf");
    assert_eq!(t["set_at"]["line"], 1);
}

/// A nix.conf over the 1 MiB cap used to be read as "no settings": a false P1
/// `nixconf.flakes-disabled`, and yesterday's findings marked fixed. Now an error row names the
/// file and its size, the probe reports itself incomplete, no nixconf value check runs, and
/// nothing is "fixed".
#[test]
fn oversized_nix_conf_stops_the_checks_and_fixes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let out = tempfile::tempdir().unwrap();
    write(root, "etc/nixos/flake.nix", "{ }\n");
    write(
        root,
        "etc/nix/nix.conf",
        "require-sigs = false\nsandbox = false\nexperimental-features = nix-command flakes\n",
    );
    let only = ["--only", "nixconf"];
    let mut args = audit_args(root, out.path());
    args.extend(only.iter().map(Into::into));
    let first = run_cli(args.clone());
    assert!(first.code <= 1, "{}", first.stderr);

    // Same settings, padded past the cap with comments (a sparse file: never read).
    let f = std::fs::OpenOptions::new()
        .append(true)
        .open(root.join("etc/nix/nix.conf"))
        .unwrap();
    f.set_len(1024 * 1024 + 10).unwrap();
    let r = audit(root);
    let nixconf_ids: Vec<&str> = r
        .findings
        .iter()
        .filter(|f| f.id.as_str().starts_with("nixconf."))
        .map(|f| f.id.as_str())
        .collect();
    assert!(nixconf_ids.is_empty(), "{nixconf_ids:?}");
    let errs = errors(&r);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(
        errs[0].summary.contains("/etc/nix/nix.conf"),
        "{}",
        errs[0].summary
    );
    assert!(
        errs[0].summary.contains("1048586 bytes"),
        "{}",
        errs[0].summary
    );
    assert!(
        errs[0].description.contains("no nixconf check ran"),
        "{}",
        errs[0].description
    );
    let incomplete = &r.facts["nixconf"]["incomplete"];
    assert!(
        incomplete[0]
            .as_str()
            .unwrap()
            .starts_with("/etc/nix/nix.conf: 1048586 bytes"),
        "{incomplete}"
    );
    let status = r
        .probes
        .iter()
        .find(|p| p.probe == ProbeId::Nixconf)
        .unwrap();
    assert_eq!(status.incomplete.len(), 1, "{status:?}");

    let second = run_cli(args);
    assert!(second.code <= 1, "{}", second.stderr);
    let reports: Vec<Report> = files_under(out.path())
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "json"))
        .map(|f| {
            serde_json::from_str(&std::fs::read_to_string(out.path().join(f)).unwrap()).unwrap()
        })
        .collect();
    let latest = reports
        .iter()
        .find(|r| r.previous.is_some())
        .expect("the second report names the first");
    assert!(
        latest.findings.iter().all(|f| f.kind != FindingType::Fixed),
        "{:?}",
        latest
            .findings
            .iter()
            .filter(|f| f.kind == FindingType::Fixed)
            .map(|f| f.id.as_str())
            .collect::<Vec<_>>()
    );
    assert_eq!(latest.previous.as_ref().unwrap().fixed, 0);
}

/// A FIFO included from nix.conf would block Nix; the audit neither blocks nor guesses.
#[test]
fn included_fifo_is_an_error_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "etc/nix/nix.conf",
        "sandbox = true\n!include pipe.conf\n",
    );
    nix::unistd::mkfifo(
        &root.join("etc/nix/pipe.conf"),
        nix::sys::stat::Mode::from_bits_truncate(0o644),
    )
    .unwrap();
    let r = audit(root);
    let errs = errors(&r);
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].summary.contains("FIFO"), "{}", errs[0].summary);
    assert!(Path::new(&root.join("etc/nix/pipe.conf")).exists());
}

// Moved from tests/tests/trust.rs: one test file per family.
const DETERMINATE_CONF: &str = include_str!("../fixtures/nix-conf/determinate.conf");
use nixbtw_tests::trust::{error_rows, findings_of, flake_lock_at, report_ids, system_profile};

#[test]
fn clean_nixos_host_raises_only_info() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "etc/nix/nix.conf", NIXOS_CONF);
    write(root, "etc/nixos/flake.nix", "{ outputs = _: { }; }\n");
    write(
        root,
        "etc/nixos/flake.lock",
        flake_lock_at(10, "nixos-26.05"),
    );
    system_profile(root, &[("ssh/sshd_config", "PermitRootLogin no\n")]);
    let r = audit(root);
    let actionable: Vec<_> = r
        .findings
        .iter()
        .filter(|f| f.priority != Priority::Info && f.kind == FindingType::Found)
        .map(|f| f.id.as_str())
        .collect();
    assert!(actionable.is_empty(), "{actionable:?}");
    assert_eq!(findings_of(&r, FindingId::FlakeInputs).len(), 1);
    // Other probes read these facts.
    let nc = &r.facts["nixconf"]["effective"];
    assert_eq!(nc["keep_outputs"], false);
    assert_eq!(nc["keep_derivations"], true);
    assert_eq!(nc["min_free"], 0);
    assert_eq!(nc["experimental_features"][1], "flakes");
}

#[test]
fn nixconf_checks_each_fire_with_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "etc/nix/nix.conf",
        format!("{NIXOS_CONF}!include local.conf\n"),
    );
    write(
        root,
        "etc/nix/local.conf",
        "require-sigs = false\nsandbox = false\ntrusted-users = root @users\nextra-substituters = http://cache.lan:5000\naccept-flake-config = true\nexperimental-features = nix-command\n",
    );
    write(root, "etc/nixos/flake.nix", "{ }\n");
    write(
        root,
        "etc/nixos/flake.lock",
        flake_lock_at(1, "nixos-26.05"),
    );
    let r = audit(root);
    for (id, file) in [
        (FindingId::NixconfRequireSigsOff, "/etc/nix/local.conf:1"),
        (FindingId::NixconfSandboxOff, "/etc/nix/local.conf:2"),
        (FindingId::NixconfTrustedUsersBroad, "/etc/nix/local.conf:3"),
        (
            FindingId::NixconfInsecureSubstituter,
            "/etc/nix/local.conf:4",
        ),
        (FindingId::NixconfAcceptFlakeConfig, "/etc/nix/local.conf:5"),
        (FindingId::NixconfFlakesDisabled, "/etc/nix/local.conf:6"),
    ] {
        let f = findings_of(&r, id);
        assert_eq!(f.len(), 1, "{id}: {:?}", report_ids(&r));
        assert_eq!(f[0].file, file, "{id}");
    }
    assert_eq!(
        findings_of(&r, FindingId::NixconfRequireSigsOff)[0].priority,
        Priority::P0
    );
}

#[test]
fn determinate_install_with_custom_conf() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "etc/nix/nix.conf", DETERMINATE_CONF);
    write(
        root,
        "etc/nix/nix.custom.conf",
        "# Written by you.\ntrusted-users = root alice\n",
    );
    let r = audit(root);
    let f = findings_of(&r, FindingId::NixconfTrustedUsersBroad);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].priority, Priority::Info);
    assert_eq!(f[0].file, "/etc/nix/nix.custom.conf:2");
    // FlakeHub's cache has its keys, so no substituter-without-key.
    assert!(
        findings_of(&r, FindingId::NixconfSubstituterWithoutKey).is_empty(),
        "{:?}",
        report_ids(&r)
    );
    let files = r.facts["nixconf"]["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
}

#[test]
fn nixconf_bad_input_is_reported_not_fatal() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "etc/nix/nix.conf",
        "sandbox=false\ninclude a.conf\ninclude missing.conf\n",
    );
    write(
        root,
        "etc/nix/a.conf",
        "include nix.conf\nrequire-sigs = maybe\n",
    );
    let r = audit(root);
    let errs = error_rows(&r, ProbeId::Nixconf);
    let summaries: Vec<&str> = errs.iter().map(|f| f.summary.as_str()).collect();
    for want in [
        "illegal configuration line 'sandbox=false'",
        "include cycle",
        "invalid value 'maybe'",
        "missing.conf",
    ] {
        assert!(
            summaries.iter().any(|s| s.contains(want)),
            "{want}: {summaries:?}"
        );
    }
    assert!(errs.iter().all(|f| f.priority == Priority::P1));
    // `sandbox=false` is illegal, so Nix's default (on) stands.
    assert!(findings_of(&r, FindingId::NixconfSandboxOff).is_empty());
}

/// Debian's `nix-bin` /etc/nix/nix.conf (package nix-bin 2.8.0, as installed on the build
/// machine): no `build-users-group` line, so Nix running as root uses its default `nixbld`.
const DEBIAN_NIX_BIN_CONF: &str = "# see https://nixos.org/nix/manual/#sec-conf-file\n\n# So far the sandbox feature does not seem to work on Debian:\n# https://github.com/NixOS/nixpkgs/pull/47794#issuecomment-429575989\nsandbox = false\n";

/// A fresh Debian's /etc/group head (base-passwd), without Nix's build users.
const DEBIAN_GROUP: &str = "root:x:0:\ndaemon:x:1:\nbin:x:2:\nsys:x:3:\nadm:x:4:\nsudo:x:27:alice\nusers:x:100:\nnogroup:x:65534:\nalice:x:1000:\n";

fn debian_nix_root(root: &Path, group: &str) {
    write(
        root,
        "etc/os-release",
        "ID=debian\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\n",
    );
    write(root, "etc/nix/nix.conf", DEBIAN_NIX_BIN_CONF);
    write(root, "etc/group", group);
    // A daemon install: the store and the daemon's socket directory.
    std::fs::create_dir_all(root.join("nix/store")).unwrap();
    std::fs::create_dir_all(root.join("nix/var/nix/daemon-socket")).unwrap();
}

/// The fresh Debian with `nix-bin` of issue 14: root's `nix-env -i` fails with "the group
/// 'nixbld' specified in 'build-users-group' does not exist" and the audit said nixconf was
/// fine. Now it is a P1, and it goes away once the group has members.
#[test]
fn build_users_group_missing_on_a_fresh_debian_nix_bin() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    debian_nix_root(root, DEBIAN_GROUP);
    let r = audit(root);
    let f = find(&r, FindingId::NixconfBuildUsersGroupMissing);
    assert_eq!(f.len(), 1, "{:?}", r.findings);
    assert_eq!(f[0].priority, Priority::P1);
    assert_eq!(f[0].title, "Build users group `nixbld` does not exist");
    assert_eq!(f[0].file, "/etc/group");
    // The group without members: still broken.
    write(
        root,
        "etc/group",
        format!("{DEBIAN_GROUP}nixbld:x:30000:\n"),
    );
    let r = audit(root);
    let f = find(&r, FindingId::NixconfBuildUsersGroupMissing);
    assert_eq!(f.len(), 1);
    assert!(f[0].title.ends_with("has no members"), "{}", f[0].title);
    // What Nix's installer creates: fine.
    write(
        root,
        "etc/group",
        format!("{DEBIAN_GROUP}nixbld:x:30000:nixbld1,nixbld2,nixbld3\n"),
    );
    assert!(find(&audit(root), FindingId::NixconfBuildUsersGroupMissing).is_empty());
}

#[test]
fn build_users_group_missing_names_an_explicit_group_and_skips_what_it_cannot_judge() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    debian_nix_root(root, DEBIAN_GROUP);
    write(
        root,
        "etc/nix/nix.conf",
        format!("{DEBIAN_NIX_BIN_CONF}build-users-group = builders\n"),
    );
    let r = audit(root);
    let f = find(&r, FindingId::NixconfBuildUsersGroupMissing);
    assert_eq!(f.len(), 1);
    assert_eq!(f[0].subject, "builders");
    assert_eq!(f[0].file, "/etc/nix/nix.conf:6");
    // `build-users-group =` (empty): builds as root, nothing to check.
    write(
        root,
        "etc/nix/nix.conf",
        format!("{DEBIAN_NIX_BIN_CONF}build-users-group =\n"),
    );
    assert!(find(&audit(root), FindingId::NixconfBuildUsersGroupMissing).is_empty());
    // No /etc/group (an unbooted image): not judged.
    write(root, "etc/nix/nix.conf", DEBIAN_NIX_BIN_CONF);
    std::fs::remove_file(root.join("etc/group")).unwrap();
    let r = audit(root);
    assert!(find(&r, FindingId::NixconfBuildUsersGroupMissing).is_empty());
    // A symlink escaping the root is read confined: /etc/group -> /etc/group is the root's
    // own (missing) file, never the build machine's.
    std::os::unix::fs::symlink("/etc/../etc/group", root.join("etc/group")).unwrap();
    assert!(find(&audit(root), FindingId::NixconfBuildUsersGroupMissing).is_empty());
}

/// Live: the facts match this machine's own /etc/group (the build machine has Debian's
/// nix-bin and a `nixbld` group), and the finding is raised exactly when they say so.
#[test]
fn build_users_group_missing_live_matches_etc_group() {
    let out = tempfile::tempdir().unwrap();
    let run = run_cli([
        "--only",
        "host,nixconf",
        "--out-dir",
        out.path().to_str().unwrap(),
        "--no-diff",
        "--quiet",
        "--json",
        "-",
    ]);
    assert!(run.code <= 1, "{}", run.stderr);
    let r: Report = serde_json::from_str(&run.stdout).unwrap();
    let facts = &r.facts["nixconf"];
    let group = std::fs::read_to_string("/etc/group").unwrap();
    let bu = &facts["build_users"];
    let name = bu["name"].as_str().unwrap_or("nixbld");
    let line = group.lines().find(|l| l.split(':').next() == Some(name));
    assert_eq!(bu["exists"].as_bool(), Some(line.is_some()), "{bu}");
    let members = line.and_then(|l| l.split(':').nth(3)).unwrap_or("");
    let want: Vec<&str> = members.split(',').filter(|m| !m.is_empty()).collect();
    let got: Vec<&str> = bu["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    assert_eq!(got, want);
    let raised = !find(&r, FindingId::NixconfBuildUsersGroupMissing).is_empty();
    let host = &r.facts["host"];
    let judged = host["multi_user"] == true || bu["origin"] != "default";
    assert_eq!(raised, judged && want.is_empty(), "{bu}");
}

/// NixOS's shape: /etc/nix/nix.conf -> /etc/static/nix/nix.conf, /etc/static -> the store's
/// etc, whose nix/nix.conf links to the `-nix.conf` store file (dated 1970). Every switch moves
/// the /etc/static link, but nix.conf changed only when its store path was registered: that
/// registration is the change time (NixOS restarts the daemon only on a new nix.conf).
#[test]
fn conf_change_time_follows_the_static_link() {
    use nixbtw_tests::trust::{link, set_mtime, store};
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let etc = store("etc");
    let conf = "/nix/store/1111111111111111111111111111111z-nix.conf";
    write(root, &conf[1..], NIXOS_CONF);
    set_mtime(&root.join(&conf[1..]), chrono::DateTime::UNIX_EPOCH);
    std::fs::create_dir_all(root.join(&etc[1..]).join("etc/nix")).unwrap();
    link(root, &format!("{}/etc/nix/nix.conf", &etc[1..]), conf);
    link(root, "etc/static", &format!("{etc}/etc"));
    link(root, "etc/nix/nix.conf", "/etc/static/nix/nix.conf");
    let registered = chrono::DateTime::parse_from_rfc3339("2026-11-20T08:00:00Z")
        .unwrap()
        .to_utc();
    std::fs::create_dir_all(root.join("nix/var/nix/db")).unwrap();
    let db = rusqlite::Connection::open(root.join("nix/var/nix/db/db.sqlite")).unwrap();
    db.execute_batch(&format!(
        "create table ValidPaths (id integer primary key, path text unique not null,
           hash text not null, registrationTime integer not null, deriver text, narSize integer);
         insert into ValidPaths (path, hash, registrationTime, narSize)
           values ('{conf}', 'sha256:x', {}, 1);",
        registered.timestamp()
    ))
    .unwrap();
    drop(db);
    // A later switch moved /etc/static without changing nix.conf.
    let switched = chrono::DateTime::parse_from_rfc3339("2026-11-24T09:30:00Z")
        .unwrap()
        .to_utc();
    set_mtime(&root.join("etc/static"), switched);
    // The /etc/nix/nix.conf link itself was made at install time.
    let installed = chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z")
        .unwrap()
        .to_utc();
    set_mtime(&root.join("etc/nix/nix.conf"), installed);
    let f = nixbtw_probes::probes::nixconf::latest_change(
        &nixbtw_probes::Host::at_root(
            root,
            std::sync::Arc::new(nixbtw_probes::SystemRunner),
            switched,
        )
        .unwrap(),
        Path::new("/etc/nix/nix.conf"),
    );
    assert_eq!(f, Some(registered));
    // Under --root, never judged (no running daemon), whatever the times.
    let r = audit(root);
    assert!(find(&r, FindingId::NixconfDaemonStale).is_empty());
    assert_eq!(
        r.facts["nixconf"]["changed"][0]["file"],
        "/etc/nix/nix.conf"
    );
}

/// `trusted-users` with `@wheel` and `@users` over a NixOS-shaped /etc/passwd and /etc/group
/// (users' members are by primary group, as NixOS's `users.users.<n>.group = "users"`).
#[test]
fn root_equivalent_users_expanded_through_etc_group() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(
        root,
        "etc/nix/nix.conf",
        NIXOS_CONF.replace("trusted-users = root", "trusted-users = root @wheel @users"),
    );
    write(
        root,
        "etc/passwd",
        "root:x:0:0:System administrator:/root:/run/current-system/sw/bin/bash\n\
         alice:x:1000:100::/home/alice:/run/current-system/sw/bin/bash\n\
         bob:x:1001:100::/home/bob:/run/current-system/sw/bin/bash\n\
         nixbld1:x:30001:30000:Nix build user 1:/var/empty:/run/current-system/sw/bin/nologin\n",
    );
    write(
        root,
        "etc/group",
        "root:x:0:\nwheel:x:1:alice\nusers:x:100:\nnixbld:x:30000:nixbld1\n",
    );
    let r = audit(root);
    let f = find(&r, FindingId::NixconfRootEquivalentUsers);
    assert_eq!(f.len(), 1, "{:?}", r.findings);
    assert_eq!(f[0].priority, Priority::P2);
    assert_eq!(
        f[0].title,
        "2 users are root-equivalent through trusted-users: alice, bob"
    );
    let ev = &f[0].evidence[0].excerpt;
    assert_eq!(ev[0], "alice (via @wheel)");
    assert_eq!(ev[1], "bob (via @users)");
    // Root only: nothing.
    write(root, "etc/nix/nix.conf", NIXOS_CONF);
    assert!(find(&audit(root), FindingId::NixconfRootEquivalentUsers).is_empty());
}

/// Live: a process named `nix-daemon` (a copy of `sleep`, started and stopped by the test) and
/// a nix.conf in `$NIX_CONF_DIR` dated after (2100) or before (1980) any process start.
#[test]
fn daemon_stale_live_against_a_running_daemon() {
    use nixbtw_probes::probes::host::HostFacts;
    let Some(sleep) = ["/bin/sleep", "/usr/bin/sleep"]
        .into_iter()
        .find(|p| Path::new(p).exists())
    else {
        assert!(!nixbtw_tests::in_ci(), "no sleep binary");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let daemon = dir.path().join("nix-daemon");
    std::fs::copy(sleep, &daemon).unwrap();
    let mut child = std::process::Command::new(&daemon)
        .arg("60")
        .spawn()
        .unwrap();
    let conf = dir.path().join("conf");
    write(&conf, "nix.conf", NIXOS_CONF);
    let judge = |when: &str| {
        let t = chrono::DateTime::parse_from_rfc3339(when).unwrap().to_utc();
        nixbtw_tests::trust::set_mtime(&conf.join("nix.conf"), t);
        let env = std::collections::BTreeMap::from([(
            "NIX_CONF_DIR".to_string(),
            conf.clone().into_os_string(),
        )]);
        let host = nixbtw_probes::Host::live(
            std::sync::Arc::new(nixbtw_probes::SystemRunner),
            env,
            chrono::Utc::now(),
        )
        .unwrap();
        nixbtw_tests::audit_host(host, &[ProbeId::Host, ProbeId::Nixconf])
    };
    let (r, facts) = judge("2100-01-01T00:00:00Z");
    let (r_old, _) = judge("1980-01-01T00:00:00Z");
    let _ = child.kill();
    let _ = child.wait();
    let d = facts
        .get::<HostFacts>()
        .unwrap()
        .installation
        .daemon
        .clone()
        .unwrap();
    assert!(d.pid.is_some() && d.started.is_some(), "{d:?}");
    let f = find(&r, FindingId::NixconfDaemonStale);
    assert_eq!(f.len(), 1, "{:?}", r.findings);
    let ev = f[0].evidence[0].excerpt.join("\n");
    assert!(
        ev.contains("nix.conf changed 2100-01-01 00:00:00 UTC (after)"),
        "{ev}"
    );
    assert!(ev.starts_with("nix-daemon (PID "), "{ev}");
    assert!(find(&r_old, FindingId::NixconfDaemonStale).is_empty());
}

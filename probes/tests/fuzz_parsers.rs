#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! A stable-toolchain fuzz loop for the nix.conf and flake.lock parsers, the `.nix` secret
//! scanner (rnix and the judge) and the git index, config, ignore and attributes parsers:
//! seeds from real files (git indexes written by git at run time), mutated by a deterministic
//! PRNG (byte flips, truncation, splices, duplication). The parsers must never panic and must
//! stay bounded. `cargo fuzz` targets in `fuzz/` run the nix.conf and flake.lock entry points
//! under libFuzzer; `scripts/fuzz` runs whichever is available.
//!
//! `NIXBTW_FUZZ_ITERS` (default 3000 per parser), `NIXBTW_FUZZ_SECS` (run for that long
//! instead) and `NIXBTW_FUZZ_SEED` tune a run.

use nixbtw_probes::probes::flake::lock;
use nixbtw_probes::probes::nixconf::parser;

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const TOKENS: &[&[u8]] = &[
    b"include ",
    b"!include ",
    b"extra-",
    b" = ",
    b"#",
    b"\n",
    b"\0",
    b"\xff",
    b"{",
    b"}",
    b"[",
    b"]",
    b"\"",
    b"\"follows\"",
    b"\"inputs\"",
    b"\"root\"",
    b"\"version\": 99",
    b"\"nodes\"",
    b"true",
    b"false",
    b"relaxed",
    b"1G",
    b"..",
    b"/",
    b"nix.conf",
    b"''",
    b"${",
    b"let ",
    b" in ",
    b";",
    b"password = \"",
    b"inherit ",
    b"(",
    b")",
];

fn mutate(rng: &mut Rng, seed: &[u8]) -> Vec<u8> {
    let mut v = seed.to_vec();
    for _ in 0..=rng.below(8) {
        match rng.below(6) {
            0 if !v.is_empty() => {
                let i = rng.below(v.len());
                v[i] ^= 1 << rng.below(8);
            }
            1 if !v.is_empty() => {
                let n = rng.below(v.len());
                v.truncate(n);
            }
            2 => {
                let t = TOKENS[rng.below(TOKENS.len())];
                let i = rng.below(v.len() + 1);
                v.splice(i..i, t.iter().copied());
            }
            3 if !v.is_empty() => {
                let a = rng.below(v.len());
                let b = (a + rng.below(64)).min(v.len());
                let chunk = v[a..b].to_vec();
                let i = rng.below(v.len() + 1);
                v.splice(i..i, chunk);
            }
            4 if !v.is_empty() => {
                let a = rng.below(v.len());
                let b = (a + rng.below(32)).min(v.len());
                v.drain(a..b);
            }
            _ => v.push(rng.below(256) as u8),
        }
    }
    v
}

fn iters() -> usize {
    std::env::var("NIXBTW_FUZZ_ITERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3000)
}

/// Whether the loop is done after `i` inputs: `NIXBTW_FUZZ_SECS` runs for that long (and
/// says how many inputs it tried), otherwise `NIXBTW_FUZZ_ITERS` inputs.
fn done(i: usize, started: std::time::Instant, what: &str) -> bool {
    match std::env::var("NIXBTW_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse::<u64>().ok())
    {
        Some(secs) => {
            let over = started.elapsed().as_secs() >= secs;
            if over {
                eprintln!(
                    "fuzz {what}: {i} inputs in {:.1} s",
                    started.elapsed().as_secs_f64()
                );
            }
            over
        }
        None => i >= iters(),
    }
}

fn rng() -> Rng {
    Rng(std::env::var("NIXBTW_FUZZ_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x9E37_79B9_7F4A_7C15)
        | 1)
}

#[test]
fn nixconf_parser_survives_mutations() {
    let seeds: Vec<&[u8]> = vec![
        include_bytes!("../../tests/fixtures/nix-conf/nixos-25.11.conf"),
        include_bytes!("../../tests/fixtures/nix-conf/determinate.conf"),
        include_bytes!("../../tests/fixtures/nix-conf/oracle/access-tokens/nix.conf"),
        include_bytes!("../../tests/fixtures/nix-conf/oracle/aliases/nix.conf"),
        include_bytes!("../../tests/fixtures/nix-conf/oracle/comments/nix.conf"),
    ];
    let mut rng = rng();
    let started = std::time::Instant::now();
    let mut i = 0;
    while !done(i, started, "nix.conf") {
        i += 1;
        let input = mutate(&mut rng, seeds[i % seeds.len()]);
        // Through the include machinery too: every file includes itself or another.
        let text = String::from_utf8_lossy(&input).into_owned();
        let mut load = |p: &std::path::Path| {
            if p.ends_with("nix.conf") || p.ends_with("nix.custom.conf") {
                parser::Loaded::Bytes(input.clone())
            } else {
                parser::Loaded::Missing
            }
        };
        let mut r = parser::ConfReader::new(&mut load).mounted_image(i % 2 == 0);
        r.apply_file(std::path::Path::new("/etc/nix/nix.conf"));
        let parsed = parser::parse_str("/f", &text);
        let _ = nixbtw_probes::probes::nixconf::oracle::compare(
            &parsed.settings,
            &serde_json::json!({"substituters": {"value": []}}),
        );
        let _ = parser::redact_line(&text);
        assert!(r.conf.files.len() <= 1 + parser::MAX_INCLUDE_DEPTH * 2);
    }
}

#[test]
fn flake_lock_parser_survives_mutations() {
    let seeds: Vec<&[u8]> = vec![
        include_bytes!("../../tests/fixtures/flake-locks/2025-infra-follows-v7.lock"),
        include_bytes!("../../tests/fixtures/flake-locks/2020-rfc0049-v5.lock"),
        include_bytes!("../../tests/fixtures/flake-locks/2019-prerelease-v3.lock"),
        include_bytes!(
            "../../tests/fixtures/flake-locks/2021-nix-config-duplicate-nixpkgs-v7.lock"
        ),
        include_bytes!("../../tests/fixtures/flake-locks/shapes/hydra-nested-v4.lock"),
        include_bytes!("../../tests/fixtures/flake-locks/shapes/forks-and-copies-v7.lock"),
        include_bytes!("../../tests/fixtures/flake-locks/shapes/nix-2019-v1.lock"),
    ];
    let mut rng = rng();
    let mut parsed = 0usize;
    let started = std::time::Instant::now();
    let mut i = 0;
    while !done(i, started, "flake.lock") {
        i += 1;
        let input = mutate(&mut rng, seeds[i % seeds.len()]);
        if let Ok(l) = lock::parse(&input) {
            parsed += 1;
            let _ = l.root_inputs();
            let _ = l.nixpkgs_nodes();
            let c = l.system_nixpkgs(None);
            let _ = l.nixpkgs_copies(c.as_ref());
            let _ = nixbtw_probes::probes::flake::lock_facts(std::path::Path::new("/x"), &l);
        }
    }
    // The loop must exercise the graph code, not only the JSON error path.
    assert!(parsed > 0);
}

#[test]
fn nix_source_scanner_survives_mutations() {
    use nixbtw_probes::probes::secrets::scan_nix_source;
    let seeds: Vec<&[u8]> = vec![
        include_bytes!("../../tests/corpus/secrets/regression/true-users.nix"),
        include_bytes!("../../tests/corpus/secrets/regression/false-placeholders.nix"),
        include_bytes!("../../tests/corpus/secrets/regression/false-shell-in-indented-strings.nix"),
        include_bytes!("../../tests/corpus/secrets/regression/true-indented-and-redaction.nix"),
    ];
    let mut rng = rng();
    let started = std::time::Instant::now();
    let mut i = 0;
    while !done(i, started, ".nix source") {
        i += 1;
        let input = mutate(&mut rng, seeds[i % seeds.len()]);
        let text = String::from_utf8_lossy(&input);
        let scan = scan_nix_source(&text, "f.nix");
        for h in &scan.hits {
            // Excerpts stay one bounded line.
            assert!(!h.redacted.contains('\n'), "{:?}", h.redacted);
            assert!(h.redacted.chars().count() <= 202, "{:?}", h.redacted);
        }
    }
}

/// Real indexes written by git (v2, v3 with extended flags, v4, SHA-256), built at run time.
fn git_index_seeds() -> Vec<(Vec<u8>, nixbtw_probes::gitindex::index::ObjectFormat)> {
    use nixbtw_probes::gitindex::index::ObjectFormat;
    use std::process::Command;
    let mut out = Vec::new();
    for (init, format, version) in [
        ("--object-format=sha1", ObjectFormat::Sha1, "2"),
        ("--object-format=sha1", ObjectFormat::Sha1, "3"),
        ("--object-format=sha1", ObjectFormat::Sha1, "4"),
        ("--object-format=sha256", ObjectFormat::Sha256, "4"),
    ] {
        let dir = tempfile::tempdir().unwrap();
        let git = |args: &[&str]| {
            let ok = Command::new("git")
                .env("GIT_CONFIG_NOSYSTEM", "1")
                .env("GIT_CONFIG_GLOBAL", "/dev/null")
                .arg("-C")
                .arg(dir.path())
                .args(args)
                .status()
                .expect("git must be installed (scripts/test installs it)")
                .success();
            assert!(ok, "git {args:?}");
        };
        git(&["init", "-q", init]);
        for p in [
            "flake.nix",
            "hosts/a/default.nix",
            "hosts/a/hw.nix",
            "hosts/b.nix",
        ] {
            let f = dir.path().join(p);
            std::fs::create_dir_all(f.parent().unwrap()).unwrap();
            std::fs::write(f, p).unwrap();
        }
        git(&["add", "."]);
        std::fs::write(dir.path().join("ita.nix"), "").unwrap();
        git(&["add", "-N", "ita.nix"]);
        git(&["update-index", "--index-version", version]);
        out.push((
            std::fs::read(dir.path().join(".git/index")).unwrap(),
            format,
        ));
    }
    out
}

#[test]
fn git_index_parser_survives_mutations() {
    use nixbtw_probes::gitindex::index;
    let seeds = git_index_seeds();
    let mut rng = rng();
    let mut parsed = 0usize;
    let started = std::time::Instant::now();
    let mut i = 0;
    while !done(i, started, "git index") {
        i += 1;
        let (seed, format) = &seeds[i % seeds.len()];
        let mut input = mutate(&mut rng, seed);
        // Half the time make the checksum right again, so the structure parser is reached.
        let n = format.hash_len();
        if i % 2 == 0 && input.len() > n {
            input.truncate(input.len() - n);
            let sum = format.digest(&[&input]);
            input.extend(sum);
        }
        if let Ok(idx) = index::parse(&input, *format) {
            parsed += 1;
            assert!(idx.entries.len() <= input.len() / 60);
            assert!(idx
                .entries
                .iter()
                .all(|e| e.path.len() <= index::MAX_PATH_BYTES));
        }
    }
    assert!(parsed > 0);
}

#[test]
fn git_pattern_and_config_parsers_survive_mutations() {
    use nixbtw_probes::gitindex::{config, pattern};
    let ignore: &[u8] = b"# c\n*.nix\n!keep.nix\nbuild/\n/top\n**/gen/**\n[a-c]?.nix\n\\#x\n";
    let attrs: &[u8] = b"[attr]m filter=x -text\n* text=auto\n*.nix m\n\"q \\303\\251\" ident\n";
    let conf: &[u8] =
        b"[core]\n\tautocrlf = input\n[filter \"x\"]\n\tclean = \"a\\\"b\" ; c\n[a.b] k\n";
    let paths: &[&[u8]] = &[
        b"a.nix",
        b"build/x.nix",
        b"x/gen/y/z.nix",
        b"keep.nix",
        b"b1.nix",
    ];
    let mut rng = rng();
    let started = std::time::Instant::now();
    let mut i = 0;
    while !done(i, started, "git ignore, attributes and config") {
        i += 1;
        let l = pattern::PatternList::parse(b"", &mutate(&mut rng, ignore));
        let a = pattern::AttrFile::parse(b"", &mutate(&mut rng, attrs), true);
        for p in paths {
            let _ = l.decide(p, i % 2 == 0);
            let _ = pattern::attributes(&[&a], p);
        }
        let glob = mutate(&mut rng, b"**/a*[!b-d]?/**/x\\*");
        let _ = pattern::Glob::new(&glob).matches(&mutate(&mut rng, b"a/abx/q/x*"));
        let mut c = config::Config::default();
        c.add(&mutate(&mut rng, conf));
        let _ = c.get_bool("core", "autocrlf");
    }
}

//! Package names and versions from store path names, as nvd and dix read them.
//!
//! A store path carries no package metadata, only its name: `/nix/store/<hash>-<name>`. Tools
//! that compare closures by package (nvd, dix, nix-diff's summary, nh) split that name at the
//! first `-` that starts a version. The rules here (documented for users in `docs/packages.md`):
//!
//! 1. Drop the directory, the 32-character hash and its `-`, and a trailing `.drv`.
//! 2. `pname` is everything before the first `-` (not at position 0) that is followed by an ASCII
//!    digit, or by a rest that looks like an abbreviated git hash (7 to 40 hex digits with
//!    at least one letter `a`-`f`, as dix does). The rest is the version. No such `-`: the name
//!    has no version (`etc`, `system-path`, `unit-nginx.service`).
//! 3. Trailing `-<word>` components of the version that are multiple-output names Nixpkgs uses
//!    (`bin`, `dev`, `lib`, `man`, `doc`, `modules`, `env`, ... see [`OUTPUT_SUFFIXES`]) are
//!    the output, not the version: `glibc-2.40-66-bin` is glibc 2.40-66, output `bin`. Up to
//!    two such words are taken (`linux-6.6.8-modules-shrunk`). dix keeps them in the version
//!    (`2.40-66-bin`); we fold the outputs of one package version into one package, so a
//!    version bump counts once and not once per output.
//!
//! Versions are ordered as Nix's `builtins.compareVersions` orders them ([`compare_versions`]).

use std::cmp::Ordering;

/// Output names Nixpkgs gives multiple-output derivations (and the `-env` of `buildEnv`
/// wrappers such as `python3-3.12.8-env`) that appear as the last `-` component of a store
/// name. Anything else after the version stays part of the version, as in dix.
pub const OUTPUT_SUFFIXES: &[&str] = &[
    "bin", "dev", "lib", "libexec", "man", "doc", "devdoc", "info", "static", "debug", "out",
    "modules", "shrunk", "env", "headers", "dist", "drivers", "terminfo", "getent", "su", "py",
    "libgcc", "lib32", "data", "examples", "tools",
];

/// A store path name split into package name, version and output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PkgName<'a> {
    /// The package name (`python3`, `perl5.38.0-Foo`, `linux`).
    pub pname: &'a str,
    /// The version without output suffix (`3.12.8`, `2.40-66`), if the name has one.
    pub version: Option<&'a str>,
    /// The output-ish suffix (`env`, `bin`, `modules-shrunk`), if any.
    pub output: Option<&'a str>,
    /// The version with its output suffix.
    full: Option<&'a str>,
}

impl<'a> PkgName<'a> {
    /// The version as dix shows it: with the output suffix (`2.40-66-bin`).
    pub fn full_version(&self) -> Option<&'a str> {
        self.full
    }
}

/// The name part of a store path or base name: what follows `<hash>-`, without `.drv`.
/// A bare name (no hash) is returned as it is.
pub fn store_name(path_or_name: &str) -> &str {
    let base = path_or_name.rsplit('/').next().unwrap_or(path_or_name);
    let name = match base.split_once('-') {
        Some((hash, rest))
            if hash.len() == 32 && hash.bytes().all(|b| b.is_ascii_alphanumeric()) =>
        {
            rest
        }
        _ => base,
    };
    name.strip_suffix(".drv").unwrap_or(name)
}

fn looks_like_git_hash(component: &str) -> bool {
    (7..=40).contains(&component.len())
        && component.bytes().all(|b| b.is_ascii_hexdigit())
        && component
            .bytes()
            .any(|b| matches!(b, b'a'..=b'f' | b'A'..=b'F'))
}

fn starts_version(rest: &str) -> bool {
    rest.bytes().next().is_some_and(|b| b.is_ascii_digit()) || looks_like_git_hash(rest)
}

/// Split a store path (or its name) into package name, version and output; see the module
/// docs for the rules.
pub fn parse(path_or_name: &str) -> PkgName<'_> {
    let name = store_name(path_or_name);
    let split = name
        .match_indices('-')
        .map(|(i, _)| i)
        .find(|&i| i > 0 && name.get(i + 1..).is_some_and(starts_version));
    let Some(i) = split else {
        return PkgName {
            pname: name,
            version: None,
            output: None,
            full: None,
        };
    };
    let pname = name.get(..i).unwrap_or(name);
    let full = name.get(i + 1..).unwrap_or("");
    let mut version = full;
    for _ in 0..2 {
        match version.rsplit_once('-') {
            Some((v, last)) if !v.is_empty() && OUTPUT_SUFFIXES.contains(&last) => version = v,
            _ => break,
        }
    }
    let output = (version.len() < full.len())
        .then(|| full.get(version.len() + 1..))
        .flatten();
    PkgName {
        pname,
        version: Some(version),
        output,
        full: Some(full),
    }
}

/// The next version component (Nix's `nextComponent`): a run of digits or a run of other
/// characters, separators `.` and `-` skipped.
fn next_component(s: &str) -> (&str, &str) {
    let s = s.trim_start_matches(['.', '-']);
    let first_digit = s.bytes().next().is_some_and(|b| b.is_ascii_digit());
    let end = s
        .char_indices()
        .find(|&(_, c)| c == '.' || c == '-' || (first_digit != c.is_ascii_digit()))
        .map(|(i, _)| i)
        .unwrap_or(s.len());
    (s.get(..end).unwrap_or(""), s.get(end..).unwrap_or(""))
}

fn component_lt(a: &str, b: &str) -> bool {
    let num = |s: &str| -> Option<u128> {
        (!s.is_empty() && s.bytes().all(|c| c.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    match (num(a), num(b)) {
        (Some(x), Some(y)) => x < y,
        (_, nb) if a.is_empty() && nb.is_some() => true,
        _ if a == "pre" && b != "pre" => true,
        _ if b == "pre" => false,
        (_, Some(_)) => true,
        (Some(_), _) => false,
        _ => a < b,
    }
}

/// Compare two versions as Nix's `builtins.compareVersions` does: component by component,
/// numbers numerically, `pre` before anything, a missing component before a number, letters
/// before numbers (`2.3a` < `2.3.1`), other strings lexically.
pub fn compare_versions(a: &str, b: &str) -> Ordering {
    let (mut p, mut q) = (a, b);
    while !p.trim_start_matches(['.', '-']).is_empty()
        || !q.trim_start_matches(['.', '-']).is_empty()
    {
        let (c1, r1) = next_component(p);
        let (c2, r2) = next_component(q);
        if component_lt(c1, c2) {
            return Ordering::Less;
        }
        if component_lt(c2, c1) {
            return Ordering::Greater;
        }
        p = r1;
        q = r2;
    }
    Ordering::Equal
}

/// Packages whose version matters for security on their own: a downgrade of one is worth a
/// finding. Keyed by `pname`; the value is the family shown to the reader.
pub const SECURITY_RELEVANT: &[(&str, &str)] = &[
    ("linux", "kernel"),
    ("linux-hardened", "kernel"),
    ("linux-zen", "kernel"),
    ("linux-rt", "kernel"),
    ("glibc", "glibc"),
    ("openssl", "openssl"),
    ("openssh", "openssh"),
    ("openssh-with-hpn", "openssh"),
    ("systemd", "systemd"),
    ("systemd-minimal", "systemd"),
    ("systemd-minimal-libs", "systemd"),
    ("nix", "nix"),
    ("lix", "nix"),
    ("sudo", "sudo"),
    ("sudo-rs", "sudo"),
];

/// The security family of a package name (`kernel`, `glibc`, `openssl`, `openssh`,
/// `systemd`, `nix`, `sudo`), if it is one of [`SECURITY_RELEVANT`].
pub fn security_family(pname: &str) -> Option<&'static str> {
    SECURITY_RELEVANT
        .iter()
        .find(|(n, _)| *n == pname)
        .map(|(_, f)| *f)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(name: &str) -> (&str, Option<&str>, Option<&str>) {
        let x = parse(name);
        (x.pname, x.version, x.output)
    }

    #[test]
    fn names_from_the_issue() {
        assert_eq!(
            p("python3-3.12.8-env"),
            ("python3", Some("3.12.8"), Some("env"))
        );
        assert_eq!(
            p("linux-6.6.8-modules"),
            ("linux", Some("6.6.8"), Some("modules"))
        );
        assert_eq!(
            p("glibc-2.40-66-bin"),
            ("glibc", Some("2.40-66"), Some("bin"))
        );
        assert_eq!(
            p("perl5.38.0-Foo-1.2"),
            ("perl5.38.0-Foo", Some("1.2"), None)
        );
        assert_eq!(p("nix-2.24.11-man"), ("nix", Some("2.24.11"), Some("man")));
        assert_eq!(
            p("openssl-3.3.2-dev"),
            ("openssl", Some("3.3.2"), Some("dev"))
        );
    }

    #[test]
    fn hash_drv_and_directories_are_dropped() {
        assert_eq!(
            p("/nix/store/0c8l4a1sx7cz6mkp0f0gcfw9mjhxh8pm-glibc-2.40-66"),
            ("glibc", Some("2.40-66"), None)
        );
        assert_eq!(
            p("0c8l4a1sx7cz6mkp0f0gcfw9mjhxh8pm-hello-2.12.1.drv"),
            ("hello", Some("2.12.1"), None)
        );
        // A name that merely has a dash early is not a hash.
        assert_eq!(store_name("util-linux-2.39"), "util-linux-2.39");
    }

    #[test]
    fn full_version_keeps_the_output_as_dix_does() {
        assert_eq!(
            parse("glibc-2.40-66-bin").full_version(),
            Some("2.40-66-bin")
        );
        assert_eq!(
            parse("linux-6.6.8-modules-shrunk").full_version(),
            Some("6.6.8-modules-shrunk")
        );
        assert_eq!(
            p("linux-6.6.8-modules-shrunk"),
            ("linux", Some("6.6.8"), Some("modules-shrunk"))
        );
    }

    #[test]
    fn no_version() {
        for n in [
            "etc",
            "system-path",
            "unit-nginx.service",
            "X-Restart-Triggers-nginx",
            "source",
        ] {
            assert_eq!(p(n), (n, None, None), "{n}");
        }
    }

    #[test]
    fn dashes_inside_names_and_versions() {
        assert_eq!(
            p("util-linux-minimal-2.39.4-lib"),
            ("util-linux-minimal", Some("2.39.4"), Some("lib"))
        );
        assert_eq!(
            p("nixos-system-demo-25.05.20250601.abcdef0"),
            ("nixos-system-demo", Some("25.05.20250601.abcdef0"), None)
        );
        assert_eq!(
            p("python3.12-requests-2.32.3-dist"),
            ("python3.12-requests", Some("2.32.3"), Some("dist"))
        );
        assert_eq!(p("openssh-9.9p1"), ("openssh", Some("9.9p1"), None));
        assert_eq!(p("sudo-1.9.16p2"), ("sudo", Some("1.9.16p2"), None));
        assert_eq!(
            p("kmod-blacklist-ubuntu-31+20240202-2ubuntu7"),
            ("kmod-blacklist-ubuntu", Some("31+20240202-2ubuntu7"), None)
        );
        // An unknown trailing word stays in the version (as in dix).
        assert_eq!(p("foo-1.0-extra"), ("foo", Some("1.0-extra"), None));
        // A git-hash-like version (dix's rule).
        assert_eq!(p("source-0fa3c2d"), ("source", Some("0fa3c2d"), None));
        // A version that is only an output word is not stripped to nothing.
        assert_eq!(p("-1.0"), ("-1.0", None, None));
    }

    #[test]
    fn versions_order_as_nix_orders_them() {
        use Ordering::*;
        for (a, b, o) in [
            ("1.0", "2.3", Less),
            ("2.1", "2.3", Less),
            ("2.3", "2.3", Equal),
            ("2.5", "2.3", Greater),
            ("3.1", "2.3", Greater),
            ("2.3.1", "2.3", Greater),
            ("2.3.1", "2.3a", Greater),
            ("2.3pre1", "2.3", Less),
            ("2.3pre3", "2.3pre12", Less),
            ("2.3a", "2.3c", Less),
            ("2.3pre1", "2.3c", Less),
            ("2.3pre1", "2.3q", Less),
            ("6.6.10", "6.6.9", Greater),
            ("9.9p1", "9.8p1", Greater),
            ("2.40-66", "2.40-36", Greater),
            ("1.9.16p2", "1.9.15p5", Greater),
        ] {
            assert_eq!(compare_versions(a, b), o, "{a} vs {b}");
            assert_eq!(compare_versions(b, a), o.reverse(), "{b} vs {a}");
        }
    }

    #[test]
    fn security_families() {
        assert_eq!(security_family("linux"), Some("kernel"));
        assert_eq!(security_family("openssh"), Some("openssh"));
        assert_eq!(security_family("openssl"), Some("openssl"));
        assert_eq!(security_family("nix-index"), None);
        assert_eq!(security_family("linux-firmware"), None);
    }
}

//! `secrets.*`: key material others can read. Findings carry the file, the line and the
//! probe's redacted excerpt; the secret itself never reaches the facts or the report.

use nixbtw_contracts::prose::{lit, sh};
use std::collections::BTreeMap;

use nixbtw_contracts::{Finding, FindingId, FindingType, ProbeId};
use nixbtw_probes::probes::secrets::{LiteralClass, SecretHit, SecretsFacts};

use super::{finding, rule, Rule, RuleContext};
use nixbtw_contracts::text::count_of;

fn by_file(hits: &[SecretHit]) -> BTreeMap<&str, Vec<&SecretHit>> {
    let mut m: BTreeMap<&str, Vec<&SecretHit>> = BTreeMap::new();
    for h in hits {
        m.entry(h.file.as_str()).or_default().push(h);
    }
    m
}

/// The rules of this module, in evaluation order.
pub const RULES: &[Rule] = &[
    rule!(SecretsInStore => in_store),
    rule!(SecretsPlaintextInConfig => plaintext_in_config),
    rule!(SecretsHashInStore => hash_in_store),
    rule!(SecretsWorldReadableKeys => world_readable_keys),
    rule!(AuditProbeError => scan_limits),
];

/// The configuration's literals, split into password hashes and everything else.
fn literals(s: &SecretsFacts) -> (Vec<SecretHit>, Vec<SecretHit>) {
    s.in_config.iter().cloned().partition(|h| {
        h.binding
            .as_ref()
            .is_some_and(|b| b.class == LiteralClass::PasswordHash)
    })
}

/// `secrets.in-store`: private key material in the current system's closure.
pub fn in_store(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(s) = cx.facts.get::<SecretsFacts>() else {
        return;
    };
    for (file, hits) in by_file(&s.in_store) {
        let first = hits[0];
        let kinds: Vec<&str> = hits.iter().map(|h| h.kind.as_str()).collect();
        out.push(
            finding(FindingId::SecretsInStore, file)
                .title(format!("Private key material in the store: {file}"))
                .summary(format!("{} in {file}", kinds.join(", ")))
                .file(format!("{file}:{}", first.line))
                .description(format!(
                    "{file} is part of the current system ({}) and holds {}. Everything in \
                     /nix/store is readable by every local user and is copied to any cache or \
                     machine the closure is pushed to: treat the key as compromised.",
                    lit(first.store_path.as_deref().unwrap_or("in the store")),
                    lit(kinds.join(", ")), file = lit(file)))
                .evidence(
                    first.store_path.clone().unwrap_or_else(|| file.to_string()),
                    hits.iter().map(|h| format!("line {}: {}", h.line, h.redacted)).collect(),
                )
                .action("Rotate the key. Deliver it at runtime instead (sops-nix, agenix, systemd `LoadCredential=`, or a `*File` option pointing outside the store), rebuild, then delete the old generations and `nix-collect-garbage` so the store copy goes.")
                .build(),
        );
    }
}

/// `secrets.plaintext-in-config`: a literal password, token or key bound to a secret-bearing
/// option in a `.nix` file of the configuration.
pub fn plaintext_in_config(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(s) = cx.facts.get::<SecretsFacts>() else {
        return;
    };
    let (_, plaintext) = literals(s);
    for (file, hits) in by_file(&plaintext) {
        let first = hits[0];
        out.push(
            finding(FindingId::SecretsPlaintextInConfig, file)
                .title(format!("Secret written literally in {file}"))
                .summary(format!(
                    "{} in {file}",
                    count_of(hits.len(), "literal secret", "literal secrets")
                ))
                .file(format!("{file}:{}", first.line))
                .description(
                    "A password, token or key is a string literal in the system configuration. \
                     It ends up in the world-readable store when the option is used, and in \
                     every copy or git remote of the configuration.",
                )
                .evidence(
                    file.to_string(),
                    hits.iter()
                        .map(|h| format!("line {}: {} ({})", h.line, h.redacted, h.kind))
                        .collect(),
                )
                .action("Move the value to sops-nix/agenix and use the option's `*File` variant (e.g. `hashedPasswordFile`, `passwordFile`); for users, `hashedPassword` from `mkpasswd`. Rotate the exposed value.")
                .build(),
        );
    }
}

/// `secrets.hash-in-store`: a literal password hash, world-readable once in the store.
pub fn hash_in_store(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(s) = cx.facts.get::<SecretsFacts>() else {
        return;
    };
    let (hashes, _) = literals(s);
    for (file, hits) in by_file(&hashes) {
        let first = hits[0];
        out.push(
            finding(FindingId::SecretsHashInStore, file)
                .title(format!("Password hash written literally in {file}"))
                .summary(format!(
                    "{} in {file}",
                    count_of(hits.len(), "password hash", "password hashes")
                ))
                .file(format!("{file}:{}", first.line))
                .description(
                    "A password hash is a string literal in the system configuration. NixOS \
                     copies it into the world-readable store (for users, the store's \
                     users-groups.json), where any local user can read it and try to crack it \
                     offline; /etc/shadow, by contrast, is readable by root alone. A strong \
                     password under yescrypt ($y$) or bcrypt resists that; a weak one does not.",
                )
                .evidence(
                    file.to_string(),
                    hits.iter()
                        .map(|h| format!("line {}: {} ({})", h.line, h.redacted, h.kind))
                        .collect(),
                )
                .action("Use `hashedPasswordFile` pointing outside the store (e.g. a sops-nix or agenix secret with `neededForUsers = true`), or make sure the password is strong and the hash is yescrypt (`mkpasswd -m yescrypt`).")
                .build(),
        );
    }
}

/// `audit.probe-error` rows of the scan: unparsable `.nix` files, a walk that stopped at its
/// limit, files that could not be read.
pub fn scan_limits(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(s) = cx.facts.get::<SecretsFacts>() else {
        return;
    };
    for f in &s.unparsable {
        out.push(
            finding(FindingId::AuditProbeError, format!("secrets:parse:{}", f.file))
                .probe(ProbeId::Secrets)
                .kind(FindingType::Error)
                .title(format!("Could not parse {}", f.file))
                .summary(format!("{}:{}:{}: {}", f.file, f.line, f.column, f.message))
                .file(format!("{}:{}", f.file, f.line))
                .description(format!(
                    "{} is not valid Nix ({}; the first at line {}, column {}: \
                     {}). Its bindings were judged as far as the parser could recover them, so \
                     a literal secret after the error may have been missed. `nixos-rebuild` \
                     would fail on it too if it is imported.",
                    lit(&f.file),
                    count_of(f.errors, "syntax error", "syntax errors"),
                    f.line,
                    f.column,
                    lit(&f.message)
                ))
                .action(format!(
                    "`nix-instantiate --parse {}` shows the error; fix it, or remove the file if it is not Nix.",
                    sh(&f.file)
                ))
                .build(),
        );
    }
    scan_truncated_and_problems(s, out);
}

/// `secrets.world-readable-keys`: key files others can read.
pub fn world_readable_keys(cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
    let Some(s) = cx.facts.get::<SecretsFacts>() else {
        return;
    };
    for k in &s.world_readable {
        let how = if k.in_store {
            "is in the world-readable Nix store".to_string()
        } else {
            format!("has mode {:04o}: readable by every local user", k.mode)
        };
        out.push(
            finding(FindingId::SecretsWorldReadableKeys, k.path.clone())
                .title(format!("Key file readable by others: {}", k.path))
                .file(k.path.clone())
                .description(format!("{} {how}.", lit(&k.path)))
                .evidence(k.path.clone(), vec![format!("mode {:04o}, uid {}{}", k.mode, k.uid, if k.in_store { ", in /nix/store" } else { "" })])
                .action(format!("`chmod 600 {}` (owned by the service that reads it); rotate the key if untrusted users had access.", sh(&k.path)))
                .build(),
        );
    }
}

fn scan_truncated_and_problems(s: &SecretsFacts, out: &mut Vec<Finding>) {
    if s.truncated {
        out.push(
            finding(FindingId::AuditProbeError, "secrets:limit")
                .probe(ProbeId::Secrets)
                .kind(FindingType::Error)
                .title("Secret scan stopped at its limit")
                .file(s.system.clone().unwrap_or_default())
                .description("The scan of the system's etc tree or the configuration stopped at its file or time limit; files after that point were not checked.")
                .action("By hand: `grep -rIl 'PRIVATE KEY-----' \"$(readlink -f /run/current-system)/etc/\"`.")
                .build(),
        );
    }
    for p in &s.problems {
        out.push(
            finding(FindingId::AuditProbeError, format!("secrets:{p}"))
                .probe(ProbeId::Secrets)
                .kind(FindingType::Error)
                .title("Secret scan could not read everything")
                .summary(p.clone())
                .description(format!("{p}. The other secret checks ran.", p = lit(p)))
                .action(problem_action(p))
                .build(),
        );
    }
}

/// What to do about a file the scan could not read: running as root helps only when
/// permission was denied; otherwise check by hand.
fn problem_action(problem: &str) -> String {
    let lower = problem.to_ascii_lowercase();
    if lower.contains("permission denied") || lower.contains("operation not permitted") {
        "Run the audit as root to read every file.".to_string()
    } else {
        "Check by hand what the scan could not read: `grep -rIl 'PRIVATE KEY-----' \
         \"$(readlink -f /run/current-system)/etc/\"`."
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::run_family;
    use chrono::TimeZone;
    use nixbtw_contracts::Priority;
    use nixbtw_probes::probes::secrets::{BoundLiteral, KeyFile, NixParseFailure};
    use nixbtw_probes::FactSet;

    fn empty() -> SecretsFacts {
        SecretsFacts {
            system: Some("/nix/store/x-nixos-system".into()),
            store_files_scanned: 10,
            in_store: vec![],
            config_dir: Some("/etc/nixos".into()),
            config_files_scanned: 2,
            in_config: vec![],
            unparsable: vec![],
            key_files_checked: 1,
            world_readable: vec![],
            truncated: false,
            problems: vec![],
        }
    }

    fn eval(s: SecretsFacts) -> Vec<Finding> {
        let now = chrono::Utc.with_ymd_and_hms(2026, 11, 25, 0, 0, 0).unwrap();
        let facts = FactSet::new().with(s);
        RULES
            .iter()
            .flat_map(|r| run_family(r.judge, &facts, now, false))
            .collect()
    }

    #[test]
    fn clean_system_raises_nothing() {
        assert!(eval(empty()).is_empty());
    }

    fn key_hit(file: &str, line: u32) -> SecretHit {
        SecretHit {
            file: file.into(),
            store_path: Some("/nix/store/abc-x".into()),
            line,
            kind: "OPENSSH PRIVATE KEY".into(),
            redacted: "-----BEGIN OPENSSH PRIVATE KEY----- [key body REDACTED]".into(),
            binding: None,
        }
    }

    fn only(judge: super::super::Judge, s: SecretsFacts) -> Vec<Finding> {
        let now = chrono::Utc.with_ymd_and_hms(2026, 11, 25, 0, 0, 0).unwrap();
        run_family(judge, &FactSet::new().with(s), now, false)
    }

    #[test]
    fn in_store_is_one_p0_per_file_with_every_line() {
        let mut s = empty();
        s.in_store = vec![
            key_hit("/etc/a", 2),
            key_hit("/etc/a", 9),
            key_hit("/etc/b", 1),
        ];
        let out = only(in_store, s);
        assert_eq!(out.len(), 2);
        let a = out.iter().find(|f| f.subject == "/etc/a").unwrap();
        assert_eq!(
            (a.id, a.priority),
            (FindingId::SecretsInStore, Priority::P0)
        );
        assert_eq!(a.file, "/etc/a:2");
        assert_eq!(a.evidence[0].excerpt.len(), 2);
        assert!(only(in_store, empty()).is_empty());
    }

    #[test]
    fn plaintext_in_config_raised_for_literals_not_hashes() {
        let mut s = empty();
        s.in_config = vec![key_hit("/etc/nixos/configuration.nix", 4)];
        let out = only(plaintext_in_config, s);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].id, FindingId::SecretsPlaintextInConfig);
        let mut s = empty();
        s.in_config = vec![literal(5, LiteralClass::PasswordHash)];
        assert!(only(plaintext_in_config, s).is_empty());
    }

    #[test]
    fn hash_in_store_raised_for_hashes_only() {
        let mut s = empty();
        s.in_config = vec![literal(5, LiteralClass::PasswordHash)];
        assert_eq!(only(hash_in_store, s).len(), 1);
        let mut s = empty();
        s.in_config = vec![literal(3, LiteralClass::Plaintext)];
        assert!(only(hash_in_store, s).is_empty());
    }

    #[test]
    fn world_readable_keys_names_the_mode() {
        let mut s = empty();
        s.world_readable = vec![KeyFile {
            path: "/etc/ssh/ssh_host_ed25519_key".into(),
            mode: 0o644,
            uid: 0,
            in_store: false,
        }];
        let out = only(world_readable_keys, s);
        assert_eq!(out.len(), 1);
        assert!(out[0].description.contains("mode 0644"));
        assert!(only(world_readable_keys, empty()).is_empty());
    }

    #[test]
    fn scan_limits_reports_truncation_and_unreadable_files() {
        let mut s = empty();
        s.truncated = true;
        s.problems = vec!["/var/lib/sops-nix: permission denied".into()];
        let out = only(scan_limits, s);
        assert_eq!(out.len(), 2, "{out:?}");
        assert!(out.iter().all(|f| f.kind == FindingType::Error));
        assert!(only(scan_limits, empty()).is_empty());
    }

    fn literal(line: u32, class: LiteralClass) -> SecretHit {
        SecretHit {
            file: "/etc/nixos/users.nix".into(),
            store_path: None,
            line,
            kind: "`x` set to a literal string".into(),
            redacted: "x = \"[REDACTED 8 chars]\";".into(),
            binding: Some(BoundLiteral {
                attr_path: "users.users.a.x".into(),
                in_let: false,
                class,
                scheme: (class == LiteralClass::PasswordHash).then(|| "$y$".into()),
                embedded: false,
            }),
        }
    }

    #[test]
    fn hashes_and_plaintext_are_separate_checks() {
        let mut s = empty();
        s.in_config = vec![
            literal(3, LiteralClass::Plaintext),
            literal(5, LiteralClass::PasswordHash),
            literal(9, LiteralClass::PasswordHash),
        ];
        let out = eval(s);
        let plain: Vec<_> = out
            .iter()
            .filter(|f| f.id == FindingId::SecretsPlaintextInConfig)
            .collect();
        let hash: Vec<_> = out
            .iter()
            .filter(|f| f.id == FindingId::SecretsHashInStore)
            .collect();
        assert_eq!((plain.len(), hash.len()), (1, 1), "{out:?}");
        assert_eq!(plain[0].file, "/etc/nixos/users.nix:3");
        assert_eq!(plain[0].priority, Priority::P1);
        assert_eq!(hash[0].file, "/etc/nixos/users.nix:5");
        assert_eq!(hash[0].priority, Priority::P3);
        assert_eq!(hash[0].evidence[0].excerpt.len(), 2);
        assert!(hash[0].suggested_action.contains("hashedPasswordFile"));
    }

    #[test]
    fn an_unparsable_file_is_an_error_row() {
        let mut s = empty();
        s.unparsable = vec![NixParseFailure {
            file: "/etc/nixos/broken.nix".into(),
            line: 7,
            column: 3,
            message: "unexpected TOKEN_SEMICOLON".into(),
            errors: 2,
        }];
        let out = eval(s);
        assert_eq!(out.len(), 1, "{out:?}");
        let f = &out[0];
        assert_eq!(f.id, FindingId::AuditProbeError);
        assert_eq!(f.kind, FindingType::Error);
        assert_eq!(f.file, "/etc/nixos/broken.nix:7");
        assert!(
            f.description.contains("line 7, column 3"),
            "{}",
            f.description
        );
    }

    #[test]
    fn only_permission_problems_say_run_as_root() {
        let mut s = empty();
        s.problems = vec![
            "/nix/var/nix/profiles/system: no current system in the store".into(),
            "/etc/nixos/secret.nix: Permission denied (os error 13)".into(),
        ];
        let out = eval(s);
        assert_eq!(out.len(), 2);
        assert!(!out[0].suggested_action.contains("as root"), "{:?}", out[0]);
        assert!(out[1].suggested_action.contains("as root"), "{:?}", out[1]);
    }
}

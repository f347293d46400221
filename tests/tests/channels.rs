//! Channels end to end over `--root` fixtures.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use nixbtw_contracts::FindingId;
use nixbtw_tests::trust::{audit, channels, findings_of, flake_lock_at, now, report_ids, write};

#[test]
fn channel_checks() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    write(root, "etc/os-release", "ID=nixos\nVERSION_ID=\"26.05\"\n");
    channels(root, "25.11", now() - chrono::Duration::days(120));
    let r = audit(root);
    assert_eq!(
        findings_of(&r, FindingId::ChannelsStale).len(),
        1,
        "{:?}",
        report_ids(&r)
    );
    let mm = findings_of(&r, FindingId::ChannelsReleaseMismatch);
    assert_eq!(mm.len(), 1);
    assert!(mm[0].title.contains("25.11"), "{}", mm[0].title);
    assert!(findings_of(&r, FindingId::ChannelsMixed).is_empty());
    let ch = &r.facts["channels"]["channels"][0];
    assert_eq!(
        ch["git_revision"],
        "abcdef0123456789abcdef0123456789abcdef01"
    );

    write(root, "etc/nixos/flake.nix", "{ }\n");
    write(
        root,
        "etc/nixos/flake.lock",
        flake_lock_at(1, "nixos-26.05"),
    );
    let r = audit(root);
    assert_eq!(findings_of(&r, FindingId::ChannelsMixed).len(), 1);
}

//! Stable identifiers: the probes and every finding ID of the check catalog (CHECKS.md).
//!
//! A finding ID is public interface: it appears in the JSON, in the markdown and in user
//! configuration that silences or re-ranks a check. IDs are never renamed; a retired check keeps
//! its variant until a major release. The table below is the single list the binary prints with
//! `nixbtw-audit checks`; a unit test keeps the strings unique and well-formed.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use crate::model::Priority;

macro_rules! probe_ids {
    ($( $(#[$doc:meta])* $variant:ident => $name:literal ),+ $(,)?) => {
        /// A probe: one source of facts about the host.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum ProbeId {
            $( $(#[$doc])* $variant, )+
        }

        impl ProbeId {
            /// Every probe, in the order the report lists them.
            pub const ALL: &'static [ProbeId] = &[$(ProbeId::$variant),+];

            /// The probe's name as used on the command line and in JSON.
            pub fn as_str(self) -> &'static str {
                match self { $(ProbeId::$variant => $name,)+ }
            }
        }

        impl FromStr for ProbeId {
            type Err = UnknownId;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($name => Ok(ProbeId::$variant),)+
                    _ => Err(UnknownId { kind: "probe", value: s.to_string() }),
                }
            }
        }
    };
}

probe_ids! {
    /// Which lane is this: OS, Nix flavour and version, kernel, hostname.
    Host => "host",
    /// /etc/nix/nix.conf and its includes.
    Nixconf => "nixconf",
    /// The Nix store: size, free space, what a GC would free.
    Store => "store",
    /// GC roots and the closures they keep alive.
    Gcroots => "gcroots",
    /// System, user and home-manager profile generations.
    Generations => "generations",
    /// /boot: free space and boot entries.
    Boot => "boot",
    /// What the next boot needs: devices of its fstab and initrd, its kernel's modules.
    Nextboot => "nextboot",
    /// The system flake and its lock file.
    Flake => "flake",
    /// Nix channels.
    Channels => "channels",
    /// Failed systemd units and maintenance timers.
    Units => "units",
    /// Journal excerpts: errors, OOM kills, coredumps.
    Journal => "journal",
    /// Secrets in the store, in config, or readable by others.
    Secrets => "secrets",
    /// Deep mode only (`--deep`): store contents re-hashed and compared with the Nix DB.
    Deep => "deep",
}

/// For an unknown probe, the list of valid ones (an unknown finding ID points to `checks`).
fn known_probes(kind: &str) -> String {
    match kind {
        "probe" => format!(
            " (probes: {})",
            ProbeId::ALL
                .iter()
                .map(|p| p.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        _ => " (`nixbtw-audit checks` lists them)".to_string(),
    }
}

impl fmt::Display for ProbeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A string that names no known probe or finding ID.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {kind} `{value}`{}", known_probes(kind))]
pub struct UnknownId {
    /// What was being parsed ("probe" or "finding ID").
    pub kind: &'static str,
    /// The rejected input.
    pub value: String,
}

/// Catalog metadata of one finding ID.
///
/// A check is found in one step from its ID: the probe named here collects its facts in
/// `probes/src/probes/<probe>.rs`, the check is judged by the function [`CheckInfo::function`]
/// in `agent/src/rules/<probe>.rs` (unit tests beside it, named after it), and its integration
/// tests are `tests/tests/<probe>.rs` ([`CheckInfo::location`]). The probe is the ID's family
/// (`store.disk-low`: `store`) except for the deep-mode checks, which keep their public
/// `store.*` IDs but are judged from the `deep` probe's facts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckInfo {
    /// The ID.
    pub id: FindingId,
    /// The probe whose facts judge the check; `None` for `audit.*` rows, which are about the
    /// audit itself (any probe's outcome, the configuration).
    pub probe: Option<ProbeId>,
    /// Default priority (configuration may override it).
    pub priority: Priority,
    /// One line: when the finding is raised.
    pub meaning: &'static str,
}

impl CheckInfo {
    /// The family: the ID before its dot (`store` for `store.corrupt`).
    pub fn family(&self) -> &'static str {
        let id = self.id.as_str();
        id.split_once('.').map_or(id, |(family, _)| family)
    }

    /// The rule module, `agent/src/rules/<module>.rs`: the judging probe's name, `audit` for
    /// `audit.*` rows.
    pub fn rule_module(&self) -> &'static str {
        self.probe.map_or("audit", ProbeId::as_str)
    }

    /// The name of the function that judges the check: the ID after its dot, in snake case
    /// (`store.disk-critical`: `disk_critical`).
    pub fn function(&self) -> String {
        let id = self.id.as_str();
        id.split_once('.')
            .map_or(id, |(_, name)| name)
            .replace('-', "_")
    }

    /// Where the check lives: `agent/src/rules/<module>.rs::<function>`.
    pub fn location(&self) -> String {
        format!(
            "agent/src/rules/{}.rs::{}",
            self.rule_module(),
            self.function()
        )
    }
}

macro_rules! finding_ids {
    ($( $variant:ident => $id:literal, $probe:expr, $prio:ident, $meaning:literal; )+) => {
        /// Every finding nixbtw-audit can raise. See CHECKS.md for the catalog.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum FindingId {
            $( #[doc = $meaning] $variant, )+
        }

        impl FindingId {
            /// Every ID, in catalog order.
            pub const ALL: &'static [FindingId] = &[$(FindingId::$variant),+];

            /// The stable kebab-case ID, e.g. `store.disk-critical`.
            pub fn as_str(self) -> &'static str {
                match self { $(FindingId::$variant => $id,)+ }
            }

            /// Catalog metadata: family, default priority, meaning.
            pub fn info(self) -> CheckInfo {
                match self {
                    $(FindingId::$variant => CheckInfo {
                        id: FindingId::$variant,
                        probe: $probe,
                        priority: Priority::$prio,
                        meaning: $meaning,
                    },)+
                }
            }
        }

        impl FromStr for FindingId {
            type Err = UnknownId;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($id => Ok(FindingId::$variant),)+
                    _ => Err(UnknownId { kind: "finding ID", value: s.to_string() }),
                }
            }
        }
    };
}

use ProbeId as P;

finding_ids! {
    AuditProbeError => "audit.probe-error", None, Info,
        "a probe failed, panicked or timed out: what failed and how to get the data by hand";
    AuditProbeSkipped => "audit.probe-skipped", None, Info,
        "a probe could not apply to this target (for example a live-only source under --root)";
    AuditSuppressionExpired => "audit.suppression-expired", None, P3,
        "a suppression in the configuration is past its `until` date";
    AuditReleaseTableStale => "audit.release-table-stale", None, Info,
        "the release table's `as_of` is older than the next expected NixOS release plus a grace period: end-of-support judgements may be stale";

    HostLane => "host.lane", Some(P::Host), Info,
        "always: OS and release, Nix flavour and version, kernel, hostname";
    HostReleaseEol => "host.release-eol", Some(P::Host), P1,
        "the NixOS release is past its end of support (P2 within 30 days)";
    HostNixOutdated => "host.nix-outdated", Some(P::Host), P2,
        "the Nix in use is older than the oldest release line upstream still patches";
    HostNoNix => "host.no-nix", Some(P::Host), Info,
        "no Nix installation was found on the target";
    HostNixVersionMismatch => "host.nix-version-mismatch", Some(P::Host), P2,
        "the `nix` on a login user's PATH, the daemon's and the current system's `nix.package` are not the same Nix (flavour or version)";
    HostNixMultipleOnPath => "host.nix-multiple-on-path", Some(P::Host), P3,
        "a login user's PATH holds more than one distinct `nix`: the first one shadows the others";
    HostDaemonSocketUnusable => "host.daemon-socket-unusable", Some(P::Host), P1,
        "a multi-user install whose daemon socket is missing (live) or not a socket; P2 when its or its directory's permissions keep users `allowed-users` admits from connecting";

    NixconfRequireSigsOff => "nixconf.require-sigs-off", Some(P::Nixconf), P0,
        "`require-sigs = false`: unsigned paths from any substituter are accepted";
    NixconfSandboxOff => "nixconf.sandbox-off", Some(P::Nixconf), P1,
        "`sandbox = false` (or `relaxed`) on Linux";
    NixconfTrustedUsersBroad => "nixconf.trusted-users-broad", Some(P::Nixconf), P1,
        "`trusted-users` contains `*` or a broad group; a trusted user is root-equivalent";
    NixconfSubstituterWithoutKey => "nixconf.substituter-without-key", Some(P::Nixconf), P3,
        "with `require-sigs` on, no trusted key signs a substituter (none at all, or not a documented cache's key): nothing from it is accepted";
    NixconfInsecureSubstituter => "nixconf.insecure-substituter", Some(P::Nixconf), P2,
        "an `http://` substituter";
    NixconfAcceptFlakeConfig => "nixconf.accept-flake-config", Some(P::Nixconf), P2,
        "`accept-flake-config = true`: any flake can add substituters and settings";
    NixconfFlakesDisabled => "nixconf.flakes-disabled", Some(P::Nixconf), P1,
        "a flake drives the system but `experimental-features` lacks flakes/nix-command";
    NixconfBuildUsersGroupMissing => "nixconf.build-users-group-missing", Some(P::Nixconf), P1,
        "`build-users-group` (set, or Nix's default `nixbld` for root) names a group /etc/group lacks, or one without members: builds as root fail";
    NixconfNoAutoOptimise => "nixconf.no-auto-optimise", Some(P::Nixconf), P3,
        "auto-optimise-store off, no optimise timer, and the store is over 20 GiB";
    NixconfDaemonStale => "nixconf.daemon-stale", Some(P::Nixconf), P2,
        "live: the running nix-daemon started before the last change to nix.conf or a file it includes: those settings are not in effect until it restarts";
    NixconfRootEquivalentUsers => "nixconf.root-equivalent-users", Some(P::Nixconf), Info,
        "who is root-equivalent through `trusted-users` (groups expanded through /etc/group): P2 when a group beyond the admin groups, P1 when `*`";

    GenerationsSystem => "generations.system", Some(P::Generations), Info,
        "always on NixOS: each system generation, which is current, which booted";
    GenerationsRebootPending => "generations.reboot-pending", Some(P::Generations), P2,
        "booted and current system differ in kernel, initrd or kernel-modules";
    GenerationsCurrentNotDefault => "generations.current-not-default", Some(P::Generations), P2,
        "/run/current-system is not the profile's current generation";
    GenerationsNoRollback => "generations.no-rollback", Some(P::Generations), P1,
        "only one system generation remains: nothing to roll back to";
    GenerationsBootedUnprotected => "generations.booted-unprotected", Some(P::Generations), P1,
        "the booted system is no longer a system profile generation: no boot entry, and a GC after the next reboot deletes the last system known to boot";
    GenerationsPileUp => "generations.pile-up", Some(P::Generations), P3,
        "more than 30 system generations, or the oldest is over 90 days old";
    GenerationsImperativeProfile => "generations.imperative-profile", Some(P::Generations), P2,
        "a user's or root's profile holds packages installed with nix-env -i / nix profile install";
    GenerationsHomeManager => "generations.home-manager", Some(P::Generations), Info,
        "home-manager generations per user (P3 when over 30 or the oldest is over 90 days)";
    GenerationsHomeManagerBothModes => "generations.home-manager-both-modes", Some(P::Generations), P2,
        "a user has a standalone home-manager profile and is managed by the NixOS home-manager module (home-manager-USER.service) too: two activations fight over the same files";
    GenerationsSecurityDowngrade => "generations.security-downgrade", Some(P::Generations), P2,
        "the last switch, or the next reboot, downgrades the kernel, glibc, openssl, openssh, systemd, nix or sudo";

    GcrootsSummary => "gcroots.summary", Some(P::Gcroots), Info,
        "always: roots by kind with the closure size each holds, top 10";
    GcrootsForgottenResults => "gcroots.forgotten-results", Some(P::Gcroots), P3,
        "indirect roots older than 30 days holding over 1 GiB together";
    GcrootsDangling => "gcroots.dangling", Some(P::Gcroots), P3,
        "auto roots whose link target no longer exists";
    GcrootsUnprotectedLinks => "gcroots.unprotected-links", Some(P::Gcroots), P3,
        "`result` links or a `.nix-profile` in a login user's home point into the store but no GC root registers them: the next GC deletes what they point at";

    StoreDiskCritical => "store.disk-critical", Some(P::Store), P0,
        "the filesystem holding /nix/store has under 5% or under 2 GiB free";
    StoreDiskLow => "store.disk-low", Some(P::Store), P1,
        "the filesystem holding /nix/store has under 10% or under 10 GiB free";
    StoreSummary => "store.summary", Some(P::Store), Info,
        "always: valid paths, NAR size, on-disk size, dead paths and bytes a GC would free";
    StoreReclaimable => "store.reclaimable", Some(P::Store), P2,
        "a GC would free over 20% of the store or over 10 GiB";
    StoreGcNotScheduled => "store.gc-not-scheduled", Some(P::Store), P2,
        "no automatic GC and the store is over 20 GiB or holds over 30 generations";
    StoreDbUnreadable => "store.db-unreadable", Some(P::Store), Info,
        "the Nix DB cannot be opened; how to get the figures by hand";
    StoreCorrupt => "store.corrupt", Some(P::Deep), P0,
        "deep mode: a store path whose contents do not match the NAR hash in the DB";
    StoreMissingPath => "store.missing-path", Some(P::Deep), P0,
        "deep mode: a DB row whose store path is missing on disk";
    StoreUnregistered => "store.unregistered", Some(P::Deep), P3,
        "deep mode: a store entry with no DB row";

    BootEspCritical => "boot.esp-critical", Some(P::Boot), P0,
        "/boot has under 10% or under 64 MiB free";
    BootEntriesUnlimited => "boot.entries-unlimited", Some(P::Boot), P3,
        "over 20 boot entries and no configurationLimit evident";
    BootEntryWithoutGeneration => "boot.entry-without-generation", Some(P::Boot), P2,
        "a boot menu entry names a system generation the profile no longer has: choosing it (as a rollback) fails";

    NextbootBootDeviceMissing => "nextboot.boot-device-missing", Some(P::Nextboot), P0,
        "a device the next boot mounts in stage 1 (/, /nix, /boot, ...) or a LUKS device its initrd opens is not present: emergency shell";
    NextbootDeviceMissing => "nextboot.device-missing", Some(P::Nextboot), P1,
        "another fstab or swap device of the next boot is not present (nofail, noauto and automounts excepted)";
    NextbootDevicesUnverified => "nextboot.devices-unverified", Some(P::Nextboot), Info,
        "the next boot's devices could not all be compared (no device view under --root, an initrd not read to its end: a bzip2/lzma/lzo member, a damaged member, the decompression cap hit): the references and how to compare them";
    NextbootKernelModulesMismatch => "nextboot.kernel-modules-mismatch", Some(P::Nextboot), P1,
        "the next boot's kernel version has no lib/modules tree in its kernel-modules";
    NextbootModuleMissing => "nextboot.module-missing", Some(P::Nextboot), P1,
        "a module the next boot loads (modules-load.d, an fstab file system type) is not in its kernel's modules (P0 for the root file system's, e.g. ZFS)";
    NextbootStateVersionChanged => "nextboot.state-version-changed", Some(P::Nextboot), P1,
        "system.stateVersion in the configuration differs from the previous audit's: it steers data migrations";
    NextbootStateVersionAhead => "nextboot.state-version-ahead", Some(P::Nextboot), P2,
        "system.stateVersion in the configuration is newer than the running release";
    NextbootFallbackNeverBooted => "nextboot.fallback-never-booted", Some(P::Nextboot), P2,
        "the generation before the default (the rollback target) was never seen booting in a journal that reaches back to its creation";

    FlakeInputs => "flake.inputs", Some(P::Flake), Info,
        "always when a system flake exists: each input, its locked rev and age";
    FlakeLockStale => "flake.lock-stale", Some(P::Flake), P2,
        "the nixpkgs input is over 90 days old (P1 over 180 days)";
    FlakeLockMissing => "flake.lock-missing", Some(P::Flake), P2,
        "flake.nix without flake.lock";
    FlakeDuplicateNixpkgs => "flake.duplicate-nixpkgs", Some(P::Flake), P3,
        "inputs bring their own nixpkgs (transitive copies not pinned on purpose) instead of following the system's";
    FlakeUntrackedFiles => "flake.untracked-files", Some(P::Flake), P2,
        "the flake dir is a git repo with untracked or unstaged .nix files";
    ChannelsMixed => "channels.mixed", Some(P::Channels), P2,
        "the system is flake-driven and root still has a `nixos` channel";
    ChannelsStale => "channels.stale", Some(P::Channels), P2,
        "the channel generation was last updated over 90 days ago";
    ChannelsReleaseMismatch => "channels.release-mismatch", Some(P::Channels), P2,
        "the `nixos` channel's release differs from the running release";

    UnitsFailed => "units.failed", Some(P::Units), P1,
        "a failed unit, with its last journal lines (P0 for nix-daemon, sshd, journald, dbus)";
    UnitsNixDaemonDown => "units.nix-daemon-down", Some(P::Units), P0,
        "a multi-user install whose nix-daemon is neither active nor socket-activatable";
    UnitsAutoUpgradeFailed => "units.auto-upgrade-failed", Some(P::Units), P1,
        "nixos-upgrade.service's last run failed";
    JournalFsErrors => "journal.fs-errors", Some(P::Journal), P1,
        "kernel filesystem or block I/O errors this boot";
    JournalOom => "journal.oom", Some(P::Journal), P2,
        "OOM-killer kills this boot";
    JournalCoredumps => "journal.coredumps", Some(P::Journal), P2,
        "coredumps this boot";
    JournalHardwareErrors => "journal.hardware-errors", Some(P::Journal), P2,
        "GPU driver errors, firmware load failures, MCE/EDAC memory errors (P1) or thermal throttling in this boot's kernel log";
    JournalNixDaemonErrors => "journal.nix-daemon-errors", Some(P::Journal), P2,
        "nix-daemon.service logged errors this boot";
    JournalNoisy => "journal.noisy", Some(P::Journal), Info,
        "the five units or identifiers with most err..alert entries this boot";
    JournalNotPersistent => "journal.not-persistent", Some(P::Journal), P3,
        "no persistent journal (/var/log/journal missing)";

    SecretsInStore => "secrets.in-store", Some(P::Secrets), P0,
        "a file in the system closure under etc/ or a unit file holds private key material";
    SecretsPlaintextInConfig => "secrets.plaintext-in-config", Some(P::Secrets), P1,
        "a .nix file of the system configuration sets a password, token or key literally";
    SecretsWorldReadableKeys => "secrets.world-readable-keys", Some(P::Secrets), P2,
        "age/sops key files or *.key under /etc/nixos, /var/lib/sops-nix, /etc/ssh readable by others";
    SecretsHashInStore => "secrets.hash-in-store", Some(P::Secrets), P3,
        "a .nix file of the system configuration sets a password hash literally: it lands in the world-readable store";
}

impl fmt::Display for FindingId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for FindingId {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for FindingId {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn finding_ids_are_unique_and_kebab_case() {
        let mut seen = BTreeSet::new();
        for id in FindingId::ALL {
            let s = id.as_str();
            assert!(seen.insert(s), "duplicate finding ID {s}");
            let (family, name) = s.split_once('.').expect("family.name");
            assert!(!name.contains('.'), "{s}: one dot only");
            for part in [family, name] {
                assert!(!part.is_empty(), "{s}");
                assert!(
                    part.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                    "{s} is not kebab-case"
                );
                assert!(!part.starts_with('-') && !part.ends_with('-'), "{s}");
            }
            assert_eq!(s.parse::<FindingId>().unwrap(), *id);
        }
    }

    #[test]
    fn finding_family_matches_its_probe() {
        // The deep-mode checks keep the public `store.*` IDs of the catalog (IDs are never
        // renamed) but are judged from the deep probe's facts; every other check is judged by
        // the probe of its family.
        let deep_mode = [
            FindingId::StoreCorrupt,
            FindingId::StoreMissingPath,
            FindingId::StoreUnregistered,
        ];
        for id in FindingId::ALL {
            let info = id.info();
            match info.probe {
                Some(P::Deep) => assert!(deep_mode.contains(id), "{id}"),
                Some(p) => assert_eq!(info.family(), p.as_str(), "{id}"),
                None => assert_eq!(info.family(), "audit", "{id}"),
            }
        }
        for id in deep_mode {
            assert_eq!(id.info().probe, Some(P::Deep), "{id}");
        }
    }

    #[test]
    fn locations_name_the_judging_probe_and_function() {
        assert_eq!(
            FindingId::StoreDiskCritical.info().location(),
            "agent/src/rules/store.rs::disk_critical"
        );
        assert_eq!(
            FindingId::StoreCorrupt.info().location(),
            "agent/src/rules/deep.rs::corrupt"
        );
        assert_eq!(
            FindingId::AuditProbeError.info().location(),
            "agent/src/rules/audit.rs::probe_error"
        );
    }

    #[test]
    fn probe_names_round_trip() {
        for p in ProbeId::ALL {
            assert_eq!(p.as_str().parse::<ProbeId>().unwrap(), *p);
        }
        assert!("nope".parse::<ProbeId>().is_err());
    }

    #[test]
    fn catalog_ids_from_checks_md_are_all_present() {
        // The IDs of ../shared/CHECKS.md, copied as the contract states them.
        let catalog = "host.lane host.release-eol host.nix-outdated nixconf.require-sigs-off \
            nixconf.sandbox-off nixconf.trusted-users-broad nixconf.substituter-without-key \
            nixconf.insecure-substituter nixconf.accept-flake-config nixconf.flakes-disabled \
            nixconf.no-auto-optimise generations.system generations.reboot-pending \
            generations.current-not-default generations.no-rollback generations.pile-up \
            generations.imperative-profile generations.home-manager gcroots.summary \
            gcroots.forgotten-results gcroots.dangling store.disk-critical store.disk-low \
            store.summary store.reclaimable store.gc-not-scheduled store.db-unreadable \
            store.corrupt boot.esp-critical boot.entries-unlimited flake.inputs \
            flake.lock-stale flake.lock-missing flake.duplicate-nixpkgs flake.untracked-files \
            channels.mixed channels.stale channels.release-mismatch units.failed \
            units.nix-daemon-down units.auto-upgrade-failed journal.fs-errors journal.oom \
            journal.coredumps journal.noisy journal.not-persistent secrets.in-store \
            secrets.plaintext-in-config secrets.world-readable-keys";
        for id in catalog.split_whitespace() {
            assert!(
                id.parse::<FindingId>().is_ok(),
                "{id} missing from FindingId"
            );
        }
    }
}

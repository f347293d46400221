//! The catalog's impact order: how an expert triages findings of the same priority.
//!
//! Within a priority, the report lists what loses data or hands the machine to someone else
//! first, then what is down or will not come up, then what stops the host from being updated,
//! then hygiene, then what only describes the host. Sorting by ID instead put "flake lock 557
//! days old" above "2 fs/block I/O errors", which precede data loss. The order is one list, so a
//! reviewer sees it whole; every finding ID is in it exactly once (a test keeps it so: a new ID
//! must be placed).

use crate::ids::FindingId as F;

/// What a finding costs when it is left alone, most severe first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Impact {
    /// Data is being lost or corrupted.
    DataLoss,
    /// Someone else can read secrets or run code as root.
    Compromise,
    /// Something is down now, or the next boot or rebuild will fail.
    Outage,
    /// The host stops receiving (security) updates, or updates will break.
    BrokenUpdates,
    /// Waste and clutter: space, old generations, forgotten roots.
    Hygiene,
    /// Describes the host or the audit.
    Information,
}

/// Every finding ID in impact order, grouped by [`Impact`].
pub const IMPACT_ORDER: &[(Impact, &[F])] = &[
    (
        Impact::DataLoss,
        &[F::JournalFsErrors, F::StoreCorrupt, F::StoreMissingPath],
    ),
    (
        Impact::Compromise,
        &[
            F::SecretsInStore,
            F::NixconfRequireSigsOff,
            F::SecretsPlaintextInConfig,
            F::NixconfTrustedUsersBroad,
            F::NixconfRootEquivalentUsers,
            F::SecretsWorldReadableKeys,
            F::NixconfInsecureSubstituter,
            F::NixconfAcceptFlakeConfig,
            F::NixconfSandboxOff,
            F::SecretsHashInStore,
            F::GenerationsSecurityDowngrade,
        ],
    ),
    (
        Impact::Outage,
        &[
            F::StoreDiskCritical,
            F::NextbootBootDeviceMissing,
            F::NextbootModuleMissing,
            F::BootEspCritical,
            F::NextbootDeviceMissing,
            F::NextbootKernelModulesMismatch,
            F::NextbootStateVersionChanged,
            F::UnitsNixDaemonDown,
            F::HostDaemonSocketUnusable,
            F::UnitsFailed,
            F::GenerationsNoRollback,
            F::GenerationsBootedUnprotected,
            F::NextbootFallbackNeverBooted,
            F::GenerationsCurrentNotDefault,
            F::JournalHardwareErrors,
            F::JournalOom,
            F::JournalCoredumps,
            F::GenerationsRebootPending,
        ],
    ),
    (
        Impact::BrokenUpdates,
        &[
            F::UnitsAutoUpgradeFailed,
            F::BootEntryWithoutGeneration,
            F::NixconfBuildUsersGroupMissing,
            F::NixconfDaemonStale,
            F::JournalNixDaemonErrors,
            F::HostReleaseEol,
            F::StoreDiskLow,
            F::NixconfFlakesDisabled,
            F::FlakeLockStale,
            F::HostNixOutdated,
            F::HostNixVersionMismatch,
            F::NextbootStateVersionAhead,
            F::GenerationsHomeManagerBothModes,
            F::ChannelsReleaseMismatch,
            F::ChannelsMixed,
            F::ChannelsStale,
            F::FlakeUntrackedFiles,
            F::FlakeLockMissing,
            F::NixconfSubstituterWithoutKey,
        ],
    ),
    (
        Impact::Hygiene,
        &[
            F::StoreReclaimable,
            F::StoreGcNotScheduled,
            F::GenerationsImperativeProfile,
            F::HostNixMultipleOnPath,
            F::GcrootsForgottenResults,
            F::GcrootsUnprotectedLinks,
            F::GenerationsPileUp,
            F::BootEntriesUnlimited,
            F::FlakeDuplicateNixpkgs,
            F::NixconfNoAutoOptimise,
            F::JournalNotPersistent,
            F::GcrootsDangling,
            F::StoreUnregistered,
            F::AuditSuppressionExpired,
        ],
    ),
    (
        Impact::Information,
        &[
            F::AuditProbeError,
            F::AuditProbeSkipped,
            F::AuditReleaseTableStale,
            F::StoreDbUnreadable,
            F::HostNoNix,
            F::HostLane,
            F::GenerationsSystem,
            F::NextbootDevicesUnverified,
            F::GenerationsHomeManager,
            F::StoreSummary,
            F::GcrootsSummary,
            F::FlakeInputs,
            F::JournalNoisy,
        ],
    ),
];

impl F {
    /// Where this ID stands in [`IMPACT_ORDER`] (its class, then its place): the report's
    /// order within a priority. An ID missing from the list (a bug the tests catch) sorts last.
    pub fn impact_rank(self) -> (Impact, usize) {
        let mut place = 0;
        for (impact, ids) in IMPACT_ORDER {
            for id in *ids {
                if *id == self {
                    return (*impact, place);
                }
                place += 1;
            }
        }
        (Impact::Information, usize::MAX)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    #[test]
    fn every_id_has_exactly_one_place() {
        let mut seen: BTreeMap<F, usize> = BTreeMap::new();
        for (_, ids) in IMPACT_ORDER {
            for id in *ids {
                *seen.entry(*id).or_default() += 1;
            }
        }
        for id in F::ALL {
            assert_eq!(seen.get(id), Some(&1), "{id} must be in IMPACT_ORDER once");
        }
        assert_eq!(seen.len(), F::ALL.len());
    }

    #[test]
    fn data_loss_and_compromise_come_before_stale_locks() {
        assert!(F::JournalFsErrors.impact_rank() < F::FlakeLockStale.impact_rank());
        assert!(F::SecretsInStore.impact_rank() < F::HostReleaseEol.impact_rank());
        assert!(F::StoreReclaimable.impact_rank() > F::UnitsFailed.impact_rank());
    }
}

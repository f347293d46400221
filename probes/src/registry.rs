//! Which facts type each probe produces: the one table that turns a report's stored
//! `facts.<probe>` JSON back into typed facts.
//!
//! The match in [`facts_type`] is exhaustive over [`ProbeId`], so a new probe does not compile
//! until its facts type is registered here, and the type must implement [`ProbeFacts`] (which
//! requires `Deserialize`). Everything after the rules (the previous-audit diff, the metrics,
//! redaction, `nixbtw-audit rejudge`) reads facts through this table as `&StoreFacts`,
//! `&UnitsFacts`, ..., never by string key, so renaming a facts field is a compile error
//! there rather than a figure that silently disappears.

use nixbtw_contracts::ProbeId;

use crate::probe::{Facts, ProbeFacts};
use crate::probes::{
    boot::BootFacts, channels::ChannelsFacts, deep::DeepFacts, flake::FlakeFacts,
    gcroots::GcrootsFacts, generations::GenerationsFacts, host::HostFacts, journal::JournalFacts,
    nextboot::NextbootFacts, nixconf::NixconfFacts, secrets::SecretsFacts, store::StoreFacts,
    units::UnitsFacts,
};

/// How to handle one probe's facts without knowing their type at the call site.
#[derive(Clone, Copy)]
pub struct FactsType {
    /// The probe (equal to the type's [`ProbeFacts::PROBE`]).
    pub probe: ProbeId,
    /// The Rust type's name, for messages and the registry test.
    pub type_name: &'static str,
    decode: fn(serde_json::Value) -> Result<Box<dyn Facts>, serde_json::Error>,
    incomplete: fn(&dyn Facts) -> Option<Vec<String>>,
}

impl std::fmt::Debug for FactsType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FactsType")
            .field("probe", &self.probe)
            .field("type_name", &self.type_name)
            .finish()
    }
}

fn entry<T: ProbeFacts>() -> FactsType {
    FactsType {
        probe: T::PROBE,
        type_name: std::any::type_name::<T>(),
        decode: |v| Ok(Box::new(serde_json::from_value::<T>(v)?)),
        incomplete: |f| f.as_any().downcast_ref::<T>().map(T::incomplete),
    }
}

/// The facts type of probe `id`.
pub fn facts_type(id: ProbeId) -> FactsType {
    match id {
        ProbeId::Host => entry::<HostFacts>(),
        ProbeId::Nixconf => entry::<NixconfFacts>(),
        ProbeId::Store => entry::<StoreFacts>(),
        ProbeId::Gcroots => entry::<GcrootsFacts>(),
        ProbeId::Generations => entry::<GenerationsFacts>(),
        ProbeId::Boot => entry::<BootFacts>(),
        ProbeId::Nextboot => entry::<NextbootFacts>(),
        ProbeId::Flake => entry::<FlakeFacts>(),
        ProbeId::Channels => entry::<ChannelsFacts>(),
        ProbeId::Units => entry::<UnitsFacts>(),
        ProbeId::Journal => entry::<JournalFacts>(),
        ProbeId::Secrets => entry::<SecretsFacts>(),
        ProbeId::Deep => entry::<DeepFacts>(),
    }
}

/// Decode probe `id`'s stored facts into its facts type.
pub fn decode(id: ProbeId, value: serde_json::Value) -> Result<Box<dyn Facts>, serde_json::Error> {
    (facts_type(id).decode)(value)
}

/// [`ProbeFacts::incomplete`] of `facts`, which probe `id` produced. A facts value of another
/// type than the registered one (a bug) counts as incomplete, the safe side for the diff.
pub fn incomplete(id: ProbeId, facts: &dyn Facts) -> Vec<String> {
    let t = facts_type(id);
    (t.incomplete)(facts).unwrap_or_else(|| {
        vec![format!(
            "the `{id}` probe returned facts of another type than {}",
            t.type_name
        )]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_probe_is_registered_with_its_own_facts_type() {
        for id in ProbeId::ALL {
            let t = facts_type(*id);
            assert_eq!(t.probe, *id, "{} is registered under {id}", t.type_name);
        }
    }

    #[test]
    fn a_mismatched_facts_type_is_incomplete_not_complete() {
        let store = StoreFacts {
            root_usage_complete: true,
            ..StoreFacts::default()
        };
        assert!(incomplete(ProbeId::Store, &store).is_empty());
        assert!(!incomplete(ProbeId::Boot, &store).is_empty());
    }

    #[test]
    fn decoding_round_trips_and_rejects_other_shapes() {
        let store = StoreFacts {
            nar_bytes: Some(7),
            ..StoreFacts::default()
        };
        let back = decode(ProbeId::Store, store.to_json()).unwrap();
        let back = back.as_any().downcast_ref::<StoreFacts>().unwrap();
        assert_eq!(back.nar_bytes, Some(7));
        assert!(decode(ProbeId::Store, serde_json::json!({"nar": 1})).is_err());
    }

    /// What `rejudge` does to deep mode's facts: JSON text, back to typed facts, JSON text
    /// again; its one float (seconds) must come back to the same digits.
    #[test]
    fn deep_facts_round_trip_through_json_text() {
        use crate::probes::deep::{DeepFacts, DeepScope};
        for seconds in [
            0.1 + 0.2,
            1.0 / 3.0,
            12_345.678_901_234_5,
            2.0e-7,
            86_399.999_999,
        ] {
            let facts = DeepFacts {
                scope: DeepScope::All,
                db: "/nix/var/nix/db/db.sqlite".into(),
                system: None,
                paths_total: 1,
                bytes_total: 1,
                paths_checked: 1,
                bytes_hashed: 1,
                threads: 1,
                seconds,
                complete: true,
                corrupt: vec![],
                missing: vec![],
                unreadable: vec![],
                unregistered: vec![],
                unregistered_error: None,
                roots_error: None,
                by_hand: String::new(),
            };
            let text = serde_json::to_string(&facts.to_json()).unwrap();
            let value: serde_json::Value = serde_json::from_str(&text).unwrap();
            let back = decode(ProbeId::Deep, value).unwrap();
            assert_eq!(serde_json::to_string(&back.to_json()).unwrap(), text);
        }
    }
}

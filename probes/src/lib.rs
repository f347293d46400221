//! Probes collect facts about a NixOS or Nix host, and nothing else.
//!
//! A probe reads files, the Nix DB or, where nothing better exists, the output of a tool, and
//! returns typed, serializable facts with no opinion about them: whether a fact is a problem is
//! decided by the rules in the agent, so the same facts can be re-judged, replayed from a JSON
//! report or diffed against the previous audit.
//!
//! Every probe sees the target through [`Host`]: the live machine (`/`) or a mounted system
//! under `--root DIR`, with symlinks into `/nix/store` resolved inside that root, and commands
//! run through an injected [`CommandRunner`] under a deadline. Nothing outside `host.rs`
//! hard-codes where Nix lives, and nothing outside `fs.rs` opens a file of the audited system:
//! every read is confined to the root and bounded.

pub mod accounts;
pub mod command;
pub mod deep;
pub mod fs;
pub mod gitindex;
pub mod host;
pub mod nar;
pub mod nixdb;
pub mod nixparse;
pub mod pkgdiff;
pub mod pkgname;
pub mod probe;
pub mod probes;
pub mod registry;

pub use command::{
    Cmd, CmdOutput, CommandError, CommandRunner, OnChunk, OnLine, StreamEnd, SystemRunner,
};
pub use fs::{DirEntry, FileKind, FsError, Meta};
pub use host::{Host, HostError, ResolveError};
pub use probe::{FactSet, Facts, Outcome, Probe, ProbeContext, ProbeError, ProbeFacts, ProbeRun};

/// How to get probe `id`'s data by hand ([`Probe::by_hand`]): what a re-judged report's error
/// rows say, since the report stores the outcome but not this text.
pub fn by_hand(id: nixbtw_contracts::ProbeId) -> String {
    let deep: Box<dyn Probe> = Box::new(probes::deep::DeepProbe {
        settings: probes::deep::DeepSettings {
            scope: probes::deep::DeepScope::All,
            threads: None,
            timeout: std::time::Duration::ZERO,
        },
    });
    all_probes()
        .into_iter()
        .chain(std::iter::once(deep))
        .find(|p| p.id() == id)
        .map(|p| p.by_hand().to_string())
        .unwrap_or_default()
}

/// Every probe this build knows except deep mode (added by `--deep`).
pub fn all_probes() -> Vec<Box<dyn Probe>> {
    vec![
        Box::new(probes::host::HostProbe),
        Box::new(probes::nixconf::NixconfProbe),
        Box::new(probes::flake::FlakeProbe),
        Box::new(probes::channels::ChannelsProbe),
        Box::new(probes::secrets::SecretsProbe),
        Box::new(probes::units::UnitsProbe),
        Box::new(probes::journal::JournalProbe),
        Box::new(probes::store::StoreProbe),
        Box::new(probes::gcroots::GcrootsProbe),
        Box::new(probes::generations::GenerationsProbe),
        Box::new(probes::boot::BootProbe),
        Box::new(probes::nextboot::NextbootProbe),
    ]
}

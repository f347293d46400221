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

pub mod command;
pub mod deep;
pub mod fs;
pub mod host;
pub mod nar;
pub mod nixdb;
pub mod nixparse;
pub mod probe;
pub mod probes;

pub use command::{Cmd, CmdOutput, CommandError, CommandRunner, OnLine, StreamEnd, SystemRunner};
pub use fs::{DirEntry, FileKind, FsError, Meta};
pub use host::{Host, HostError, ResolveError};
pub use probe::{FactSet, Facts, Outcome, Probe, ProbeContext, ProbeError, ProbeFacts, ProbeRun};

/// Every probe this build knows, in [`nixbtw_contracts::ProbeId`] order.
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
    ]
}

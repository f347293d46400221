//! nixbtw-audit: a read-only audit of a NixOS or Nix host.
//!
//! One audit is one pass down a pipeline where each stage owns one kind of value:
//!
//! ```text
//! CLI + config -> Settings -> Host -> probes (facts) -> rules (findings) -> sink (Report)
//!              -> renderers (markdown, terminal, JSON) -> writer (atomic, never overwrites)
//! ```
//!
//! Probes live in the `nixbtw-probes` crate; the report model and contract live in
//! `nixbtw-contracts`. This crate holds what turns facts into a report: the rules
//! ([`rules`]), the one place that ranks, suppresses and numbers findings ([`sink`]), the
//! renderers ([`render`]), the file writer ([`writer`]) and the command line ([`cli`]).

pub mod audit;
pub mod cli;
pub mod config;
pub mod diff;
pub mod generations;
pub mod metrics;
pub mod redact;
pub mod render;
pub mod rules;
pub mod scheduler;
pub mod sink;
pub mod summary;
pub mod writer;

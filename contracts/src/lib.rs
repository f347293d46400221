//! The output contract of nixbtw-audit, as code.
//!
//! Everything a consumer of an audit can rely on lives here and nowhere else: the stable finding
//! IDs (`ids`), the report model that the JSON carries and the renderers read (`model`), and the
//! JSON schema that describes it (`SCHEMA`). Keeping these in one small crate without I/O means
//! the agent, the tests and any downstream tool agree on one definition. The executable checks
//! of the two output surfaces (the test oracle of output-contract.md) are in the tests crate
//! (`nixbtw_tests::conformance`): the binary never needs them.

pub mod chart;
pub mod group;
pub mod ids;
pub mod impact;
pub mod model;
pub mod prose;
pub mod text;

pub use chart::{Chart, ChartKind};
pub use ids::{FindingId, ProbeId};
pub use model::{
    Action, Evidence, Finding, FindingType, PreviousAudit, Priority, ProbeState, ProbeStatus,
    Report, Tool, Trend, TrendUnit,
};
pub use prose::{Prose, Span};

/// The JSON schema of [`Report`], as shipped in `contracts/report.schema.json`.
pub const SCHEMA: &str = include_str!("../report.schema.json");

/// Version of the report JSON layout; bumped on any incompatible change.
pub const REPORT_SCHEMA_VERSION: u32 = 1;

//! One module per probe. A check `<family>.<name>` reads the facts of the probe `<family>`
//! (module of the same name here) and is judged in `agent/src/rules/<family>.rs`.

pub mod channels;
pub mod deep;
pub mod flake;
pub mod host;
pub mod journal;
pub mod nixconf;
pub mod secrets;
pub mod units;

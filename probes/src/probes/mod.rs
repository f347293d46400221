//! One module per probe. A check `<family>.<name>` reads the facts of the probe `<family>`
//! (module of the same name here) and is judged in `agent/src/rules/<family>.rs`.

pub mod boot;
pub mod channels;
pub mod deep;
pub mod flake;
pub mod gcroots;
pub mod generations;
pub mod host;
pub mod journal;
pub mod nextboot;
pub mod nixconf;
pub mod secrets;
pub mod store;
pub mod units;

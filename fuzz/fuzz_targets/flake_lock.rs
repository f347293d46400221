//! flake.lock parser: any bytes; when they parse, walk the graph like the probe does (the
//! system's nixpkgs by evidence, with and without a system revision, and its copies).
#![no_main]

use libfuzzer_sys::fuzz_target;
use nixbtw_probes::probes::flake::{lock, lock_facts, lock_facts_for, SystemRevision};

fuzz_target!(|data: &[u8]| {
    if let Ok(l) = lock::parse(data) {
        let _ = l.root_inputs();
        let _ = l.nixpkgs_nodes();
        let choice = l.system_nixpkgs(None);
        let _ = l.nixpkgs_copies(choice.as_ref());
        let _ = lock_facts(std::path::Path::new("/etc/nixos/flake.lock"), &l);
        let rev = SystemRevision {
            rev: "0123456".into(),
            source: "fuzz".into(),
        };
        let _ = lock_facts_for(std::path::Path::new("/etc/nixos/flake.lock"), &l, Some(&rev));
    }
});

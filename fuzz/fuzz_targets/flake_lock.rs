//! flake.lock parser: any bytes; when they parse, walk the graph like the probe does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nixbtw_probes::probes::flake::{lock, lock_facts};

fuzz_target!(|data: &[u8]| {
    if let Ok(l) = lock::parse(data) {
        let _ = l.root_inputs();
        let _ = l.nixpkgs_nodes();
        let _ = lock_facts(std::path::Path::new("/etc/nixos/flake.lock"), &l);
    }
});

//! nix.conf parser: any bytes, as a file that includes itself (cycle detection) and as text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nixbtw_probes::probes::nixconf::parser::{parse_str, ConfReader, Loaded};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let mut load = |p: &Path| {
        if p.ends_with("nix.conf") {
            Loaded::Bytes(data.to_vec())
        } else {
            Loaded::Missing
        }
    };
    let mut r = ConfReader::new(&mut load);
    r.apply_file(Path::new("/etc/nix/nix.conf"));
    let _ = parse_str("/f", &String::from_utf8_lossy(data));
});

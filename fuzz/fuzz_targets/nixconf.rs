//! nix.conf parser: any bytes, as a file that includes itself (cycle detection), as a mounted
//! image's file, and as text; the oracle comparison against an empty Nix view never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;
use nixbtw_probes::probes::nixconf::oracle;
use nixbtw_probes::probes::nixconf::parser::{parse_str, redact_line, ConfReader, Loaded};
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    for image in [false, true] {
        let mut load = |p: &Path| {
            if p.ends_with("nix.conf") {
                Loaded::Bytes(data.to_vec())
            } else {
                Loaded::Missing
            }
        };
        let mut r = ConfReader::new(&mut load).mounted_image(image);
        r.apply_file(Path::new("/etc/nix/nix.conf"));
    }
    let text = String::from_utf8_lossy(data);
    let c = parse_str("/f", &text);
    let _ = oracle::compare(&c.settings, &serde_json::json!({}));
    let _ = redact_line(&text);
});

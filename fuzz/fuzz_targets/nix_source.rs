//! libFuzzer target for the `.nix` secret scanner: rnix, the binding walk and the judge.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = nixbtw_probes::probes::secrets::scan_nix_source(&text, "f.nix");
});

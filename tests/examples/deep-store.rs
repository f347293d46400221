//! Build a chroot Nix store for `scripts/bench-deep`: `deep-store PATHS MIB` creates PATHS
//! store paths holding about MIB MiB of generated file contents in total (Zipf-distributed
//! sizes: a few big paths, many small ones, like a real store), registers them with one
//! `nix-store --import`, and prints the store's root directory (the caller removes it).

use nixbtw_tests::deep::{mixed_tree, ChrootStore, PathSpec};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let paths: usize = args.get(1).map_or(Ok(3000), |s| s.parse())?;
    let mib: usize = args.get(2).map_or(Ok(400), |s| s.parse())?;
    let total = mib * 1024 * 1024;
    let harmonic: f64 = (1..=paths).map(|k| 1.0 / k as f64).sum();
    let specs: Vec<PathSpec> = (0..paths)
        .map(|i| {
            // Spread the ranks so big and small paths are interleaved in the store.
            let rank = (i * 7919) % paths + 1;
            let bytes = ((total as f64 / harmonic) / rank as f64) as usize;
            PathSpec {
                name: format!("pkg{i}-1.0"),
                build: Box::new(mixed_tree(i as u64 + 1, bytes.max(200))),
                refs: if i > 0 { vec![i / 2] } else { vec![] },
            }
        })
        .collect();
    let store = ChrootStore::new()?;
    store.import(&specs)?;
    let root = store.dir.keep();
    println!("{}", root.display());
    Ok(())
}

//! Build a chroot Nix store for benchmarks: `nixbtw-make-store DIR N`.
//!
//! DIR/root is the store root (`--root`/`--store`), DIR/conf the private NIX_CONF_DIR. N
//! generated paths in blocks of 1000 are imported with one `nix-store --import`; the top path
//! of two blocks in three is rooted (system profile generations, a user profile, indirect
//! `result` roots), so about a third of the store is dead.

use std::process::ExitCode;

use nixbtw_tests::nixstore::{ChrootStore, BLOCK};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), Some(n)) = (
        args.get(1),
        args.get(2).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: nixbtw-make-store DIR N");
        return ExitCode::from(2);
    };
    match make(std::path::Path::new(dir), n) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("nixbtw-make-store: {e}");
            ExitCode::FAILURE
        }
    }
}

fn make(dir: &std::path::Path, n: usize) -> Result<(), String> {
    let s = ChrootStore::create_in(dir)?;
    let paths = s.import_generated(n, 4, 42)?;
    let tops: Vec<&String> = (0..n.div_ceil(BLOCK))
        .filter(|b| b % 3 != 2)
        .filter_map(|b| paths.get(((b + 1) * BLOCK).min(n) - 1))
        .collect();
    for (k, top) in tops.iter().enumerate() {
        match k % 3 {
            0 => s.set_profile("/nix/var/nix/profiles/system", top)?,
            1 => s.add_indirect_root(&format!("/home/u/proj{k}/result"), top)?,
            _ => s.set_profile("/nix/var/nix/profiles/per-user/u/profile", top)?,
        }
    }
    println!("{}", s.root.display());
    Ok(())
}

//! Build a chroot Nix store of system generations for the diff benchmark:
//! `nixbtw-make-generations DIR GENERATIONS PACKAGES`.
//!
//! DIR/root is the store root. Each of GENERATIONS system generations
//! (`nixos-system-bench-25.05.<N>` -> `system-path` -> every fifth package) has a closure of
//! about PACKAGES packages named like Nixpkgs' (`pkg<j>-<major>.<minor>`, every tenth with a
//! `-dev` and a `-man` output, package 0 `glibc`); each references up to three packages below
//! it. Between two generations about one package in twenty changes version (and what
//! references it is rebuilt, as in Nix), and now and then one is added or removed. Prints the
//! system paths, oldest first.

use std::collections::BTreeMap;
use std::process::ExitCode;

use nixbtw_tests::nixstore::ChrootStore;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(dir), Some(gens), Some(pkgs)) = (
        args.get(1),
        args.get(2).and_then(|n| n.parse::<usize>().ok()),
        args.get(3).and_then(|n| n.parse::<usize>().ok()),
    ) else {
        eprintln!("usage: nixbtw-make-generations DIR GENERATIONS PACKAGES");
        return ExitCode::from(2);
    };
    match make(std::path::Path::new(dir), gens, pkgs) {
        Ok(paths) => {
            for p in paths {
                println!("{p}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("nixbtw-make-generations: {e}");
            ExitCode::FAILURE
        }
    }
}

type Entries = Vec<(String, Vec<usize>, usize)>;

fn make(dir: &std::path::Path, gens: usize, pkgs: usize) -> Result<Vec<String>, String> {
    let s = ChrootStore::create_in(dir)?;
    let mut rng = 0x9e37_79b9_7f4a_7c15u64;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let deps: Vec<Vec<usize>> = (0..pkgs)
        .map(|j| {
            (0..3)
                .filter(|_| j > 0)
                .map(|_| (next() as usize) % j)
                .collect()
        })
        .collect();
    let mut version: Vec<u32> = vec![0; pkgs];
    let mut present: Vec<bool> = vec![true; pkgs];
    let mut entries: Entries = Vec::new();
    let mut index: BTreeMap<(String, Vec<usize>), usize> = BTreeMap::new();
    let mut add = |entries: &mut Entries, name: String, refs: Vec<usize>, bytes: usize| {
        let key = (name.clone(), refs.clone());
        *index.entry(key).or_insert_with(|| {
            entries.push((name, refs, bytes));
            entries.len() - 1
        })
    };
    let mut systems = Vec::new();
    for g in 0..gens {
        if g > 0 {
            for j in 0..pkgs {
                let r = next();
                if r % 20 == 0 {
                    version[j] += 1;
                } else if r % 397 == 0 && j > 0 {
                    present[j] = !present[j];
                }
            }
        }
        let mut built: Vec<Option<usize>> = vec![None; pkgs];
        for j in 0..pkgs {
            if !present[j] {
                continue;
            }
            let name = if j == 0 {
                format!("glibc-2.40-{}", 36 + version[0])
            } else {
                format!("pkg{j}-1.{}", version[j])
            };
            let refs: Vec<usize> = deps[j].iter().filter_map(|&d| built[d]).collect();
            let out = add(&mut entries, name.clone(), refs, 200 + (j * 37) % 3000);
            if j % 10 == 0 {
                add(&mut entries, format!("{name}-dev"), vec![out], 100);
                add(&mut entries, format!("{name}-man"), vec![], 100);
            }
            built[j] = Some(out);
        }
        let selected: Vec<usize> = (0..pkgs).step_by(5).filter_map(|j| built[j]).collect();
        let sp = add(&mut entries, "system-path".into(), selected, 100);
        // Everything else the system needs (as etc and the activation script do).
        let mut all: Vec<usize> = built.iter().flatten().copied().collect();
        all.push(sp);
        systems.push(add(
            &mut entries,
            format!("nixos-system-bench-25.05.{}", g + 1),
            all,
            100,
        ));
    }
    let paths = s.import_entries(&entries, 7)?;
    let mut out = Vec::new();
    for i in systems {
        let p = paths.get(i).cloned().ok_or("missing system path")?;
        s.set_profile("/nix/var/nix/profiles/system", &p)?;
        out.push(p);
    }
    Ok(out)
}

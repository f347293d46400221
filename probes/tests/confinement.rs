//! Property test of the confined file API: on random trees of directories, files and
//! symlinks (absolute, relative, `../../..`, host paths out of the root, loops), no resolution
//! ever reaches an object outside the root, and the kernel resolver (`openat2` with
//! `RESOLVE_IN_ROOT`) and the user-space one agree on every path.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;
use std::os::unix::fs::{symlink, MetadataExt};
use std::path::{Path, PathBuf};

use nixbtw_probes::fs::{FsError, Resolver, RootDir};

/// splitmix64: a small, reproducible generator (the seed is in every failure message).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, v: &'a [String]) -> &'a str {
        &v[self.below(v.len())]
    }
}

/// What an operation gave: the object reached (device, inode) or the kind of error.
#[derive(Debug, PartialEq, Eq)]
enum Got {
    Object(u64, u64),
    NotFound,
    Loop,
    Other(String),
}

fn got(r: Result<(u64, u64), FsError>) -> Got {
    match r {
        Ok((d, i)) => Got::Object(d, i),
        Err(FsError::NotFound { .. }) => Got::NotFound,
        Err(FsError::Loop { .. }) => Got::Loop,
        Err(e) => Got::Other(
            e.to_string()
                .split(": ")
                .last()
                .unwrap_or_default()
                .to_string(),
        ),
    }
}

/// Every object inside `root` (not following links), as (device, inode).
fn inside(root: &Path) -> BTreeSet<(u64, u64)> {
    let mut out = BTreeSet::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(p) = stack.pop() {
        let m = std::fs::symlink_metadata(&p).unwrap();
        out.insert((m.dev(), m.ino()));
        if m.is_dir() {
            for e in std::fs::read_dir(&p).unwrap() {
                stack.push(e.unwrap().path());
            }
        }
    }
    out
}

fn build(seed: u64, top: &Path) -> (PathBuf, Vec<String>) {
    let mut rng = Rng(seed);
    let outside = top.join("outside");
    std::fs::create_dir_all(outside.join("d0")).unwrap();
    std::fs::write(outside.join("f0"), "OUTSIDE").unwrap();
    std::fs::write(outside.join("d0/f0"), "OUTSIDE").unwrap();
    let root = top.join("root");
    std::fs::create_dir_all(&root).unwrap();
    // Names: the same in and out of the root, so an escape would find something to open.
    let mut dirs = vec![String::new()];
    let mut names: Vec<String> = vec!["d0".into(), "f0".into(), "outside".into()];
    for i in 0..rng.below(8) + 3 {
        let parent = rng.pick(&dirs).to_string();
        let d = if parent.is_empty() {
            format!("d{i}")
        } else {
            format!("{parent}/d{i}")
        };
        std::fs::create_dir_all(root.join(&d)).unwrap();
        names.push(format!("d{i}"));
        dirs.push(d);
    }
    for i in 0..rng.below(6) + 2 {
        let parent = rng.pick(&dirs).to_string();
        let f = Path::new(&parent).join(format!("f{i}"));
        std::fs::write(root.join(&f), "INSIDE").unwrap();
        names.push(format!("f{i}"));
    }
    let host_outside = outside.display().to_string();
    let mut links = Vec::new();
    for i in 0..rng.below(12) + 4 {
        let parent = rng.pick(&dirs).to_string();
        let depth = rng.below(6);
        let target = match rng.below(9) {
            0 => format!("{host_outside}/{}", rng.pick(&names)),
            1 => host_outside.clone(),
            2 => format!("{}outside/{}", "../".repeat(depth + 1), rng.pick(&names)),
            3 => format!("/{}", rng.pick(&dirs)),
            4 => format!("/{}/{}", rng.pick(&dirs), rng.pick(&names)),
            5 => "..".to_string() + &"/..".repeat(depth),
            6 => format!("l{}", rng.below(20)),
            7 => format!("/proc/self/root{host_outside}"),
            _ => format!("{}{}", "../".repeat(depth), rng.pick(&names)),
        };
        let link = root.join(&parent).join(format!("l{i}"));
        let _ = symlink(&target, &link);
        names.push(format!("l{i}"));
        links.push(target);
    }
    names.push("..".into());
    names.push(".".into());
    let _ = links;
    (root, names)
}

/// One operation of the API, run against a resolver.
type Op<'a> = dyn Fn(&RootDir) -> Got + 'a;

fn query(rng: &mut Rng, names: &[String]) -> PathBuf {
    let mut p = PathBuf::from("/");
    for _ in 0..rng.below(5) + 1 {
        p.push(rng.pick(names));
    }
    p
}

#[test]
fn resolution_never_leaves_the_root_and_both_resolvers_agree() {
    let mut checked = 0usize;
    for seed in 0..200u64 {
        let top = tempfile::tempdir().unwrap();
        let (root, names) = build(seed, top.path());
        let allowed = inside(&root);
        let kernel = RootDir::open_with(&root, Resolver::Kernel).unwrap();
        let user = RootDir::open_with(&root, Resolver::UserSpace).unwrap();
        let mut rng = Rng(seed ^ 0xdead_beef);
        for _ in 0..60 {
            let q = query(&mut rng, &names);
            let ops: [(&str, &Op); 4] = [
                ("lstat", &|r: &RootDir| {
                    got(r.symlink_metadata(&q).map(|m| (m.dev, m.ino)))
                }),
                ("stat", &|r: &RootDir| {
                    got(r.metadata(&q).map(|m| (m.dev, m.ino)))
                }),
                ("read", &|r: &RootDir| {
                    got(r.open_file(&q).map(|(f, _)| {
                        let m = f.metadata().unwrap();
                        (m.dev(), m.ino())
                    }))
                }),
                ("readdir", &|r: &RootDir| {
                    got(r.open_dir(&q).map(|fd| {
                        let st = rustix::fs::fstat(&fd).unwrap();
                        (st.st_dev, st.st_ino)
                    }))
                }),
            ];
            for (op, f) in ops {
                let (k, u) = (f(&kernel), f(&user));
                assert_eq!(k, u, "seed {seed}: {op} {} differs", q.display());
                if let Got::Object(d, i) = k {
                    assert!(
                        allowed.contains(&(d, i)),
                        "seed {seed}: {op} {} reached an object outside the root",
                        q.display()
                    );
                }
                checked += 1;
            }
            if let Ok(bytes) = kernel.read_file(&q, 100) {
                assert_eq!(bytes, b"INSIDE", "seed {seed}: {}", q.display());
            }
        }
    }
    assert!(checked > 45_000, "{checked}");
}

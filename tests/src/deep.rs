//! Throwaway chroot Nix stores for deep-mode tests and the benchmark.
//!
//! A store is filled the fast way (lab facts): we write Nix's export stream ourselves (for
//! each path: the NAR, the store path, its references, an empty deriver) and feed it to one
//! `nix-store --import`, so Nix itself registers the paths, computes and records the hashes.
//! Everything Nix runs is confined to the temp dir: a private `NIX_CONF_DIR` (no
//! substituters, no build users), `NIX_STATE_DIR` and `HOME` inside it, `--store DIR`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use nixbtw_probes::nar::{to_nix_base32, NarHasher, WriteSink};

/// A chroot store under a temp dir.
pub struct ChrootStore {
    /// Owns the directory (removed on drop).
    pub dir: tempfile::TempDir,
}

/// Writes a path's contents at the given (host) path.
pub type TreeBuilder = Box<dyn Fn(&Path) -> std::io::Result<()>>;

/// One path to put in the store.
pub struct PathSpec {
    /// Name part (`<hash>-<name>`).
    pub name: String,
    /// Builds the contents at the given (host) path.
    pub build: TreeBuilder,
    /// Indices of earlier specs this path refers to.
    pub refs: Vec<usize>,
}

impl ChrootStore {
    /// An empty chroot store (the DB is created by the first import).
    pub fn new() -> std::io::Result<ChrootStore> {
        let dir = tempfile::Builder::new().prefix("nixbtw-deep-").tempdir()?;
        let conf = dir.path().join("etc-nix");
        std::fs::create_dir_all(&conf)?;
        std::fs::write(
            conf.join("nix.conf"),
            "substituters =\nbuild-users-group =\nsandbox = true\n\
             extra-sandbox-paths = /bin /lib /lib64 /usr\n\
             experimental-features = nix-command\nfsync-metadata = false\n",
        )?;
        std::fs::create_dir_all(dir.path().join("home"))?;
        std::fs::create_dir_all(dir.path().join("nix/var/nix/profiles"))?;
        Ok(ChrootStore { dir })
    }

    /// The root (what `--root` and `--store` get).
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// A Nix command confined to this store's temp dir (`--store` is the caller's to add).
    pub fn nix(&self, program: &str) -> Command {
        let mut c = Command::new(program);
        c.env("NIX_CONF_DIR", self.root().join("etc-nix"))
            .env("NIX_STATE_DIR", self.root().join("nix/var/nix"))
            .env("HOME", self.root().join("home"))
            .env("NIX_REMOTE", "")
            .env_remove("NIX_PATH");
        c
    }

    /// The logical store path of spec `name` number `i`.
    pub fn store_path(i: usize, name: &str) -> String {
        let digest: [u8; 32] = sha2_digest(format!("{i}-{name}").as_bytes());
        format!("/nix/store/{}-{name}", &to_nix_base32(&digest)[..32])
    }

    /// Import `specs` (references must point at earlier specs); returns their store paths.
    pub fn import(&self, specs: &[PathSpec]) -> std::io::Result<Vec<String>> {
        let src = tempfile::tempdir()?;
        let paths: Vec<String> = specs
            .iter()
            .enumerate()
            .map(|(i, s)| Self::store_path(i, &s.name))
            .collect();
        let mut child = self
            .nix("nix-store")
            .arg("--store")
            .arg(self.root())
            .arg("--import")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()?;
        {
            let stdin = child
                .stdin
                .take()
                .ok_or_else(|| std::io::Error::other("no stdin"))?;
            let mut out = WriteSink(std::io::BufWriter::with_capacity(1 << 20, stdin));
            let mut nar = NarHasher::default();
            for (i, spec) in specs.iter().enumerate() {
                let tree = src.path().join(i.to_string());
                (spec.build)(&tree)?;
                out.0.write_all(&1u64.to_le_bytes())?;
                nar.dump(&tree, &mut out).map_err(std::io::Error::other)?;
                std::fs::remove_dir_all(&tree).or_else(|_| std::fs::remove_file(&tree))?;
                out.0.write_all(&0x4558_494eu64.to_le_bytes())?;
                put_str(&mut out.0, paths[i].as_bytes())?;
                out.0.write_all(&(spec.refs.len() as u64).to_le_bytes())?;
                let mut refs: Vec<&String> = spec.refs.iter().map(|&r| &paths[r]).collect();
                refs.sort();
                for r in refs {
                    put_str(&mut out.0, r.as_bytes())?;
                }
                put_str(&mut out.0, b"")?; // deriver
                out.0.write_all(&0u64.to_le_bytes())?; // no signature
            }
            out.0.write_all(&0u64.to_le_bytes())?;
            out.0.flush()?;
        }
        let o = child.wait_with_output()?;
        if !o.status.success() {
            return Err(std::io::Error::other(format!(
                "nix-store --import failed: {}",
                String::from_utf8_lossy(&o.stderr)
            )));
        }
        Ok(paths)
    }

    /// The host path of a logical path.
    pub fn host_path(&self, logical: &str) -> PathBuf {
        self.root().join(logical.trim_start_matches('/'))
    }

    /// A generation link `profiles/<name> -> <name>-1-link -> target`, as nix-env makes them.
    pub fn profile(&self, name: &str, target: &str) -> std::io::Result<()> {
        let dir = self.root().join("nix/var/nix/profiles");
        std::os::unix::fs::symlink(target, dir.join(format!("{name}-1-link")))?;
        std::os::unix::fs::symlink(format!("{name}-1-link"), dir.join(name))
    }

    /// `nix-store --verify --check-contents --store DIR` (run it after our own checks: it
    /// may update the DB). Returns its output.
    pub fn nix_verify(&self) -> std::io::Result<Output> {
        self.nix("nix-store")
            .arg("--store")
            .arg(self.root())
            .args(["--verify", "--check-contents"])
            .output()
    }
}

/// The paths Nix's verify says were modified (`path '…' was modified! …`).
pub fn modified_paths(nix_stderr: &str) -> Vec<String> {
    nix_stderr
        .lines()
        .filter(|l| l.contains("was modified!"))
        .filter_map(|l| l.split('\'').nth(1).map(str::to_string))
        .collect()
}

fn put_str(w: &mut impl Write, s: &[u8]) -> std::io::Result<()> {
    w.write_all(&(s.len() as u64).to_le_bytes())?;
    w.write_all(s)?;
    w.write_all(&[0u8; 8][..(8 - s.len() % 8) % 8])
}

fn sha2_digest(data: &[u8]) -> [u8; 32] {
    use sha2::Digest;
    sha2::Sha256::digest(data).into()
}

/// A small deterministic generator of file contents (no `rand` dependency).
pub fn pseudo_random(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut v = Vec::with_capacity(len + 8);
    while v.len() < len {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        v.extend_from_slice(&x.to_le_bytes());
    }
    v.truncate(len);
    v
}

/// A package-like tree: `bin/<name>` (executable), `lib/` files, a symlink, `share/doc` empty
/// dir; total contents about `bytes`.
pub fn package_tree(seed: u64, bytes: usize) -> impl Fn(&Path) -> std::io::Result<()> {
    move |p: &Path| {
        use std::os::unix::fs::PermissionsExt;
        std::fs::create_dir_all(p.join("bin"))?;
        std::fs::create_dir_all(p.join("lib"))?;
        std::fs::create_dir_all(p.join("share/doc"))?;
        let exe = p.join("bin/tool");
        std::fs::write(&exe, pseudo_random(seed, 1000))?;
        std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o555))?;
        let files = 1 + bytes / (64 * 1024);
        let each = bytes / files;
        for i in 0..files {
            std::fs::write(
                p.join(format!("lib/f{i}.so")),
                pseudo_random(seed * 1000 + i as u64, each),
            )?;
        }
        std::os::unix::fs::symlink("bin/tool", p.join("tool"))
    }
}

/// A tree of files of mixed sizes (most small, some large) adding up to about `bytes`: closer
/// to real store contents than [`package_tree`], for the benchmark.
pub fn mixed_tree(seed: u64, bytes: usize) -> impl Fn(&Path) -> std::io::Result<()> {
    move |p: &Path| {
        use std::os::unix::fs::PermissionsExt;
        std::fs::create_dir_all(p.join("bin"))?;
        std::fs::create_dir_all(p.join("share/doc"))?;
        let exe = p.join("bin/prog");
        std::fs::write(&exe, pseudo_random(seed, 4096.min(bytes)))?;
        std::fs::set_permissions(&exe, std::fs::Permissions::from_mode(0o555))?;
        std::os::unix::fs::symlink("bin/prog", p.join("prog"))?;
        let mut left = bytes.saturating_sub(4096);
        let mut x = seed | 1;
        let mut i = 0u64;
        while left > 0 {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            let r = (x >> 33) as usize;
            // 70% of files 100 B..8 KiB, 30% up to 512 KiB.
            let size = if r % 10 < 7 {
                100 + r % 8000
            } else {
                1 + r % (512 * 1024)
            }
            .min(left);
            let dir = p.join(format!("lib/d{}", i % 8));
            std::fs::create_dir_all(&dir)?;
            std::fs::write(dir.join(format!("f{i}")), pseudo_random(seed ^ i, size))?;
            left -= size;
            i += 1;
        }
        Ok(())
    }
}

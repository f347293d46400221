//! Throwaway chroot Nix stores built with the real Nix (Debian's `nix-bin`), for differential
//! tests against Nix itself and for benchmarks.
//!
//! As root, `--store DIR` is a chroot store (`local?root=DIR`): files under `DIR/nix/store`, the
//! DB at `DIR/nix/var/nix/db/db.sqlite`, no daemon. A private `NIX_CONF_DIR` (no substituters,
//! no build users, sandbox with /bin /lib /usr, no signatures required) and a scratch `HOME`
//! keep the host's /nix and ~ untouched. Two ways to fill a store:
//!
//! * [`ChrootStore::build`]: real derivations (`builder = "/bin/sh"`), so `.drv` files,
//!   `deriver` and `DerivationOutputs` are as Nix writes them (what keep-derivations and
//!   keep-outputs follow);
//! * [`ChrootStore::import_generated`]: one `nix-store --import` of a generated export stream
//!   (NAR + path + references per entry), for stores of 10^4..10^5 paths in seconds.
//!
//! Nix's root-finding commands delete stale `auto/` links, so the oracle helpers
//! ([`ChrootStore::print_roots`], [`ChrootStore::print_dead`]) are meant to run on a
//! [`ChrootStore::copy`].

use std::io::Write;
use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// Whether the Nix tools needed here are installed.
pub fn nix_available() -> bool {
    Command::new("nix-store")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// Whether this process runs as root (chroot stores need it).
pub fn is_root() -> bool {
    nix_euid_is_root()
}

fn nix_euid_is_root() -> bool {
    std::fs::metadata("/proc/self")
        .map(|m| std::os::unix::fs::MetadataExt::uid(&m) == 0)
        .unwrap_or(false)
}

/// A chroot store in a temporary directory (removed on drop).
#[derive(Debug)]
pub struct ChrootStore {
    _tmp: Option<tempfile::TempDir>,
    base: PathBuf,
    /// The store root (what `--root` and `--store` take).
    pub root: PathBuf,
}

const NIX_CONF: &str = "substituters =\nbuild-users-group =\nsandbox = true\n\
    extra-sandbox-paths = /bin /lib /lib64 /usr\nexperimental-features = nix-command\n\
    fsync-metadata = false\nrequire-sigs = false\n";

fn run(mut cmd: Command) -> Result<String, String> {
    let shown = format!("{cmd:?}");
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("{shown}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{shown}: {}\n{}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

impl ChrootStore {
    /// An empty store in a temporary directory, removed on drop.
    pub fn new() -> Result<Self, String> {
        let tmp = tempfile::Builder::new()
            .prefix("nixbtw-store-")
            .tempdir()
            .map_err(|e| e.to_string())?;
        let mut s = Self::create_in(tmp.path())?;
        s._tmp = Some(tmp);
        Ok(s)
    }

    /// An empty store under `base` (`base/root` is the store root, `base/conf` the private
    /// NIX_CONF_DIR), kept after drop.
    pub fn create_in(base: &Path) -> Result<Self, String> {
        let root = base.join("root");
        for d in [
            "nix/store",
            "nix/var/nix/db",
            "nix/var/nix/gcroots/auto",
            "nix/var/nix/profiles/per-user",
            "etc/nix",
        ] {
            std::fs::create_dir_all(root.join(d)).map_err(|e| e.to_string())?;
        }
        for d in ["conf", "home", "work"] {
            std::fs::create_dir_all(base.join(d)).map_err(|e| e.to_string())?;
        }
        std::fs::write(base.join("conf/nix.conf"), NIX_CONF).map_err(|e| e.to_string())?;
        Ok(ChrootStore {
            _tmp: None,
            base: base.to_path_buf(),
            root,
        })
    }

    /// Append `text` to both the oracle's nix.conf and the audited root's /etc/nix/nix.conf.
    pub fn add_conf(&self, text: &str) -> Result<(), String> {
        for f in [
            self.base.join("conf/nix.conf"),
            self.root.join("etc/nix/nix.conf"),
        ] {
            let mut old = std::fs::read_to_string(&f).unwrap_or_default();
            old.push_str(text);
            std::fs::write(&f, old).map_err(|e| e.to_string())?;
        }
        Ok(())
    }

    /// A Nix command with the private environment and `--store` set (first argument).
    pub fn nix(&self, program: &str) -> Command {
        let mut c = Command::new(program);
        c.env("NIX_CONF_DIR", self.base.join("conf"))
            .env("NIX_STATE_DIR", self.root.join("nix/var/nix"))
            .env("HOME", self.base.join("home"))
            .env_remove("NIX_REMOTE")
            .current_dir(self.base.join("work"))
            .arg("--store")
            .arg(&self.root);
        c
    }

    /// Run a Nix command, returning stdout.
    pub fn run(&self, program: &str, args: &[&str]) -> Result<String, String> {
        let mut c = self.nix(program);
        c.args(args);
        run(c)
    }

    /// The host path of a logical path inside the store root.
    pub fn host_path(&self, logical: &str) -> PathBuf {
        self.root.join(logical.trim_start_matches('/'))
    }

    /// Evaluate `expr` (a Nix expression yielding a list of derivations), build everything,
    /// and return the output paths in list order. See [`derivation_expr`].
    pub fn build(&self, expr: &str) -> Result<Vec<String>, String> {
        let file = self.base.join("work/expr.nix");
        std::fs::write(&file, expr).map_err(|e| e.to_string())?;
        let f = file.display().to_string();
        let drvs = self.run("nix-instantiate", &[&f])?;
        let drvs: Vec<&str> = drvs.lines().filter(|l| !l.is_empty()).collect();
        let mut args = vec!["-r"];
        args.extend(drvs.iter().copied());
        let outs = self.run("nix-store", &args)?;
        Ok(outs.lines().map(str::to_string).collect())
    }

    /// Add a generation to a profile (`nix-env -p <profile> --set <path>`); `profile` is
    /// logical (e.g. `/nix/var/nix/profiles/system`).
    pub fn set_profile(&self, profile: &str, path: &str) -> Result<(), String> {
        let p = self.host_path(profile);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        self.run("nix-env", &["-p", &p.display().to_string(), "--set", path])
            .map(|_| ())
    }

    /// Install a store path imperatively into a profile (`nix-env -p <profile> -i <path>`).
    pub fn install(&self, profile: &str, path: &str) -> Result<(), String> {
        let p = self.host_path(profile);
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        self.run("nix-env", &["-p", &p.display().to_string(), "-i", path])
            .map(|_| ())
    }

    /// Register an indirect root `link` (logical) to `path`, like `nix-build` does for `result`.
    pub fn add_indirect_root(&self, link: &str, path: &str) -> Result<(), String> {
        let l = self.host_path(link);
        if let Some(parent) = l.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        self.run(
            "nix-store",
            &[
                "--add-root",
                &l.display().to_string(),
                "--indirect",
                "-r",
                path,
            ],
        )
        .map(|_| ())
    }

    /// Write a symlink (logical link, raw target), creating parent dirs.
    pub fn symlink(&self, link: &str, target: &str) -> Result<(), String> {
        let l = self.host_path(link);
        if let Some(parent) = l.parent() {
            std::fs::create_dir_all(parent).map_err(|e| e.to_string())?;
        }
        symlink(target, &l).map_err(|e| e.to_string())
    }

    /// A full copy (`cp -a`), with symlinks that point into this root re-pointed into the
    /// copy's root, so Nix's mutating commands can run on it.
    pub fn copy(&self) -> Result<ChrootStore, String> {
        let new = ChrootStore::new()?;
        std::fs::remove_dir_all(&new.root).map_err(|e| e.to_string())?;
        std::fs::copy(
            self.base.join("conf/nix.conf"),
            new.base.join("conf/nix.conf"),
        )
        .map_err(|e| e.to_string())?;
        let mut c = Command::new("cp");
        c.arg("-a").arg(&self.root).arg(&new.root);
        run(c)?;
        let old = self.root.display().to_string();
        for e in walkdir_links(&new.root.join("nix/var/nix/gcroots"))
            .into_iter()
            .chain(walkdir_links(&new.root.join("nix/var/nix/profiles")))
            .chain(walkdir_links(&new.root.join("home")))
        {
            if let Ok(t) = std::fs::read_link(&e) {
                let ts = t.display().to_string();
                if let Some(rest) = ts.strip_prefix(&old) {
                    let nt = format!("{}{rest}", new.root.display());
                    let _ = std::fs::remove_file(&e);
                    symlink(nt, &e).map_err(|e| e.to_string())?;
                }
            }
        }
        Ok(new)
    }

    /// `nix-store --gc --print-roots` as (link, target) with the root prefix removed and
    /// runtime roots (`/proc/...`, `{censored}`) dropped. Mutates: use on a copy.
    pub fn print_roots(&self) -> Result<Vec<(String, String)>, String> {
        let out = self.run("nix-store", &["--gc", "--print-roots"])?;
        let prefix = self.root.display().to_string();
        let mut v: Vec<(String, String)> = out
            .lines()
            .filter_map(|l| l.split_once(" -> "))
            .filter(|(l, _)| !l.starts_with("/proc/") && !l.starts_with('{'))
            .map(|(l, t)| {
                let l = l.strip_prefix(&prefix).unwrap_or(l).to_string();
                (l, t.to_string())
            })
            .collect();
        v.sort();
        v.dedup();
        Ok(v)
    }

    /// `nix-store --gc --print-dead`, sorted. Mutates: use on a copy.
    pub fn print_dead(&self) -> Result<Vec<String>, String> {
        let out = self.run("nix-store", &["--gc", "--print-dead"])?;
        let mut v: Vec<String> = out.lines().map(str::to_string).collect();
        v.sort();
        Ok(v)
    }

    /// `nix path-info -S --json <paths>`: (path, narSize, closureSize).
    pub fn path_info(&self, paths: &[&str]) -> Result<Vec<(String, u64, u64)>, String> {
        let mut args = vec!["path-info", "-S", "--json"];
        args.extend(paths);
        let out = self.run("nix", &args)?;
        let v: serde_json::Value = serde_json::from_str(&out).map_err(|e| e.to_string())?;
        let arr = v.as_array().cloned().unwrap_or_default();
        Ok(arr
            .iter()
            .map(|e| {
                (
                    e["path"].as_str().unwrap_or("").to_string(),
                    e["narSize"].as_u64().unwrap_or(0),
                    e["closureSize"].as_u64().unwrap_or(0),
                )
            })
            .collect())
    }

    /// Import `n` generated paths (see [`export_stream`]); returns their store paths.
    pub fn import_generated(
        &self,
        n: usize,
        refs_per_path: usize,
        seed: u64,
    ) -> Result<Vec<String>, String> {
        let (stream, paths) = export_stream(n, refs_per_path, seed);
        let mut c = self.nix("nix-store");
        c.arg("--import")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let mut child = c.spawn().map_err(|e| e.to_string())?;
        if let Some(mut stdin) = child.stdin.take() {
            stdin.write_all(&stream).map_err(|e| e.to_string())?;
        }
        let out = child.wait_with_output().map_err(|e| e.to_string())?;
        if !out.status.success() {
            return Err(format!(
                "nix-store --import: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        Ok(paths)
    }

    /// Import named entries (see [`export_entries`]) with one `nix-store --import`; returns
    /// their store paths.
    pub fn import_entries(
        &self,
        entries: &[(String, Vec<usize>, usize)],
        seed: u64,
    ) -> Result<Vec<String>, String> {
        let (stream, paths) = export_entries(entries, seed);
        let mut c = self.nix("nix-store");
        c.arg("--import")
            .stdin(Stdio::piped())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        let mut child = c.spawn().map_err(|e| e.to_string())?;
        if let Some(mut stdin) = child.stdin.take() {
            stdin.write_all(&stream).map_err(|e| e.to_string())?;
        }
        let out = child.wait_with_output().map_err(|e| e.to_string())?;
        if !out.status.success() {
            return Err(format!(
                "nix-store --import: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        Ok(paths)
    }

    /// The base directory (root, conf, home, work).
    pub fn path(&self) -> &Path {
        &self.base
    }
}

fn walkdir_links(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let Ok(ft) = e.file_type() else { continue };
            if ft.is_symlink() {
                out.push(e.path());
            } else if ft.is_dir() {
                stack.push(e.path());
            }
        }
    }
    out
}

/// A Nix expression of derivations built by `/bin/sh`: each `(name, deps, bytes)` becomes a
/// directory output holding `bytes` zero bytes and a file naming its dependencies (so they are
/// references). `deps` index earlier entries. Evaluates to the list of all of them.
pub fn derivation_expr(items: &[(&str, &[usize], usize)]) -> String {
    let mut s = String::from(
        "let mk = name: deps: size: derivation {\n  inherit name;\n  system = builtins.currentSystem;\n  \
         builder = \"/bin/sh\";\n  PATH = \"/bin:/usr/bin\";\n  \
         args = [ \"-c\" \"mkdir $out; echo ${toString deps} > $out/deps; head -c ${toString size} /dev/zero > $out/blob\" ];\n};\n",
    );
    for (i, (name, deps, size)) in items.iter().enumerate() {
        let d: Vec<String> = deps.iter().map(|j| format!("d{j}")).collect();
        s.push_str(&format!(
            "  d{i} = mk \"{name}\" [ {} ] {size};\n",
            d.join(" ")
        ));
    }
    s.push_str("in [ ");
    for i in 0..items.len() {
        s.push_str(&format!("d{i} "));
    }
    s.push_str("]\n");
    s
}

const BASE32: &[u8] = b"0123456789abcdfghijklmnpqrsvwxyz";

fn pad8(buf: &mut Vec<u8>, len: usize) {
    let pad = (8 - len % 8) % 8;
    buf.extend(std::iter::repeat_n(0u8, pad));
}

fn put_u64(buf: &mut Vec<u8>, n: u64) {
    buf.extend_from_slice(&n.to_le_bytes());
}

fn put_str(buf: &mut Vec<u8>, s: &[u8]) {
    put_u64(buf, s.len() as u64);
    buf.extend_from_slice(s);
    pad8(buf, s.len());
}

/// Paths per block of [`export_stream`]: the top of each block reaches the whole block.
pub const BLOCK: usize = 1000;

/// A `nix-store --export` stream of `n` regular-file paths in topological order; path `i`
/// references up to `refs_per_path` earlier paths (of its block of [`BLOCK`], sometimes of
/// block 0) chosen pseudo-randomly from `seed`. Returns the stream and the store paths.
pub fn export_stream(n: usize, refs_per_path: usize, seed: u64) -> (Vec<u8>, Vec<String>) {
    let mut rng = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let mut paths = Vec::with_capacity(n);
    let mut buf = Vec::new();
    for i in 0..n {
        let hash: String = (0..32)
            .map(|_| char::from(BASE32[(next() % 32) as usize]))
            .collect();
        let path = format!("/nix/store/{hash}-gen-{i}");
        // Paths come in blocks of BLOCK (one "application" each): references stay inside the
        // block, plus an occasional one into block 0 (a shared "base" like glibc). Rooting the
        // top of a block keeps that block (and some of block 0) alive.
        let block_start = i - i % BLOCK;
        let mut refs: Vec<usize> = Vec::new();
        for _ in 0..refs_per_path {
            let r = next();
            let j = if r % 8 == 0 && block_start > 0 {
                (r >> 8) as usize % BLOCK.min(block_start)
            } else if i > block_start {
                let span = i - block_start;
                if r % 4 == 0 {
                    block_start + (r >> 8) as usize % span
                } else {
                    i - 1 - (r >> 8) as usize % span.min(20)
                }
            } else {
                continue;
            };
            if !refs.contains(&j) {
                refs.push(j);
            }
        }
        let mut contents = Vec::new();
        for &j in &refs {
            contents.extend_from_slice(paths_get(&paths, j).as_bytes());
            contents.push(b'\n');
        }
        contents.extend(std::iter::repeat_n(b'x', (next() % 4096) as usize));
        put_u64(&mut buf, 1);
        for s in [
            &b"nix-archive-1"[..],
            b"(",
            b"type",
            b"regular",
            b"contents",
        ] {
            put_str(&mut buf, s);
        }
        put_str(&mut buf, &contents);
        put_str(&mut buf, b")");
        put_u64(&mut buf, 0x4558_494e);
        put_str(&mut buf, path.as_bytes());
        put_u64(&mut buf, refs.len() as u64);
        let mut sorted: Vec<&str> = refs.iter().map(|&j| paths_get(&paths, j)).collect();
        sorted.sort();
        for r in sorted {
            put_str(&mut buf, r.as_bytes());
        }
        put_str(&mut buf, b"");
        put_u64(&mut buf, 0);
        paths.push(path);
    }
    put_u64(&mut buf, 0);
    (buf, paths)
}

/// A `nix-store --export` stream of named paths: entry `i` is `(name, references, bytes)`,
/// references indexing earlier entries, its contents the referenced paths plus `bytes` bytes.
/// Hashes come from `seed`. Returns the stream and the store paths.
pub fn export_entries(
    entries: &[(String, Vec<usize>, usize)],
    seed: u64,
) -> (Vec<u8>, Vec<String>) {
    let mut rng = seed
        .wrapping_mul(6364136223846793005)
        .wrapping_add(1442695040888963407);
    let mut next = || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let mut paths: Vec<String> = Vec::with_capacity(entries.len());
    let mut buf = Vec::new();
    for (name, refs, bytes) in entries {
        let hash: String = (0..32)
            .map(|_| char::from(BASE32[(next() % 32) as usize]))
            .collect();
        let path = format!("/nix/store/{hash}-{name}");
        let mut contents = Vec::new();
        for &j in refs {
            contents.extend_from_slice(paths_get(&paths, j).as_bytes());
            contents.push(b'\n');
        }
        contents.extend(std::iter::repeat_n(b'x', *bytes));
        put_u64(&mut buf, 1);
        for s in [
            &b"nix-archive-1"[..],
            b"(",
            b"type",
            b"regular",
            b"contents",
        ] {
            put_str(&mut buf, s);
        }
        put_str(&mut buf, &contents);
        put_str(&mut buf, b")");
        put_u64(&mut buf, 0x4558_494e);
        put_str(&mut buf, path.as_bytes());
        let mut sorted: Vec<&str> = refs.iter().map(|&j| paths_get(&paths, j)).collect();
        sorted.sort();
        sorted.dedup();
        put_u64(&mut buf, sorted.len() as u64);
        for r in sorted {
            put_str(&mut buf, r.as_bytes());
        }
        put_str(&mut buf, b"");
        put_u64(&mut buf, 0);
        paths.push(path);
    }
    put_u64(&mut buf, 0);
    (buf, paths)
}

fn paths_get(paths: &[String], j: usize) -> &str {
    paths.get(j).map(String::as_str).unwrap_or("")
}

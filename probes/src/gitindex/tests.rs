//! The reader against real git: each test builds a repository with the `git` CLI, runs the
//! reader, then `git status --porcelain=v1 -z --untracked-files=all` on the same tree, and
//! compares the `.nix` paths. Git is the oracle here and nowhere else; without it these
//! tests fail (they never skip).

use super::*;
use std::os::unix::fs::{symlink, PermissionsExt};
use std::process::Command;

/// The product's confined file API over a fixture root.
fn rooted(root: &Path) -> RootDir {
    RootDir::open(root).unwrap()
}

/// The confined API with the status change time reported as git recorded it (a real file's
/// ctime cannot be set back), to reach the racy-git case where only the index's own mtime
/// tells that the stat data proves nothing.
struct CtimeAsRecorded {
    root: RootDir,
    ctime: (u32, u32),
}

impl RepoFs for CtimeAsRecorded {
    fn read_file(&self, path: &Path, cap: u64) -> Result<Vec<u8>, FsError> {
        RepoFs::read_file(&self.root, path, cap)
    }

    fn read_dir(&self, path: &Path) -> Result<Vec<DirEntry>, FsError> {
        RepoFs::read_dir(&self.root, path)
    }

    fn symlink_metadata(&self, path: &Path) -> Result<Meta, FsError> {
        let mut m = RepoFs::symlink_metadata(&self.root, path)?;
        m.ctime_sec = i64::from(self.ctime.0);
        m.ctime_nsec = self.ctime.1;
        Ok(m)
    }

    fn read_link(&self, path: &Path) -> Result<Vec<u8>, FsError> {
        RepoFs::read_link(&self.root, path)
    }
}

/// Run git in `dir` with no system or user config (the machine's must not change the
/// oracle), failing the test when git fails or is missing.
pub(crate) fn git(home: &Path, dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = Command::new("git")
        .env("HOME", home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .args([
            "-c",
            "user.email=t@example.invalid",
            "-c",
            "user.name=t",
            "-c",
            "init.defaultBranch=main",
            "-c",
            "advice.addEmbeddedRepo=false",
            "-C",
        ])
        .arg(dir)
        .args(args)
        .output()
        .expect("git must be installed for these tests (scripts/test installs it)");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// `.nix` paths git calls untracked and unstaged (the second status column), from
/// `git status --porcelain=v1 -z --untracked-files=all`, restricted to `prefix`.
fn oracle(home: &Path, dir: &Path, prefix: &[u8]) -> (Vec<Vec<u8>>, Vec<Vec<u8>>) {
    let out = git(
        home,
        dir,
        &[
            "--no-optional-locks",
            "status",
            "--porcelain=v1",
            "-z",
            "--untracked-files=all",
        ],
    );
    let mut untracked = Vec::new();
    let mut unstaged = Vec::new();
    let mut it = out.split(|b| *b == 0);
    while let Some(e) = it.next() {
        if e.len() < 4 {
            continue;
        }
        let (x, y, path) = (e[0], e[1], e[3..].to_vec());
        if x == b'R' || x == b'C' {
            it.next();
        }
        if !path.ends_with(b".nix") || !path.starts_with(prefix) {
            continue;
        }
        if x == b'?' && y == b'?' {
            untracked.push(path);
        } else if y != b' ' && y != b'!' {
            unstaged.push(path);
        }
    }
    untracked.sort();
    unstaged.sort();
    (untracked, unstaged)
}

/// A repository at `<tmp>/etc/nixos` (logical `/etc/nixos`).
struct Fixture {
    _tmp: tempfile::TempDir,
    root: PathBuf,
    home: PathBuf,
    dir: PathBuf,
}

impl Fixture {
    fn new(init: &[&str]) -> Fixture {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path().join("root");
        let home = tmp.path().join("home");
        std::fs::create_dir_all(&home).unwrap();
        let dir = root.join("etc/nixos");
        std::fs::create_dir_all(&dir).unwrap();
        let mut args = vec!["init", "-q"];
        args.extend(init);
        git(&home, &dir, &args);
        Fixture {
            _tmp: tmp,
            root,
            home,
            dir,
        }
    }

    fn git(&self, args: &[&str]) -> Vec<u8> {
        git(&self.home, &self.dir, args)
    }

    fn write(&self, rel: &str, content: &str) {
        let p = self.dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, content).unwrap();
    }

    fn commit_all(&self) {
        self.git(&["add", "-A"]);
        self.git(&["commit", "-qm", "c", "--allow-empty"]);
    }

    fn status(&self) -> Result<Option<RepoStatus>, GitError> {
        status(
            &rooted(&self.root),
            Path::new("/etc/nixos"),
            Limits::default(),
        )
    }

    /// Run the reader, then git, and compare; returns the reader's answer.
    fn check(&self) -> RepoStatus {
        let s = self.status().unwrap().unwrap();
        let (u, m) = oracle(&self.home, &self.dir, b"");
        assert_eq!(names(&s.untracked), names(&u), "untracked");
        let ours: Vec<Vec<u8>> = s.unstaged.iter().map(|(p, _)| p.clone()).collect();
        assert_eq!(names(&ours), names(&m), "unstaged");
        assert!(s.unchecked.is_empty(), "{:?}", s.unchecked);
        s
    }
}

fn names(v: &[Vec<u8>]) -> Vec<String> {
    v.iter().map(|p| display_path(p)).collect()
}

fn strs(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

fn unstaged(s: &RepoStatus) -> Vec<(String, Change)> {
    s.unstaged
        .iter()
        .map(|(p, c)| (display_path(p), *c))
        .collect()
}

#[test]
fn clean_then_untracked_modified_deleted() {
    let f = Fixture::new(&[]);
    f.write("flake.nix", "{ }\n");
    f.write("hosts/a.nix", "{ a = 1; }\n");
    f.write("hosts/b.nix", "{ b = 1; }\n");
    f.write("hosts/c.nix", "{ c = 1; }\n");
    f.write("hosts/exec.nix", "{ }\n");
    f.write("notes.txt", "x\n");
    f.commit_all();
    let s = f.check();
    assert!(s.untracked.is_empty() && s.unstaged.is_empty());
    assert_eq!(s.index_version, Some(2));
    assert_eq!(s.index_entries, 6);

    f.write("hosts/new.nix", "{ }\n");
    f.write("deep/x/y/z.nix", "{ }\n");
    f.write("deep/readme.md", "x\n");
    f.write("hosts/a.nix", "{ a = 2; }\n"); // same size
    f.write("hosts/b.nix", "{ b = 10; }\n"); // other size
    std::fs::remove_file(f.dir.join("hosts/c.nix")).unwrap();
    std::fs::set_permissions(
        f.dir.join("hosts/exec.nix"),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    f.write("notes.txt", "changed\n");
    let s = f.check();
    assert_eq!(
        names(&s.untracked),
        strs(&["deep/x/y/z.nix", "hosts/new.nix"])
    );
    assert_eq!(
        unstaged(&s),
        vec![
            ("hosts/a.nix".into(), Change::Modified),
            ("hosts/b.nix".into(), Change::Modified),
            ("hosts/c.nix".into(), Change::Deleted),
            ("hosts/exec.nix".into(), Change::ModeChanged),
        ]
    );
}

#[test]
fn staged_renamed_and_type_changed() {
    let f = Fixture::new(&[]);
    f.write("a.nix", "{ a = 1; }\n");
    f.write("b.nix", "{ b = 1; }\n");
    f.write("old.nix", "{ old = 1; }\n");
    f.write("mv.nix", "{ mv = 1; }\n");
    f.write("link.nix", "{ }\n");
    f.commit_all();
    // Staged and clean: not unstaged. Staged then modified again: unstaged.
    f.write("a.nix", "{ a = 2; }\n");
    f.write("b.nix", "{ b = 2; }\n");
    f.git(&["add", "a.nix", "b.nix"]);
    f.write("b.nix", "{ b = 3; }\n");
    // A staged rename, and a rename git has not been told about.
    f.git(&["mv", "old.nix", "new.nix"]);
    std::fs::rename(f.dir.join("mv.nix"), f.dir.join("moved.nix")).unwrap();
    // A file become a symlink.
    std::fs::remove_file(f.dir.join("link.nix")).unwrap();
    symlink("a.nix", f.dir.join("link.nix")).unwrap();
    let s = f.check();
    assert_eq!(names(&s.untracked), strs(&["moved.nix"]));
    assert_eq!(
        unstaged(&s),
        vec![
            ("b.nix".into(), Change::Modified),
            ("link.nix".into(), Change::TypeChanged),
            ("mv.nix".into(), Change::Deleted),
        ]
    );
}

#[test]
fn ignore_rules_match_git() {
    let f = Fixture::new(&[]);
    f.write("flake.nix", "{ }\n");
    f.write(
        ".gitignore",
        "# generated\n*.secret.nix\nbuild/\n/top-only.nix\n**/gen/*.nix\nresult*\n\
         cache\n!important.secret.nix\ntrailing.nix   \nsub/anchored.nix\n[ab]-*.nix\n",
    );
    f.write(
        "hosts/.gitignore",
        "!keep.secret.nix\nlocal-*.nix\n/only-here.nix\n",
    );
    std::fs::create_dir_all(f.dir.join(".git/info")).unwrap();
    std::fs::write(f.dir.join(".git/info/exclude"), "private.nix\n").unwrap();
    for p in [
        "a.secret.nix",
        "important.secret.nix",
        "build/x.nix",
        "build/inner/y.nix",
        "top-only.nix",
        "hosts/top-only.nix",
        "x/gen/g.nix",
        "gen/h.nix",
        "result-1.nix",
        "cache/c.nix",
        "trailing.nix",
        "sub/anchored.nix",
        "other/sub/anchored.nix",
        "a-1.nix",
        "c-1.nix",
        "hosts/keep.secret.nix",
        "hosts/other.secret.nix",
        "hosts/local-x.nix",
        "hosts/only-here.nix",
        "hosts/deeper/only-here.nix",
        "hosts/deeper/local-y.nix",
        "private.nix",
        "hosts/private.nix",
        "dironly/build",
    ] {
        f.write(p, "{ }\n");
    }
    // A negation cannot re-include a file inside an ignored directory.
    f.write("build/.gitignore", "!x.nix\n");
    let s = f.check();
    assert_eq!(
        names(&s.untracked),
        strs(&[
            "c-1.nix",
            "flake.nix",
            "hosts/deeper/only-here.nix",
            "hosts/keep.secret.nix",
            "hosts/top-only.nix",
            "important.secret.nix",
            "other/sub/anchored.nix",
        ])
    );
    // Oracle again for each path alone, with git check-ignore.
    for p in [
        "gen/h.nix",
        "x/gen/g.nix",
        "hosts/deeper/local-y.nix",
        "trailing.nix",
    ] {
        let out = Command::new("git")
            .env("HOME", &f.home)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .args(["-C"])
            .arg(&f.dir)
            .args(["check-ignore", "-q", p])
            .status()
            .unwrap();
        assert!(out.success(), "git check-ignore {p}");
    }
}

#[test]
fn crlf_gitignore_and_bom() {
    let f = Fixture::new(&[]);
    std::fs::write(f.dir.join(".gitignore"), b"\xef\xbb\xbfa.nix\r\nb.nix\r\n").unwrap();
    f.write("a.nix", "");
    f.write("b.nix", "");
    f.write("c.nix", "");
    let s = f.check();
    assert_eq!(names(&s.untracked), strs(&["c.nix"]));
    assert_eq!(s.index_version, None);
}

#[test]
fn index_v4_v3_intent_to_add_and_skip_worktree() {
    let f = Fixture::new(&[]);
    for i in 0..50 {
        f.write(&format!("hosts/machine-{i:03}/default.nix"), "{ }\n");
        f.write(&format!("hosts/machine-{i:03}/hardware.nix"), "{ }\n");
    }
    f.write("skip.nix", "{ }\n");
    f.commit_all();
    f.git(&["update-index", "--index-version", "4"]);
    f.write("hosts/machine-007/hardware.nix", "{ x = 1; }\n");
    let s = f.check();
    assert_eq!(s.index_version, Some(4));
    assert_eq!(s.index_entries, 101);
    assert_eq!(
        unstaged(&s),
        vec![("hosts/machine-007/hardware.nix".into(), Change::Modified)]
    );

    // v3: an intent-to-add entry and a skip-worktree one (deleted, which git hides).
    f.git(&["update-index", "--index-version", "3"]);
    f.write("ita.nix", "{ }\n");
    f.git(&["add", "-N", "ita.nix"]);
    f.git(&["update-index", "--skip-worktree", "skip.nix"]);
    std::fs::remove_file(f.dir.join("skip.nix")).unwrap();
    let s = f.check();
    assert_eq!(s.index_version, Some(3));
    assert_eq!(
        unstaged(&s),
        vec![
            ("hosts/machine-007/hardware.nix".into(), Change::Modified),
            ("ita.nix".into(), Change::IntentToAdd),
        ]
    );
}

#[test]
fn gitlinks_and_nested_repositories_are_not_entered() {
    let f = Fixture::new(&[]);
    f.write("flake.nix", "{ }\n");
    let sub = f.dir.join("sub");
    std::fs::create_dir_all(&sub).unwrap();
    git(&f.home, &sub, &["init", "-q"]);
    std::fs::write(sub.join("inner.nix"), "{ }\n").unwrap();
    git(&f.home, &sub, &["add", "-A"]);
    git(&f.home, &sub, &["commit", "-qm", "x"]);
    f.commit_all(); // `sub` becomes a gitlink entry
    std::fs::write(sub.join("untracked-in-sub.nix"), "{ }\n").unwrap();
    let nested = f.dir.join("nested");
    std::fs::create_dir_all(&nested).unwrap();
    git(&f.home, &nested, &["init", "-q"]);
    std::fs::write(nested.join("n.nix"), "{ }\n").unwrap();
    let s = f.check();
    assert!(s.untracked.is_empty() && s.unstaged.is_empty(), "{s:?}");
}

#[test]
fn non_utf8_names() {
    use std::os::unix::ffi::OsStrExt;
    let f = Fixture::new(&[]);
    let tracked = f.dir.join(OsStr::from_bytes(b"caf\xe9-tracked.nix"));
    std::fs::write(&tracked, "{ }\n").unwrap();
    f.commit_all();
    std::fs::write(&tracked, "{ x = 1; }\n").unwrap();
    std::fs::write(f.dir.join(OsStr::from_bytes(b"caf\xe9.nix")), "{ }\n").unwrap();
    std::fs::create_dir_all(f.dir.join(OsStr::from_bytes(b"d\xff"))).unwrap();
    std::fs::write(f.dir.join(OsStr::from_bytes(b"d\xff/in.nix")), "{ }\n").unwrap();
    let s = f.check();
    assert_eq!(
        s.untracked,
        vec![b"caf\xe9.nix".to_vec(), b"d\xff/in.nix".to_vec()]
    );
    assert_eq!(display_path(&s.untracked[0]), "caf\\xe9.nix");
    assert_eq!(s.unstaged[0].0, b"caf\xe9-tracked.nix".to_vec());
}

#[test]
fn symlinks_are_never_followed_out_of_the_tree() {
    let f = Fixture::new(&[]);
    let outside = f._tmp.path().join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(outside.join("far.nix"), "{ }\n").unwrap();
    f.write("flake.nix", "{ }\n");
    f.write("real/a.nix", "{ }\n");
    symlink("a.nix", f.dir.join("real/tracked-link.nix")).unwrap();
    f.commit_all();
    // An untracked link out of the root (git lists the link itself), a linked directory
    // (never entered), and a tracked file whose parent became a link (git: deleted).
    symlink("/etc/passwd", f.dir.join("escape.nix")).unwrap();
    symlink(&outside, f.dir.join("linked-dir")).unwrap();
    std::fs::rename(f.dir.join("real"), f.dir.join("moved")).unwrap();
    symlink("moved", f.dir.join("real")).unwrap();
    let s = f.check();
    assert_eq!(
        names(&s.untracked),
        strs(&["escape.nix", "moved/a.nix", "moved/tracked-link.nix"])
    );
    assert_eq!(
        unstaged(&s),
        vec![
            ("real/a.nix".into(), Change::Deleted),
            ("real/tracked-link.nix".into(), Change::Deleted),
        ]
    );
    // A tracked symlink is compared by its target.
    std::fs::remove_file(f.dir.join("real")).unwrap();
    std::fs::rename(f.dir.join("moved"), f.dir.join("real")).unwrap();
    let s = f.check();
    assert!(s.unstaged.is_empty());
    std::fs::remove_file(f.dir.join("real/tracked-link.nix")).unwrap();
    symlink("b.nix", f.dir.join("real/tracked-link.nix")).unwrap();
    let s = f.check();
    assert_eq!(
        unstaged(&s),
        vec![("real/tracked-link.nix".into(), Change::Modified)]
    );
}

#[test]
fn dot_git_file_of_a_worktree() {
    let f = Fixture::new(&[]);
    f.write("flake.nix", "{ }\n");
    f.write("a.nix", "{ }\n");
    f.commit_all();
    // A linked worktree at /etc/wt: its `.git` is a file naming an absolute host path, so
    // read it with the live mapping (root `/`), where logical and host paths agree.
    let wt = f.root.join("etc/wt");
    f.git(&["worktree", "add", "-q", wt.to_str().unwrap()]);
    std::fs::write(wt.join("a.nix"), "{ changed = 1; }\n").unwrap();
    std::fs::write(wt.join("new.nix"), "{ }\n").unwrap();
    let live = status(&rooted(Path::new("/")), &wt, Limits::default())
        .unwrap()
        .unwrap();
    assert_eq!(live.repo.worktree, wt);
    assert_eq!(live.repo.common_dir, f.dir.join(".git/worktrees/wt/../.."));
    let (u, m) = oracle(&f.home, &wt, b"");
    assert_eq!(names(&live.untracked), names(&u));
    assert_eq!(unstaged(&live), vec![("a.nix".into(), Change::Modified)]);
    assert_eq!(m, vec![b"a.nix".to_vec()]);
    // Under --root the same worktree with a relative `gitdir:` resolves inside the root.
    std::fs::write(wt.join(".git"), "gitdir: ../nixos/.git/worktrees/wt\n").unwrap();
    let under_root = status(&rooted(&f.root), Path::new("/etc/wt"), Limits::default())
        .unwrap()
        .unwrap();
    assert_eq!(under_root.untracked, live.untracked);
    assert_eq!(under_root.unstaged, live.unstaged);
    // A `.git` file pointing at nothing is an error, not "no repository".
    std::fs::write(wt.join(".git"), "gitdir: /nowhere\n").unwrap();
    let e = status(&rooted(&f.root), Path::new("/etc/wt"), Limits::default()).unwrap_err();
    assert!(matches!(e, GitError::BadGitFile { .. }), "{e}");
}

#[test]
fn racily_clean_file_is_hashed() {
    let f = Fixture::new(&[]);
    f.write("a.nix", "{ a = 1; }\n");
    f.commit_all();
    let idx = index::parse(
        &std::fs::read(f.dir.join(".git/index")).unwrap(),
        ObjectFormat::Sha1,
    )
    .unwrap();
    let e = &idx.entries[0];
    // Same size, then the mtime git recorded put back, and the index made no older than it:
    // the stat data matches, only the content tells.
    f.write("a.nix", "{ a = 2; }\n");
    let t = std::time::UNIX_EPOCH + std::time::Duration::new(u64::from(e.mtime.0), e.mtime.1);
    for p in [f.dir.join("a.nix"), f.dir.join(".git/index")] {
        let file = std::fs::File::options().write(true).open(p).unwrap();
        file.set_times(std::fs::FileTimes::new().set_modified(t))
            .unwrap();
    }
    let fs = CtimeAsRecorded {
        root: rooted(&f.root),
        ctime: e.ctime,
    };
    let s = status(&fs, Path::new("/etc/nixos"), Limits::default())
        .unwrap()
        .unwrap();
    assert_eq!(unstaged(&s), vec![("a.nix".into(), Change::Modified)]);
    let (_, m) = oracle(&f.home, &f.dir, b"");
    assert_eq!(m, vec![b"a.nix".to_vec()]);
}

#[test]
fn sha256_repository() {
    let f = Fixture::new(&["--object-format=sha256"]);
    f.write("a.nix", "{ a = 1; }\n");
    f.write("b.nix", "{ b = 1; }\n");
    f.commit_all();
    f.write("a.nix", "{ a = 2; }\n");
    let s = f.check();
    assert_eq!(s.object_format, ObjectFormat::Sha256);
    assert_eq!(unstaged(&s), vec![("a.nix".into(), Change::Modified)]);
}

#[test]
fn flake_in_a_subdirectory_of_the_repository() {
    // etckeeper: /etc is the repository, the flake is /etc/nixos.
    let f = Fixture::new(&[]);
    let etc = f.root.join("etc");
    std::fs::remove_dir_all(f.dir.join(".git")).unwrap();
    git(&f.home, &etc, &["init", "-q"]);
    std::fs::write(etc.join(".gitignore"), "nixos/ignored.nix\n").unwrap();
    std::fs::write(etc.join("top.nix"), "{ }\n").unwrap();
    f.write("flake.nix", "{ }\n");
    git(&f.home, &etc, &["add", "-A"]);
    git(&f.home, &etc, &["commit", "-qm", "x"]);
    f.write("flake.nix", "{ x = 1; }\n");
    f.write("new.nix", "{ }\n");
    f.write("ignored.nix", "{ }\n");
    std::fs::write(etc.join("top.nix"), "{ changed = 1; }\n").unwrap();
    std::fs::write(etc.join("other.nix"), "{ }\n").unwrap();
    let s = f.status().unwrap().unwrap();
    assert_eq!(s.repo.worktree, Path::new("/etc"));
    assert_eq!(s.prefix, b"nixos/");
    let (u, m) = oracle(&f.home, &etc, b"nixos/");
    assert_eq!(names(&s.untracked), names(&u));
    assert_eq!(names(&s.untracked), strs(&["nixos/new.nix"]));
    assert_eq!(
        unstaged(&s),
        vec![("nixos/flake.nix".into(), Change::Modified)]
    );
    assert_eq!(m, vec![b"nixos/flake.nix".to_vec()]);
}

#[test]
fn unmerged_paths_are_unstaged() {
    let f = Fixture::new(&[]);
    f.write("a.nix", "{ a = 0; }\n");
    f.commit_all();
    f.git(&["checkout", "-qb", "other"]);
    f.write("a.nix", "{ a = 1; }\n");
    f.commit_all();
    f.git(&["checkout", "-q", "main"]);
    f.write("a.nix", "{ a = 2; }\n");
    f.commit_all();
    let out = Command::new("git")
        .env("HOME", &f.home)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .arg("-C")
        .arg(&f.dir)
        .args([
            "-c",
            "user.email=t@x",
            "-c",
            "user.name=t",
            "merge",
            "-q",
            "other",
        ])
        .output()
        .unwrap();
    assert!(!out.status.success(), "the merge must conflict");
    let s = f.check();
    assert_eq!(unstaged(&s), vec![("a.nix".into(), Change::Unmerged)]);
}

#[test]
fn split_and_sparse_indexes_are_refused() {
    let f = Fixture::new(&[]);
    f.write("a.nix", "{ }\n");
    f.commit_all();
    f.git(&["update-index", "--split-index"]);
    let e = f.status().unwrap_err();
    assert!(
        matches!(&e, GitError::Index { source: IndexError::Unsupported { signature, .. }, .. } if signature == "link"),
        "{e}"
    );
    assert!(e.to_string().contains("split index"), "{e}");

    let f = Fixture::new(&[]);
    f.write("a/x.nix", "{ }\n");
    f.write("b/y.nix", "{ }\n");
    f.commit_all();
    f.git(&["sparse-checkout", "set", "--cone", "--sparse-index", "a"]);
    let e = f.status().unwrap_err();
    assert!(
        matches!(
            &e,
            GitError::Index {
                source: IndexError::Unsupported { .. },
                ..
            }
        ),
        "{e}"
    );
}

#[test]
fn corrupt_truncated_and_huge_indexes_are_typed_errors() {
    let f = Fixture::new(&[]);
    f.write("a.nix", "{ }\n");
    f.commit_all();
    let path = f.dir.join(".git/index");
    let good = std::fs::read(&path).unwrap();

    std::fs::write(&path, &good[..good.len() / 2]).unwrap();
    assert!(matches!(
        f.status().unwrap_err(),
        GitError::Index {
            source: IndexError::Checksum | IndexError::Truncated(_),
            ..
        }
    ));
    let mut flipped = good.clone();
    flipped[30] ^= 0xff;
    std::fs::write(&path, &flipped).unwrap();
    assert!(matches!(
        f.status().unwrap_err(),
        GitError::Index {
            source: IndexError::Checksum,
            ..
        }
    ));
    std::fs::write(&path, b"").unwrap();
    assert!(matches!(
        f.status().unwrap_err(),
        GitError::Index {
            source: IndexError::Truncated(_),
            ..
        }
    ));
    // A sparse 10 GiB file: refused by its size, never read.
    let file = std::fs::File::create(&path).unwrap();
    file.set_len(10 << 30).unwrap();
    assert!(matches!(
        f.status().unwrap_err(),
        GitError::Index { source: IndexError::TooLarge(n), .. } if n == 10 << 30
    ));
    // A directory where the index should be.
    std::fs::remove_file(&path).unwrap();
    std::fs::create_dir(&path).unwrap();
    assert!(matches!(f.status().unwrap_err(), GitError::Read { .. }));
}

#[test]
fn filters_and_eol_conversion_are_unchecked_not_guessed() {
    let f = Fixture::new(&[]);
    f.write(
        ".gitattributes",
        "* text=auto\n*.crypt.nix filter=evil\nenc.nix working-tree-encoding=ISO-8859-1\n",
    );
    f.write("plain.nix", "{ a = 1; }\n");
    f.write("crlf.nix", "{ a = 1; }\r\n");
    f.write("same.crypt.nix", "{ a = 1; }\n");
    f.write("grown.crypt.nix", "{ a = 1; }\n");
    f.write("enc.nix", "{ }\n");
    f.commit_all();
    f.write("plain.nix", "{ a = 2; }\n");
    f.write("crlf.nix", "{ a = 2; }\r\n");
    f.write("same.crypt.nix", "{ a = 2; }\n");
    f.write("grown.crypt.nix", "{ a = 22; }\n");
    f.write("enc.nix", "{ x }\n");
    let s = f.status().unwrap().unwrap();
    let unchecked: Vec<(String, String)> = s
        .unchecked
        .iter()
        .map(|u| (display_path(&u.path), u.reason.clone()))
        .collect();
    assert_eq!(unchecked.len(), 2, "{unchecked:?}");
    assert_eq!(unchecked[0].0, "crlf.nix");
    assert!(unchecked[0].1.contains("end-of-line"), "{unchecked:?}");
    assert_eq!(unchecked[1].0, "same.crypt.nix");
    assert!(unchecked[1].1.contains("filter=evil"), "{unchecked:?}");
    // A changed size is a change whatever the filter: git decides so without running it.
    assert_eq!(
        unstaged(&s),
        vec![
            ("enc.nix".into(), Change::Modified),
            ("grown.crypt.nix".into(), Change::Modified),
            ("plain.nix".into(), Change::Modified),
        ]
    );
    // Git (no filter driver configured here) agrees on the ones compared.
    let (_, m) = oracle(&f.home, &f.dir, b"");
    for (p, _) in unstaged(&s) {
        assert!(names(&m).contains(&p), "{p} vs {m:?}");
    }
}

#[test]
fn text_auto_without_cr_is_compared_exactly() {
    let f = Fixture::new(&[]);
    f.write(".gitattributes", "* text=auto eol=lf\n");
    f.write("a.nix", "{ a = 1; }\n");
    f.write("b.nix", "{ b = 1; }\n");
    f.commit_all();
    f.write("a.nix", "{ a = 2; }\n");
    let s = f.check();
    assert_eq!(unstaged(&s), vec![("a.nix".into(), Change::Modified)]);
}

#[test]
fn walk_limits_are_errors() {
    let f = Fixture::new(&[]);
    for i in 0..30 {
        f.write(&format!("f{i}.nix"), "");
    }
    f.write("a/b/c/d/e.nix", "");
    let fs = rooted(&f.root);
    let small = Limits {
        max_walk_entries: 10,
        ..Limits::default()
    };
    assert!(matches!(
        status(&fs, Path::new("/etc/nixos"), small),
        Err(GitError::TooLarge(_))
    ));
    let shallow = Limits {
        max_depth: 2,
        ..Limits::default()
    };
    assert!(matches!(
        status(&fs, Path::new("/etc/nixos"), shallow),
        Err(GitError::TooLarge(_))
    ));
    assert_eq!(
        status(&fs, Path::new("/etc/nixos"), Limits::default())
            .unwrap()
            .unwrap()
            .untracked
            .len(),
        31
    );
}

#[test]
fn no_repository_is_none() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(tmp.path().join("etc/nixos")).unwrap();
    // A `.git` directory that is not a repository is passed over, as git does.
    std::fs::create_dir_all(tmp.path().join("etc/nixos/.git")).unwrap();
    let fs = rooted(tmp.path());
    assert_eq!(
        status(&fs, Path::new("/etc/nixos"), Limits::default()).unwrap(),
        None
    );
}

/// Deterministic xorshift, so a failure names a seed that reproduces it.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[(self.next() % from.len() as u64) as usize]
    }
}

/// Random ignore files (anchors, `**`, classes, negations, dir-only rules, escapes, nested
/// files) over a fixed tree, each compared with `git status`.
#[test]
fn random_ignore_files_match_git() {
    const PATTERNS: &[&str] = &[
        "*.nix",
        "!a.nix",
        "a*",
        "**/b.nix",
        "d1/",
        "d1/**",
        "/d2",
        "d2/*.nix",
        "**/d3/**",
        "[ab].nix",
        "[!a]*.nix",
        "?.nix",
        "d1/**/x.nix",
        "x.nix",
        "\\!bang.nix",
        "*/c.nix",
        "d*/",
        "!d1/",
        "!*.nix",
        "[[:alpha:]]?.nix",
        "d?/e.nix",
        "**",
        "e**.nix",
        "/**/f.nix",
        "d2/d3/",
        "!d2/d3/x.nix",
        "#x.nix",
        "x.nix  ",
        "[a-c]?.nix",
        "!**/x.nix",
        "*",
        "d3",
        "!d3/",
        "/*.nix",
        "*/*/*.nix",
        "**/d1",
        "!/c.nix",
        "[^x].nix",
        "d1/d3",
        "\\#h.nix",
    ];
    const PATHS: &[&str] = &[
        "a.nix",
        "b.nix",
        "c.nix",
        "x.nix",
        "!bang.nix",
        "#h.nix",
        "ab.nix",
        "e1.nix",
        "d1/a.nix",
        "d1/x.nix",
        "d1/d3/x.nix",
        "d1/d3/deep/f.nix",
        "d2/e.nix",
        "d2/d3/x.nix",
        "d2/x.nix",
        "d3/f.nix",
        "dd/c.nix",
        "d1/sub/x.nix",
        "f.nix",
        "d1/f.nix",
        "A.nix",
        "1.nix",
        "d2/d3/y.nix",
        "dx/e.nix",
        "d1/sub/deeper/b.nix",
    ];
    const DIRS: &[&str] = &["", "d1/", "d2/", "d1/d3/", "d2/d3/"];
    for seed in 1..=40u64 {
        let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
        let f = Fixture::new(&[]);
        for p in PATHS {
            f.write(p, "");
        }
        let mut written = Vec::new();
        for _ in 0..(1 + rng.next() % 3) {
            let dir = rng.pick(DIRS);
            let lines: Vec<&str> = (0..(1 + rng.next() % 5))
                .map(|_| rng.pick(PATTERNS))
                .collect();
            let text = lines.join("\n") + "\n";
            f.write(&format!("{dir}.gitignore"), &text);
            written.push(format!("{dir}.gitignore: {lines:?}"));
        }
        if rng.next().is_multiple_of(3) {
            let l = rng.pick(PATTERNS);
            std::fs::write(f.dir.join(".git/info/exclude"), format!("{l}\n")).unwrap();
            written.push(format!("info/exclude: {l:?}"));
        }
        let s = f.status().unwrap().unwrap();
        let (u, _) = oracle(&f.home, &f.dir, b"");
        assert_eq!(names(&s.untracked), names(&u), "seed {seed}: {written:#?}");
    }
}

//! home-manager generations in a chroot store, laid out as home-manager builds them.
//!
//! A generation is a `home-manager-generation` store path holding `hm-version` (home-manager's
//! release), `gen-version`, the `activate` script (which names the tools it runs: dependencies,
//! not selected), `bin/home-manager-generation`, and the links `home-files`
//! (`home-manager-files`, the dotfiles) and `home-path` (`home-manager-path`, the `buildEnv` of
//! `home.packages`: what the generation selects). Shape from nix-community/home-manager
//! `modules/home-environment.nix` at 86be605f3ff2d25d96d12b31977769880e736b87
//! (`home.activationPackage`, `home.path`; the layout only, no text of it).

use crate::nixstore::ChrootStore;

/// One home-manager generation: the packages of `home.packages` (store names, each a
/// derivation of that name; `openssh-*` references the generation's `openssl-*`, which is then a
/// dependency, not selected), the tools its activation script runs, and its `hm-version`.
#[derive(Debug, Clone)]
pub struct HmGeneration {
    /// `home.packages` (store names).
    pub packages: &'static [&'static str],
    /// Dependencies of the activation script (store names).
    pub activation_deps: &'static [&'static str],
    /// The `hm-version` file.
    pub hm_version: &'static str,
}

/// alice's three generations: 1 → 2 downgrades openssh (and its openssl, a dependency),
/// upgrades ripgrep, adds neovim, removes htop and upgrades bash (a dependency of
/// `activate`); 2 → 3 adds jq (with its `-bin` and `-man` outputs, one package) and
/// home-manager's version changes.
pub const ALICE: &[HmGeneration] = &[
    HmGeneration {
        packages: &["openssh-9.9p1", "ripgrep-14.1.0", "htop-3.3.0"],
        activation_deps: &["bash-5.2p32", "coreutils-9.5"],
        hm_version: "24.11",
    },
    HmGeneration {
        packages: &["openssh-9.8p1", "ripgrep-14.1.1", "neovim-0.10.2"],
        activation_deps: &["bash-5.2p37", "coreutils-9.5"],
        hm_version: "24.11",
    },
    HmGeneration {
        packages: &[
            "openssh-9.8p1",
            "ripgrep-14.1.1",
            "neovim-0.10.2",
            "jq-1.7.1",
            "jq-1.7.1-bin",
            "jq-1.7.1-man",
        ],
        activation_deps: &["bash-5.2p37", "coreutils-9.5"],
        hm_version: "25.05",
    },
];

fn openssl_for(openssh: &str) -> &'static str {
    if openssh == "openssh-9.9p1" {
        "openssl-3.3.2"
    } else {
        "openssl-3.0.14"
    }
}

fn q(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// The Nix expression of `gens` (a list of the `home-manager-generation` derivations, in
/// order). Same-named packages are one derivation (one store path) across generations.
pub fn expression(gens: &[HmGeneration]) -> String {
    let mut names: Vec<&str> = Vec::new();
    for g in gens {
        for n in g.packages.iter().chain(g.activation_deps) {
            if !names.contains(n) {
                names.push(n);
            }
            if n.starts_with("openssh-") && !names.contains(&openssl_for(n)) {
                names.push(openssl_for(n));
            }
        }
    }
    let var = |n: &str| format!("p_{}", n.replace(['.', '-'], "_"));
    let mut s = String::from(
        "let\n  sh = name: script: derivation { inherit name; system = builtins.currentSystem; \
         builder = \"/bin/sh\"; PATH = \"/bin:/usr/bin\"; args = [ \"-c\" script ]; };\n  \
         pkg = name: deps: sh name \"mkdir -p $out/bin; echo ${toString deps} > $out/deps; \
         head -c ${toString (1000 + 37 * builtins.stringLength name)} /dev/zero > $out/bin/blob\";\n",
    );
    // openssl first: openssh references it.
    names.sort_by_key(|n| !n.starts_with("openssl-"));
    for n in &names {
        let deps = if n.starts_with("openssh-") {
            var(openssl_for(n))
        } else {
            String::new()
        };
        s.push_str(&format!("  {} = pkg {} [ {deps} ];\n", var(n), q(n)));
    }
    for (i, g) in gens.iter().enumerate() {
        let links: Vec<String> = g
            .packages
            .iter()
            .map(|p| format!("ln -s ${{{}}} $out/share/{}", var(p), p))
            .collect();
        s.push_str(&format!(
            "  path{i} = sh \"home-manager-path\" \"mkdir -p $out/share; {}\";\n",
            links.join("; ")
        ));
        let deps: Vec<String> = g
            .activation_deps
            .iter()
            .map(|p| format!("${{{}}}", var(p)))
            .collect();
        s.push_str(&format!(
            "  files{i} = sh \"home-manager-files\" \"mkdir $out; echo 'export EDITOR=nvim' > $out/.profile-{i}\";\n"
        ));
        s.push_str(&format!(
            "  gen{i} = sh \"home-manager-generation\" ''\n    mkdir -p $out/bin\n    \
             echo {} > $out/hm-version\n    echo 1 > $out/gen-version\n    \
             printf '#!%s/bin/bash\\nPATH=%s/bin\\n' {} {} > $out/activate\n    \
             ln -s $out/activate $out/bin/home-manager-generation\n    \
             ln -s ${{files{i}}} $out/home-files\n    ln -s ${{path{i}}} $out/home-path\n  '';\n",
            g.hm_version,
            deps.first().cloned().unwrap_or_default(),
            deps.join(":"),
        ));
    }
    s.push_str("in [ ");
    for i in 0..gens.len() {
        s.push_str(&format!("gen{i} "));
    }
    s.push_str("]\n");
    s
}

/// Build `gens` in `store` and make them the generations of `profile` (logical, e.g.
/// `/home/alice/.local/state/nix/profiles/home-manager`; `nix-env --set`, which registers a
/// profile outside `/nix/var/nix/profiles` as an indirect root, as home-manager's does).
/// Returns the generation store paths, oldest first.
pub fn build(
    store: &ChrootStore,
    profile: &str,
    gens: &[HmGeneration],
) -> Result<Vec<String>, String> {
    let outs = store.build(&expression(gens))?;
    for p in &outs {
        store.set_profile(profile, p)?;
    }
    Ok(outs)
}

//! The `nixbtw-audit` binary: see the library's [`nixbtw_audit::cli`] for everything it does.

fn main() -> std::process::ExitCode {
    nixbtw_audit::cli::main()
}

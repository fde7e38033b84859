//! The `copydesk` binary; everything happens in [`copydesk::cli`].

fn main() -> std::process::ExitCode {
    copydesk::cli::main()
}

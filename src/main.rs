//! The `bimbing` command: parses arguments, runs the pipeline, maps errors to exit codes.

mod cli;

use clap::Parser;

use cli::{Cli, Command};

fn main() {
    // On Ctrl-C or SIGTERM (and SIGHUP): remove the temporary files of writes still under
    // way, so that an interrupted run leaves no half-written file and no temporary file.
    let _ = ctrlc::set_handler(|| {
        bimbing::atomic::remove_pending();
        std::process::exit(130);
    });
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Match(args) => cli::matching::run(args),
        Command::Compare(args) => cli::compare::run(args),
        Command::Diff(args) => cli::diff::run(args),
        Command::Explain(args) => cli::explain::run(args),
        Command::Generate(args) => cli::generate::run(args),
    };
    cli::print_warnings();
    match result {
        Ok(code) => std::process::exit(code),
        Err(error) => {
            let message = error.to_string();
            eprintln!(
                "bimbing: error: {}",
                bimbing::model::terminal_safe(&message)
            );
            std::process::exit(cli::exit_code(&error));
        }
    }
}

//! The `bimbing` command: parses arguments, runs the pipeline, maps errors to exit codes.

mod cli;

use clap::Parser;

use cli::{Cli, Command};

fn main() {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Match(args) => cli::matching::run(args),
        Command::Compare(args) => cli::compare::run(args),
        Command::Diff(args) => cli::diff::run(args),
        Command::Explain(args) => cli::explain::run(args),
        Command::Generate(args) => cli::generate::run(args),
    };
    match result {
        Ok(code) => std::process::exit(code),
        Err(error) => {
            eprintln!("bimbing: error: {error}");
            std::process::exit(cli::exit_code(&error));
        }
    }
}

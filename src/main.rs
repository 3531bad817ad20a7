//! The `bimbing` command: parses arguments, runs the pipeline, maps errors to exit codes.

mod cli;

use clap::Parser;

use cli::{Cli, Command};

fn main() {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Match(args) => cli::matching::run(args),
        Command::Generate(args) => cli::generate::run(args),
    };
    match result {
        Ok(()) => std::process::exit(cli::exit::OK),
        Err(error) => {
            eprintln!("bimbing: error: {error}");
            std::process::exit(cli::exit_code(&error));
        }
    }
}

//! `bimbing explain`: why a mentee of a written roster got their mentor, and why not the
//! others.

use std::path::PathBuf;

use clap::Args;

use bimbing::error::Result;
use bimbing::explain::{explain, mentee_index, Names, DEFAULT_ALTERNATIVES};
use bimbing::reload::{load_run, InputOverrides};
use bimbing::report::labels::Lang;

use crate::out;

/// Arguments of `bimbing explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Output folder of `bimbing match` (or one scenario folder of `bimbing compare`):
    /// holds roster.csv and summary.json.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The id (NIP) of the mentee to explain.
    #[arg(long, value_name = "ID")]
    pub mentee: String,
    /// How many other mentors to list.
    #[arg(
        long,
        value_name = "N",
        default_value_t = DEFAULT_ALTERNATIVES,
        allow_negative_numbers = true
    )]
    pub alternatives: usize,
    /// Print the explanation as JSON (the same in every language).
    #[arg(long)]
    pub json: bool,
    /// Language of the explanation: en or id (Bahasa Indonesia); by default the language
    /// the folder was written in (summary.json records it), else en.
    #[arg(long, value_name = "LANG")]
    pub lang: Option<Lang>,
    /// The mentors file, when it is no longer at the path summary.json records (it must be
    /// the same file: the SHA-256 is checked).
    #[arg(long, value_name = "CSV")]
    pub mentors: Option<PathBuf>,
    /// The mentees file, when it is no longer at the path summary.json records (same check).
    #[arg(long, value_name = "CSV")]
    pub mentees: Option<PathBuf>,
}

/// Runs `bimbing explain`; returns the exit code.
pub fn run(args: &ExplainArgs) -> Result<i32> {
    let run = load_run(
        &args.dir,
        &InputOverrides {
            mentors: args.mentors.clone(),
            mentees: args.mentees.clone(),
        },
    )?;
    let i = mentee_index(&run.cohort, &args.mentee)?;
    let explanation = explain(
        &run.cohort,
        &run.settings,
        &run.roster,
        i,
        args.alternatives,
    )?;
    if args.json {
        let text = serde_json::to_string_pretty(&explanation).expect("the explanation serialises");
        out!("{text}");
    } else {
        let lang = args.lang.or(run.lang).unwrap_or_default();
        if let Some(name) = &run.scenario {
            match lang {
                Lang::En => out!("scenario    {name}"),
                Lang::Id => out!("skenario    {name}"),
            }
        }
        let text = explanation.to_text_in(lang, &Names::of(&run.cohort));
        out!("{}", text.trim_end());
    }
    Ok(crate::cli::exit::OK)
}

//! `bimbing diff`: the mentees whose mentor changed between two rosters.

use std::path::PathBuf;

use clap::Args;

use bimbing::diff::{diff, read_roster};
use bimbing::error::Result;

use crate::out;

/// Arguments of `bimbing diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The first roster (roster.csv of a match or a scenario).
    #[arg(value_name = "A")]
    pub a: PathBuf,
    /// The second roster.
    #[arg(value_name = "B")]
    pub b: PathBuf,
}

/// Runs `bimbing diff`.
pub fn run(args: &DiffArgs) -> Result<i32> {
    let a = read_roster(&args.a)?;
    let b = read_roster(&args.b)?;
    let d = diff(&a, &b);
    let dash = |s: &str| {
        if s.is_empty() {
            "-".to_string()
        } else {
            s.to_string()
        }
    };
    let rows: Vec<[String; 5]> = d
        .changes
        .iter()
        .map(|c| {
            let (mid, mname, score) = match &c.after {
                Some(after) => (
                    dash(&after.mentor_id),
                    dash(&after.mentor_name),
                    dash(&after.score),
                ),
                None => ("(absent)".into(), "-".into(), "-".into()),
            };
            [
                format!("{} {}", c.before.mentee_id, c.before.mentee_name),
                format!(
                    "{} {}",
                    dash(&c.before.mentor_id),
                    dash(&c.before.mentor_name)
                ),
                dash(&c.before.score),
                format!("{mid} {mname}"),
                score,
            ]
        })
        .collect();
    if !rows.is_empty() {
        let headers = ["mentee", "mentor in A", "score A", "mentor in B", "score B"];
        let widths: Vec<usize> = (0..5)
            .map(|i| {
                rows.iter()
                    .map(|r| r[i].chars().count())
                    .chain([headers[i].len()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let line = |cells: [&str; 5]| {
            let s: Vec<String> = cells
                .iter()
                .zip(&widths)
                .map(|(c, &w)| format!("{c:<w$}"))
                .collect();
            s.join("  ").trim_end().to_string()
        };
        out!("{}", line(headers));
        for r in &rows {
            out!("{}", line([&r[0], &r[1], &r[2], &r[3], &r[4]]));
        }
    }
    out!(
        "{} of {} mentees have another mentor in {}{}",
        d.changes.len(),
        d.mentees,
        args.b.display(),
        if d.only_in_second > 0 {
            format!(
                " ({} mentees are only in the second roster)",
                d.only_in_second
            )
        } else {
            String::new()
        }
    );
    Ok(crate::cli::exit::OK)
}

//! `bimbing diff`: the mentees whose mentor changed between two rosters, in English or in
//! Bahasa Indonesia, each person's name beside their id (NIP).

use std::path::PathBuf;

use clap::Args;

use bimbing::diff::{diff, read_roster};
use bimbing::error::Result;
use bimbing::reload::recorded_lang;
use bimbing::report::labels::Lang;

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
    /// Language of the lines: en or id (Bahasa Indonesia); by default the language the
    /// folder of A was written in (its summary.json records it), else en.
    #[arg(long, value_name = "LANG")]
    pub lang: Option<Lang>,
}

/// The words of `diff`'s lines in one language.
struct Words {
    headers: [&'static str; 5],
    absent: &'static str,
}

const EN: Words = Words {
    headers: ["mentee", "mentor in A", "score A", "mentor in B", "score B"],
    absent: "(absent)",
};

const ID: Words = Words {
    headers: ["mentee", "mentor di A", "skor A", "mentor di B", "skor B"],
    absent: "(tidak ada)",
};

/// Runs `bimbing diff`.
pub fn run(args: &DiffArgs) -> Result<i32> {
    let a = read_roster(&args.a)?;
    let b = read_roster(&args.b)?;
    let lang = args
        .lang
        .or_else(|| recorded_lang(args.a.parent().unwrap_or(std::path::Path::new("."))))
        .unwrap_or_default();
    let words = match lang {
        Lang::En => &EN,
        Lang::Id => &ID,
    };
    let d = diff(&a, &b);
    let dash = |s: &str| {
        if s.is_empty() {
            "-".to_string()
        } else {
            s.to_string()
        }
    };
    let person = |id: &str, name: &str| {
        if name.is_empty() {
            dash(id)
        } else {
            format!("{} {name}", dash(id))
        }
    };
    let rows: Vec<[String; 5]> = d
        .changes
        .iter()
        .map(|c| {
            let (mentor, score) = match &c.after {
                Some(after) => (
                    person(&after.mentor_id, &after.mentor_name),
                    dash(&after.score),
                ),
                None => (words.absent.to_string(), "-".into()),
            };
            [
                person(&c.before.mentee_id, &c.before.mentee_name),
                person(&c.before.mentor_id, &c.before.mentor_name),
                dash(&c.before.score),
                mentor,
                score,
            ]
        })
        .collect();
    if !rows.is_empty() {
        let headers = words.headers;
        let widths: Vec<usize> = (0..5)
            .map(|i| {
                rows.iter()
                    .map(|r| r[i].chars().count())
                    .chain([headers[i].chars().count()])
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
    let (changed, mentees, b) = (d.changes.len(), d.mentees, args.b.display());
    let only = d.only_in_second;
    match lang {
        Lang::En => out!(
            "{changed} of {mentees} mentees have another mentor in {b}{}",
            if only > 0 {
                format!(" ({only} mentees are only in the second roster)")
            } else {
                String::new()
            }
        ),
        Lang::Id => out!(
            "{changed} dari {mentees} mentee berganti mentor di {b}{}",
            if only > 0 {
                format!(" ({only} mentee hanya ada di daftar kedua)")
            } else {
                String::new()
            }
        ),
    }
    Ok(crate::cli::exit::OK)
}

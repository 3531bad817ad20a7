//! The previous-roster reader (`--previous`, and `bimbing diff`) on arbitrary bytes: a
//! roster that reads has each mentee once, and compared with itself has no change; it is
//! then the previous roster of a match of a small fixed cohort (`data/example`), read from
//! disk as `--previous` does, whose continuity counts add up.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use bimbing::input::people::cohort_from_tables;
use bimbing::input::rule_files::roster_from_table;
use bimbing::input::Table;
use bimbing::model::Cohort;
use bimbing::settings::Settings;
use libfuzzer_sys::fuzz_target;

fn cohort() -> &'static Cohort {
    static COHORT: OnceLock<Cohort> = OnceLock::new();
    COHORT.get_or_init(|| {
        let parse = |name: &str, bytes: &[u8]| Table::parse(Path::new(name), bytes).unwrap();
        let mentors = parse(
            "mentors.csv",
            include_bytes!("../../data/example/mentors.csv"),
        );
        let mentees = parse(
            "mentees.csv",
            include_bytes!("../../data/example/mentees.csv"),
        );
        cohort_from_tables(&mentors, &mentees).unwrap()
    })
}

/// This process's scratch copy of the input, as a file the settings can name.
fn scratch() -> PathBuf {
    std::env::temp_dir().join(format!("bimbing-fuzz-roster-{}.csv", std::process::id()))
}

fuzz_target!(|data: &[u8]| {
    let lines = Table::parse(Path::new("previous.csv"), data).and_then(|t| roster_from_table(&t));
    let _ = bimbing::input::warnings::take();
    let lines = match lines {
        Ok(l) => l,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    let ids: std::collections::HashSet<&str> = lines.iter().map(|l| l.mentee_id.as_str()).collect();
    assert_eq!(ids.len(), lines.len(), "each mentee once");
    let same = bimbing::diff::diff(&lines, &lines);
    assert!(same.changes.is_empty() && same.only_in_second == 0);

    let path = scratch();
    std::fs::write(&path, data).unwrap();
    let cohort = cohort();
    let settings = {
        let mut custom = Settings::default();
        custom.rules.previous = Some(path.clone());
        custom
    };
    let roster = bimbing::roster::match_cohort(cohort, &settings);
    let _ = bimbing::input::warnings::take();
    let roster = roster.expect("a roster that reads is a previous roster");
    let c = roster
        .continuity
        .expect("continuity with a previous roster");
    assert_eq!(c.kept + c.changed, c.previous_pairs);
    assert!(c.previous_pairs <= cohort.mentees.len().min(lines.len()));
});

//! The pairs-file reader on arbitrary bytes: the table, its three columns, and its rows
//! resolved against a small fixed cohort (`data/example`), strictly and not. A file whose
//! rows all resolve is then applied as the planner's rules (read from disk, as `--pairs`
//! does) and the cohort matched under them: every lock is in the roster, and no pair of the
//! roster is one the rules keep out (a forbidden pair, a mentee locked elsewhere).
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use bimbing::input::people::cohort_from_tables;
use bimbing::input::rule_files::pairs_from_table;
use bimbing::input::Table;
use bimbing::model::Cohort;
use bimbing::rules::pairs_file::resolve;
use bimbing::rules::Rules;
use bimbing::score::Scorer;
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
    std::env::temp_dir().join(format!("bimbing-fuzz-pairs-{}.csv", std::process::id()))
}

fuzz_target!(|data: &[u8]| {
    let path = Path::new("pairs.csv");
    let pairs = Table::parse(path, data).and_then(|t| {
        let info = bimbing::input::people::InputInfo::of(path, data, &t);
        pairs_from_table(t, info)
    });
    // the warnings about extra columns go to one list for the process: keep it empty
    let _ = bimbing::input::warnings::take();
    let pairs = match pairs {
        Ok(p) => p,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    let width = pairs.table.headers.len();
    assert!(
        pairs.mentee_column < width && pairs.mentor_column < width && pairs.rule_column < width
    );
    let cohort = cohort();
    let loose = resolve(&pairs, cohort, false);
    let strict = resolve(&pairs, cohort, true);
    for file in [&loose, &strict] {
        match file {
            Ok(f) => {
                for r in &f.rows {
                    assert!(r.mentee < cohort.mentees.len() && r.mentor < cohort.mentors.len());
                }
            }
            Err(e) => {
                let _ = e.to_string();
            }
        }
    }
    if let (Ok(s), Ok(l)) = (&strict, &loose) {
        assert_eq!(
            s.rows.len(),
            l.rows.len(),
            "strict and loose agree when every id is known"
        );
    }
    if loose.is_err() {
        assert!(
            strict.is_err(),
            "what the loose reading refuses, the strict one does"
        );
    }
    if strict.is_err() {
        return;
    }

    let path = scratch();
    std::fs::write(&path, data).unwrap();
    let settings = {
        let mut custom = Settings::default();
        custom.rules.pairs = Some(path.clone());
        custom
    };
    let scorer = Scorer::new(cohort, &settings);
    let rules = Rules::new(cohort, &settings, &scorer, true);
    let _ = bimbing::input::warnings::take();
    let rules = match rules {
        Ok(r) => r,
        Err(e) => {
            let _ = e.to_string();
            return;
        }
    };
    let roster =
        bimbing::roster::match_cohort(cohort, &settings).expect("rules that resolve give a roster");
    let _ = bimbing::input::warnings::take();
    for (i, pair) in roster.pairs.iter().enumerate() {
        if let Some(lock) = rules.lock[i] {
            assert_eq!(pair.map(|p| p.mentor), Some(lock.mentor), "a lock holds");
        }
        if let Some(p) = pair {
            assert!(
                rules.blocked(i, p.mentor).is_none(),
                "no pair the rules keep out"
            );
            assert!(scorer.eligible(i, p.mentor));
        }
    }
});

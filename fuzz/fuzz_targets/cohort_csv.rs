//! The CSV readers on arbitrary bytes: the mentors file is the input up to the first NUL
//! byte, the mentees file the rest. The columns they do not use are named; small cohorts
//! that read cleanly are also matched.
#![no_main]

use std::path::Path;

use bimbing::input::people::{cohort_from_tables, unused_columns};
use bimbing::input::Table;
use bimbing::settings::Settings;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (mentors, mentees) = match data.iter().position(|&b| b == 0) {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &b""[..]),
    };
    let mentors = Table::parse(Path::new("mentors.csv"), mentors);
    let mentees = Table::parse(Path::new("mentees.csv"), mentees);
    for table in [&mentors, &mentees] {
        match table {
            Ok(t) => {
                for row in &t.rows {
                    assert_eq!(row.cells.len(), t.headers.len());
                }
            }
            Err(e) => {
                let _ = e.to_string();
            }
        }
    }
    let (Ok(mentors), Ok(mentees)) = (mentors, mentees) else {
        return;
    };
    match cohort_from_tables(&mentors, &mentees) {
        Ok(cohort) => {
            let unused = unused_columns(&mentors, &mentees, &cohort.competencies);
            for warning in unused {
                let _ = warning.to_string();
            }
            if cohort.mentors.len() <= 20 && cohort.mentees.len() <= 20 {
                let roster = bimbing::roster::match_cohort(&cohort, &Settings::default())
                    .expect("a cohort that reads cleanly is matched");
                assert!(roster.matched() <= cohort.mentees.len());
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
});

//! The letters a planner sends out once a roster is made (`--letters DIR`): one printable
//! page per mentor with mentees (surat penugasan mentor: the mentor, their mentees with
//! unit, grade and kept columns, each mentee's gaps and what this mentor covers of them,
//! and the programme's rules), one page per unit for its head (the unit's pairs, its
//! mentees without a mentor and why, its mentors), and an index linking them.
//!
//! Each page is one self-contained HTML file in the run's language: an inline stylesheet
//! for A4 paper (`@page { size: A4 }`, page breaks that keep a mentee, a table row and the
//! signature whole), no script, no font, image or anything else to fetch. The pages and
//! their file names ([`names`]) follow from the roster alone, so the same input gives the
//! same bytes. They are written like every output, into a folder bimbing owns
//! ([`crate::report::write::write_folder_of`]).

mod index;
mod mentor_page;
pub mod names;
mod page;
mod unit_page;

pub use index::scenarios_index;
pub use names::is_letter_name;

use crate::model::Cohort;
use crate::report::labels::Lang;
use crate::report::origin::Extras;
use crate::report::rules_text::{rules_of, Rule};
use crate::report::unit_groups::unit_groups;
use crate::roster::Roster;
use crate::score::Scorer;
use crate::settings::Settings;

/// The letters of one roster: the files of its folder (name and bytes; the index first),
/// and how many letters to mentors and lists for units they hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Letters {
    /// File name and bytes of each page.
    pub files: Vec<(String, Vec<u8>)>,
    /// Letters to mentors (one per mentor with mentees).
    pub mentors: usize,
    /// Lists for units (one per unit of the cohort's mentees and mentors).
    pub units: usize,
}

/// What every page of one roster's letters reads.
pub(crate) struct Context<'a> {
    pub cohort: &'a Cohort,
    pub roster: &'a Roster,
    pub settings: &'a Settings,
    pub extras: &'a Extras<'a>,
    pub scorer: Scorer,
    pub rules: Vec<Rule>,
    pub scenario: Option<&'a str>,
    pub lang: Lang,
}

/// The letters of a roster matched under `settings` (of the scenario `scenario`, when it is
/// one), with its extras (the pairs' origins, the kept columns), in `lang`.
pub fn letters(
    cohort: &Cohort,
    roster: &Roster,
    settings: &Settings,
    extras: &Extras,
    scenario: Option<&str>,
    lang: Lang,
) -> Letters {
    let cx = Context {
        cohort,
        roster,
        settings,
        extras,
        scorer: Scorer::new(cohort, settings),
        rules: rules_of(settings, cohort),
        scenario,
        lang,
    };
    let mut mentees_of: Vec<Vec<usize>> = vec![Vec::new(); cohort.mentors.len()];
    for (i, pair) in roster.pairs.iter().enumerate() {
        if let Some(pair) = pair {
            mentees_of[pair.mentor].push(i);
        }
    }
    let with_mentees: Vec<usize> = (0..cohort.mentors.len())
        .filter(|&j| !mentees_of[j].is_empty())
        .collect();
    let names =
        names::mentor_file_names(with_mentees.iter().map(|&j| cohort.mentors[j].id.as_str()));
    let mut mentor_files: Vec<Option<String>> = vec![None; cohort.mentors.len()];
    for (&j, name) in with_mentees.iter().zip(&names) {
        mentor_files[j] = Some(name.clone());
    }
    let groups = unit_groups(cohort, settings.eligibility.same_scope_only);
    let unit_files: Vec<String> = groups
        .iter()
        .enumerate()
        .map(|(n, g)| names::unit_file_name(n + 1, groups.len(), &g.label))
        .collect();

    let letters: Vec<(usize, String)> = with_mentees.iter().copied().zip(names).collect();
    let units: Vec<(&_, String)> = groups.iter().zip(unit_files).collect();
    let mut files = vec![(
        names::INDEX.to_string(),
        index::folder_index(&cx, &letters, &units),
    )];
    for (j, name) in &letters {
        let page = mentor_page::mentor_page(&cx, *j, &mentees_of[*j], names::INDEX);
        files.push((name.clone(), page));
    }
    for (group, name) in &units {
        let page = unit_page::unit_page(&cx, group, &mentor_files, names::INDEX);
        files.push((name.clone(), page));
    }
    Letters {
        files,
        mentors: letters.len(),
        units: units.len(),
    }
}

//! The index pages: of one folder of letters (every mentor's letter and every unit's list,
//! linked), and of a comparison's folders (one per scenario).

use std::fmt::Write as _;

use super::page::{self, esc, Td};
use super::Context;
use crate::report::labels::Lang;
use crate::report::unit_groups::UnitGroup;

/// The index of one folder: the letters to the mentors (`letters`: mentor and file name),
/// then the lists for the units (`units`: the unit and its file name).
pub fn folder_index(
    cx: &Context,
    letters: &[(usize, String)],
    units: &[(&UnitGroup, String)],
) -> Vec<u8> {
    let (lang, cohort, roster) = (cx.lang, cx.cohort, cx.roster);
    let l = lang.letters();
    let mut body = page::letterhead(lang, cx.scenario, l.index_title, "");
    let _ = writeln!(
        body,
        "<h2>{} ({})</h2>",
        esc(l.mentor_letters),
        letters.len()
    );
    let headers = [
        (l.no, true),
        (l.mentor, false),
        (l.nip, false),
        (l.unit, false),
        (l.mentees, true),
    ];
    let rows = letters
        .iter()
        .enumerate()
        .map(|(n, (j, file))| {
            let mentor = &cohort.mentors[*j];
            vec![
                Td::num(&(n + 1).to_string()),
                Td::link(file, &mentor.name),
                Td::text(&mentor.id),
                Td::text(&mentor.unit),
                Td::num(&roster.load[*j].to_string()),
            ]
        })
        .collect();
    body.push_str(&page::table(lang, &headers, rows));
    let _ = writeln!(
        body,
        "<section class=\"page\">\n<h2>{} ({})</h2>",
        esc(l.unit_lists),
        units.len()
    );
    let headers = [
        (l.no, true),
        (l.unit, false),
        (l.mentees, true),
        (l.mentor, true),
        (l.unit_unmatched, true),
    ];
    let rows = units
        .iter()
        .enumerate()
        .map(|(n, (unit, file))| {
            let unmatched = unit
                .mentees
                .iter()
                .filter(|&&i| roster.pairs[i].is_none())
                .count();
            vec![
                Td::num(&(n + 1).to_string()),
                Td::link(file, &unit.label),
                Td::num(&unit.mentees.len().to_string()),
                Td::num(&unit.mentors.len().to_string()),
                Td::num(&unmatched.to_string()),
            ]
        })
        .collect();
    body.push_str(&page::table(lang, &headers, rows));
    body.push_str("</section>\n");
    page::page(lang, l.index_title, &body)
}

/// The index of a comparison's letters: a link to each scenario's index, with its counts
/// of letters and lists (`None` for a scenario that failed, which has no letters).
pub fn scenarios_index(lang: Lang, scenarios: &[(String, Option<(usize, usize)>)]) -> Vec<u8> {
    let l = lang.letters();
    let mut body = page::letterhead(lang, None, l.scenarios_title, "");
    let headers = [
        (l.no, true),
        (l.scenario, false),
        (l.mentor_letters, true),
        (l.unit_lists, true),
    ];
    let rows = scenarios
        .iter()
        .enumerate()
        .map(|(n, (name, counts))| {
            let mut row = vec![Td::num(&(n + 1).to_string())];
            match counts {
                Some((mentors, units)) => row.extend([
                    Td::link(&format!("{name}/{}", super::names::INDEX), name),
                    Td::num(&mentors.to_string()),
                    Td::num(&units.to_string()),
                ]),
                None => row.extend([
                    Td::text(name),
                    Td::text(lang.labels().html.failed),
                    Td::text(""),
                ]),
            }
            row
        })
        .collect();
    body.push_str(&page::table(lang, &headers, rows));
    page::page(lang, l.scenarios_title, &body)
}

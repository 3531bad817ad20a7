//! The list for the head of one unit: the unit's mentees and their mentors, the unit's
//! mentors who guide mentees of other units, the unit's mentees without a mentor and why,
//! the unit's mentors and their loads, and the programme's rules.

use std::fmt::Write as _;

use super::page::{self, esc, Td};
use super::Context;
use crate::report::unit_groups::UnitGroup;

/// The list of `unit`; `mentor_files` gives the letter of each mentor who has one.
pub fn unit_page(
    cx: &Context,
    unit: &UnitGroup,
    mentor_files: &[Option<String>],
    index: &str,
) -> Vec<u8> {
    let (lang, cohort, roster) = (cx.lang, cx.cohort, cx.roster);
    let l = lang.letters();
    let kept = cx.extras.kept();
    let mut body = page::back_link(index, l.index_title);
    body.push_str(&page::letterhead(
        lang,
        cx.scenario,
        l.unit_title,
        &unit.label,
    ));
    body.push_str(&page::opening(&lang.unit_opening(&unit.label)));
    let matched = unit
        .mentees
        .iter()
        .filter(|&&i| roster.pairs[i].is_some())
        .count();
    let guided: u32 = unit.mentors.iter().map(|&j| roster.load[j]).sum();
    let counts = lang.unit_counts(
        unit.mentees.len(),
        matched,
        unit.mentors.len(),
        guided as usize,
    );
    let _ = writeln!(body, "<p>{}</p>", esc(&counts));
    let origin = |i: usize| {
        cx.extras
            .origin(i)
            .map_or(String::new(), |o| lang.origin(o).to_string())
    };
    let covered =
        |i: usize| roster.pairs[i].map_or(String::new(), |p| lang.percent(p.score.complementarity));
    let mentor_cell = |j: usize| match &mentor_files[j] {
        Some(file) => Td::link(file, &cohort.mentors[j].name),
        None => Td::text(&cohort.mentors[j].name),
    };
    let kept_names: Vec<&str> = kept.columns.iter().map(|c| c.name.as_str()).collect();

    // the unit's mentees with a mentor
    let _ = writeln!(body, "<h2>{}</h2>", esc(l.unit_mentees));
    let mut headers = vec![
        (l.no, true),
        (l.mentee, false),
        (l.nip, false),
        (l.grade, false),
    ];
    headers.extend(kept_names.iter().map(|n| (*n, false)));
    headers.extend([
        (l.mentor, false),
        (l.mentor_nip, false),
        (l.mentor_unit, false),
        (l.gaps_covered, true),
    ]);
    let pairs: Vec<(usize, usize)> = unit
        .mentees
        .iter()
        .filter_map(|&i| Some((i, roster.pairs[i]?.mentor)))
        .collect();
    let noted = pairs.iter().any(|&(i, _)| cx.extras.origin(i).is_some());
    if noted {
        headers.push((l.note, false));
    }
    let rows = pairs
        .into_iter()
        .enumerate()
        .map(|(n, (i, j))| {
            let mentee = &cohort.mentees[i];
            let mut row = vec![
                Td::num(&(n + 1).to_string()),
                Td::text(&mentee.name),
                Td::text(&mentee.id),
                Td::text(&mentee.grade.to_string()),
            ];
            row.extend((0..kept_names.len()).map(|k| Td::text(kept.mentee(i, k))));
            let mentor = &cohort.mentors[j];
            row.extend([
                mentor_cell(j),
                Td::text(&mentor.id),
                Td::text(&mentor.unit),
                Td::num(&covered(i)),
            ]);
            if noted {
                row.push(Td::text(&origin(i)));
            }
            row
        })
        .collect();
    body.push_str(&page::table(lang, &headers, rows));

    // the unit's mentees without a mentor
    let _ = writeln!(body, "<h2>{}</h2>", esc(l.unit_unmatched));
    let mut headers = vec![
        (l.no, true),
        (l.mentee, false),
        (l.nip, false),
        (l.grade, false),
    ];
    headers.extend(kept_names.iter().map(|n| (*n, false)));
    headers.push((l.reason, false));
    let rows = unit
        .mentees
        .iter()
        .filter(|&&i| roster.pairs[i].is_none())
        .enumerate()
        .map(|(n, &i)| {
            let mentee = &cohort.mentees[i];
            let mut row = vec![
                Td::num(&(n + 1).to_string()),
                Td::text(&mentee.name),
                Td::text(&mentee.id),
                Td::text(&mentee.grade.to_string()),
            ];
            row.extend((0..kept_names.len()).map(|k| Td::text(kept.mentee(i, k))));
            row.push(Td::text(
                roster.unmatched[i].map_or("", |r| lang.unmatched(r)),
            ));
            row
        })
        .collect();
    body.push_str(&page::table(lang, &headers, rows));

    // the unit's mentors guiding mentees of other units
    let _ = writeln!(body, "<h2>{}</h2>", esc(l.unit_guides_others));
    let pairs: Vec<(usize, usize)> = unit
        .guided_elsewhere(roster)
        .into_iter()
        .filter_map(|i| Some((i, roster.pairs[i]?.mentor)))
        .collect();
    let noted = pairs.iter().any(|&(i, _)| cx.extras.origin(i).is_some());
    let mut headers = vec![
        (l.no, true),
        (l.mentor, false),
        (l.mentor_nip, false),
        (l.mentee, false),
        (l.nip, false),
        (l.mentee_unit, false),
        (l.gaps_covered, true),
    ];
    if noted {
        headers.push((l.note, false));
    }
    let rows = pairs
        .into_iter()
        .enumerate()
        .map(|(n, (i, j))| {
            let mentee = &cohort.mentees[i];
            let mut row = vec![
                Td::num(&(n + 1).to_string()),
                mentor_cell(j),
                Td::text(&cohort.mentors[j].id),
                Td::text(&mentee.name),
                Td::text(&mentee.id),
                Td::text(&mentee.unit),
                Td::num(&covered(i)),
            ];
            if noted {
                row.push(Td::text(&origin(i)));
            }
            row
        })
        .collect();
    body.push_str(&page::table(lang, &headers, rows));

    // the unit's mentors and their loads
    let _ = writeln!(body, "<h2>{}</h2>", esc(l.unit_mentors));
    let mut headers = vec![
        (l.no, true),
        (l.mentor, false),
        (l.nip, false),
        (l.grade, false),
    ];
    headers.extend(kept_names.iter().map(|n| (*n, false)));
    headers.extend([(l.capacity, true), (l.mentees, true)]);
    let rows = unit
        .mentors
        .iter()
        .enumerate()
        .map(|(n, &j)| {
            let mentor = &cohort.mentors[j];
            let mut row = vec![
                Td::num(&(n + 1).to_string()),
                mentor_cell(j),
                Td::text(&mentor.id),
                Td::text(&mentor.grade.to_string()),
            ];
            row.extend((0..kept_names.len()).map(|k| Td::text(kept.mentor(j, k))));
            row.extend([
                Td::num(&roster.capacity[j].to_string()),
                Td::num(&roster.load[j].to_string()),
            ]);
            row
        })
        .collect();
    body.push_str(&page::table(lang, &headers, rows));

    body.push_str(&page::rules_section(lang, &cx.rules));
    body.push_str(&page::signature(lang));
    let title = format!("{}: {}", l.unit_title, unit.label);
    page::page(lang, &title, &body)
}

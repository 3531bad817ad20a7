//! The letter to one mentor (surat penugasan mentor): the mentor, each of their mentees with
//! unit, grade and kept columns, the competency gaps of each mentee up to the target and how
//! much of each the mentor covers (the scoring model's [`Scorer::covers`]), and the
//! programme's rules.

use std::fmt::Write as _;

use super::page::{self, esc, fields, points, Td};
use super::Context;
use crate::report::labels::competency_title;

/// The letter to mentor `j`, whose mentees are `mentees` (file indices, in file order).
pub fn mentor_page(cx: &Context, j: usize, mentees: &[usize], index: &str) -> Vec<u8> {
    let (lang, cohort) = (cx.lang, cx.cohort);
    let l = lang.letters();
    let mentor = &cohort.mentors[j];
    let kept = cx.extras.kept();
    let mut body = page::back_link(index, l.index_title);
    body.push_str(&page::letterhead(
        lang,
        cx.scenario,
        l.mentor_title,
        &mentor.name,
    ));
    let mut rows = vec![
        (l.name, mentor.name.clone()),
        (l.nip, mentor.id.clone()),
        (l.unit, mentor.unit.clone()),
        (l.grade, mentor.grade.to_string()),
    ];
    for (k, column) in kept.columns.iter().enumerate() {
        rows.push((column.name.as_str(), kept.mentor(j, k).to_string()));
    }
    rows.push((l.capacity, cx.roster.capacity[j].to_string()));
    rows.push((l.mentees, mentees.len().to_string()));
    body.push_str(&fields(&rows));
    body.push_str(&page::opening(
        &lang.mentor_opening(&mentor.name, mentees.len()),
    ));
    for (n, &i) in mentees.iter().enumerate() {
        body.push_str(&mentee_section(cx, j, i, n + 1));
    }
    body.push_str(&page::rules_section(lang, &cx.rules));
    let _ = writeln!(body, "<p>{}</p>", esc(lang.mentor_closing()));
    body.push_str(&page::signature(lang));
    let _ = writeln!(
        body,
        "<p class=\"copy\">{}: {}</p>",
        esc(l.copy_to),
        esc(l.copy_unit_head)
    );
    let title = format!("{}: {}", l.mentor_title, mentor.name);
    page::page(lang, &title, &body)
}

/// Mentee `i` of mentor `j`, the `n`-th of the letter.
fn mentee_section(cx: &Context, j: usize, i: usize, n: usize) -> String {
    let (lang, cohort) = (cx.lang, cx.cohort);
    let l = lang.letters();
    let mentee = &cohort.mentees[i];
    let mentor = &cohort.mentors[j];
    let kept = cx.extras.kept();
    let mut out = format!(
        "<section class=\"mentee\">\n<h3>{n}. {}</h3>\n",
        esc(&mentee.name)
    );
    let mut rows = vec![
        (l.nip, mentee.id.clone()),
        (l.unit, mentee.unit.clone()),
        (l.grade, mentee.grade.to_string()),
    ];
    for (k, column) in kept.columns.iter().enumerate() {
        rows.push((column.name.as_str(), kept.mentee(i, k).to_string()));
    }
    if let Some(origin) = cx.extras.origin(i) {
        rows.push((l.note, lang.origin(origin).to_string()));
    }
    out.push_str(&fields(&rows));
    let covers = cx.scorer.covers(i, j);
    let gaps: Vec<Vec<Td>> = covers
        .iter()
        .enumerate()
        .filter(|(_, c)| c.gap > 0.0)
        .map(|(k, c)| {
            let level = |v: Option<f64>| v.map_or(l.not_assessed.to_string(), |v| points(lang, v));
            let target = mentee.targets[k].unwrap_or(cx.settings.scoring.target);
            vec![
                Td::text(&competency_title(&c.competency)),
                Td::num(&level(mentee.levels[k])),
                Td::num(&points(lang, target)),
                Td::num(&level(mentor.levels.get(k).copied().flatten())),
                Td::num(&points(lang, c.gap)),
                Td::num(&points(lang, c.cover)),
                Td::num(&points(lang, (c.gap - c.cover).max(0.0))),
            ]
        })
        .collect();
    if gaps.is_empty() {
        let _ = writeln!(out, "<p>{}</p>", esc(l.no_gap));
    } else {
        let share = cx.roster.pairs[i].map_or(0.0, |p| p.score.complementarity);
        let _ = writeln!(out, "<p>{}</p>", esc(&lang.covers_share(share)));
        let headers = [
            (l.competency, false),
            (l.level_now, true),
            (l.target, true),
            (l.mentor_level, true),
            (l.gap, true),
            (l.covered, true),
            (l.left_open, true),
        ];
        out.push_str(&page::table(lang, &headers, gaps));
    }
    out.push_str("</section>\n");
    out
}

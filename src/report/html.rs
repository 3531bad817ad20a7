//! The HTML report: one self-contained file (inline CSS and SVG charts, no script, no
//! external font or image, no network reference) that opens offline and prints in black
//! and white.

use std::fmt::Write as _;

use crate::compare::Comparison;
use crate::error::Result;
use crate::input::CohortFiles;
use crate::model::{unit_key, Cohort};
use crate::report::charts::{self, ColumnPanel, DotSeries};
use crate::report::comparison::columns;
use crate::report::figures::{RosterFigures, UnitFigures};
use crate::report::labels::{Labels, Lang};
use crate::report::summary::Summary;
use crate::roster::Roster;
use crate::scenario::ScenarioOutcome;

/// Charts in every report: scores, loads, units, gaps (one SVG each).
pub const CHARTS: usize = 4;

/// Units shown in the chart of coverage by unit when units live in scopes (the largest;
/// the table lists them all).
const CHART_UNITS_BY_SCOPE: usize = 40;

/// Width of a score bin in the score distribution.
const SCORE_BIN: f64 = 0.05;

/// The report of one roster: its summary, its units and the four charts.
pub fn roster_html(
    cohort: &Cohort,
    roster: &Roster,
    summary: &Summary,
    lang: Lang,
) -> Result<Vec<u8>> {
    let l = lang.labels();
    let figures = RosterFigures::new(cohort, roster, &summary.settings);
    let name = summary.scenario.clone().unwrap_or_default();
    let mut body = String::new();
    let title = match &summary.scenario {
        Some(s) => format!("{}: {s}", l.html.roster_title),
        None => l.html.roster_title.to_string(),
    };
    let _ = write!(
        body,
        "<h1>{}</h1>\n<h2>{}</h2>\n",
        esc(&title),
        esc(l.html.summary)
    );
    body.push_str(&summary_table(l, &[(String::new(), Some(summary))]));
    let _ = writeln!(body, "<h2>{}</h2>", esc(l.html.units));
    body.push_str(&units_table(l, &figures));
    let _ = writeln!(body, "<h2>{}</h2>", esc(l.html.charts));
    body.push_str(&charts_section(l, &[(name, &figures)], true)?);
    Ok(page(lang, &title, &body).into_bytes())
}

/// The report of a comparison: the cohort, the comparison table, and the four charts with
/// every scenario that succeeded side by side.
pub fn comparison_html(
    cohort: &Cohort,
    inputs: &CohortFiles,
    outcomes: &[ScenarioOutcome],
    comparison: &Comparison,
    lang: Lang,
) -> Result<Vec<u8>> {
    let l = lang.labels();
    let mut summaries = Vec::new();
    let mut figures = Vec::new();
    for o in outcomes {
        let Ok(roster) = &o.result else {
            summaries.push((o.scenario.name.clone(), None));
            continue;
        };
        summaries.push((
            o.scenario.name.clone(),
            Some(Summary::new(
                cohort,
                inputs,
                &o.scenario.settings,
                roster,
                None,
            )),
        ));
        figures.push((
            o.scenario.name.clone(),
            RosterFigures::new(cohort, roster, &o.scenario.settings),
        ));
    }
    let title = l.html.comparison_title;
    let mut body = String::new();
    let _ = write!(
        body,
        "<h1>{}</h1>\n<h2>{}</h2>\n",
        esc(title),
        esc(l.html.comparison)
    );
    body.push_str(&comparison_table(comparison, lang));
    let _ = writeln!(
        body,
        "<p class=\"note\">{}: <b>{}</b>.</p>",
        esc(l.html.baseline_note),
        esc(&comparison.baseline)
    );
    let _ = writeln!(body, "<h2>{}</h2>", esc(l.html.summary));
    let columns: Vec<(String, Option<&Summary>)> = summaries
        .iter()
        .map(|(n, s)| (n.clone(), s.as_ref()))
        .collect();
    body.push_str(&summary_table(l, &columns));
    let _ = writeln!(body, "<h2>{}</h2>", esc(l.html.charts));
    let named: Vec<(String, &RosterFigures)> =
        figures.iter().map(|(n, f)| (n.clone(), f)).collect();
    body.push_str(&charts_section(l, &named, false)?);
    Ok(page(lang, title, &body).into_bytes())
}

/// The four charts, each in a figure with its caption.
fn charts_section(
    l: &Labels,
    scenarios: &[(String, &RosterFigures)],
    single: bool,
) -> Result<String> {
    let h = &l.html;
    let mut out = String::new();
    let mut figure = |caption: &str, svg: String| {
        let _ = write!(
            out,
            "<figure>\n<figcaption>{}</figcaption>\n{svg}\n</figure>\n",
            esc(caption)
        );
    };
    let panel_title = |name: &str| {
        if single {
            String::new()
        } else {
            name.to_string()
        }
    };

    // score distribution: a common range, at least 0..1, in whole tenths
    let all = scenarios.iter().flat_map(|(_, f)| f.scores.iter().copied());
    let (lo, hi) = all.fold((0.0f64, 1.0f64), |(lo, hi), s| (lo.min(s), hi.max(s)));
    let (lo, hi) = ((lo * 10.0).floor() / 10.0, (hi * 10.0).ceil() / 10.0);
    let panels: Vec<ColumnPanel> = scenarios
        .iter()
        .map(|(name, f)| ColumnPanel {
            title: panel_title(name),
            columns: charts::histogram(&f.scores, lo, hi, SCORE_BIN),
        })
        .collect();
    figure(
        h.score_distribution,
        charts::column_panels(&panels, (lo, hi), h.score, h.matched_mentees, false)?,
    );

    // mentors by number of mentees
    let max_load = scenarios
        .iter()
        .flat_map(|(_, f)| f.loads.iter().copied())
        .max()
        .unwrap_or(0);
    let panels: Vec<ColumnPanel> = scenarios
        .iter()
        .map(|(name, f)| {
            let mut counts = vec![0.0; max_load as usize + 1];
            for &load in &f.loads {
                counts[load as usize] += 1.0;
            }
            ColumnPanel {
                title: panel_title(name),
                columns: counts
                    .iter()
                    .enumerate()
                    .map(|(k, &c)| (k as f64 - 0.35, k as f64 + 0.35, c))
                    .collect(),
            }
        })
        .collect();
    let range = (-0.6, max_load as f64 + 0.6);
    figure(
        h.load_per_mentor,
        charts::column_panels(&panels, range, h.mentees_assigned, h.mentor_count, true)?,
    );

    let (units, series) = unit_series(scenarios);
    figure(
        h.unit_coverage,
        charts::dot_panels(&units, &series, (h.coverage, h.mean_complementarity))?,
    );

    // gaps covered and left open: per competency for one roster, per scenario otherwise
    let rows: Vec<(String, f64, f64)> = match scenarios {
        [(_, f)] if single => {
            let (total, covered) = f.gap_totals();
            f.competencies
                .iter()
                .map(|c| (c.competency.clone(), c.gap_covered, c.gap_open()))
                .chain([(
                    h.all_competencies.to_string(),
                    covered,
                    (total - covered).max(0.0),
                )])
                .collect()
        }
        _ => scenarios
            .iter()
            .map(|(name, f)| {
                let (total, covered) = f.gap_totals();
                (name.clone(), covered, (total - covered).max(0.0))
            })
            .collect(),
    };
    figure(
        h.gaps,
        charts::stacked_bars(&rows, (h.covered, h.left_open), h.gap_points)?,
    );
    Ok(out)
}

/// The summary as a table: one row per field, one column per summary.
fn summary_table(l: &Labels, columns: &[(String, Option<&Summary>)]) -> String {
    let s = &l.summary;
    type Get = fn(&Summary) -> String;
    let fields: [(&str, Get); 15] = [
        (s.mentees, |x| x.counts.mentees.to_string()),
        (s.mentors, |x| x.counts.mentors.to_string()),
        (s.competencies, |x| x.counts.competencies.to_string()),
        (s.slots, |x| x.counts.slots.to_string()),
        (s.matched, |x| x.counts.matched.to_string()),
        (s.coverage, |x| pct(x.totals.coverage)),
        (s.unmatched_no_eligible, |x| {
            x.counts.unmatched_no_eligible_mentor.to_string()
        }),
        (s.unmatched_full, |x| {
            x.counts.unmatched_eligible_mentors_full.to_string()
        }),
        (s.mentors_used, |x| x.counts.mentors_used.to_string()),
        (s.total_score, |x| format!("{:.3}", x.totals.total_score)),
        (s.mean_score, |x| format!("{:.3}", x.totals.mean_score)),
        (s.mean_complementarity, |x| {
            format!("{:.3}", x.totals.mean_complementarity)
        }),
        (s.same_unit_share, |x| pct(x.totals.same_unit_share)),
        (s.eligible_pairs, |x| x.counts.eligible_pairs.to_string()),
        (s.status, |x| x.solver.status.to_string()),
    ];
    let mut out = String::from("<table class=\"summary\">\n<thead><tr><th></th>");
    for (name, _) in columns {
        let _ = write!(out, "<th>{}</th>", esc(name));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for (label, get) in fields {
        let _ = write!(out, "<tr><th>{}</th>", esc(label));
        for (_, summary) in columns {
            let cell = summary
                .map(get)
                .unwrap_or_else(|| l.html.failed.to_string());
            let _ = write!(out, "<td>{}</td>", esc(&cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// The per-unit figures as a table, with the Units sheet's headers.
fn units_table(l: &Labels, figures: &RosterFigures) -> String {
    let mut out = String::from("<table>\n<thead><tr>");
    for (k, h) in l.units_columns.iter().enumerate() {
        let class = if k == 0 { "" } else { " class=\"num\"" };
        let _ = write!(out, "<th{class}>{}</th>", esc(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    let opt = |v: Option<f64>, f: fn(f64) -> String| v.map(f).unwrap_or_default();
    for u in &figures.units {
        let cells = [
            u.mentees.to_string(),
            u.matched.to_string(),
            u.unmatched.to_string(),
            pct(u.coverage()),
            opt(u.mean_score, |v| format!("{v:.3}")),
            opt(u.same_unit_share, pct),
            opt(u.mean_complementarity, |v| format!("{v:.3}")),
            format!("{:.1}", u.gap_total),
            format!("{:.1}", u.gap_covered),
            format!("{:.1}", u.gap_open()),
        ];
        let _ = write!(out, "<tr><td>{}</td>", esc(&u.label()));
        for c in cells {
            let _ = write!(out, "<td class=\"num\">{}</td>", esc(&c));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// The comparison table, headed in words in `lang` (as the workbook's Comparison sheet).
fn comparison_table(comparison: &Comparison, lang: Lang) -> String {
    let columns = columns(comparison);
    let class = |numeric: bool| if numeric { " class=\"num\"" } else { "" };
    let mut out = String::from("<div class=\"wide\"><table class=\"comparison\">\n<thead><tr>");
    for c in &columns {
        let _ = write!(
            out,
            "<th{}>{}</th>",
            class(c.numeric()),
            esc(lang.comparison_column(c.key))
        );
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for r in &comparison.rows {
        out.push_str("<tr>");
        for c in &columns {
            let _ = write!(
                out,
                "<td{}>{}</td>",
                class(c.numeric()),
                esc(&(c.cell)(r, false))
            );
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

fn pct(share: f64) -> String {
    format!("{:.1}%", 100.0 * share)
}

/// Text made safe inside HTML elements and attributes.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The stylesheet, inlined into every report.
const STYLE: &str = include_str!("html.css");

fn page(lang: Lang, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n{body}\
         <footer><p class=\"note\">bimbing {}</p></footer>\n</body>\n</html>\n",
        lang.code(),
        esc(title),
        env!("CARGO_PKG_VERSION")
    )
}

/// The rows and series of the chart of coverage and complementarity by unit: the units of
/// the first scenario in its order (by scope, the largest ones: a national cohort has
/// thousands of units in its scopes), and per scenario its value for each (`None` where it
/// has no such unit). Units are matched by (scope, unit) key; when some scenarios pair by
/// scope and others do not, every scenario is shown by unit alone, its scopes summed.
fn unit_series(scenarios: &[(String, &RosterFigures)]) -> (Vec<String>, Vec<DotSeries>) {
    let scoped: Vec<bool> = scenarios
        .iter()
        .map(|(_, f)| f.units.iter().any(|u| u.scope.is_some()))
        .collect();
    let mixed = scoped.iter().any(|&s| s) && !scoped.iter().all(|&s| s);
    let unit_figures: Vec<Vec<UnitFigures>> = scenarios
        .iter()
        .map(|(_, f)| {
            if mixed {
                f.units_across_scopes()
            } else {
                f.units.clone()
            }
        })
        .collect();
    let key = |u: &UnitFigures| (u.scope.as_deref().map(unit_key), unit_key(&u.unit));
    let shown = if scoped.iter().any(|&s| s) {
        CHART_UNITS_BY_SCOPE
    } else {
        usize::MAX
    };
    let first: &[UnitFigures] = unit_figures.first().map_or(&[], Vec::as_slice);
    let units: Vec<String> = first.iter().take(shown).map(UnitFigures::label).collect();
    let keys: Vec<_> = first.iter().take(shown).map(key).collect();
    let series: Vec<DotSeries> = scenarios
        .iter()
        .zip(&unit_figures)
        .map(|((name, _), figures)| DotSeries {
            name: name.clone(),
            values: keys
                .iter()
                .map(|k| {
                    let u = figures.iter().find(|u| &key(u) == k)?;
                    Some((u.coverage(), u.mean_complementarity.unwrap_or(0.0)))
                })
                .collect(),
        })
        .collect();
    (units, series)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units_of_scoped_and_unscoped_scenarios_meet_in_one_chart() {
        let mut cohort = crate::test_fixture::cohort();
        for (j, m) in cohort.mentors.iter_mut().enumerate() {
            m.scope = Some(["P", "Q", "Q"][j].into());
        }
        for (i, m) in cohort.mentees.iter_mut().enumerate() {
            m.scope = Some(["P", "Q", "Q", "P", "Q", "Q"][i].into());
        }
        let plain = crate::settings::Settings::default();
        let mut by_scope = plain.clone();
        by_scope.eligibility.same_scope_only = true;
        let figures = |s: &crate::settings::Settings| {
            let roster = crate::roster::match_cohort(&cohort, s).unwrap();
            RosterFigures::new(&cohort, &roster, s)
        };
        let (a, b) = (figures(&plain), figures(&by_scope));
        assert!(b.units.len() > a.units.len(), "unit X is in two scopes");
        for order in [
            vec![("plain".to_string(), &a), ("scoped".to_string(), &b)],
            vec![("scoped".to_string(), &b), ("plain".to_string(), &a)],
        ] {
            let (units, series) = unit_series(&order);
            assert_eq!(units.len(), a.units.len(), "{units:?}");
            for s in &series {
                assert!(
                    s.values.iter().all(Option::is_some),
                    "{}: {:?}",
                    s.name,
                    s.values
                );
            }
        }
        // Both scoped: by (scope, unit), every unit of each scope.
        let (units, series) = unit_series(&[("x".into(), &b), ("y".into(), &b)]);
        assert_eq!(units.len(), b.units.len());
        assert!(units.iter().all(|u| u.ends_with(')')), "{units:?}");
        assert!(series.iter().all(|s| s.values.iter().all(Option::is_some)));
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(esc("<b>&\"'"), "&lt;b&gt;&amp;&quot;&#39;");
        assert_eq!(esc("Siti"), "Siti");
    }
}

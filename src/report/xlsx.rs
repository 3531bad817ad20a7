//! The Excel workbook (rust_xlsxwriter): sheets Roster, Mentors, Units and Summary for one
//! roster, and Comparison first for a comparison of scenarios; then a sheet per unit, for
//! its head. The Roster sheets mark each pair's origin (locked, kept from
//! the previous roster) and show the kept columns; the Summary lists the rules used.
//!
//! Headers are words in the run's language ("Mentor name", "Nama Mentor": the label tables
//! of [`crate::report::labels`]), never the CSV files' column names.
//!
//! Every sheet has a bold header row that stays in view (frozen), an autofilter, columns
//! sized to their contents and number formats (`0.000` for scores, `0.0%` for shares). Text
//! is always written as text: a cell starting with `=`, `+`, `-`, `@`, tab or carriage
//! return is stored as a string with Excel's quote prefix, never as a formula. The
//! workbook's bytes depend only on its contents (fixed creation date), so reproducible runs
//! stay byte-identical.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Workbook, Worksheet, XlsxError};

use crate::compare::Comparison;
use crate::error::{Error, Result};
use crate::input::kept::KeptColumns;
use crate::input::CohortFiles;
use crate::model::Cohort;
use crate::report::comparison::columns;
use crate::report::figures::RosterFigures;
use crate::report::labels::{Labels, Lang};
use crate::report::origin::Extras;
use crate::report::roster_csv::mentor_mean_scores;
use crate::report::rules_text::{rules_of, Rule};
use crate::report::summary::Summary;
use crate::report::unit_groups::unit_groups;
use crate::roster::Roster;
use crate::scenario::ScenarioOutcome;

mod roster_rows;
mod sheets;
mod unit_sheets;

use sheets::{Cell, Sheet, Styles};

/// Excel's longest sheet name.
const SHEET_NAME_MAX: usize = 31;

/// The workbook of one roster: sheets Roster, Mentors, Units and Summary (named in `lang`),
/// then one sheet per unit; `extras` are the pairs' origins and the kept columns.
pub fn roster_workbook(
    cohort: &Cohort,
    roster: &Roster,
    summary: &Summary,
    extras: &Extras,
    lang: Lang,
) -> Result<Vec<u8>> {
    let l = lang.labels();
    let mut wb = new_workbook()?;
    let styles = Styles::new();
    let figures = RosterFigures::new(cohort, roster, &summary.settings);
    roster_sheets(
        &mut wb, &styles, cohort, roster, extras, &figures, lang, None,
    )?;
    let columns = [(l.value.to_string(), Some(summary))];
    let rules = [rules_of(&summary.settings, cohort)];
    sheets::summary_sheet(
        wb.add_worksheet(),
        l.sheet_summary,
        &styles,
        lang,
        &columns,
        &rules,
    )
    .map_err(xlsx_error)?;
    let mut taken: Vec<String> = [
        l.sheet_roster,
        l.sheet_mentors,
        l.sheet_units,
        l.sheet_summary,
    ]
    .map(String::from)
    .to_vec();
    let groups = unit_groups(cohort, summary.settings.eligibility.same_scope_only);
    let shown = [(None, roster, extras)];
    unit_sheets::unit_sheets(&mut wb, &styles, cohort, &groups, &shown, lang, &mut taken)
        .map_err(xlsx_error)?;
    wb.save_to_buffer().map_err(xlsx_error)
}

/// The workbook of a comparison: the Comparison sheet, a Summary sheet with one column per
/// scenario, then Roster, Mentors and Units of each scenario that succeeded (sheet names
/// such as `Roster baseline`, cut to Excel's 31 characters and kept unique), then one
/// sheet per unit with the unit's rows of every scenario; `kept` are the kept columns.
pub fn comparison_workbook(
    cohort: &Cohort,
    inputs: &CohortFiles,
    outcomes: &[ScenarioOutcome],
    comparison: &Comparison,
    kept: Option<&KeptColumns>,
    lang: Lang,
) -> Result<Vec<u8>> {
    let l = lang.labels();
    let mut wb = new_workbook()?;
    let styles = Styles::new();
    comparison_sheet(wb.add_worksheet(), &styles, comparison, lang).map_err(xlsx_error)?;
    let summaries: Vec<(String, Option<Summary>)> = outcomes
        .iter()
        .map(|o| {
            let summary = o.result.as_ref().ok().map(|roster| {
                let mut s = Summary::new(cohort, inputs, &o.scenario.settings, roster, None);
                s.scenario = Some(o.scenario.name.clone());
                s
            });
            (o.scenario.name.clone(), summary)
        })
        .collect();
    let columns: Vec<(String, Option<&Summary>)> = summaries
        .iter()
        .map(|(name, s)| (name.clone(), s.as_ref()))
        .collect();
    let rules: Vec<Vec<Rule>> = outcomes
        .iter()
        .map(|o| match &o.result {
            Ok(_) => rules_of(&o.scenario.settings, cohort),
            Err(_) => Vec::new(),
        })
        .collect();
    sheets::summary_sheet(
        wb.add_worksheet(),
        l.sheet_summary,
        &styles,
        lang,
        &columns,
        &rules,
    )
    .map_err(xlsx_error)?;
    let mut taken: Vec<String> = vec![l.sheet_comparison.into(), l.sheet_summary.into()];
    let mut shown = Vec::new();
    for outcome in outcomes {
        let Ok(roster) = &outcome.result else {
            continue;
        };
        let extras = Extras::new(cohort, &outcome.scenario.settings, roster, kept)?;
        let figures = RosterFigures::new(cohort, roster, &outcome.scenario.settings);
        let names = [l.sheet_roster, l.sheet_mentors, l.sheet_units]
            .map(|sheet| sheet_name(&format!("{sheet} {}", outcome.scenario.name), &mut taken));
        roster_sheets(
            &mut wb,
            &styles,
            cohort,
            roster,
            &extras,
            &figures,
            lang,
            Some(&names),
        )?;
        shown.push((outcome, extras));
    }
    // Units by scope only when every scenario pairs by scope (a unit then lives in one).
    let by_scope = !shown.is_empty()
        && shown
            .iter()
            .all(|(o, _)| o.scenario.settings.eligibility.same_scope_only);
    let groups = unit_groups(cohort, by_scope);
    let shown: Vec<unit_sheets::Shown> = shown
        .iter()
        .filter_map(|(o, extras)| {
            let roster = o.result.as_ref().ok()?;
            Some((Some(o.scenario.name.as_str()), roster, extras))
        })
        .collect();
    unit_sheets::unit_sheets(&mut wb, &styles, cohort, &groups, &shown, lang, &mut taken)
        .map_err(xlsx_error)?;
    wb.save_to_buffer().map_err(xlsx_error)
}

/// A workbook with a fixed creation date, so that its bytes depend only on its contents.
fn new_workbook() -> Result<Workbook> {
    let mut wb = Workbook::new();
    let created = ExcelDateTime::from_ymd(2000, 1, 1).map_err(xlsx_error)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&created));
    Ok(wb)
}

fn xlsx_error(e: XlsxError) -> Error {
    Error::Output(format!("the workbook cannot be written: {e}"))
}

/// A sheet name: Excel's forbidden characters and control characters replaced, cut to 31
/// characters (never ending with an apostrophe), never empty nor Excel's reserved
/// `History`, and unique (case-insensitively) among `taken`, to which it is added.
pub(crate) fn sheet_name(wanted: &str, taken: &mut Vec<String>) -> String {
    let clean: String = wanted
        .chars()
        .map(|c| match c {
            '[' | ']' | ':' | '*' | '?' | '/' | '\\' => '_',
            c if c.is_control() => '_',
            c => c,
        })
        .collect();
    let clean = clean.trim().trim_matches('\'').trim().to_string();
    let clean = if clean.is_empty() {
        "_".to_string()
    } else {
        clean
    };
    let fit = |s: &str, room: usize| {
        let cut: String = s.chars().take(room).collect();
        match cut.trim_end_matches('\'').trim_end() {
            "" => "_".to_string(),
            kept => kept.to_string(),
        }
    };
    let mut name = fit(&clean, SHEET_NAME_MAX);
    let mut n = 2;
    while name.to_lowercase() == "history"
        || taken
            .iter()
            .any(|t| t.to_lowercase() == name.to_lowercase())
    {
        let suffix = format!("~{n}");
        name = format!(
            "{}{suffix}",
            fit(&clean, SHEET_NAME_MAX - suffix.chars().count())
        );
        n += 1;
    }
    taken.push(name.clone());
    name
}

/// Roster, Mentors and Units of one roster, under the given names or the plain ones.
#[allow(clippy::too_many_arguments)]
fn roster_sheets(
    wb: &mut Workbook,
    styles: &Styles,
    cohort: &Cohort,
    roster: &Roster,
    extras: &Extras,
    figures: &RosterFigures,
    lang: Lang,
    names: Option<&[String; 3]>,
) -> Result<()> {
    let l = lang.labels();
    let name = |k: usize, plain: &str| names.map_or(plain.to_string(), |n| n[k].clone());
    roster_sheet(
        wb.add_worksheet(),
        &name(0, l.sheet_roster),
        styles,
        cohort,
        roster,
        extras,
        lang,
    )
    .map_err(xlsx_error)?;
    mentors_sheet(
        wb.add_worksheet(),
        &name(1, l.sheet_mentors),
        styles,
        cohort,
        roster,
        l,
    )
    .map_err(xlsx_error)?;
    units_sheet(
        wb.add_worksheet(),
        &name(2, l.sheet_units),
        styles,
        figures,
        l,
    )
    .map_err(xlsx_error)
}

fn roster_sheet(
    ws: &mut Worksheet,
    name: &str,
    styles: &Styles,
    cohort: &Cohort,
    roster: &Roster,
    extras: &Extras,
    lang: Lang,
) -> Result<(), XlsxError> {
    let headers = roster_rows::roster_headers(lang, extras);
    let headers: Vec<&str> = headers.iter().map(String::as_str).collect();
    let mut sheet = Sheet::new(ws, name, styles, &headers)?;
    for i in 0..cohort.mentees.len() {
        sheet.row(&roster_rows::roster_row(cohort, roster, extras, i, lang))?;
    }
    sheet.finish()
}

fn mentors_sheet(
    ws: &mut Worksheet,
    name: &str,
    styles: &Styles,
    cohort: &Cohort,
    roster: &Roster,
    l: &Labels,
) -> Result<(), XlsxError> {
    let means = mentor_mean_scores(cohort, roster);
    let mut sheet = Sheet::new(ws, name, styles, &l.load_columns)?;
    for (j, mentor) in cohort.mentors.iter().enumerate() {
        sheet.row(&[
            Cell::text(&mentor.id),
            Cell::text(&mentor.name),
            Cell::text(&mentor.unit),
            Cell::Int(roster.capacity[j].into()),
            Cell::Int(roster.load[j].into()),
            Cell::text(&mentor.grade.to_string()),
            mentor.workload.map_or(Cell::Empty, Cell::Decimal),
            means[j].map_or(Cell::Empty, Cell::Score),
        ])?;
    }
    sheet.finish()
}

fn units_sheet(
    ws: &mut Worksheet,
    name: &str,
    styles: &Styles,
    figures: &RosterFigures,
    l: &Labels,
) -> Result<(), XlsxError> {
    let mut sheet = Sheet::new(ws, name, styles, &l.units_columns)?;
    let opt = |v: Option<f64>, cell: fn(f64) -> Cell| v.map_or(Cell::Empty, cell);
    for u in &figures.units {
        sheet.row(&[
            Cell::text(&u.label()),
            Cell::Int(u.mentees as f64),
            Cell::Int(u.matched as f64),
            Cell::Int(u.unmatched as f64),
            Cell::Share(u.coverage()),
            opt(u.mean_score, Cell::Score),
            opt(u.same_unit_share, Cell::Share),
            opt(u.mean_complementarity, Cell::Score),
            Cell::Decimal(u.gap_total),
            Cell::Decimal(u.gap_covered),
            Cell::Decimal(u.gap_open()),
        ])?;
    }
    sheet.finish()
}

/// The comparison, one row per scenario, the columns of `comparison.csv` headed in words.
fn comparison_sheet(
    ws: &mut Worksheet,
    styles: &Styles,
    comparison: &Comparison,
    lang: Lang,
) -> Result<(), XlsxError> {
    let columns = columns(comparison);
    let headers: Vec<&str> = columns
        .iter()
        .map(|c| lang.comparison_column(c.key))
        .collect();
    let mut sheet = Sheet::new(ws, lang.labels().sheet_comparison, styles, &headers)?;
    for r in &comparison.rows {
        let row: Vec<Cell> = columns
            .iter()
            .map(|c| {
                let value = (c.cell)(r, true);
                match value.parse::<f64>() {
                    Ok(v) if c.numeric() => match c.key {
                        "same_unit_share" => Cell::Share(v),
                        "coverage_pct" => Cell::Decimal(v),
                        "mean_load" | "seconds" => Cell::Decimal(v),
                        "matched" | "mentors_used" | "max_load" | "changed_vs_baseline" => {
                            Cell::Int(v)
                        }
                        _ => Cell::Score(v),
                    },
                    _ if value.is_empty() => Cell::Empty,
                    _ => Cell::Text(value),
                }
            })
            .collect();
        sheet.row(&row)?;
    }
    sheet.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_fit_and_are_unique() {
        let mut taken = vec!["Summary".to_string()];
        assert_eq!(sheet_name("summary", &mut taken), "summary~2");
        let long = "Daftar Pasangan scenario-with-a-long-name";
        let a = sheet_name(long, &mut taken);
        let b = sheet_name(long, &mut taken);
        assert_eq!(a.chars().count(), 31);
        assert_eq!(b.chars().count(), 31);
        assert!(b.ends_with("~2"));
        assert_ne!(a, b);
        assert_eq!(sheet_name("a/b:c", &mut taken), "a_b_c");
    }

    #[test]
    fn hostile_unit_names_make_sheet_names_excel_takes() {
        let mut taken = Vec::new();
        let long = format!("{}'{}", "x".repeat(30), "y".repeat(10));
        for wanted in [
            "",
            "'''",
            "History",
            "history",
            "../CON",
            "a\u{0}b\tc\nd",
            "[Dinas]*?",
            long.as_str(),
            "   ",
        ] {
            let name = sheet_name(wanted, &mut taken);
            assert!(
                !name.is_empty() && name.chars().count() <= 31,
                "{wanted:?}: {name:?}"
            );
            assert!(
                !name.contains(['[', ']', ':', '*', '?', '/', '\\']),
                "{name:?}"
            );
            assert!(!name.starts_with('\'') && !name.ends_with('\''), "{name:?}");
            assert!(!name.chars().any(char::is_control), "{name:?}");
            assert_ne!(name.to_lowercase(), "history");
        }
        let mut lower: Vec<String> = taken.iter().map(|t| t.to_lowercase()).collect();
        lower.sort();
        lower.dedup();
        assert_eq!(lower.len(), taken.len(), "unique: {taken:?}");
        // Excel's rules as rust_xlsxwriter checks them: every name is taken
        let mut wb = Workbook::new();
        for name in &taken {
            wb.add_worksheet().set_name(name).unwrap();
        }
    }
}

//! Writing one sheet: typed cells, the header row, widths, frozen header and autofilter.

use rust_xlsxwriter::{Format, Worksheet, XlsxError};

use crate::report::labels::{Labels, Lang};
use crate::report::rules_text::Rule;
use crate::report::summary::Summary;

/// One cell, typed by how it is shown.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Cell {
    /// Nothing.
    Empty,
    /// Text, never a formula.
    Text(String),
    /// A whole number.
    Int(f64),
    /// A score or other figure shown with 3 decimals.
    Score(f64),
    /// A share 0-1 shown as a percentage with 1 decimal.
    Share(f64),
    /// A figure shown with 2 decimals.
    Decimal(f64),
}

impl Cell {
    pub(super) fn text(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }
}

/// The formats of the workbook.
pub(super) struct Styles {
    header: Format,
    quoted: Format,
    int: Format,
    score: Format,
    share: Format,
    decimal: Format,
}

impl Styles {
    pub(super) fn new() -> Styles {
        Styles {
            header: Format::new()
                .set_bold()
                .set_border_bottom(rust_xlsxwriter::FormatBorder::Thin),
            quoted: Format::new().set_quote_prefix(),
            int: Format::new().set_num_format("0"),
            score: Format::new().set_num_format("0.000"),
            share: Format::new().set_num_format("0.0%"),
            decimal: Format::new().set_num_format("0.00"),
        }
    }
}

/// True when a spreadsheet would take the text for a formula.
pub(crate) fn formula_like(text: &str) -> bool {
    matches!(
        text.chars().next(),
        Some('=' | '+' | '-' | '@' | '\t' | '\r')
    )
}

/// A sheet being written, row by row under its header.
pub(super) struct Sheet<'a> {
    ws: &'a mut Worksheet,
    styles: &'a Styles,
    row: u32,
    widths: Vec<usize>,
}

impl<'a> Sheet<'a> {
    /// Names the sheet and writes the header row.
    pub(super) fn new(
        ws: &'a mut Worksheet,
        name: &str,
        styles: &'a Styles,
        headers: &[&str],
    ) -> Result<Sheet<'a>, XlsxError> {
        ws.set_name(name)?;
        for (c, h) in headers.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, *h, &styles.header)?;
        }
        Ok(Sheet {
            ws,
            styles,
            row: 0,
            widths: headers.iter().map(|h| h.chars().count() + 2).collect(),
        })
    }

    /// Writes the next row.
    pub(super) fn row(&mut self, cells: &[Cell]) -> Result<(), XlsxError> {
        self.row += 1;
        let (r, s) = (self.row, self.styles);
        for (c, cell) in cells.iter().enumerate() {
            let col = c as u16;
            let width = match cell {
                Cell::Empty => 0,
                Cell::Text(t) => {
                    if formula_like(t) {
                        self.ws.write_string_with_format(r, col, t, &s.quoted)?;
                    } else {
                        self.ws.write_string(r, col, t)?;
                    }
                    t.chars().count()
                }
                Cell::Int(v) => self.number(r, col, *v, &s.int, 0)?,
                Cell::Score(v) => self.number(r, col, *v, &s.score, 3)?,
                Cell::Share(v) => self.number(r, col, *v, &s.share, 1)? + 1,
                Cell::Decimal(v) => self.number(r, col, *v, &s.decimal, 2)?,
            };
            if c >= self.widths.len() {
                self.widths.resize(c + 1, 0);
            }
            self.widths[c] = self.widths[c].max(width + 1);
        }
        Ok(())
    }

    fn number(
        &mut self,
        r: u32,
        col: u16,
        v: f64,
        format: &Format,
        decimals: usize,
    ) -> Result<usize, XlsxError> {
        self.ws.write_number_with_format(r, col, v, format)?;
        Ok(format!("{v:.decimals$}").len())
    }

    /// Sizes the columns, freezes the header row and puts an autofilter on it.
    pub(super) fn finish(self) -> Result<(), XlsxError> {
        for (c, w) in self.widths.iter().enumerate() {
            self.ws
                .set_column_width(c as u16, (*w).clamp(6, 60) as f64)?;
        }
        self.ws.set_freeze_panes(1, 0)?;
        let last = self.widths.len().max(1) as u16 - 1;
        self.ws.autofilter(0, 0, self.row, last)?;
        Ok(())
    }
}

type Field = (fn(&Labels) -> &'static str, fn(&Summary) -> Cell);

/// The summary's fields, one per row.
const FIELDS: &[Field] = &[
    (
        |l| l.summary.scenario,
        |s| s.scenario.clone().map_or(Cell::Empty, Cell::Text),
    ),
    (
        |l| l.summary.mentees,
        |s| Cell::Int(s.counts.mentees as f64),
    ),
    (
        |l| l.summary.mentors,
        |s| Cell::Int(s.counts.mentors as f64),
    ),
    (
        |l| l.summary.competencies,
        |s| Cell::Int(s.counts.competencies as f64),
    ),
    (|l| l.summary.slots, |s| Cell::Int(s.counts.slots as f64)),
    (
        |l| l.summary.eligible_pairs,
        |s| Cell::Int(s.counts.eligible_pairs as f64),
    ),
    (
        |l| l.summary.graph_pairs,
        |s| Cell::Int(s.counts.graph_pairs as f64),
    ),
    (
        |l| l.summary.matched,
        |s| Cell::Int(s.counts.matched as f64),
    ),
    (|l| l.summary.coverage, |s| Cell::Share(s.totals.coverage)),
    (
        |l| l.summary.unmatched,
        |s| Cell::Int(s.counts.unmatched as f64),
    ),
    (
        |l| l.summary.unmatched_no_eligible,
        |s| Cell::Int(s.counts.unmatched_no_eligible_mentor as f64),
    ),
    (
        |l| l.summary.unmatched_full,
        |s| Cell::Int(s.counts.unmatched_eligible_mentors_full as f64),
    ),
    (
        |l| l.summary.mentors_used,
        |s| Cell::Int(s.counts.mentors_used as f64),
    ),
    (
        |l| l.summary.total_score,
        |s| Cell::Score(s.totals.total_score),
    ),
    (
        |l| l.summary.mean_score,
        |s| Cell::Score(s.totals.mean_score),
    ),
    (
        |l| l.summary.mean_complementarity,
        |s| Cell::Score(s.totals.mean_complementarity),
    ),
    (
        |l| l.summary.same_unit_pairs,
        |s| Cell::Int(s.totals.same_unit_pairs as f64),
    ),
    (
        |l| l.summary.same_unit_share,
        |s| Cell::Share(s.totals.same_unit_share),
    ),
    (
        |l| l.summary.weight_complementarity,
        |s| Cell::Score(s.settings.scoring.weights.complementarity),
    ),
    (
        |l| l.summary.weight_unit,
        |s| Cell::Score(s.settings.scoring.weights.unit),
    ),
    (
        |l| l.summary.weight_workload,
        |s| Cell::Score(s.settings.scoring.weights.workload),
    ),
    (
        |l| l.summary.target,
        |s| Cell::Decimal(s.settings.scoring.target),
    ),
    (
        |l| l.summary.capacity,
        |s| Cell::Int(s.settings.rules.capacity.into()),
    ),
    (
        |l| l.summary.min_grade_gap,
        |s| Cell::Int(s.settings.eligibility.min_grade_gap.into()),
    ),
    (
        |l| l.summary.solver,
        |s| Cell::Text(format!("{} ({})", method(s), s.solver.lp_backend)),
    ),
    (
        |l| l.summary.status,
        |s| Cell::Text(s.solver.status.to_string()),
    ),
    (
        |l| l.summary.detail,
        |s| Cell::Text(s.solver.detail.clone()),
    ),
    (
        |l| l.summary.mentors_file,
        |s| Cell::Text(s.inputs.mentors.path.display().to_string()),
    ),
    (
        |l| l.summary.sha256,
        |s| Cell::Text(s.inputs.mentors.sha256.clone()),
    ),
    (
        |l| l.summary.mentees_file,
        |s| Cell::Text(s.inputs.mentees.path.display().to_string()),
    ),
    (
        |l| l.summary.sha256,
        |s| Cell::Text(s.inputs.mentees.sha256.clone()),
    ),
    (
        |l| l.summary.seconds,
        |s| {
            s.timings
                .map_or(Cell::Empty, |t| Cell::Decimal(t.total_seconds))
        },
    ),
];

fn method(s: &Summary) -> &'static str {
    match s.solver.method {
        crate::settings::SolverChoice::Network => "network",
        crate::settings::SolverChoice::Lp => "lp",
    }
}

/// The summary sheet: one row per field, one column per summary (`None`: a scenario that
/// failed, whose column stays empty); then the rules used, one row per kind of rule that
/// any column has (`rules`, column by column), each in words.
pub(super) fn summary_sheet(
    ws: &mut Worksheet,
    name: &str,
    styles: &Styles,
    lang: Lang,
    columns: &[(String, Option<&Summary>)],
    rules: &[Vec<Rule>],
) -> Result<(), XlsxError> {
    let l = lang.labels();
    let mut headers = vec![l.field];
    headers.extend(columns.iter().map(|(h, _)| h.as_str()));
    let mut sheet = Sheet::new(ws, name, styles, &headers)?;
    for (label, value) in FIELDS {
        let mut row = vec![Cell::text(label(l))];
        row.extend(columns.iter().map(|(_, s)| s.map_or(Cell::Empty, value)));
        sheet.row(&row)?;
    }
    // one row per kind of rule, in the order rules_of gives them, first seen first
    let mut kinds: Vec<&'static str> = Vec::new();
    for rule in rules.iter().flatten() {
        let kind = rule.label(lang);
        if !kinds.contains(&kind) {
            kinds.push(kind);
        }
    }
    for kind in kinds {
        let mut row = vec![Cell::text(kind)];
        row.extend(rules.iter().map(|of_column| {
            of_column
                .iter()
                .find(|r| r.label(lang) == kind)
                .map_or(Cell::Empty, |r| Cell::Text(r.words(lang)))
        }));
        sheet.row(&row)?;
    }
    sheet.finish()
}

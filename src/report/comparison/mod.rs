//! Exports of the scenario comparison. Each format renders the one [`Comparison`] to bytes
//! and does no IO. The formats for programs (CSV, JSON) are the same in every language;
//! the ones for people (the terminal table, Markdown) are in the run's language.

mod csv;
mod json;
mod markdown;
mod table;

pub use self::csv::Csv;
pub use self::json::Json;
pub use self::markdown::Markdown;
pub use self::table::Table;

use crate::compare::{Comparison, ScenarioRow};
use crate::report::labels::Lang;
use crate::report::roster_csv::fixed6;

/// A format the comparison can be exported in.
pub trait ComparisonFormat {
    /// The comparison rendered in this format, with English headers.
    fn render(&self, comparison: &Comparison) -> Vec<u8> {
        self.render_in(comparison, Lang::En)
    }

    /// The comparison rendered in this format, with headers in `lang` (formats for
    /// programs, CSV and JSON, are the same in every language).
    fn render_in(&self, comparison: &Comparison, lang: Lang) -> Vec<u8>;
}

/// One column: machine header (`comparison.csv`), short header for the terminal table and
/// Markdown (English, then Indonesian), and the cell (precise or for reading). The
/// workbook and the HTML head the columns in words ([`Lang::comparison_column`]).
pub(crate) struct Column {
    pub(crate) key: &'static str,
    title: &'static str,
    title_id: &'static str,
    pub(crate) cell: fn(&ScenarioRow, bool) -> String,
}

impl Column {
    /// The header: machine (`precise`, the same in every language) or for reading, in
    /// `lang`.
    pub(crate) fn header(&self, precise: bool, lang: Lang) -> &'static str {
        match (lang, precise) {
            (_, true) => self.key,
            (Lang::En, false) => self.title,
            (Lang::Id, false) => self.title_id,
        }
    }

    /// True for columns whose cells are numbers (right-aligned when read).
    pub(crate) fn numeric(&self) -> bool {
        !matches!(self.key, "scenario" | "status")
    }
}

fn num(v: Option<f64>, precise: bool, decimals: usize) -> String {
    match v {
        Some(v) if precise => fixed6(v),
        Some(v) => format!("{v:.decimals$}"),
        None => String::new(),
    }
}

fn int<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

const COLUMNS: [Column; 19] = [
    Column {
        key: "scenario",
        title: "scenario",
        title_id: "skenario",
        cell: |r, _| r.scenario.clone(),
    },
    Column {
        key: "matched",
        title: "matched",
        title_id: "terpasang",
        cell: |r, _| int(r.matched),
    },
    Column {
        key: "coverage_pct",
        title: "coverage %",
        title_id: "cakupan %",
        cell: |r, p| num(r.coverage_pct, p, 1),
    },
    Column {
        key: "total_score",
        title: "total",
        title_id: "total",
        cell: |r, p| num(r.total_score, p, 3),
    },
    Column {
        key: "mean_score",
        title: "mean",
        title_id: "rata-rata",
        cell: |r, p| num(r.mean_score, p, 4),
    },
    Column {
        key: "min_score",
        title: "min",
        title_id: "min",
        cell: |r, p| num(r.min_score, p, 4),
    },
    Column {
        key: "mean_complementarity",
        title: "complementarity",
        title_id: "komplementaritas",
        cell: |r, p| num(r.mean_complementarity, p, 4),
    },
    Column {
        key: "same_unit_share",
        title: "same unit %",
        title_id: "unit sama %",
        cell: |r, p| {
            if p {
                num(r.same_unit_share, p, 0)
            } else {
                num(r.same_unit_share.map(|s| 100.0 * s), false, 1)
            }
        },
    },
    Column {
        key: "mentors_used",
        title: "mentors",
        title_id: "mentor",
        cell: |r, _| int(r.mentors_used),
    },
    Column {
        key: "max_load",
        title: "max load",
        title_id: "beban maks",
        cell: |r, _| int(r.max_load),
    },
    Column {
        key: "mean_load",
        title: "mean load",
        title_id: "rata-rata beban",
        cell: |r, p| num(r.mean_load, p, 2),
    },
    Column {
        key: "load_std",
        title: "load sd",
        title_id: "sd beban",
        cell: |r, p| num(r.load_std, p, 3),
    },
    Column {
        key: "load_gini",
        title: "load gini",
        title_id: "gini beban",
        cell: |r, p| num(r.load_gini, p, 3),
    },
    Column {
        key: "changed_vs_baseline",
        title: "changed",
        title_id: "berubah",
        cell: |r, _| int(r.changed_vs_baseline),
    },
    Column {
        key: "changed_vs_previous",
        title: "changed vs previous",
        title_id: "berubah dr. sebelumnya",
        cell: |r, _| int(r.changed_vs_previous),
    },
    Column {
        key: "blocking_pairs",
        title: "blocking pairs",
        title_id: "pasangan pengganggu",
        cell: |r, _| int(r.blocking_pairs),
    },
    Column {
        key: "robust_share",
        title: "robust %",
        title_id: "kokoh %",
        cell: |r, p| {
            if p {
                num(r.robust_share, p, 0)
            } else {
                num(r.robust_share.map(|s| 100.0 * s), false, 1)
            }
        },
    },
    Column {
        key: "status",
        title: "status",
        title_id: "status",
        cell: |r, _| r.status.clone(),
    },
    Column {
        key: "seconds",
        title: "time s",
        title_id: "waktu (detik)",
        cell: |r, p| num(r.seconds, p, 2),
    },
];

/// The columns shown: the time only when the comparison has times.
pub(crate) fn columns(comparison: &Comparison) -> Vec<&'static Column> {
    let any = |has: fn(&ScenarioRow) -> bool| comparison.rows.iter().any(has);
    let timed = any(|r| r.seconds.is_some());
    let previous = any(|r| r.changed_vs_previous.is_some());
    let audited = any(|r| r.blocking_pairs.is_some());
    let perturbed = any(|r| r.robust_share.is_some());
    COLUMNS
        .iter()
        .filter(|c| match c.key {
            "seconds" => timed,
            "changed_vs_previous" => previous,
            "blocking_pairs" => audited,
            "robust_share" => perturbed,
            _ => true,
        })
        .collect()
}

/// Headers and cells of the comparison, precise (CSV) or for reading (table, Markdown),
/// with whether each column is numeric.
fn grid(comparison: &Comparison, precise: bool, lang: Lang) -> Grid {
    let columns = columns(comparison);
    let headers = columns.iter().map(|c| c.header(precise, lang)).collect();
    let numeric = columns.iter().map(|c| c.numeric()).collect();
    let rows = comparison
        .rows
        .iter()
        .map(|r| columns.iter().map(|c| (c.cell)(r, precise)).collect())
        .collect();
    Grid {
        headers,
        numeric,
        rows,
    }
}

/// The comparison as headers and cells of text.
struct Grid {
    headers: Vec<&'static str>,
    numeric: Vec<bool>,
    rows: Vec<Vec<String>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The workbook and the HTML head every column in words, in both languages.
    #[test]
    fn every_column_has_words_for_people() {
        for c in &COLUMNS {
            for lang in [Lang::En, Lang::Id] {
                assert_ne!(lang.comparison_column(c.key), c.key, "{lang}: {}", c.key);
            }
            assert_eq!(c.header(true, Lang::Id), c.key);
        }
    }
}

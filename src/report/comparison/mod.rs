//! Exports of the scenario comparison. Each format renders the one [`Comparison`] to bytes
//! and does no IO.

mod csv;
mod json;
mod markdown;
mod table;

pub use self::csv::Csv;
pub use self::json::Json;
pub use self::markdown::Markdown;
pub use self::table::Table;

use crate::compare::{Comparison, ScenarioRow};
use crate::report::roster_csv::fixed6;

/// A format the comparison can be exported in.
pub trait ComparisonFormat {
    /// The comparison rendered in this format.
    fn render(&self, comparison: &Comparison) -> Vec<u8>;
}

/// One column: machine header, human header, and the cell (precise or for reading).
struct Column {
    key: &'static str,
    title: &'static str,
    cell: fn(&ScenarioRow, bool) -> String,
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

const COLUMNS: [Column; 16] = [
    Column {
        key: "scenario",
        title: "scenario",
        cell: |r, _| r.scenario.clone(),
    },
    Column {
        key: "matched",
        title: "matched",
        cell: |r, _| int(r.matched),
    },
    Column {
        key: "coverage_pct",
        title: "coverage %",
        cell: |r, p| num(r.coverage_pct, p, 1),
    },
    Column {
        key: "total_score",
        title: "total",
        cell: |r, p| num(r.total_score, p, 3),
    },
    Column {
        key: "mean_score",
        title: "mean",
        cell: |r, p| num(r.mean_score, p, 4),
    },
    Column {
        key: "min_score",
        title: "min",
        cell: |r, p| num(r.min_score, p, 4),
    },
    Column {
        key: "mean_complementarity",
        title: "complementarity",
        cell: |r, p| num(r.mean_complementarity, p, 4),
    },
    Column {
        key: "same_unit_share",
        title: "same unit %",
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
        cell: |r, _| int(r.mentors_used),
    },
    Column {
        key: "max_load",
        title: "max load",
        cell: |r, _| int(r.max_load),
    },
    Column {
        key: "mean_load",
        title: "mean load",
        cell: |r, p| num(r.mean_load, p, 2),
    },
    Column {
        key: "load_std",
        title: "load sd",
        cell: |r, p| num(r.load_std, p, 3),
    },
    Column {
        key: "load_gini",
        title: "load gini",
        cell: |r, p| num(r.load_gini, p, 3),
    },
    Column {
        key: "changed_vs_baseline",
        title: "changed",
        cell: |r, _| int(r.changed_vs_baseline),
    },
    Column {
        key: "status",
        title: "status",
        cell: |r, _| r.status.clone(),
    },
    Column {
        key: "seconds",
        title: "time s",
        cell: |r, p| num(r.seconds, p, 2),
    },
];

/// The columns shown: the time only when the comparison has times.
fn columns(comparison: &Comparison) -> Vec<&'static Column> {
    let timed = comparison.rows.iter().any(|r| r.seconds.is_some());
    COLUMNS
        .iter()
        .filter(|c| timed || c.key != "seconds")
        .collect()
}

/// Headers and cells of the comparison, precise (CSV) or for reading (table, Markdown).
fn grid(comparison: &Comparison, precise: bool) -> (Vec<&'static str>, Vec<Vec<String>>) {
    let columns = columns(comparison);
    let headers = columns
        .iter()
        .map(|c| if precise { c.key } else { c.title })
        .collect();
    let rows = comparison
        .rows
        .iter()
        .map(|r| columns.iter().map(|c| (c.cell)(r, precise)).collect())
        .collect();
    (headers, rows)
}

/// True for columns whose cells are numbers (right-aligned when read).
fn numeric(header: &str) -> bool {
    !matches!(header, "scenario" | "status")
}

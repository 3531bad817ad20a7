//! The comparison as an aligned plain-text table, for the terminal.

use super::{grid, ComparisonFormat, Grid};
use crate::compare::Comparison;
use crate::report::labels::Lang;

/// Aligned terminal table.
pub struct Table;

impl ComparisonFormat for Table {
    fn render_in(&self, comparison: &Comparison, lang: Lang) -> Vec<u8> {
        let Grid {
            headers,
            numeric,
            rows,
        } = grid(comparison, false, lang);
        let widths: Vec<usize> = headers
            .iter()
            .enumerate()
            .map(|(i, h)| {
                rows.iter()
                    .map(|r| r[i].chars().count())
                    .chain([h.chars().count()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let line = |cells: Vec<&str>| {
            let padded: Vec<String> = cells
                .iter()
                .zip(&numeric)
                .zip(&widths)
                .map(|((cell, &numeric), &w)| {
                    if numeric {
                        format!("{cell:>w$}")
                    } else {
                        format!("{cell:<w$}")
                    }
                })
                .collect();
            format!("{}\n", padded.join("  ").trim_end())
        };
        let mut out = line(headers.clone());
        for row in &rows {
            out.push_str(&line(row.iter().map(String::as_str).collect()));
        }
        out.into_bytes()
    }
}

//! The comparison as a Markdown table, for reports and tickets.

use super::{grid, numeric, ComparisonFormat};
use crate::compare::Comparison;

/// Markdown export.
pub struct Markdown;

impl ComparisonFormat for Markdown {
    fn render(&self, comparison: &Comparison) -> Vec<u8> {
        let (headers, rows) = grid(comparison, false);
        let escape = |s: &str| s.replace('|', "\\|");
        let mut out = format!(
            "| {} |\n|{}|\n",
            headers.join(" | "),
            headers
                .iter()
                .map(|h| if numeric(h) { "---:" } else { "---" })
                .collect::<Vec<_>>()
                .join("|")
        );
        for row in rows {
            let cells: Vec<String> = row.iter().map(|c| escape(c)).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        out.push_str(&format!(
            "\nBaseline for `changed`: `{}`.\n",
            comparison.baseline
        ));
        out.into_bytes()
    }
}

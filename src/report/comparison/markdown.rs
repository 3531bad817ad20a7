//! The comparison as a Markdown table, for reports and tickets.

use super::{grid, ComparisonFormat};
use crate::compare::Comparison;
use crate::report::labels::Lang;

/// Markdown export.
pub struct Markdown;

impl ComparisonFormat for Markdown {
    fn render_in(&self, comparison: &Comparison, lang: Lang) -> Vec<u8> {
        let grid = grid(comparison, false, lang);
        let escape = |s: &str| s.replace('|', "\\|");
        let mut out = format!(
            "| {} |\n|{}|\n",
            grid.headers.join(" | "),
            grid.numeric
                .iter()
                .map(|&n| if n { "---:" } else { "---" })
                .collect::<Vec<_>>()
                .join("|")
        );
        for row in grid.rows {
            let cells: Vec<String> = row.iter().map(|c| escape(c)).collect();
            out.push_str(&format!("| {} |\n", cells.join(" | ")));
        }
        out.push_str(&match lang {
            Lang::En => format!("\nBaseline for `changed`: `{}`.\n", comparison.baseline),
            Lang::Id => format!("\nPembanding untuk `berubah`: `{}`.\n", comparison.baseline),
        });
        out.into_bytes()
    }
}

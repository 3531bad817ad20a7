//! The comparison as CSV (machine headers, 6 decimals), the same in every language.

use super::{grid, ComparisonFormat};
use crate::compare::Comparison;
use crate::report::labels::Lang;
use crate::report::roster_csv::spreadsheet_text;

/// CSV export.
pub struct Csv;

impl ComparisonFormat for Csv {
    fn render_in(&self, comparison: &Comparison, _lang: Lang) -> Vec<u8> {
        let grid = grid(comparison, true, Lang::En);
        let mut w = ::csv::Writer::from_writer(Vec::new());
        w.write_record(&grid.headers).expect("in memory");
        for row in grid.rows {
            let safe: Vec<String> = row
                .iter()
                .map(|cell| {
                    if cell.parse::<f64>().is_ok() {
                        cell.clone()
                    } else {
                        spreadsheet_text(cell).into_owned()
                    }
                })
                .collect();
            w.write_record(&safe).expect("in memory");
        }
        w.into_inner().expect("in memory")
    }
}

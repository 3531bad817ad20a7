//! The comparison as CSV (machine headers, 6 decimals).

use super::{grid, ComparisonFormat};
use crate::compare::Comparison;
use crate::report::roster_csv::spreadsheet_text;

/// CSV export.
pub struct Csv;

impl ComparisonFormat for Csv {
    fn render(&self, comparison: &Comparison) -> Vec<u8> {
        let (headers, rows) = grid(comparison, true);
        let mut w = ::csv::Writer::from_writer(Vec::new());
        w.write_record(&headers).expect("in memory");
        for row in rows {
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

//! The comparison as JSON (the [`Comparison`] structure itself).

use super::ComparisonFormat;
use crate::compare::Comparison;

/// JSON export.
pub struct Json;

impl ComparisonFormat for Json {
    fn render(&self, comparison: &Comparison) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(comparison).expect("the comparison serialises");
        bytes.push(b'\n');
        bytes
    }
}

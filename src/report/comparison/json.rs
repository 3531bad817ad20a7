//! The comparison as JSON (the [`Comparison`] structure itself).

use super::ComparisonFormat;
use crate::compare::Comparison;
use crate::report::labels::Lang;

/// JSON export: the field names are the structure's, in every language.
pub struct Json;

impl ComparisonFormat for Json {
    fn render_in(&self, comparison: &Comparison, _lang: Lang) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(comparison).expect("the comparison serialises");
        bytes.push(b'\n');
        bytes
    }
}

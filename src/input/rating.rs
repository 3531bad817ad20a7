//! The `performance` column of the mentors (aliases `predikat`, `predikat kinerja`, `skp`):
//! each mentor's SKP rating ([`Performance`]), read case- and spacing-insensitively. An
//! empty cell is a mentor without a rating; any other text that is no rating is an error
//! naming the file, row, column and value.

use super::table::{Row, Table};
use crate::error::InputError;
use crate::model::Performance;

/// The rating in a row's `performance` cell (`column`, `None` when the table has no such
/// column); `None` when the cell is empty.
pub fn rating(
    table: &Table,
    row: &Row,
    column: Option<usize>,
) -> Result<Option<Performance>, InputError> {
    let Some(c) = column else { return Ok(None) };
    let text = row.cells[c].trim();
    if text.is_empty() {
        return Ok(None);
    }
    Performance::parse(text).map(Some).ok_or_else(|| {
        table.cell_error(
            row,
            c,
            format!(
                "unknown performance rating (expected an SKP predikat: {}; or empty for no \
                 rating)",
                Performance::expected()
            ),
        )
    })
}

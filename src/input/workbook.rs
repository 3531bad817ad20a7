//! Reading the sheets of a workbook (`.xlsx`, `.xlsm`, `.xls`, `.ods`, read with calamine)
//! into grids of text cells, as the sheet shows them: numbers as their shortest decimal,
//! dates as `YYYY-MM-DD`, errors as Excel writes them (`#N/A`), each row with the number the
//! spreadsheet shows beside it, and which cells were stored as numbers (so that an NIP
//! stored as a number, which has lost its last digits, can be refused).

use std::io::Cursor;
use std::path::Path;

use calamine::{open_workbook_auto_from_rs, Data, Range, Reader};

use crate::error::InputError;

/// The kind of a workbook, by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WorkbookFormat {
    /// Office Open XML (`.xlsx`, `.xlsm`).
    Xlsx,
    /// The binary Excel format of 97-2003 (`.xls`).
    Xls,
    /// OpenDocument (`.ods`).
    Ods,
}

impl WorkbookFormat {
    /// The kind of workbook `bytes` hold, if they hold one: a ZIP archive with an Excel
    /// workbook part or an OpenDocument spreadsheet type, or an OLE compound file.
    pub fn of(bytes: &[u8]) -> Option<WorkbookFormat> {
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            let utf16 =
                |t: &str| -> Vec<u8> { t.encode_utf16().flat_map(u16::to_le_bytes).collect() };
            let stream = |t: &str| {
                let name = utf16(t);
                bytes.windows(name.len()).any(|w| w == name.as_slice())
            };
            return (stream("Workbook") || stream("Book")).then_some(WorkbookFormat::Xls);
        }
        if !bytes.starts_with(b"PK\x03\x04") {
            return None;
        }
        let head = &bytes[..bytes.len().min(4096)];
        let has = |needle: &[u8]| {
            bytes.windows(needle.len()).any(|w| w == needle)
                || head.windows(needle.len()).any(|w| w == needle)
        };
        if has(b"application/vnd.oasis.opendocument.spreadsheet") {
            Some(WorkbookFormat::Ods)
        } else if has(b"xl/workbook") {
            Some(WorkbookFormat::Xlsx)
        } else {
            None
        }
    }

    /// What the format is, in a message.
    pub fn described(self) -> &'static str {
        match self {
            WorkbookFormat::Xlsx => "an excel workbook (.xlsx)",
            WorkbookFormat::Xls => "an excel 97-2003 workbook (.xls)",
            WorkbookFormat::Ods => "an opendocument spreadsheet (.ods)",
        }
    }

    /// The format's name for messages and the summary.
    pub fn name(self) -> &'static str {
        match self {
            WorkbookFormat::Xlsx => "xlsx",
            WorkbookFormat::Xls => "xls",
            WorkbookFormat::Ods => "ods",
        }
    }
}

/// One row of a sheet: the row number the spreadsheet shows, the cells as text (trimmed),
/// and the columns whose cells are stored as numbers.
#[derive(Debug, Clone, PartialEq)]
pub struct GridRow {
    /// The 1-based row number of the sheet.
    pub number: u64,
    /// Trimmed cell texts, from column A (or the sheet's first used column) on.
    pub cells: Vec<String>,
    /// Columns (0-based, in `cells`) whose cells are stored as numbers.
    pub numeric: Vec<u32>,
}

/// A sheet of a workbook.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The sheet's name.
    pub name: String,
    /// Its rows, blank rows left out.
    pub rows: Vec<GridRow>,
}

/// The sheets of a workbook, in the workbook's order; `only`, when given, the one sheet
/// of that name (an error listing the sheets when there is none).
///
/// A damaged workbook on which the spreadsheet reader itself fails (calamine panics on
/// some, such as a cell that names a shared string the workbook does not hold) is an
/// error naming the file, like any other unreadable workbook, never a crash.
pub fn read_sheets(
    path: &Path,
    bytes: &[u8],
    format: WorkbookFormat,
    only: Option<&str>,
) -> Result<Vec<Sheet>, InputError> {
    // The reader's panic message would only confuse: the error below says what happened.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let read = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        read_sheets_unguarded(path, bytes, format, only)
    }));
    std::panic::set_hook(hook);
    read.unwrap_or_else(|_| {
        Err(InputError::file(
            path,
            format!(
                "this is {}, but it is damaged: the spreadsheet reader fails on it; open it \
                 in the spreadsheet program and save it again, or save the sheet as \
                 \"csv utf-8\"",
                format.described()
            ),
        ))
    })
}

/// [`read_sheets`] without the guard against the reader's panics.
fn read_sheets_unguarded(
    path: &Path,
    bytes: &[u8],
    format: WorkbookFormat,
    only: Option<&str>,
) -> Result<Vec<Sheet>, InputError> {
    let mut book = open_workbook_auto_from_rs(Cursor::new(bytes)).map_err(|e| {
        InputError::file(
            path,
            format!(
                "this is {}, but it cannot be read ({e}): save it again from the spreadsheet \
                 program, or save the sheet as \"csv utf-8\"",
                format.described()
            ),
        )
    })?;
    let names = book.sheet_names();
    let wanted: Vec<String> = match only {
        Some(name) => {
            let found = names.iter().find(|n| n.as_str() == name).or_else(|| {
                names
                    .iter()
                    .find(|n| n.trim().eq_ignore_ascii_case(name.trim()))
            });
            match found {
                Some(n) => vec![n.clone()],
                None => {
                    return Err(InputError::file(
                        path,
                        format!(
                            "the workbook has no sheet {name:?} (its sheets: {})",
                            quoted_list(&names)
                        ),
                    ))
                }
            }
        }
        None => names.clone(),
    };
    let mut out = Vec::with_capacity(wanted.len());
    for name in wanted {
        let range = book
            .worksheet_range(&name)
            .map_err(|e| InputError::file(path, format!("sheet {name:?} cannot be read: {e}")))?;
        out.push(Sheet {
            rows: grid(&range),
            name,
        });
    }
    if out.is_empty() {
        return Err(InputError::file(path, "the workbook has no sheets"));
    }
    Ok(out)
}

/// Names as a list for messages: `"A", "B"`.
pub fn quoted_list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("{n:?}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The rows of a range as text, blank rows left out; cells from column A on.
fn grid(range: &Range<Data>) -> Vec<GridRow> {
    let Some((first_row, first_col)) = range.start() else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (r, row) in range.rows().enumerate() {
        let mut cells = vec![String::new(); first_col as usize];
        let mut numeric = Vec::new();
        for (c, cell) in row.iter().enumerate() {
            let (text, is_number) = cell_text(cell);
            if is_number {
                numeric.push((first_col as usize + c) as u32);
            }
            cells.push(text);
        }
        while cells.last().is_some_and(|c| c.is_empty()) {
            cells.pop();
        }
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        out.push(GridRow {
            number: first_row as u64 + r as u64 + 1,
            cells,
            numeric,
        });
    }
    out
}

/// A cell as the sheet shows it, and whether it is stored as a number.
fn cell_text(cell: &Data) -> (String, bool) {
    match cell {
        Data::Empty => (String::new(), false),
        Data::String(s) => (s.trim().to_string(), false),
        Data::Int(i) => (i.to_string(), true),
        Data::Float(f) => (number_text(*f), true),
        Data::Bool(b) => ((if *b { "TRUE" } else { "FALSE" }).to_string(), false),
        Data::DateTime(d) => (date_text(d.as_f64()), false),
        Data::DateTimeIso(s) | Data::DurationIso(s) => (s.trim().to_string(), false),
        Data::Error(e) => (e.to_string(), false),
    }
}

/// A number as its shortest decimal: whole numbers without a fraction (`3`, not `3.0`).
pub fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        format!("{f}")
    }
}

/// A date (and time, when it has one) from a spreadsheet serial number (days since
/// 1899-12-30, as Excel and LibreOffice count them).
fn date_text(serial: f64) -> String {
    if !serial.is_finite() || !(0.0..3_000_000.0).contains(&serial) {
        return number_text(serial);
    }
    let days = serial.floor() as i64;
    let seconds = ((serial - serial.floor()) * 86_400.0).round() as i64;
    // days from 1970-01-01
    let z = days - 25_569 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    if seconds == 0 {
        format!("{year:04}-{month:02}-{day:02}")
    } else {
        format!(
            "{year:04}-{month:02}-{day:02} {:02}:{:02}:{:02}",
            seconds / 3600,
            seconds / 60 % 60,
            seconds % 60
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates_as_the_sheet_shows_them() {
        assert_eq!(number_text(3.0), "3");
        assert_eq!(number_text(0.85), "0.85");
        assert_eq!(number_text(1.97809e17), "197809000000000000");
        assert_eq!(date_text(45_658.0), "2025-01-01");
        assert_eq!(date_text(36_526.5), "2000-01-01 12:00:00");
        assert_eq!(date_text(61.0), "1900-03-01");
    }

    #[test]
    fn formats_by_content() {
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        let with = |name: &str| {
            let mut bytes = ole.to_vec();
            bytes.extend(name.encode_utf16().flat_map(u16::to_le_bytes));
            bytes
        };
        assert_eq!(
            WorkbookFormat::of(&with("Workbook")),
            Some(WorkbookFormat::Xls)
        );
        assert_eq!(WorkbookFormat::of(&with("WordDocument")), None);
        assert_eq!(WorkbookFormat::of(b"id,name\n"), None);
        assert_eq!(WorkbookFormat::of(b"PK\x03\x04 word/document.xml"), None);
    }
}

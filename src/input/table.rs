//! Reading an HR export into a table of trimmed text cells.
//!
//! Handles what spreadsheets produce: a UTF-8 byte order mark, Windows-1252 text (Excel's
//! "CSV" on Windows), `,` `;` or tab delimiters (detected from the header line), quoted fields
//! with embedded delimiters and newlines, and cells padded with spaces. Header names are
//! trimmed, lowercased and mapped through the Indonesian aliases. UTF-16 (Excel's "Unicode
//! Text") and UTF-32, with or without a byte order mark, are decoded too; workbooks
//! (`.xlsx`, `.ods`, `.xls`), documents and other binary files are refused with a message
//! naming what they are by their content, whatever their name.
//!
//! Files are read whole, so their size is bounded: a file larger than [`max_input_bytes`]
//! (256 MiB unless `BIMBING_MAX_INPUT_BYTES` says otherwise) is refused before it is read.

use std::borrow::Cow;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{Error, InputError, Location};

/// The largest input file read when `BIMBING_MAX_INPUT_BYTES` is not set: 256 MiB. Reading
/// takes about ten times a file's size in memory (text, cells, then people), and the
/// largest real cohorts are a few tens of MiB.
pub const DEFAULT_MAX_INPUT_BYTES: u64 = 256 << 20;

/// The environment variable that sets the largest input file read, in bytes (a `k`, `m`
/// or `g` suffix multiplies by 1024, 1024² or 1024³).
pub const MAX_INPUT_ENV: &str = "BIMBING_MAX_INPUT_BYTES";

/// The largest input file read, from [`MAX_INPUT_ENV`] or [`DEFAULT_MAX_INPUT_BYTES`].
pub fn max_input_bytes() -> Result<u64, Error> {
    match std::env::var(MAX_INPUT_ENV) {
        Ok(text) => parse_bytes(&text).ok_or_else(|| {
            Error::Settings(format!(
                "{MAX_INPUT_ENV}: value {text:?}: expected a number of bytes, optionally with k, m or g"
            ))
        }),
        Err(_) => Ok(DEFAULT_MAX_INPUT_BYTES),
    }
}

/// Parses a byte count such as `1048576`, `512m` or `2G` (binary multiples).
pub fn parse_bytes(text: &str) -> Option<u64> {
    let text = text.trim();
    let (digits, shift) = match text.as_bytes().last()? {
        b'k' | b'K' => (&text[..text.len() - 1], 10),
        b'm' | b'M' => (&text[..text.len() - 1], 20),
        b'g' | b'G' => (&text[..text.len() - 1], 30),
        _ => (text, 0),
    };
    let value: u64 = digits.trim().parse().ok()?;
    value.checked_mul(1u64 << shift)
}

/// Reads a whole input file, refusing (before reading) one larger than
/// [`max_input_bytes`], or one whose table would not fit in the memory available (see
/// [`crate::input::memory::BYTES_PER_INPUT_BYTE`]). At most that many bytes are ever held, even when the file grows or
/// is a pipe.
pub fn read_input(path: &Path) -> Result<Vec<u8>, Error> {
    let limit = max_input_bytes()?;
    let too_big = |size: u64| {
        Error::Input(InputError::file(
            path,
            format!(
                "the file is {size} bytes, more than the limit of {limit} bytes \
                 (split the cohort, e.g. by scope, or raise {MAX_INPUT_ENV})"
            ),
        ))
    };
    let file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let size = file.metadata().map_err(|e| Error::io(path, e))?.len();
    if size > limit {
        return Err(too_big(size));
    }
    if let Some(available) = crate::input::memory::available_memory()? {
        let need = size.saturating_mul(crate::input::memory::BYTES_PER_INPUT_BYTE);
        if need > available {
            return Err(Error::Input(InputError::file(
                path,
                format!(
                    "the file is {size} bytes, and reading it takes about {} MiB while {} MiB \
                     are available (split the cohort, e.g. by scope, or set {} if more memory \
                     is free)",
                    need >> 20,
                    available >> 20,
                    crate::input::memory::MEMORY_LIMIT_ENV
                ),
            )));
        }
    }
    let mut bytes = Vec::with_capacity(size as usize);
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > limit {
        return Err(too_big(bytes.len() as u64));
    }
    Ok(bytes)
}

/// How the bytes of a file were turned into text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Encoding {
    /// UTF-8, with or without a byte order mark.
    Utf8,
    /// Not valid UTF-8; decoded as Windows-1252, as Excel writes CSV on Windows.
    Windows1252,
    /// UTF-16, with a byte order mark as Excel writes "Unicode Text", or without one (found
    /// by the zero bytes of its ASCII characters).
    Utf16,
    /// UTF-32, with or without a byte order mark.
    Utf32,
}

/// One data row: its line in the file (the row number the spreadsheet shows, for a
/// workbook) and its trimmed cells, one per header column.
#[derive(Debug, Clone)]
pub struct Row {
    /// 1-based line on which the row starts (a workbook's row number).
    pub line: u64,
    /// Trimmed cell texts, as many as there are header columns.
    pub cells: Vec<String>,
    /// Columns whose cells a workbook stores as numbers (never any for CSV).
    pub numeric: Vec<u32>,
}

/// What a table should hold, for finding its header and its sheet.
#[derive(Debug, Clone, Copy, Default)]
pub struct Want<'a> {
    /// Canonical columns the header must hold: the header is the first row (of the first 50)
    /// that holds them all, so that title rows above it are skipped; when none does, or
    /// when this is empty, the first row.
    pub required: &'a [&'a str],
    /// The sheet of a workbook to read (`FILE#Sheet name`); without it, the first sheet
    /// whose header holds the required columns.
    pub sheet: Option<&'a str>,
}

/// How many rows the header is looked for in.
pub const HEADER_SEARCH_ROWS: usize = 50;

/// A parsed CSV file or sheet of a workbook.
#[derive(Debug, Clone)]
pub struct Table {
    /// The file as named by the planner (with `#` and the sheet's name, for a workbook).
    pub path: PathBuf,
    /// The delimiter detected from the header line (`,` for a workbook).
    pub delimiter: u8,
    /// How the bytes were decoded (UTF-8 for a workbook).
    pub encoding: Encoding,
    /// The workbook's format and the sheet read, for a workbook.
    pub workbook: Option<(super::workbook::WorkbookFormat, String)>,
    /// The line (row number, for a workbook) of the header.
    pub header_line: u64,
    /// Canonical header names (trimmed, lowercased, aliases applied), in file order.
    pub headers: Vec<String>,
    /// Header names as written in the file (trimmed), for messages.
    pub raw_headers: Vec<String>,
    /// The data rows.
    pub rows: Vec<Row>,
}

impl Table {
    /// Parses the bytes of a CSV file with its header on the first row. `path` is used in
    /// messages only.
    pub fn parse(path: &Path, bytes: &[u8]) -> Result<Table, InputError> {
        Table::read(path, bytes, &Want::default())
    }

    /// Parses the bytes of a CSV file or a workbook, finding the header and the sheet as
    /// `want` says. `path` is used in messages only.
    pub fn read(path: &Path, bytes: &[u8], want: &Want) -> Result<Table, InputError> {
        if let Some(format) = super::workbook::WorkbookFormat::of(bytes) {
            return Table::from_workbook(path, bytes, format, want);
        }
        if want.sheet.is_some() {
            return Err(InputError::file(
                path,
                "a sheet is named after '#', but the file is not a workbook",
            ));
        }
        check_not_binary(path, bytes)?;
        let (text, encoding) = decode_cow(bytes);
        if text.trim().is_empty() {
            return Err(InputError::file(path, "the file is empty"));
        }
        let delimiter = detect_delimiter_in_lines(&text, HEADER_SEARCH_ROWS);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut records = reader.records();
        let mut leading = Vec::new();
        for record in records.by_ref() {
            let record = record.map_err(|e| csv_error(path, e))?;
            let done = fits(record.iter(), want.required);
            leading.push(record);
            if done || leading.len() == HEADER_SEARCH_ROWS {
                break;
            }
        }
        let header_at = leading
            .iter()
            .position(|r| fits(r.iter(), want.required))
            .or_else(|| leading.iter().position(|r| !blank(r.iter())))
            .ok_or_else(|| InputError::file(path, "the file is empty"))?;
        let mut leading = leading.into_iter().skip(header_at);
        let header = leading
            .next()
            .expect("the header is among the leading records");
        let header_line = header.position().map_or(1, |p| p.line());
        let raw_headers: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
        if let Some(open) = unterminated_quote(&text, delimiter) {
            return Err(open.error(path, &text, &raw_headers));
        }
        let headers = checked_headers(path, header_line, &raw_headers)?;
        let mut rows = Vec::new();
        for record in leading.map(Ok).chain(records) {
            let record = record.map_err(|e| csv_error(path, e))?;
            let line = record.position().map_or(0, |p| p.line());
            if blank(record.iter()) {
                continue; // a blank line, or a row of empty cells
            }
            if record.len() != headers.len() {
                return Err(InputError {
                    location: Location {
                        file: path.to_path_buf(),
                        line,
                        column: None,
                    },
                    value: None,
                    problem: format!(
                        "the row has {} fields but the header has {}",
                        record.len(),
                        headers.len()
                    ),
                });
            }
            rows.push(Row {
                line,
                cells: record.iter().map(|c| c.trim().to_string()).collect(),
                numeric: Vec::new(),
            });
        }
        if rows.is_empty() {
            return Err(InputError::file(
                path,
                "the file has a header but no data rows",
            ));
        }
        Ok(Table {
            path: path.to_path_buf(),
            delimiter,
            encoding,
            workbook: None,
            header_line,
            headers,
            raw_headers,
            rows,
        })
    }

    /// A sheet of a workbook: the named one, or the first whose header fits.
    fn from_workbook(
        path: &Path,
        bytes: &[u8],
        format: super::workbook::WorkbookFormat,
        want: &Want,
    ) -> Result<Table, InputError> {
        let sheets = super::workbook::read_sheets(path, bytes, format, want.sheet)?;
        let header_of = |sheet: &super::workbook::Sheet| {
            sheet
                .rows
                .iter()
                .take(HEADER_SEARCH_ROWS)
                .position(|r| fits(r.cells.iter().map(String::as_str), want.required))
        };
        let found = sheets
            .iter()
            .enumerate()
            .find_map(|(k, s)| header_of(s).map(|h| (k, h)));
        let (k, header_at) = match found {
            Some(found) => found,
            None if sheets.len() == 1 || want.required.is_empty() => (0, 0),
            None => {
                let names: Vec<String> = sheets.iter().map(|s| s.name.clone()).collect();
                return Err(InputError::file(
                    path,
                    format!(
                        "no sheet has a header row with the columns {} in its first {} rows                          (sheets: {}); name the sheet as FILE#Sheet, or map the headers with                          --columns",
                        want.required.join(", "),
                        HEADER_SEARCH_ROWS,
                        super::workbook::quoted_list(&names)
                    ),
                ));
            }
        };
        let sheet = sheets.into_iter().nth(k).expect("the sheet found");
        let shown = PathBuf::from(format!("{}#{}", path.display(), sheet.name));
        let mut grid = sheet.rows.into_iter().skip(header_at);
        let Some(header) = grid.next() else {
            return Err(InputError::file(&shown, "the sheet is empty"));
        };
        let data: Vec<super::workbook::GridRow> = grid.collect();
        let width = data
            .iter()
            .map(|r| r.cells.len())
            .chain([header.cells.len()])
            .max()
            .unwrap_or(0);
        let mut raw_headers = header.cells;
        raw_headers.resize(width, String::new());
        let headers = checked_headers(&shown, header.number, &raw_headers)?;
        let rows: Vec<Row> = data
            .into_iter()
            .map(|mut r| {
                r.cells.resize(width, String::new());
                Row {
                    line: r.number,
                    cells: r.cells,
                    numeric: r.numeric,
                }
            })
            .collect();
        if rows.is_empty() {
            return Err(InputError::file(
                &shown,
                "the sheet has a header but no data rows",
            ));
        }
        Ok(Table {
            path: shown,
            delimiter: b',',
            encoding: Encoding::Utf8,
            workbook: Some((format, sheet.name)),
            header_line: header.number,
            headers,
            raw_headers,
            rows,
        })
    }

    /// Whether a workbook stores the cell of `row` in `column` as a number.
    pub fn is_numeric(&self, row: &Row, column: usize) -> bool {
        row.numeric.contains(&(column as u32))
    }

    /// The id (NIP) in a cell, refusing one that cannot be trusted: an id a workbook stores
    /// as a number of 15 digits or more, or with a fraction, or text in a spreadsheet's
    /// exponent form (`1.97809E+17`), has lost its last digits.
    pub fn id_cell(&self, row: &Row, column: usize) -> Result<String, InputError> {
        let text = &row.cells[column];
        let exponent = text.contains(['e', 'E'])
            && parse_number(text, false).is_some()
            && text.bytes().next().is_some_and(|b| b.is_ascii_digit());
        let lossy_number = self.is_numeric(row, column)
            && parse_number(text, false).is_some_and(|v| v.fract() != 0.0 || v.abs() >= 1e14);
        if exponent || lossy_number {
            return Err(self.cell_error(
                row,
                column,
                "the id is stored as a number, which keeps only 15 digits (an 18-digit NIP loses its last ones): format the column as Text in the spreadsheet, enter the NIPs again (or with a leading apostrophe), and read the file again",
            ));
        }
        Ok(text.clone())
    }

    /// The 0-based index of a canonical column, if present.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }

    /// True when numbers may use a decimal comma (`0,85`), as in `;`-delimited files written
    /// by spreadsheets set to Indonesian, and in a workbook's text cells.
    pub fn decimal_comma(&self) -> bool {
        self.workbook.is_some() || self.delimiter != b','
    }

    /// An error about one cell.
    pub fn cell_error(&self, row: &Row, column: usize, problem: impl Into<String>) -> InputError {
        InputError {
            location: Location {
                file: self.path.clone(),
                line: row.line,
                column: Some((column + 1, header_for_message(&self.raw_headers[column]))),
            },
            value: Some(row.cells[column].clone()),
            problem: problem.into(),
        }
    }

    /// Where a column's name is: the header line, with the column's number and name.
    pub fn column_location(&self, column: usize) -> Location {
        Location {
            file: self.path.clone(),
            line: self.header_line,
            column: Some((column + 1, header_for_message(&self.raw_headers[column]))),
        }
    }

    /// An error about one column of the header line (its name, or its place).
    pub fn column_error(&self, column: usize, problem: impl Into<String>) -> InputError {
        InputError {
            location: self.column_location(column),
            value: None,
            problem: problem.into(),
        }
    }

    /// True when some data row has text in the column.
    pub fn column_has_data(&self, column: usize) -> bool {
        self.rows.iter().any(|r| !r.cells[column].is_empty())
    }

    /// Where the header line is.
    pub fn header_location(&self) -> Location {
        Location {
            file: self.path.clone(),
            line: self.header_line,
            column: None,
        }
    }

    /// An error about the header line.
    pub fn header_error(&self, problem: impl Into<String>) -> InputError {
        InputError {
            location: Location {
                file: self.path.clone(),
                line: self.header_line,
                column: None,
            },
            value: None,
            problem: problem.into(),
        }
    }
}

/// A header name as shown in messages: control characters escaped (so that a file cannot
/// drive the terminal) and at most 40 characters.
pub(super) fn header_for_message(raw: &str) -> String {
    let mut out: String = raw
        .chars()
        .take(40)
        .flat_map(|c| {
            let escaped: Vec<char> = if c.is_control() {
                c.escape_default().collect()
            } else {
                vec![c]
            };
            escaped
        })
        .collect();
    if raw.chars().count() > 40 {
        out.push('…');
    }
    out
}

pub use super::csv_text::{
    detect_delimiter, detect_delimiter_in_lines, unterminated_quote, OpenQuote,
};
pub use super::headers::canonical_header;

/// Whether cells are all empty.
fn blank<'a>(mut cells: impl Iterator<Item = &'a str>) -> bool {
    cells.all(|c| c.trim().is_empty())
}

/// Whether a row, taken as a header, holds every `required` canonical column (never, when
/// none is required).
fn fits<'a>(cells: impl Iterator<Item = &'a str>, required: &[&str]) -> bool {
    if required.is_empty() {
        return false;
    }
    let names: Vec<String> = cells.map(canonical_header).collect();
    required.iter().all(|r| names.iter().any(|n| n == r))
}

/// The canonical headers of a header row, refusing a name that appears twice.
fn checked_headers(
    path: &Path,
    line: u64,
    raw_headers: &[String],
) -> Result<Vec<String>, InputError> {
    let headers: Vec<String> = raw_headers.iter().map(|h| canonical_header(h)).collect();
    for (i, name) in headers.iter().enumerate() {
        if name.is_empty() || name == super::headers::ROW_NUMBER_COLUMN {
            continue;
        }
        if let Some(first) = headers[..i].iter().position(|h| h == name) {
            return Err(InputError {
                location: Location {
                    file: path.to_path_buf(),
                    line,
                    column: Some((i + 1, header_for_message(&raw_headers[i]))),
                },
                value: None,
                problem: format!(
                    "column {:?} appears twice (also column {}, {:?})",
                    name,
                    first + 1,
                    header_for_message(&raw_headers[first])
                ),
            });
        }
    }
    Ok(headers)
}

fn csv_error(path: &Path, error: csv::Error) -> InputError {
    let line = error.position().map_or(0, |p| p.line());
    InputError {
        location: Location {
            file: path.to_path_buf(),
            line,
            column: None,
        },
        value: None,
        problem: format!("unreadable csv: {error}"),
    }
}

/// Refuses workbooks, documents and other binary files (named by their content, see
/// [`super::sniff::refused_format`]), which would otherwise be decoded as Windows-1252 into
/// a garbled header.
fn check_not_binary(path: &Path, bytes: &[u8]) -> Result<(), InputError> {
    if let Some(problem) = super::sniff::refused_format(bytes) {
        return Err(InputError::file(path, problem));
    }
    if super::sniff::unicode_form(bytes).is_some() {
        return Ok(());
    }
    if let Some(at) = bytes.iter().position(|&b| b == 0) {
        let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64;
        return Err(InputError {
            location: Location {
                file: path.to_path_buf(),
                line,
                column: None,
            },
            value: None,
            problem: format!("a zero byte at byte {}: this is not a text file", at + 1),
        });
    }
    Ok(())
}

/// Decodes UTF-8 (dropping a byte order mark), UTF-16 or UTF-32 (with or without a byte
/// order mark), or else Windows-1252.
pub fn decode(bytes: &[u8]) -> (String, Encoding) {
    let (text, encoding) = decode_cow(bytes);
    (text.into_owned(), encoding)
}

/// [`decode`] without copying valid UTF-8; the decoders are encoding_rs's (the WHATWG
/// Encoding Standard's), malformed sequences becoming U+FFFD, and for UTF-32 (which the
/// standard leaves out) [`super::sniff::decode_form`].
fn decode_cow(bytes: &[u8]) -> (Cow<'_, str>, Encoding) {
    if let Some(form) = super::sniff::unicode_form(bytes) {
        let encoding = if form.width == 2 {
            Encoding::Utf16
        } else {
            Encoding::Utf32
        };
        return (Cow::Owned(super::sniff::decode_form(bytes, form)), encoding);
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), Encoding::Utf8),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            (Cow::Owned(text.into_owned()), Encoding::Windows1252)
        }
    }
}

/// Parses a decimal number, accepting a decimal comma when `decimal_comma` is set.
/// Rejects NaN and infinities.
pub fn parse_number(text: &str, decimal_comma: bool) -> Option<f64> {
    let owned;
    let text = if decimal_comma && text.contains(',') && !text.contains('.') {
        owned = text.replacen(',', ".", 1);
        owned.as_str()
    } else {
        text
    };
    if !text
        .bytes()
        .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+' | b'e' | b'E'))
    {
        return None;
    }
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Reads one file into a table and describes it: a CSV file, or a sheet of a workbook
/// (`FILE#Sheet name` names the sheet; without it, the first sheet whose header holds the
/// `required` columns). The header is the first row holding the `required` columns.
pub fn read_table(
    path: &Path,
    required: &[&str],
) -> crate::error::Result<(Table, super::people::InputInfo)> {
    let (file, sheet) = split_sheet(path);
    let bytes = read_input(&file)?;
    let want = Want {
        required,
        sheet: sheet.as_deref(),
    };
    let table = Table::read(&file, &bytes, &want)?;
    let info = super::people::InputInfo::of(&file, &bytes, &table);
    Ok((table, info))
}

/// A path and the sheet it names after its last `#` (`staff.xlsx#Pegawai`), when there is
/// no file of the whole name and there is one of the part before the `#`.
pub fn split_sheet(path: &Path) -> (PathBuf, Option<String>) {
    if path.exists() {
        return (path.to_path_buf(), None);
    }
    let text = path.to_string_lossy();
    match text.rsplit_once('#') {
        Some((file, sheet)) if !sheet.is_empty() && Path::new(file).is_file() => {
            (PathBuf::from(file), Some(sheet.to_string()))
        }
        _ => (path.to_path_buf(), None),
    }
}

#[cfg(test)]
#[path = "table_tests.rs"]
mod tests;

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

/// Indonesian (and common) header names and the canonical column they stand for.
pub const HEADER_ALIASES: [(&str, &str); 8] = [
    ("instansi", "scope"),
    ("nip", "id"),
    ("nama", "name"),
    ("unit_kerja", "unit"),
    ("opd", "unit"),
    ("golongan", "grade"),
    ("kapasitas", "capacity"),
    ("beban_kerja", "workload"),
];

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

/// One data row: its line in the file and its trimmed cells, one per header column.
#[derive(Debug, Clone)]
pub struct Row {
    /// 1-based line on which the row starts.
    pub line: u64,
    /// Trimmed cell texts, as many as there are header columns.
    pub cells: Vec<String>,
}

/// A parsed CSV file.
#[derive(Debug, Clone)]
pub struct Table {
    /// The file as named by the planner.
    pub path: PathBuf,
    /// The delimiter detected from the header line.
    pub delimiter: u8,
    /// How the bytes were decoded.
    pub encoding: Encoding,
    /// Canonical header names (trimmed, lowercased, aliases applied), in file order.
    pub headers: Vec<String>,
    /// Header names as written in the file (trimmed), for messages.
    pub raw_headers: Vec<String>,
    /// The data rows.
    pub rows: Vec<Row>,
}

impl Table {
    /// Parses the bytes of a file. `path` is used in messages only.
    pub fn parse(path: &Path, bytes: &[u8]) -> Result<Table, InputError> {
        check_not_binary(path, bytes)?;
        let (text, encoding) = decode_cow(bytes);
        if text.trim().is_empty() {
            return Err(InputError::file(path, "the file is empty"));
        }
        let delimiter = detect_delimiter(&text);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut records = reader.records();
        let header = match records.next() {
            Some(Ok(record)) => record,
            Some(Err(e)) => return Err(csv_error(path, e)),
            None => return Err(InputError::file(path, "the file is empty")),
        };
        let raw_headers: Vec<String> = header.iter().map(|h| h.trim().to_string()).collect();
        if let Some(open) = unterminated_quote(&text, delimiter) {
            return Err(open.error(path, &text, &raw_headers));
        }
        let headers: Vec<String> = raw_headers.iter().map(|h| canonical_header(h)).collect();
        for (i, name) in headers.iter().enumerate() {
            if name.is_empty() {
                continue;
            }
            if let Some(first) = headers[..i].iter().position(|h| h == name) {
                return Err(InputError {
                    location: Location {
                        file: path.to_path_buf(),
                        line: 1,
                        column: Some((i + 1, header_for_message(&raw_headers[i]))),
                    },
                    value: None,
                    problem: format!(
                        "column {:?} appears twice (also column {})",
                        name,
                        first + 1
                    ),
                });
            }
        }
        let mut rows = Vec::new();
        for record in records {
            let record = record.map_err(|e| csv_error(path, e))?;
            let line = record.position().map_or(0, |p| p.line());
            if record.len() == 1 && record.get(0).is_some_and(|c| c.trim().is_empty()) {
                continue; // a blank line
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
            headers,
            raw_headers,
            rows,
        })
    }

    /// The 0-based index of a canonical column, if present.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }

    /// True when numbers may use a decimal comma (`0,85`), as in `;`-delimited files written
    /// by spreadsheets set to Indonesian.
    pub fn decimal_comma(&self) -> bool {
        self.delimiter != b','
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
            line: 1,
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

    /// An error about the header line.
    pub fn header_error(&self, problem: impl Into<String>) -> InputError {
        InputError {
            location: Location {
                file: self.path.clone(),
                line: 1,
                column: None,
            },
            value: None,
            problem: problem.into(),
        }
    }
}

/// A header name as shown in messages: control characters escaped (so that a file cannot
/// drive the terminal) and at most 40 characters.
fn header_for_message(raw: &str) -> String {
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

/// Canonical name of a header: trimmed, lowercased, `k :x` tightened, aliases applied.
pub fn canonical_header(raw: &str) -> String {
    let lower = raw.trim().to_lowercase();
    if let Some((prefix, rest)) = lower.split_once(':') {
        return format!("{}:{}", prefix.trim(), rest.trim());
    }
    HEADER_ALIASES
        .iter()
        .find(|(alias, _)| *alias == lower)
        .map_or(lower.clone(), |(_, canonical)| canonical.to_string())
}

/// A quoted field that no quote closes: where its quote opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenQuote {
    /// 1-based line of the quote.
    pub line: u64,
    /// 0-based record (the header is record 0).
    pub record: usize,
    /// 0-based field within the record.
    pub field: usize,
    /// Byte offset of the quote in the text.
    pub offset: usize,
}

impl OpenQuote {
    /// The error naming the file, the line and the column where the quote opens, with the
    /// field's text up to the end of that line.
    fn error(&self, path: &Path, text: &str, raw_headers: &[String]) -> InputError {
        let rest = &text[self.offset..];
        let value = rest.split(['\n', '\r']).next().unwrap_or(rest);
        let column = (self.record > 0)
            .then(|| raw_headers.get(self.field))
            .flatten()
            .map(|h| (self.field + 1, header_for_message(h)));
        InputError {
            location: Location {
                file: path.to_path_buf(),
                line: self.line,
                column: column.or(Some((self.field + 1, "header".into()))),
            },
            value: Some(value.to_string()),
            problem: "unterminated quote: the quote that opens this field is never closed, so \
                      the rest of the file would be one cell (close it, or write a quote inside \
                      a cell as \"\")"
                .into(),
        }
    }
}

/// The quoted field that no quote closes, if any, read as the csv reader reads: a quote
/// opens a quoted field only at the start of a field, `""` inside it is a quote, and the
/// field ends at the next quote.
pub fn unterminated_quote(text: &str, delimiter: u8) -> Option<OpenQuote> {
    #[derive(PartialEq)]
    enum State {
        FieldStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let mut state = State::FieldStart;
    let (mut line, mut record, mut field) = (1u64, 0usize, 0usize);
    let mut open = None;
    for (at, &b) in text.as_bytes().iter().enumerate() {
        let end_of_record = b == b'\n' || b == b'\r';
        state = match state {
            State::Quoted if b == b'"' => State::QuoteInQuoted,
            State::Quoted => State::Quoted,
            State::QuoteInQuoted if b == b'"' => State::Quoted,
            State::FieldStart if b == b'"' => {
                open = Some(OpenQuote {
                    line,
                    record,
                    field,
                    offset: at,
                });
                State::Quoted
            }
            _ if b == delimiter => {
                field += 1;
                State::FieldStart
            }
            _ if end_of_record => {
                if !(b == b'\n' && at > 0 && text.as_bytes()[at - 1] == b'\r') {
                    record += 1;
                }
                field = 0;
                State::FieldStart
            }
            _ => State::Unquoted,
        };
        if b == b'\n' {
            line += 1;
        }
    }
    open.filter(|_| state == State::Quoted)
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

/// Picks `,`, `;` or tab: whichever occurs most often outside quotes on the header line
/// (a comma on a tie or when none occurs).
pub fn detect_delimiter(text: &str) -> u8 {
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let candidates = [b',', b';', b'\t'];
    let mut best = 0;
    for i in 1..3 {
        if counts[i] > counts[best] {
            best = i;
        }
    }
    candidates[best]
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

#[cfg(test)]
mod tests {
    use super::*;

    fn table(text: &str) -> Result<Table, InputError> {
        Table::parse(Path::new("t.csv"), text.as_bytes())
    }

    #[test]
    fn detects_delimiters() {
        assert_eq!(detect_delimiter("a,b,c\n1;2"), b',');
        assert_eq!(detect_delimiter("a;b;c\n"), b';');
        assert_eq!(detect_delimiter("a\tb\tc"), b'\t');
        assert_eq!(detect_delimiter("\"a;b\",c"), b',');
        assert_eq!(detect_delimiter("single"), b',');
    }

    #[test]
    fn headers_are_canonical_with_aliases() {
        let t =
            table("\u{feff} NIP ;Nama;Unit_Kerja;GOLONGAN;K: Integritas\n1;a;b;III/a;3\n").unwrap();
        assert_eq!(t.headers, ["id", "name", "unit", "grade", "k:integritas"]);
        assert_eq!(t.delimiter, b';');
        assert_eq!(t.rows[0].line, 2);
    }

    #[test]
    fn quoted_newlines_and_trimming() {
        let t = table("id,name\n\" 7 \",\"Siregar,\nRina\"\n8,Budi\n").unwrap();
        assert_eq!(t.rows[0].cells, ["7", "Siregar,\nRina"]);
        assert_eq!(t.rows[1].line, 4);
    }

    #[test]
    fn ragged_row_names_its_line() {
        let e = table("id,name\n1,a\n2\n").unwrap_err();
        assert_eq!(e.location.line, 3);
        assert!(e.problem.contains("1 fields but the header has 2"), "{e}");
    }

    #[test]
    fn unterminated_quotes_name_the_line_and_column_where_they_open() {
        let e = table("id,name,unit\n1,\"Siregar, Rina,U\n2,Budi,U\n3,Ani,U\n").unwrap_err();
        assert_eq!(e.location.line, 2);
        assert_eq!(e.location.column, Some((2, "name".to_string())));
        assert_eq!(e.value.as_deref(), Some("\"Siregar, Rina,U"));
        assert!(e.problem.starts_with("unterminated quote"), "{e}");
        // in the last cell of the file, where the reader would take it for a whole cell
        let e = table("id;name\r\n1;a\r\n2;\"b\r\n").unwrap_err();
        assert_eq!(e.location.line, 3);
        assert_eq!(e.location.column, Some((2, "name".to_string())));
        // in the header
        let e = table("id,\"name\n1,a\n").unwrap_err();
        assert_eq!(
            (e.location.line, e.location.column),
            (1, Some((2, "header".into())))
        );
        // closed quotes, doubled quotes, quotes inside a cell and newlines in quotes are fine
        let t = table("id,name\n1,\"a \"\"b\"\" c\"\n2,x\"y\n3,\"multi\nline\"\n").unwrap();
        assert_eq!(t.rows[0].cells[1], "a \"b\" c");
        assert_eq!(t.rows[1].cells[1], "x\"y");
        assert_eq!(t.rows[2].line, 4);
        assert_eq!(
            unterminated_quote("a,\"b\"\"\n", b','),
            Some(OpenQuote {
                line: 1,
                record: 0,
                field: 1,
                offset: 2
            })
        );
        assert_eq!(unterminated_quote("a,\"b\"\"\"\n", b','), None);
    }

    #[test]
    fn utf16_and_utf32_without_byte_order_marks_are_read() {
        let text = "id;name\n1;Siregar Ñ\n";
        let mut le16 = Vec::new();
        for unit in text.encode_utf16() {
            le16.extend(unit.to_le_bytes());
        }
        let t = Table::parse(Path::new("u.csv"), &le16).unwrap();
        assert_eq!((t.encoding, t.delimiter), (Encoding::Utf16, b';'));
        assert_eq!(t.rows[0].cells[1], "Siregar Ñ");
        let be32: Vec<u8> = text
            .chars()
            .flat_map(|c| (c as u32).to_be_bytes())
            .collect();
        let t = Table::parse(Path::new("u.csv"), &be32).unwrap();
        assert_eq!(t.encoding, Encoding::Utf32);
        assert_eq!(t.rows[0].cells, ["1", "Siregar Ñ"]);
        let mut le32 = vec![0xFF, 0xFE, 0, 0];
        le32.extend(text.chars().flat_map(|c| (c as u32).to_le_bytes()));
        let t = Table::parse(Path::new("u.csv"), &le32).unwrap();
        assert_eq!(
            (t.encoding, t.headers.clone()),
            (Encoding::Utf32, vec!["id".to_string(), "name".into()])
        );
    }

    #[test]
    fn empty_and_header_only_files_are_refused() {
        assert!(table("").unwrap_err().problem.contains("empty"));
        assert!(table(" \n").unwrap_err().problem.contains("empty"));
        assert!(table("id,name\n")
            .unwrap_err()
            .problem
            .contains("no data rows"));
    }

    #[test]
    fn duplicate_header_is_refused() {
        let e = table("nip,id\n1,2\n").unwrap_err();
        assert_eq!(e.location.column, Some((2, "id".to_string())));
    }

    #[test]
    fn header_names_in_messages_are_tamed() {
        let e = table("id,\"k:\x1b[31mred\"\n1,9\n").unwrap();
        let error = e.cell_error(&e.rows[0], 1, "bad");
        assert_eq!(error.location.column, Some((2, "k:\\u{1b}[31mred".into())));
        assert_eq!(
            header_for_message(&"x".repeat(50)),
            format!("{}…", "x".repeat(40))
        );
    }

    #[test]
    fn utf16_and_sizes() {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in "id\tname\n1\tÑ\n".encode_utf16() {
            bytes.extend(unit.to_be_bytes());
        }
        let t = Table::parse(Path::new("u.csv"), &bytes).unwrap();
        assert_eq!((t.encoding, t.delimiter), (Encoding::Utf16, b'\t'));
        assert_eq!(t.rows[0].cells[1], "Ñ");
        assert_eq!(parse_bytes("512m"), Some(512 << 20));
        assert_eq!(parse_bytes(" 2G "), Some(2 << 30));
        assert_eq!(parse_bytes("1024"), Some(1024));
        assert_eq!(parse_bytes("k"), None);
        assert_eq!(parse_bytes("99999999999g"), None);
    }

    #[test]
    fn windows_1252_is_decoded() {
        let t = Table::parse(Path::new("w.csv"), b"id,name\n1,Andr\xe9 \x93A\x94\n").unwrap();
        assert_eq!(t.encoding, Encoding::Windows1252);
        assert_eq!(t.rows[0].cells[1], "André “A”");
    }

    #[test]
    fn numbers_with_decimal_comma() {
        assert_eq!(parse_number("0,85", true), Some(0.85));
        assert_eq!(parse_number("0,85", false), None);
        assert_eq!(parse_number("3", false), Some(3.0));
        assert_eq!(parse_number("NaN", false), None);
        assert_eq!(parse_number("inf", false), None);
        assert_eq!(parse_number("1e400", false), None);
        assert_eq!(parse_number("two", false), None);
    }
}

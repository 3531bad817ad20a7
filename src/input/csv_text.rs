//! The text of a CSV file before its cells: which delimiter it uses, and where a quote
//! opens that nothing closes.

use std::path::Path;

use crate::error::{InputError, Location};

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

/// [`detect_delimiter`] over the first `lines` lines: the delimiter that occurs most often
/// outside quotes on one line, so that title rows above the header (with no delimiter, or
/// one comma in a sentence) do not decide it.
pub fn detect_delimiter_in_lines(text: &str, lines: usize) -> u8 {
    let candidates = [b',', b';', b'\t'];
    let mut best = [0usize; 3];
    let mut counts = [0usize; 3];
    let mut quoted = false;
    let mut seen = 0;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => {
                for i in 0..3 {
                    best[i] = best[i].max(counts[i]);
                }
                counts = [0; 3];
                seen += 1;
                if seen == lines {
                    break;
                }
            }
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    for i in 0..3 {
        best[i] = best[i].max(counts[i]);
    }
    let mut pick = 0;
    for i in 1..3 {
        if best[i] > best[pick] {
            pick = i;
        }
    }
    candidates[pick]
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
    pub(super) fn error(&self, path: &Path, text: &str, raw_headers: &[String]) -> InputError {
        let rest = &text[self.offset..];
        let value = rest.split(['\n', '\r']).next().unwrap_or(rest);
        let column = (self.record > 0)
            .then(|| raw_headers.get(self.field))
            .flatten()
            .map(|h| (self.field + 1, super::table::header_for_message(h)));
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

//! Tests of [`super`].

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
    let t = table("\u{feff} NIP ;Nama;Unit_Kerja;GOLONGAN;K: Integritas\n1;a;b;III/a;3\n").unwrap();
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

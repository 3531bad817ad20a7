//! What a file is, from its bytes rather than its name: the Unicode forms read besides UTF-8
//! (UTF-16 and UTF-32, with or without a byte order mark), and the formats refused, each
//! named for what it is (an OpenDocument spreadsheet saved as `.xlsx` is called an
//! OpenDocument spreadsheet).

/// A Unicode encoding form other than UTF-8, as found at the start of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Form {
    /// Bytes per code unit: 2 (UTF-16) or 4 (UTF-32).
    pub width: usize,
    /// Little-endian (`FF FE` first for a byte order mark) or big-endian.
    pub little: bool,
    /// Length of the byte order mark the file starts with (0 when it has none).
    pub bom: usize,
}

/// How many bytes of the start of a file the zero-byte patterns are looked for in.
const SAMPLE: usize = 4096;

/// The UTF-16 or UTF-32 form of `bytes`: by its byte order mark, or, without one, by the
/// pattern of zero bytes that text in the ASCII range has in these forms (`i\0d\0` is
/// UTF-16LE, `\0\0\0i` UTF-32BE): at least three code units in four of the first 4 KiB are
/// ASCII characters, and none is zero. `None` for anything else (UTF-8, Windows-1252, or a
/// binary file).
pub fn unicode_form(bytes: &[u8]) -> Option<Form> {
    let form = |width, little, bom| Some(Form { width, little, bom });
    match bytes {
        [0xFF, 0xFE, 0x00, 0x00, ..] => return form(4, true, 4),
        [0x00, 0x00, 0xFE, 0xFF, ..] => return form(4, false, 4),
        [0xFF, 0xFE, ..] => return form(2, true, 2),
        [0xFE, 0xFF, ..] => return form(2, false, 2),
        _ => {}
    }
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    for width in [4, 2] {
        for little in [true, false] {
            if looks_like(sample, width, little) {
                return form(width, little, 0);
            }
        }
    }
    None
}

/// True when most code units of `sample` (read `width` bytes at a time, in the byte order
/// given) are ASCII characters and none is zero or outside Unicode.
fn looks_like(sample: &[u8], width: usize, little: bool) -> bool {
    let units = sample.len() / width;
    if units < 2 {
        return false;
    }
    let mut ascii = 0;
    for chunk in sample.chunks_exact(width) {
        let mut unit: u32 = 0;
        for k in 0..width {
            let byte = if little {
                chunk[width - 1 - k]
            } else {
                chunk[k]
            };
            unit = (unit << 8) | u32::from(byte);
        }
        if unit == 0 || unit > 0x10FFFF {
            return false;
        }
        if unit < 0x80 {
            ascii += 1;
        }
    }
    ascii * 4 >= units * 3
}

/// Decodes UTF-16 or UTF-32 text of the form given (after its byte order mark); malformed
/// code units become U+FFFD, and a byte order mark that is left (U+FEFF) is dropped.
pub fn decode_form(bytes: &[u8], form: Form) -> String {
    let body = &bytes[form.bom..];
    let text = if form.width == 2 {
        let decoder = if form.little {
            encoding_rs::UTF_16LE
        } else {
            encoding_rs::UTF_16BE
        };
        decoder.decode_without_bom_handling(body).0.into_owned()
    } else {
        let mut text = String::with_capacity(body.len() / 4);
        let mut chunks = body.chunks_exact(4);
        for chunk in &mut chunks {
            let b: [u8; 4] = chunk.try_into().expect("four bytes");
            let unit = if form.little {
                u32::from_le_bytes(b)
            } else {
                u32::from_be_bytes(b)
            };
            text.push(char::from_u32(unit).unwrap_or('\u{FFFD}'));
        }
        if !chunks.remainder().is_empty() {
            text.push('\u{FFFD}');
        }
        text
    };
    match text.strip_prefix('\u{FEFF}') {
        Some(rest) => rest.to_string(),
        None => text,
    }
}

/// What a file that is not text is, when its content says so: workbooks, documents,
/// archives and PDFs, each with how to make CSV of it. `None` for anything else.
pub fn refused_format(bytes: &[u8]) -> Option<String> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        return Some(zip_format(bytes));
    }
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        let what = if contains(bytes, &utf16le("Workbook")) || contains(bytes, &utf16le("Book")) {
            "an excel 97-2003 workbook (.xls)"
        } else if contains(bytes, &utf16le("WordDocument")) {
            "a word 97-2003 document (.doc)"
        } else {
            "a legacy microsoft office file (ole compound file, such as .xls or .doc)"
        };
        return Some(format!(
            "this is {what}, not csv: open it and save it as \"csv utf-8\""
        ));
    }
    if bytes.starts_with(b"%PDF-") {
        return Some("this is a pdf document, not csv: export the table from the program that made it as \"csv utf-8\"".into());
    }
    None
}

/// A zip file named for what it holds: an OpenDocument file by its `mimetype` entry, an
/// Office Open XML file by its part names.
fn zip_format(bytes: &[u8]) -> String {
    const ODF: &[u8] = b"application/vnd.oasis.opendocument.";
    let save_csv = "open it and save it as \"csv utf-8\"";
    if let Some(kind) = find(bytes, b"mimetype")
        .and_then(|at| find(&bytes[at..(at + 128).min(bytes.len())], ODF).map(|k| at + k))
        .map(|at| &bytes[at + ODF.len()..])
    {
        let (what, how) = if kind.starts_with(b"spreadsheet") {
            (
                "an opendocument spreadsheet (.ods)",
                "in libreoffice calc, save it as \"text csv\" with the character set \"unicode (utf-8)\"",
            )
        } else if kind.starts_with(b"text") {
            ("an opendocument text document (.odt)", save_csv)
        } else {
            ("an opendocument file", save_csv)
        };
        return format!("this is {what}, not csv: {how}");
    }
    let what = if contains(bytes, b"xl/") {
        "an excel workbook (.xlsx)"
    } else if contains(bytes, b"word/") {
        "a word document (.docx)"
    } else if contains(bytes, b"ppt/") {
        "a powerpoint presentation (.pptx)"
    } else {
        return "this is a zip archive, not csv: unpack it, or save the table as \"csv utf-8\""
            .into();
    };
    format!("this is {what}, not csv: {save_csv}")
}

/// The text's UTF-16LE bytes (as names are stored in an OLE compound file).
fn utf16le(text: &str) -> Vec<u8> {
    text.encode_utf16().flat_map(u16::to_le_bytes).collect()
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    find(haystack, needle).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn encode(text: &str, width: usize, little: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if width == 2 {
            for u in text.encode_utf16() {
                out.extend(if little {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                });
            }
        } else {
            for c in text.chars() {
                let u = c as u32;
                out.extend(if little {
                    u.to_le_bytes()
                } else {
                    u.to_be_bytes()
                });
            }
        }
        out
    }

    #[test]
    fn forms_are_found_with_and_without_byte_order_marks() {
        let text = "id,name\n1,Siregar Ñ 中\n";
        for width in [2, 4] {
            for little in [true, false] {
                let bare = encode(text, width, little);
                let form = unicode_form(&bare).unwrap();
                assert_eq!((form.width, form.little, form.bom), (width, little, 0));
                assert_eq!(decode_form(&bare, form), text);
                let marked = encode(&format!("\u{FEFF}{text}"), width, little);
                let form = unicode_form(&marked).unwrap();
                assert_eq!((form.width, form.little, form.bom), (width, little, width));
                assert_eq!(decode_form(&marked, form), text);
            }
        }
    }

    #[test]
    fn utf8_windows_1252_and_binary_files_have_no_form() {
        assert_eq!(unicode_form(b"id,name\n1,a\n"), None);
        assert_eq!(unicode_form(b"id,name\n1,Andr\xe9\n"), None);
        assert_eq!(unicode_form(&[0u8; 64]), None);
        assert_eq!(unicode_form(b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR"), None);
        // mostly non-ASCII UTF-16 without a mark is not recognised by its zero bytes
        assert_eq!(unicode_form(&encode("中文中文中文", 2, true)), None);
        // an odd byte at the end of UTF-16 becomes U+FFFD
        let mut odd = encode("id,x", 2, true);
        odd.push(b'!');
        let form = unicode_form(&odd).unwrap();
        assert_eq!(decode_form(&odd, form), "id,x\u{FFFD}");
    }

    /// A zip of stored entries (enough for the local headers the sniffing reads).
    fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut out = Vec::new();
        for (name, data) in entries {
            out.extend(b"PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00");
            out.extend(0u32.to_le_bytes()); // crc-32, not checked here
            out.extend((data.len() as u32).to_le_bytes());
            out.extend((data.len() as u32).to_le_bytes());
            out.extend((name.len() as u16).to_le_bytes());
            out.extend(0u16.to_le_bytes());
            out.extend(name.as_bytes());
            out.extend(*data);
        }
        out
    }

    #[test]
    fn containers_are_named_by_their_content() {
        let ods = zip(&[
            (
                "mimetype",
                b"application/vnd.oasis.opendocument.spreadsheet",
            ),
            ("content.xml", b"<office:document-content/>"),
        ]);
        assert!(refused_format(&ods)
            .unwrap()
            .contains("opendocument spreadsheet (.ods)"));
        let odt = zip(&[("mimetype", b"application/vnd.oasis.opendocument.text")]);
        assert!(refused_format(&odt).unwrap().contains("(.odt)"));
        let xlsx = zip(&[
            ("[Content_Types].xml", b"<Types/>"),
            ("xl/workbook.xml", b"<workbook/>"),
        ]);
        assert!(refused_format(&xlsx)
            .unwrap()
            .contains("excel workbook (.xlsx)"));
        let docx = zip(&[("[Content_Types].xml", b""), ("word/document.xml", b"")]);
        assert!(refused_format(&docx)
            .unwrap()
            .contains("word document (.docx)"));
        let other = zip(&[("notes.txt", b"hello")]);
        assert!(refused_format(&other).unwrap().contains("zip archive"));
        let mut xls = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        xls.extend(utf16le("Workbook"));
        assert!(refused_format(&xls)
            .unwrap()
            .contains("excel 97-2003 workbook (.xls)"));
        let mut doc = xls[..8].to_vec();
        doc.extend(utf16le("WordDocument"));
        assert!(refused_format(&doc).unwrap().contains("(.doc)"));
        assert!(refused_format(b"%PDF-1.7\n").unwrap().contains("pdf"));
        assert_eq!(refused_format(b"id,name\n"), None);
    }
}

//! What every page of the letters shares: the document around a letter (inline print
//! stylesheet for A4, no script, no reference to fetch), and the pieces pages are built of.

use std::fmt::Write as _;

use crate::report::labels::Lang;
use crate::report::rules_text::Rule;

/// Text made safe inside HTML, with every control character (which HTML does not allow in
/// text, and a printer cannot show) replaced by U+FFFD.
pub fn esc(text: &str) -> String {
    let shown: String = text
        .chars()
        .map(|c| if c.is_control() { '\u{fffd}' } else { c })
        .collect();
    crate::report::html::esc(&shown)
}

/// The print stylesheet of the letters, inlined into every page.
pub const STYLE: &str = include_str!("letters.css");

/// A page: `body` (HTML) in an A4 letter, titled `title`.
pub fn page(lang: Lang, title: &str, body: &str) -> Vec<u8> {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
         <article class=\"letter\">\n{body}</article>\n</body>\n</html>\n",
        lang.code(),
        esc(title)
    )
    .into_bytes()
}

/// The head of a letter: the scenario (when there is one) above the title, and a subject
/// line below it.
pub fn letterhead(lang: Lang, scenario: Option<&str>, title: &str, subject: &str) -> String {
    let mut out = String::from("<header class=\"letterhead\">\n");
    if let Some(name) = scenario {
        let _ = writeln!(
            out,
            "<p class=\"kicker\">{}: {}</p>",
            esc(lang.letters().scenario),
            esc(name)
        );
    }
    let _ = writeln!(out, "<h1>{}</h1>", esc(title));
    if !subject.is_empty() {
        let _ = writeln!(out, "<p class=\"subject\">{}</p>", esc(subject));
    }
    out.push_str("</header>\n");
    out
}

/// The address lines, the salutation and the first paragraph of a letter.
pub fn opening(opening: &crate::report::labels::Opening) -> String {
    let (address, salutation, paragraph) = opening;
    let address: Vec<String> = address.iter().map(|line| esc(line)).collect();
    format!(
        "<p class=\"address\">{}</p>\n<p>{}</p>\n<p>{}</p>\n",
        address.join("<br>\n"),
        esc(salutation),
        esc(paragraph)
    )
}

/// A link back to the index of the folder (not printed).
pub fn back_link(index: &str, label: &str) -> String {
    format!(
        "<nav class=\"back\"><a href=\"{}\">{}</a></nav>\n",
        esc(index),
        esc(label)
    )
}

/// Label-value lines (`Name: ...`), skipping empty values.
pub fn fields(rows: &[(&str, String)]) -> String {
    let mut out = String::from("<table class=\"fields\">\n");
    for (label, value) in rows.iter().filter(|(_, v)| !v.is_empty()) {
        let _ = writeln!(
            out,
            "<tr><th>{}</th><td>{}</td></tr>",
            esc(label),
            esc(value)
        );
    }
    out.push_str("</table>\n");
    out
}

/// One cell of a table: its HTML (already escaped) and whether it holds a number.
pub struct Td {
    html: String,
    numeric: bool,
}

impl Td {
    /// A text cell.
    pub fn text(text: &str) -> Td {
        Td {
            html: esc(text),
            numeric: false,
        }
    }

    /// A number cell (right-aligned).
    pub fn num(text: &str) -> Td {
        Td {
            html: esc(text),
            numeric: true,
        }
    }

    /// A cell holding a link to `href` (a file of the folder) reading `text`.
    pub fn link(href: &str, text: &str) -> Td {
        Td {
            html: format!("<a href=\"{}\">{}</a>", esc(href), esc(text)),
            numeric: false,
        }
    }
}

/// A table with a header row (`numeric` heads right-aligned like their cells), or the
/// language's "None." when there is no row.
pub fn table(lang: Lang, headers: &[(&str, bool)], rows: Vec<Vec<Td>>) -> String {
    if rows.is_empty() {
        return format!("<p>{}</p>\n", esc(lang.letters().none));
    }
    let class = |numeric: bool| if numeric { " class=\"num\"" } else { "" };
    let mut out = String::from("<table>\n<thead><tr>");
    for (h, numeric) in headers {
        let _ = write!(out, "<th{}>{}</th>", class(*numeric), esc(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for td in row {
            let _ = write!(out, "<td{}>{}</td>", class(td.numeric), td.html);
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out
}

/// The programme's rules, numbered.
pub fn rules_section(lang: Lang, rules: &[Rule]) -> String {
    let mut out = format!(
        "<section class=\"rules\">\n<h2>{}</h2>\n<ol class=\"rules\">\n",
        esc(lang.letters().rules)
    );
    for rule in rules {
        let _ = writeln!(out, "<li>{}</li>", esc(&rule.words(lang)));
    }
    out.push_str("</ol>\n</section>\n");
    out
}

/// The signature block: place and date, the official in charge, name and NIP, each left
/// for the office to fill in.
pub fn signature(lang: Lang) -> String {
    let l = lang.letters();
    let blank = "..............................";
    format!(
        "<div class=\"signature\">\n<p>{}: {blank}</p>\n<p>{}</p>\n<p class=\"space\"></p>\n\
         <p>{}: {blank}</p>\n</div>\n",
        esc(l.place_date),
        esc(l.official),
        esc(l.name_nip)
    )
}

/// A level, gap or cover in level points: at most two decimals, as the language writes
/// them (`1.5`, `1,5`, `2`).
pub fn points(lang: Lang, v: f64) -> String {
    lang.number((v * 100.0).round() / 100.0)
}

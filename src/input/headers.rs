//! Header names as HR writes them, and the columns they stand for.
//!
//! A header is matched by its words: case, spacing, punctuation and parenthesised notes do
//! not count, so "Unit Kerja / OPD" is `unit`, "Beban Kerja (ABK)" is `workload`, "Pangkat/Gol.
//! Ruang" is `grade` and "Nama Pegawai" is `name` ([`ALIASES`]). A competency column is `k:`
//! followed by the competency (`k:komunikasi`), or, for the competencies of the standard
//! (PermenPANRB 38/2017, [`STANDARD`]), the competency's name alone, with or without its code
//! ("M.1 Integritas", "INTEGRITAS", "Kerja Sama", "SK.1 Perekat Bangsa"). A target is
//! `target:` or `standar:` followed by the competency, or "Target"/"Standar" before a
//! competency of the standard. Competency names are matched the same way everywhere (the
//! headers of both files, and the long-form assessments): "M.1 Integritas", "INTEGRITAS",
//! "k:integritas" and "Integritas" are one competency, `integritas`.
//!
//! A planner's own header names can be mapped with a columns file ([`ColumnMap`], `--columns
//! FILE.toml`), which is read before any table and applies to every table.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, RwLock};

use crate::error::{Error, Result};

/// Header words (see [`words`]) and the canonical column they stand for. The canonical
/// names themselves (`id`, `unit`, `min_mentees`, ...) match too.
pub const ALIASES: &[(&str, &str)] = &[
    ("nip", "id"),
    ("nip baru", "id"),
    ("nomor induk pegawai", "id"),
    ("nama", "name"),
    ("nama pegawai", "name"),
    ("nama lengkap", "name"),
    ("nama asn", "name"),
    ("unit kerja", "unit"),
    ("opd", "unit"),
    ("unit kerja opd", "unit"),
    ("opd unit kerja", "unit"),
    ("perangkat daerah", "unit"),
    ("satuan kerja", "unit"),
    ("satker", "unit"),
    ("skpd", "unit"),
    ("unit organisasi", "unit"),
    ("instansi", "scope"),
    ("golongan", "grade"),
    ("golongan ruang", "grade"),
    ("gol ruang", "grade"),
    ("gol", "grade"),
    ("golru", "grade"),
    ("pangkat golongan", "grade"),
    ("pangkat gol", "grade"),
    ("pangkat gol ruang", "grade"),
    ("pangkat golongan ruang", "grade"),
    ("kapasitas", "capacity"),
    ("kapasitas bimbingan", "capacity"),
    ("kuota", "capacity"),
    ("kuota bimbingan", "capacity"),
    ("beban kerja", "workload"),
    ("abk", "workload"),
    ("ej", "workload"),
    ("efisiensi jabatan", "workload"),
    ("min mentees", "min_mentees"),
    ("hours used", "hours_used"),
    ("max hours", "max_hours"),
    ("peran", "role"),
    ("predikat", "performance"),
    ("predikat kinerja", "performance"),
    ("predikat kinerja pegawai", "performance"),
    ("skp", "performance"),
    ("predikat skp", "performance"),
    ("kompetensi", "competency"),
    ("nama kompetensi", "competency"),
    ("nilai", "level"),
    ("level kompetensi", "level"),
    ("nilai kompetensi", "level"),
    ("standar", "target"),
    ("level standar", "target"),
    ("standar kompetensi", "target"),
    ("mentee id", "mentee_id"),
    ("nip mentee", "mentee_id"),
    ("mentor id", "mentor_id"),
    ("nip mentor", "mentor_id"),
    ("aturan", "rule"),
    ("nama jabatan", "jabatan"),
];

/// Canonical columns that are read somewhere (by one of the tables), matched by their own
/// names as well as by [`ALIASES`]. `jabatan` (the post) is no input of the match: it is
/// the column `--keep-columns` passes through by default ([`crate::input::kept`]).
pub const CANONICAL: &[&str] = &[
    "id",
    "name",
    "unit",
    "scope",
    "grade",
    "capacity",
    "workload",
    "min_mentees",
    "hours_used",
    "max_hours",
    "role",
    "performance",
    "competency",
    "level",
    "target",
    "mentee_id",
    "mentor_id",
    "rule",
    "jabatan",
];

/// Header words of a running number ("No", "No. Urut"): a column every staff list has, known
/// and never read.
pub const ROW_NUMBER: &[&str] = &["no", "no urut", "nomor", "nomor urut", "urut"];

/// The canonical name of a running-number column.
pub const ROW_NUMBER_COLUMN: &str = "#row-number";

/// The competencies of the standard (PermenPANRB 38/2017, Standar Kompetensi Jabatan ASN):
/// the key bimbing uses, the code, and the names it is written by (as [`words`]).
pub const STANDARD: &[(&str, &str, &[&str])] = &[
    ("integritas", "m1", &["integritas"]),
    ("kerja_sama", "m2", &["kerja sama", "kerjasama"]),
    ("komunikasi", "m3", &["komunikasi"]),
    (
        "orientasi_hasil",
        "m4",
        &["orientasi pada hasil", "orientasi hasil"],
    ),
    ("pelayanan_publik", "m5", &["pelayanan publik"]),
    (
        "pengembangan_diri",
        "m6",
        &["pengembangan diri dan orang lain", "pengembangan diri"],
    ),
    ("mengelola_perubahan", "m7", &["mengelola perubahan"]),
    ("pengambilan_keputusan", "m8", &["pengambilan keputusan"]),
    ("perekat_bangsa", "sk1", &["perekat bangsa"]),
];

/// The words of a header or name: lowercased, parenthesised and bracketed notes left out,
/// every run of other characters than letters and digits one space, trimmed.
pub fn words(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut depth = 0usize;
    let mut space = false;
    for c in raw.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_alphanumeric() => {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.extend(c.to_lowercase());
            }
            _ => space = true,
        }
    }
    out
}

/// The code of the standard at the start of competency words ("m 1 integritas", "m1
/// integritas", "sk 1"), and the words after it.
fn split_code(words: &str) -> (Option<String>, &str) {
    let mut parts = words.splitn(3, ' ');
    let first = parts.next().unwrap_or("");
    let code_letters = |w: &str| matches!(w, "m" | "sk" | "t");
    let is_number = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    if code_letters(first) {
        if let Some(second) = parts.next().filter(|w| is_number(w)) {
            let rest = words[first.len() + 1 + second.len()..].trim_start();
            return (Some(format!("{first}{second}")), rest);
        }
    }
    let letters = first.trim_end_matches(|c: char| c.is_ascii_digit());
    if code_letters(letters) && letters.len() < first.len() {
        return (Some(first.to_string()), words[first.len()..].trim_start());
    }
    (None, words)
}

/// The key of a competency of the standard named by `words` (with or without its code), or
/// by its code alone.
fn standard_key(words: &str) -> Option<&'static str> {
    let (code, rest) = split_code(words);
    if rest.is_empty() {
        let code = code?;
        return STANDARD.iter().find(|s| s.1 == code).map(|s| s.0);
    }
    let found = STANDARD.iter().find(|s| s.2.contains(&rest))?;
    match code {
        Some(code) if code != found.1 => None,
        _ => Some(found.0),
    }
}

/// The key of a competency as bimbing names it: a competency of the standard by its key
/// (`kerja_sama`, whatever the spelling or code), any other by its words joined with `_`
/// ("Teknis Anggaran" is `teknis_anggaran`). Empty when the name has no letters or digits.
pub fn competency_key(name: &str) -> String {
    let w = words(name);
    if let Some(key) = standard_key(&w) {
        return key.to_string();
    }
    w.replace(' ', "_")
}

/// What a header stands for, as a canonical name: a column of [`CANONICAL`], `k:<key>` (a
/// competency level), `target:<key>`, [`ROW_NUMBER_COLUMN`], or else the header's words
/// joined with `_` (a column no reader knows; the readers warn about it). A column file's
/// mapping ([`ColumnMap`]) comes first.
pub fn canonical_header(raw: &str) -> String {
    let w = words(raw);
    if let Some(mapped) = columns().get(&w) {
        return mapped.clone();
    }
    canonical_unmapped(raw, &w)
}

/// [`canonical_header`] without the planner's column map.
fn canonical_unmapped(raw: &str, w: &str) -> String {
    let trimmed = raw.trim();
    if let Some((prefix, rest)) = trimmed.split_once(':') {
        let prefix = words(prefix);
        let kind = match prefix.as_str() {
            "k" | "kompetensi" | "level" | "nilai" => Some("k"),
            "target" | "standar" => Some("target"),
            _ => None,
        };
        if let Some(kind) = kind {
            return format!("{kind}:{}", competency_key(rest));
        }
    }
    let under = w.replace(' ', "_");
    if CANONICAL.contains(&under.as_str()) {
        return under;
    }
    if let Some((_, canonical)) = ALIASES.iter().find(|(alias, _)| *alias == w) {
        return canonical.to_string();
    }
    if ROW_NUMBER.contains(&w) {
        return ROW_NUMBER_COLUMN.to_string();
    }
    if let Some(key) = standard_key(w) {
        return format!("k:{key}");
    }
    for (prefix, kind) in [
        ("level standar ", "target"),
        ("standar kompetensi ", "target"),
        ("standar ", "target"),
        ("target ", "target"),
        ("nilai ", "k"),
        ("level ", "k"),
    ] {
        if let Some(key) = w.strip_prefix(prefix).and_then(standard_key) {
            return format!("{kind}:{key}");
        }
    }
    under
}

/// The canonical field a header looks like (its words hold a word of a known column's
/// names, such as "golongan" or "beban") when it did not match: for a warning that names the
/// field and says how to map the header.
pub fn looks_like(raw: &str) -> Option<&'static str> {
    const HINTS: &[(&str, &str)] = &[
        ("nip", "id"),
        ("nama", "name"),
        ("unit", "unit"),
        ("opd", "unit"),
        ("golongan", "grade"),
        ("gol", "grade"),
        ("pangkat", "grade"),
        ("kapasitas", "capacity"),
        ("kuota", "capacity"),
        ("beban", "workload"),
        ("abk", "workload"),
        ("workload", "workload"),
        ("predikat", "performance"),
        ("skp", "performance"),
        ("kinerja", "performance"),
        ("peran", "role"),
        ("kompetensi", "a competency"),
        ("standar", "a target"),
        ("target", "a target"),
    ];
    let w = words(raw);
    w.split(' ')
        .find_map(|word| HINTS.iter().find(|(h, _)| *h == word).map(|(_, f)| *f))
}

/// The planner's own header names and the columns they stand for, from a columns file:
///
/// ```toml
/// [columns]
/// "NIP Baru (18 digit)" = "id"
/// "Unit Eselon II" = "unit"
/// "Hasil Asesmen Integritas" = "k:integritas"
/// ```
///
/// Keys are matched by their words, as headers are; values are canonical column names
/// ([`CANONICAL`]), `k:<competency>` or `target:<competency>`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnMap {
    by_words: BTreeMap<String, String>,
    /// The headers as the file writes them, in its order, for `--keep-columns`.
    pub headers: Vec<String>,
}

impl ColumnMap {
    /// Reads a columns file.
    pub fn read(path: &Path) -> Result<ColumnMap> {
        let text = super::read_toml(path)?;
        ColumnMap::parse(&text).map_err(|e| Error::Settings(format!("{}: {e}", path.display())))
    }

    /// Parses the text of a columns file.
    pub fn parse(text: &str) -> std::result::Result<ColumnMap, String> {
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| e.to_string())?;
        let mut map = ColumnMap::default();
        for (key, value) in &table {
            if key != "columns" {
                return Err(format!(
                    "unknown section or key {key:?}: a columns file has one table, [columns]"
                ));
            }
            let toml::Value::Table(columns) = value else {
                return Err("\"columns\" must be a table of header = column".into());
            };
            for (header, column) in columns {
                let toml::Value::String(column) = column else {
                    return Err(format!(
                        "[columns] {header:?}: the column must be text, such as \"unit\""
                    ));
                };
                let canonical = canonical_unmapped(column, &words(column));
                let known = CANONICAL.contains(&canonical.as_str())
                    || canonical
                        .strip_prefix("k:")
                        .or_else(|| canonical.strip_prefix("target:"))
                        .is_some_and(|k| !k.is_empty());
                if !known {
                    return Err(format!(
                        "[columns] {header:?} = {column:?}: not a column bimbing reads (one of \
                         {}, k:<competency> or target:<competency>)",
                        CANONICAL.join(", ")
                    ));
                }
                let w = words(header);
                if w.is_empty() {
                    return Err(format!(
                        "[columns] {header:?}: the header has no letters or digits"
                    ));
                }
                if let Some(before) = map.by_words.insert(w, canonical.clone()) {
                    if before != canonical {
                        return Err(format!(
                            "[columns] {header:?}: mapped twice (to {before:?} and {canonical:?})"
                        ));
                    }
                }
                map.headers.push(header.clone());
            }
        }
        Ok(map)
    }

    /// The column a header's words are mapped to.
    pub fn get(&self, words: &str) -> Option<&String> {
        self.by_words.get(words)
    }

    /// Whether the map maps nothing.
    pub fn is_empty(&self) -> bool {
        self.by_words.is_empty()
    }
}

/// The column map every table is read with.
static COLUMNS: RwLock<Option<Arc<ColumnMap>>> = RwLock::new(None);

/// Sets the column map every table is read with from now on (the command sets it from
/// `--columns` before it reads any file).
pub fn set_columns(map: ColumnMap) {
    *COLUMNS.write().unwrap_or_else(|e| e.into_inner()) = Some(Arc::new(map));
}

/// The column map in use (empty unless [`set_columns`] set one).
pub fn columns() -> Arc<ColumnMap> {
    COLUMNS
        .read()
        .unwrap_or_else(|e| e.into_inner())
        .clone()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_drop_case_punctuation_and_notes() {
        assert_eq!(words(" Unit Kerja / OPD "), "unit kerja opd");
        assert_eq!(words("Beban Kerja (ABK)"), "beban kerja");
        assert_eq!(words("Pangkat/Gol. Ruang"), "pangkat gol ruang");
        assert_eq!(words("M.1 Integritas"), "m 1 integritas");
        assert_eq!(words("min_mentees"), "min mentees");
        assert_eq!(words("(catatan)"), "");
    }

    #[test]
    fn headers_as_hr_writes_them() {
        for (raw, canonical) in [
            ("NIP", "id"),
            ("Nama Pegawai", "name"),
            ("Nama Lengkap", "name"),
            ("Unit Kerja / OPD", "unit"),
            ("OPD", "unit"),
            ("Golongan Ruang", "grade"),
            ("Pangkat/Gol. Ruang", "grade"),
            ("Beban Kerja (ABK)", "workload"),
            ("Kapasitas Bimbingan", "capacity"),
            ("min_mentees", "min_mentees"),
            ("Predikat Kinerja", "performance"),
            ("Peran", "role"),
            ("No", ROW_NUMBER_COLUMN),
            ("Instansi", "scope"),
            ("Jabatan", "jabatan"),
            ("Nama Jabatan", "jabatan"),
            ("e-mail", "e_mail"),
        ] {
            assert_eq!(canonical_header(raw), canonical, "{raw}");
        }
    }

    #[test]
    fn competencies_with_or_without_prefix_or_code() {
        for (raw, canonical) in [
            ("k:integritas", "k:integritas"),
            ("K : Kerja Sama", "k:kerja_sama"),
            ("k:kerja_sama", "k:kerja_sama"),
            ("M.1 Integritas", "k:integritas"),
            ("INTEGRITAS", "k:integritas"),
            ("Kerja Sama", "k:kerja_sama"),
            ("SK.1 Perekat Bangsa", "k:perekat_bangsa"),
            ("M.4 Orientasi pada Hasil", "k:orientasi_hasil"),
            ("M6 Pengembangan Diri dan Orang Lain", "k:pengembangan_diri"),
            ("M.8", "k:pengambilan_keputusan"),
            ("target:komunikasi", "target:komunikasi"),
            ("Standar: M.3 Komunikasi", "target:komunikasi"),
            ("Standar Komunikasi", "target:komunikasi"),
            ("Target Integritas", "target:integritas"),
            ("k:Teknis Anggaran", "k:teknis_anggaran"),
            ("k:", "k:"),
        ] {
            assert_eq!(canonical_header(raw), canonical, "{raw}");
        }
        // a code that contradicts the name is not the standard's competency
        assert_eq!(canonical_header("M.2 Integritas"), "m_2_integritas");
        assert_eq!(competency_key("M.1 Integritas"), "integritas");
        assert_eq!(competency_key("INTEGRITAS"), "integritas");
        assert_eq!(competency_key("Teknis Anggaran"), "teknis_anggaran");
    }

    #[test]
    fn look_alikes_are_named() {
        assert_eq!(looks_like("Golongan Terakhir"), Some("grade"));
        assert_eq!(looks_like("Beban Kerja 2024"), Some("workload"));
        assert_eq!(looks_like("Email"), None);
    }

    #[test]
    fn column_files_map_and_check() {
        let map = ColumnMap::parse(
            "[columns]\n\"NIP Baru (18 digit)\" = \"id\"\n\"Unit Eselon II\" = \"Unit\"\n\
             \"Hasil Integritas\" = \"k:M.1 Integritas\"\n",
        )
        .unwrap();
        assert_eq!(map.get("nip baru").map(String::as_str), Some("id"));
        assert_eq!(map.get("unit eselon ii").map(String::as_str), Some("unit"));
        assert_eq!(
            map.get("hasil integritas").map(String::as_str),
            Some("k:integritas")
        );
        for bad in [
            "[columns]\n\"A\" = \"nonsense\"\n",
            "[columns]\n\"A\" = 3\n",
            "[other]\n\"A\" = \"id\"\n",
            "[columns]\n\"A\" = \"id\"\n\"a\" = \"unit\"\n",
            "[columns]\n\"()\" = \"id\"\n",
        ] {
            assert!(ColumnMap::parse(bad).is_err(), "{bad}");
        }
    }
}

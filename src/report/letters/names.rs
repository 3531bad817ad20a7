//! The letters' file names: safe on every system whatever the ids and units hold (`../`,
//! `CON`, slashes, control characters, any length), derived from the data alone, so that
//! the same input gives the same names.
//!
//! A mentor's letter is `mentor-<id>.html` with the id lowercased and every character but
//! ASCII letters and digits made `_` (runs of them one, at most 64 kept); two ids that give
//! one name (`A/1`, `a_1`) get `-2`, `-3`, ... in the order of the mentors file. A unit's
//! list is `unit-<n>-<slug>.html`: `n` its place among the units (zero-padded to the same
//! width), the slug its name lowercased with every run of other characters than ASCII
//! letters and digits one `-` (at most 48 kept; `unit-<n>.html` when nothing is left). Every
//! name starts with a word and a dash and ends with `.html`: no reserved device name, no
//! leading dot, no trailing dot or space.

/// The index page of a folder of letters.
pub const INDEX: &str = "index.html";

/// Whether `name` is one bimbing gives a file in a folder of letters (the index, a mentor's
/// letter or a unit's list): the files `--force` may replace or remove there.
pub fn is_letter_name(name: &str) -> bool {
    let plain = name
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'-' | b'_' | b'.'));
    name == INDEX
        || (plain
            && name.ends_with(".html")
            && (name.starts_with("mentor-") || name.starts_with("unit-")))
}

/// The letter names of the mentors `mentors` (their ids, in order), unique on systems that
/// ignore case.
pub fn mentor_file_names<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut taken: Vec<String> = Vec::new();
    ids.into_iter()
        .map(|id| {
            let part = squeeze(id, '_', 64);
            let base = format!("mentor-{}", if part.is_empty() { "_" } else { &part });
            let mut name = format!("{base}.html");
            let mut n = 2;
            while taken.contains(&name) {
                name = format!("{base}-{n}.html");
                n += 1;
            }
            taken.push(name.clone());
            name
        })
        .collect()
}

/// The name of the list of the unit at place `n` (1-based) of `count` units.
pub fn unit_file_name(n: usize, count: usize, unit: &str) -> String {
    let width = count.max(1).to_string().len();
    let slug = squeeze(unit, '-', 48);
    if slug.is_empty() {
        format!("unit-{n:0width$}.html")
    } else {
        format!("unit-{n:0width$}-{slug}.html")
    }
}

/// `text` lowercased, every run of characters other than ASCII letters and digits one
/// `mark`, trimmed of marks, cut to `max` characters (and trimmed again).
fn squeeze(text: &str, mark: char, max: usize) -> String {
    let mut out = String::new();
    let mut pending = false;
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            if pending && !out.is_empty() {
                out.push(mark);
            }
            pending = false;
            out.push(c.to_ascii_lowercase());
        } else {
            pending = true;
        }
    }
    let cut: String = out.chars().take(max).collect();
    cut.trim_end_matches(mark).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_ids_and_units_give_safe_distinct_names() {
        let long = "9".repeat(500);
        let ids = [
            "198001012005011001",
            "../../etc/passwd",
            "CON",
            "con",
            "a/b\\c",
            "a_b_c",
            "\u{0}\u{1b}[31m",
            "",
            "Ünïcødé",
            long.as_str(),
        ];
        let names = mentor_file_names(ids.iter().copied());
        assert_eq!(names[0], "mentor-198001012005011001.html");
        assert_eq!(names[1], "mentor-etc_passwd.html");
        assert_eq!(
            (names[2].as_str(), names[3].as_str()),
            ("mentor-con.html", "mentor-con-2.html")
        );
        assert_eq!(
            (names[4].as_str(), names[5].as_str()),
            ("mentor-a_b_c.html", "mentor-a_b_c-2.html")
        );
        for name in &names {
            assert!(is_letter_name(name), "{name}");
            assert!(name.len() <= 80, "{name}");
            assert!(
                !name.contains(['/', '\\']) && !name.contains(".."),
                "{name}"
            );
        }
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len());

        assert_eq!(
            unit_file_name(3, 12, "Dinas Kesehatan"),
            "unit-03-dinas-kesehatan.html"
        );
        assert_eq!(unit_file_name(1, 1, "../CON/"), "unit-1-con.html");
        assert_eq!(unit_file_name(7, 9, "\u{7}\u{0}//"), "unit-7.html");
        let long_unit = unit_file_name(10, 100, &"Dinas ".repeat(40));
        assert!(
            long_unit.len() <= 64 && is_letter_name(&long_unit),
            "{long_unit}"
        );
        assert!(!is_letter_name("notes.html") && !is_letter_name("mentor-x.htm"));
        assert!(!is_letter_name("unit-../x.html") && is_letter_name(INDEX));
    }
}

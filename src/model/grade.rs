//! Ranks: PNS golongan/ruang, PPPK grades and plain whole-number ranks, on one ladder.
//!
//! The PNS ladder has 17 steps, `I/a` = 1 up to `IV/e` = 17. A PPPK grade (Roman numeral
//! `I` .. `XVII`) is placed on that ladder at the step with the same number, which matches the
//! entry equivalences of the regulation (SMA: PPPK V ~ II/a = 5, S1: PPPK IX ~ III/a = 9,
//! S2: PPPK X ~ III/b = 10, S3: PPPK XI ~ III/c = 11), and is shown as a PPPK grade. A plain
//! whole number is taken as the step itself.
//!
//! A golongan is read as staff systems and people write it: `III/a`, `III-a`, `III.a`,
//! `IIIa`, `III / A`, with its pangkat (`Penata Muda (III/a)`, `Penata Muda Tk. I - III/b`),
//! or as the pangkat alone (`Penata Muda Tingkat I`).

use std::fmt;

/// A rank on the 17-step PNS ladder (or a whole-number rank given directly), and how it is
/// written: a PPPK grade stays a PPPK grade when shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Grade {
    step: u8,
    form: Form,
}

/// How a grade is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
enum Form {
    /// A golongan/ruang of the PNS ladder (`III/a`), or a plain number above it.
    Golongan,
    /// A PPPK grade (`IX`), placed at its entry equivalent.
    Pppk,
}

/// The highest whole-number rank accepted.
pub const MAX_RANK: u8 = 99;

const ROMAN: [&str; 17] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
    "XVI", "XVII",
];
const RUANG_PER_GOLONGAN: [u8; 4] = [4, 4, 4, 5];

/// The pangkat of each step of the PNS ladder, words lowercased and `tingkat` written `tk`.
const PANGKAT: [&str; 17] = [
    "juru muda",
    "juru muda tk i",
    "juru",
    "juru tk i",
    "pengatur muda",
    "pengatur muda tk i",
    "pengatur",
    "pengatur tk i",
    "penata muda",
    "penata muda tk i",
    "penata",
    "penata tk i",
    "pembina",
    "pembina tk i",
    "pembina utama muda",
    "pembina utama madya",
    "pembina utama",
];

impl Grade {
    /// The grade at a step of the ladder (1-based), written as a golongan.
    pub fn from_step(step: u8) -> Option<Grade> {
        (1..=MAX_RANK).contains(&step).then_some(Grade {
            step,
            form: Form::Golongan,
        })
    }

    /// The step on the ladder: `I/a` = 1 ... `IV/e` = 17.
    pub fn step(self) -> u8 {
        self.step
    }

    /// Whether the grade is a PPPK grade.
    pub fn is_pppk(self) -> bool {
        self.form == Form::Pppk
    }

    /// Parses a golongan (`III/a`, `iii / A`, `III-a`, `III.a`, `IIIa`, `Penata Muda
    /// (III/a)`, `Penata Muda`), a PPPK grade (`IX`, `PPPK IX`) or a whole number (`9`).
    /// Returns `None` when the text is none of these.
    pub fn parse(text: &str) -> Option<Grade> {
        let text = text.trim();
        if text.is_empty() {
            return None;
        }
        // "Penata Muda (III/a)": the golongan in the brackets, which must agree with the
        // pangkat before them when that names one
        if let (Some(open), true) = (text.find('('), text.ends_with(')')) {
            let inner = Grade::parse_code(&text[open + 1..text.len() - 1])?;
            let before = text[..open].trim();
            let pangkat = pangkat_step(before);
            if !before.is_empty() && pangkat.is_none() {
                return None;
            }
            if pangkat.is_some_and(|step| step != inner.step || inner.form != Form::Golongan) {
                return None;
            }
            return Some(inner);
        }
        if let Some(step) = pangkat_step(text) {
            return Grade::from_step(step);
        }
        // "Penata Muda Tk. I - III/b", "Penata Muda, III/a": a pangkat, then its golongan
        if let Some(at) = text.rfind(['-', ',']) {
            let (before, after) = (text[..at].trim(), text[at + 1..].trim());
            if let (Some(step), Some(g)) = (pangkat_step(before), Grade::parse_code(after)) {
                return (g.form == Form::Golongan && g.step == step).then_some(g);
            }
        }
        Grade::parse_code(text)
    }

    /// A golongan, PPPK grade or number written as a code, without a pangkat.
    fn parse_code(text: &str) -> Option<Grade> {
        let compact: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        if compact.is_empty() {
            return None;
        }
        if compact.bytes().all(|b| b.is_ascii_digit()) {
            return compact.parse::<u8>().ok().and_then(Grade::from_step);
        }
        let compact = compact
            .strip_prefix("GOLONGAN")
            .or_else(|| compact.strip_prefix("GOL."))
            .or_else(|| compact.strip_prefix("GOL"))
            .unwrap_or(&compact);
        if let Some(roman) = compact.strip_prefix("PPPK") {
            return pppk(roman);
        }
        // golongan and ruang: "III/A", "III-A", "III.A", "IIIA"
        let split = compact
            .find(|c: char| !matches!(c, 'I' | 'V' | 'X'))
            .unwrap_or(compact.len());
        let (gol, rest) = compact.split_at(split);
        let ruang = rest.strip_prefix(['/', '-', '.']).unwrap_or(rest);
        if ruang.is_empty() && rest.is_empty() {
            return pppk(gol);
        }
        let gol = roman_value(gol)?;
        if !(1..=4).contains(&gol) {
            return None;
        }
        let mut letters = ruang.chars();
        let letter = letters.next()?;
        if letters.next().is_some() || !letter.is_ascii_alphabetic() {
            return None;
        }
        let ruang = letter as u8 - b'A';
        if ruang >= RUANG_PER_GOLONGAN[gol as usize - 1] {
            return None;
        }
        let below: u8 = RUANG_PER_GOLONGAN[..gol as usize - 1].iter().sum();
        Grade::from_step(below + ruang + 1)
    }
}

/// A PPPK grade from its Roman numeral.
fn pppk(roman: &str) -> Option<Grade> {
    roman_value(roman).map(|step| Grade {
        step,
        form: Form::Pppk,
    })
}

/// The step of a pangkat (`Penata Muda Tk. I`, `penata muda tingkat 1`), if the text is one.
fn pangkat_step(text: &str) -> Option<u8> {
    let words: Vec<String> = text
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| match w {
            "tingkat" => "tk".to_string(),
            "1" => "i".to_string(),
            _ => w.to_string(),
        })
        .collect();
    let joined = words.join(" ");
    PANGKAT
        .iter()
        .position(|p| *p == joined)
        .map(|i| i as u8 + 1)
}

fn roman_value(text: &str) -> Option<u8> {
    ROMAN.iter().position(|r| *r == text).map(|i| i as u8 + 1)
}

impl fmt::Display for Grade {
    /// Shows the golongan for steps 1..=17 (`III/a`), a PPPK grade as its Roman numeral
    /// (`IX`), and the number otherwise.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.form == Form::Pppk {
            return write!(f, "{}", ROMAN[self.step as usize - 1]);
        }
        if self.step > 17 {
            return write!(f, "{}", self.step);
        }
        let mut rest = self.step - 1;
        for (gol, count) in RUANG_PER_GOLONGAN.iter().enumerate() {
            if rest < *count {
                return write!(f, "{}/{}", ROMAN[gol], (b'a' + rest) as char);
            }
            rest -= count;
        }
        unreachable!("steps up to 17 are covered by the ladder")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ladder_ends_and_middle() {
        assert_eq!(Grade::parse("I/a").unwrap().step(), 1);
        assert_eq!(Grade::parse("I/d").unwrap().step(), 4);
        assert_eq!(Grade::parse("II/a").unwrap().step(), 5);
        assert_eq!(Grade::parse("III/a").unwrap().step(), 9);
        assert_eq!(Grade::parse("III/d").unwrap().step(), 12);
        assert_eq!(Grade::parse("IV/a").unwrap().step(), 13);
        assert_eq!(Grade::parse("IV/e").unwrap().step(), 17);
    }

    #[test]
    fn spaces_and_case_are_tolerated() {
        assert_eq!(Grade::parse(" iii / b ").unwrap().step(), 10);
        assert_eq!(Grade::parse("Iv/C").unwrap().step(), 15);
    }

    #[test]
    fn pppk_grades_sit_at_their_entry_equivalent() {
        let step = |t: &str| Grade::parse(t).unwrap().step();
        assert_eq!(step("V"), step("II/a"));
        assert_eq!(step("VII"), step("II/c"));
        assert_eq!(step("IX"), step("III/a"));
        assert_eq!(step("pppk x"), step("III/b"));
        assert_eq!(step("XI"), step("III/c"));
        assert_eq!(step("XVII"), 17);
    }

    #[test]
    fn pppk_grades_are_shown_as_written() {
        for (text, shown) in [
            ("IX", "IX"),
            ("pppk x", "X"),
            ("PPPK XVII", "XVII"),
            ("v", "V"),
        ] {
            let g = Grade::parse(text).unwrap();
            assert!(g.is_pppk());
            assert_eq!(g.to_string(), shown);
            assert_eq!(Grade::parse(&g.to_string()), Some(g));
        }
        assert!(!Grade::parse("III/a").unwrap().is_pppk());
    }

    #[test]
    fn golongan_as_staff_systems_write_it() {
        for text in [
            "III/a",
            "III-a",
            "III.a",
            "IIIa",
            "III / A",
            "iii-A",
            "Penata Muda (III/a)",
            "penata muda ( III-a )",
            "Penata Muda",
            "PENATA MUDA",
            "(III/a)",
            "Gol. III/a",
            "Golongan III/a",
        ] {
            let g = Grade::parse(text).unwrap_or_else(|| panic!("{text} should parse"));
            assert_eq!((g.step(), g.is_pppk()), (9, false), "{text}");
            assert_eq!(g.to_string(), "III/a", "{text}");
        }
        for (text, step) in [
            ("Penata Muda Tk. I (III/b)", 10),
            ("Penata Muda Tingkat I", 10),
            ("Penata Muda Tk.I - III/b", 10),
            ("Pembina Utama (IV/e)", 17),
            ("Juru Muda", 1),
            ("IVe", 17),
            ("II.d", 8),
        ] {
            assert_eq!(Grade::parse(text).map(|g| g.step()), Some(step), "{text}");
        }
        // a pangkat that contradicts its golongan is no grade
        for bad in [
            "Penata (III/a)",
            "Penata Muda - III/c",
            "Juragan (III/a)",
            "IIIf",
            "III-",
        ] {
            assert!(Grade::parse(bad).is_none(), "{bad} should not parse");
        }
    }

    #[test]
    fn whole_numbers_are_steps() {
        assert_eq!(Grade::parse("9").unwrap().step(), 9);
        assert_eq!(Grade::parse("42").unwrap().step(), 42);
        assert!(Grade::parse("0").is_none());
        assert!(Grade::parse("100").is_none());
    }

    #[test]
    fn nonsense_is_rejected() {
        for bad in [
            "", "IV/f", "I/e", "V/a", "III/ab", "XVIII", "senior", "3.5", "III/",
        ] {
            assert!(Grade::parse(bad).is_none(), "{bad} should not parse");
        }
    }

    #[test]
    fn display_round_trips() {
        for step in 1..=17 {
            let g = Grade::from_step(step).unwrap();
            assert_eq!(Grade::parse(&g.to_string()), Some(g));
        }
        assert_eq!(Grade::from_step(20).unwrap().to_string(), "20");
    }
}

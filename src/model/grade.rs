//! Ranks: PNS golongan/ruang, PPPK grades and plain whole-number ranks, on one ladder.
//!
//! The PNS ladder has 17 steps, `I/a` = 1 up to `IV/e` = 17. A PPPK grade (Roman numeral
//! `I` .. `XVII`) is placed on that ladder at the step with the same number, which matches the
//! entry equivalences of the regulation (SMA: PPPK V ~ II/a = 5, S1: PPPK IX ~ III/a = 9,
//! S2: PPPK X ~ III/b = 10, S3: PPPK XI ~ III/c = 11). A plain whole number is taken as the
//! step itself.

use std::fmt;

/// A rank on the 17-step PNS ladder (or a whole-number rank given directly).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Grade(u8);

/// The highest whole-number rank accepted.
pub const MAX_RANK: u8 = 99;

const ROMAN: [&str; 17] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
    "XVI", "XVII",
];
const RUANG_PER_GOLONGAN: [u8; 4] = [4, 4, 4, 5];

impl Grade {
    /// The grade at a step of the ladder (1-based).
    pub fn from_step(step: u8) -> Option<Grade> {
        (1..=MAX_RANK).contains(&step).then_some(Grade(step))
    }

    /// The step on the ladder: `I/a` = 1 ... `IV/e` = 17.
    pub fn step(self) -> u8 {
        self.0
    }

    /// Parses a golongan (`III/a`, `iii / A`), a PPPK grade (`IX`, `PPPK IX`) or a whole
    /// number (`9`). Returns `None` when the text is none of these.
    pub fn parse(text: &str) -> Option<Grade> {
        let compact: String = text
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        if compact.is_empty() {
            return None;
        }
        if let Some((gol, ruang)) = compact.split_once('/') {
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
            return Some(Grade(below + ruang + 1));
        }
        if compact.bytes().all(|b| b.is_ascii_digit()) {
            return compact.parse::<u8>().ok().and_then(Grade::from_step);
        }
        let roman = compact.strip_prefix("PPPK").unwrap_or(&compact);
        roman_value(roman).map(Grade)
    }
}

fn roman_value(text: &str) -> Option<u8> {
    ROMAN.iter().position(|r| *r == text).map(|i| i as u8 + 1)
}

impl fmt::Display for Grade {
    /// Shows the golongan for steps 1..=17 (`III/a`) and the number otherwise.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0 > 17 {
            return write!(f, "{}", self.0);
        }
        let mut rest = self.0 - 1;
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
        assert_eq!(Grade::parse("V"), Grade::parse("II/a"));
        assert_eq!(Grade::parse("VII"), Grade::parse("II/c"));
        assert_eq!(Grade::parse("IX"), Grade::parse("III/a"));
        assert_eq!(Grade::parse("pppk x"), Grade::parse("III/b"));
        assert_eq!(Grade::parse("XI"), Grade::parse("III/c"));
        assert_eq!(Grade::parse("XVII").unwrap().step(), 17);
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

//! The performance rating of a civil servant: the predikat kinerja of the SKP (Sasaran
//! Kinerja Pegawai), from the lowest to the highest: Sangat Kurang, Kurang, Butuh Perbaikan,
//! Baik, Sangat Baik.
//!
//! A rating is read as HR writes it: case, spacing and punctuation do not count ("SANGAT
//! BAIK", "sangat_baik", "Sangat  Baik"), and the English words are accepted too ("very
//! good", "good", "needs improvement", "poor", "very poor"). It is shown in Indonesian, as
//! the regulation names it.

use std::fmt;

use serde::{Deserialize, Serialize};

/// An SKP rating (predikat kinerja), ordered from the lowest to the highest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Performance {
    /// Sangat Kurang (very poor).
    SangatKurang,
    /// Kurang (poor).
    Kurang,
    /// Butuh Perbaikan (needs improvement).
    ButuhPerbaikan,
    /// Baik (good).
    Baik,
    /// Sangat Baik (very good).
    SangatBaik,
}

impl Performance {
    /// Every rating, from the highest to the lowest.
    pub const ALL: [Performance; 5] = [
        Performance::SangatBaik,
        Performance::Baik,
        Performance::ButuhPerbaikan,
        Performance::Kurang,
        Performance::SangatKurang,
    ];

    /// The rating as the regulation names it ("Sangat Baik").
    pub fn name(self) -> &'static str {
        match self {
            Performance::SangatBaik => "Sangat Baik",
            Performance::Baik => "Baik",
            Performance::ButuhPerbaikan => "Butuh Perbaikan",
            Performance::Kurang => "Kurang",
            Performance::SangatKurang => "Sangat Kurang",
        }
    }

    /// The rating in English ("very good").
    pub fn english(self) -> &'static str {
        match self {
            Performance::SangatBaik => "very good",
            Performance::Baik => "good",
            Performance::ButuhPerbaikan => "needs improvement",
            Performance::Kurang => "poor",
            Performance::SangatKurang => "very poor",
        }
    }

    /// Reads a rating written in Indonesian or English, case, spacing and punctuation
    /// ignored; `None` when the text is no rating.
    pub fn parse(text: &str) -> Option<Performance> {
        let words: Vec<String> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect();
        let key = words.join(" ");
        Performance::ALL.into_iter().find(|p| {
            key == p.name().to_lowercase()
                || key == p.english()
                || (*p == Performance::ButuhPerbaikan && key == "perlu perbaikan")
        })
    }

    /// The ratings as a list for messages: "Sangat Baik, Baik, Butuh Perbaikan, Kurang or
    /// Sangat Kurang".
    pub fn expected() -> String {
        let names: Vec<&str> = Performance::ALL.iter().map(|p| p.name()).collect();
        format!(
            "{} or {}",
            names[..names.len() - 1].join(", "),
            names[names.len() - 1]
        )
    }
}

impl fmt::Display for Performance {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl std::str::FromStr for Performance {
    type Err = String;

    /// [`Performance::parse`], with an error naming the text and the ratings.
    fn from_str(text: &str) -> Result<Performance, String> {
        Performance::parse(text).ok_or_else(|| {
            format!(
                "unknown performance rating {text:?} (expected {})",
                Performance::expected()
            )
        })
    }
}

impl Serialize for Performance {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.name())
    }
}

impl<'de> Deserialize<'de> for Performance {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Performance, D::Error> {
        let text = String::deserialize(d)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_read_as_written() {
        for (text, rating) in [
            ("Sangat Baik", Performance::SangatBaik),
            ("SANGAT BAIK", Performance::SangatBaik),
            ("sangat_baik", Performance::SangatBaik),
            (" Sangat  baik ", Performance::SangatBaik),
            ("Baik", Performance::Baik),
            ("good", Performance::Baik),
            ("Butuh Perbaikan", Performance::ButuhPerbaikan),
            ("needs improvement", Performance::ButuhPerbaikan),
            ("Kurang", Performance::Kurang),
            ("Very Poor", Performance::SangatKurang),
            ("sangat-kurang", Performance::SangatKurang),
        ] {
            assert_eq!(Performance::parse(text), Some(rating), "{text}");
        }
        for text in ["", "Bagus", "baik sekali", "4", "sangat"] {
            assert_eq!(Performance::parse(text), None, "{text}");
        }
    }

    #[test]
    fn ratings_are_ordered_and_shown_as_named() {
        assert!(Performance::SangatBaik > Performance::Baik);
        assert!(Performance::Baik > Performance::ButuhPerbaikan);
        assert!(Performance::Kurang > Performance::SangatKurang);
        assert_eq!(Performance::ButuhPerbaikan.to_string(), "Butuh Perbaikan");
        let e = "Bagus".parse::<Performance>().unwrap_err();
        assert!(
            e.contains("\"Bagus\"") && e.contains("Sangat Kurang"),
            "{e}"
        );
        let json = serde_json::to_string(&Performance::SangatBaik).unwrap();
        assert_eq!(json, "\"Sangat Baik\"");
        let back: Performance = serde_json::from_str("\"sangat baik\"").unwrap();
        assert_eq!(back, Performance::SangatBaik);
    }
}

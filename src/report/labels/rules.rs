//! The programme's rules in words, in English and in Bahasa Indonesia, and numbers as each
//! language writes them in prose (`0.05`, `0,05`).

use super::Lang;
use crate::report::rules_text::{Rule, Shares, Units};

impl Lang {
    /// A number as prose writes it in this language: the shortest form that reads back as
    /// the value, with a decimal comma in Bahasa Indonesia (`0,05`).
    pub fn number(self, v: f64) -> String {
        let v = if v == 0.0 { 0.0 } else { v };
        let text = format!("{v}");
        match self {
            Lang::En => text,
            Lang::Id => text.replace('.', ","),
        }
    }

    /// A number with a fixed count of decimals, with the language's decimal mark.
    pub fn fixed(self, v: f64, decimals: usize) -> String {
        let text = format!("{v:.decimals$}");
        let text = if text.trim_start_matches(['-', '0', '.']).is_empty() {
            text.trim_start_matches('-').to_string()
        } else {
            text
        };
        match self {
            Lang::En => text,
            Lang::Id => text.replace('.', ","),
        }
    }

    /// A share 0-1 as a percentage, to a tenth at most (`30%`, `12,5%`).
    pub fn percent(self, share: f64) -> String {
        let tenths = (share * 1000.0).round() / 10.0;
        format!("{}%", self.number(tenths))
    }
}

impl Rule {
    /// What the rule is about, as the workbook's summary names the row.
    pub fn label(&self, lang: Lang) -> &'static str {
        let (en, id) = match self {
            Rule::Eligibility { .. } => ("rule: eligibility", "aturan: syarat pasangan"),
            Rule::Capacity { .. } => ("rule: capacity", "aturan: kapasitas"),
            Rule::Objective { .. } => ("rule: objective", "aturan: tujuan"),
            Rule::Score { .. } => ("rule: score", "aturan: skor"),
            Rule::Target { .. } => ("rule: target level", "aturan: level target"),
            Rule::SameUnitOnly(_) => ("rule: same unit only", "aturan: hanya unit kerja sendiri"),
            Rule::CrossUnitOnly(_) => ("rule: other units only", "aturan: hanya unit kerja lain"),
            Rule::MaxCrossUnitShare(_) => ("rule: cross-unit share", "aturan: porsi lintas unit"),
            Rule::MinSameUnitShare(_) => ("rule: same-unit share", "aturan: porsi unit sendiri"),
            Rule::MinMentees { .. } => ("rule: minimum mentees", "aturan: mentee minimum"),
            Rule::Hours { .. } => ("rule: hour budget", "aturan: batas jam"),
            Rule::SameScope => ("rule: same scope", "aturan: instansi yang sama"),
            Rule::MentorPerformance { .. } => (
                "rule: mentor performance",
                "aturan: predikat kinerja mentor",
            ),
            Rule::Pairs { .. } => ("rule: pairs file", "aturan: berkas pasangan"),
            Rule::Previous { .. } => ("rule: previous roster", "aturan: daftar sebelumnya"),
        };
        match lang {
            Lang::En => en,
            Lang::Id => id,
        }
    }

    /// The rule in one sentence.
    pub fn words(&self, lang: Lang) -> String {
        let n = |v: f64| lang.number(v);
        let en = lang == Lang::En;
        match self {
            Rule::Eligibility { min_grade_gap: g } => {
                let g = *g;
                match (en, g) {
                    (true, 1) => "A mentor is at least one grade step above the mentee, and nobody mentors themselves.".into(),
                    (true, g) if g > 1 => format!("A mentor is at least {g} grade steps above the mentee, and nobody mentors themselves."),
                    (true, 0) => "A mentor's grade is at least the mentee's, and nobody mentors themselves.".into(),
                    (true, g) => format!("A mentor's grade is at most {} steps below the mentee's, and nobody mentors themselves.", -g),
                    (false, g) if g >= 1 => format!("Golongan mentor sekurang-kurangnya {g} tingkat di atas golongan mentee, dan tidak ada pegawai yang membimbing dirinya sendiri."),
                    (false, 0) => "Golongan mentor sekurang-kurangnya setingkat dengan golongan mentee, dan tidak ada pegawai yang membimbing dirinya sendiri.".into(),
                    (false, g) => format!("Golongan mentor paling rendah {} tingkat di bawah golongan mentee, dan tidak ada pegawai yang membimbing dirinya sendiri.", -g),
                }
            }
            Rule::Capacity { default } => match (en, default) {
                (true, 1) => "Each mentor takes at most the capacity the mentors file states, or one mentee where it states none.".into(),
                (true, c) => format!("Each mentor takes at most the capacity the mentors file states, or {c} mentees where it states none."),
                (false, c) => format!("Setiap mentor membimbing paling banyak sejumlah kapasitas yang tercantum dalam berkas mentor, atau {c} mentee bila kapasitasnya tidak tercantum."),
            },
            Rule::Objective { fair } => match (en, fair) {
                (true, false) => "The roster gives a mentor to as many mentees as possible, and then has the highest total score.".into(),
                (true, true) => "The roster gives a mentor to as many mentees as possible, then has the highest possible lowest score, and then the highest total score.".into(),
                (false, false) => "Daftar pasangan memberikan mentor kepada sebanyak mungkin mentee, kemudian mencapai total skor tertinggi.".into(),
                (false, true) => "Daftar pasangan memberikan mentor kepada sebanyak mungkin mentee, kemudian membuat skor terendah setinggi mungkin, lalu mencapai total skor tertinggi.".into(),
            },
            Rule::Score { complementarity, unit, workload } => {
                let (c, u, w) = (n(*complementarity), n(*unit), n(*workload));
                if en {
                    format!("A pair's score is {c} × the share of the mentee's competency gaps the mentor covers + {u} × 1 when both are of one unit + {w} × the mentor's spare workload.")
                } else {
                    format!("Skor pasangan = {c} × porsi kesenjangan kompetensi mentee yang ditutup mentor + {u} × 1 bila keduanya dari unit kerja yang sama + {w} × sisa beban kerja mentor.")
                }
            }
            Rule::Target { default } => {
                let t = n(*default);
                if en {
                    format!("A competency gap is counted up to the target level the mentees file states, or level {t} where it states none.")
                } else {
                    format!("Kesenjangan kompetensi dihitung sampai level target yang tercantum dalam berkas mentee, atau level {t} bila tidak tercantum.")
                }
            }
            Rule::SameUnitOnly(units) => match (en, units) {
                (true, Units::All) => "Every mentee has a mentor of their own unit.".into(),
                (true, Units::Listed(list)) => format!("Mentees of {} have a mentor of their own unit.", list.join(", ")),
                (false, Units::All) => "Setiap mentee dibimbing oleh mentor dari unit kerjanya sendiri.".into(),
                (false, Units::Listed(list)) => format!("Mentee dari {} dibimbing oleh mentor dari unit kerjanya sendiri.", list.join(", ")),
            },
            Rule::CrossUnitOnly(units) => match (en, units) {
                (true, Units::All) => "Every mentee has a mentor of another unit.".into(),
                (true, Units::Listed(list)) => format!("Mentees of {} have a mentor of another unit.", list.join(", ")),
                (false, Units::All) => "Setiap mentee dibimbing oleh mentor dari unit kerja lain.".into(),
                (false, Units::Listed(list)) => format!("Mentee dari {} dibimbing oleh mentor dari unit kerja lain.", list.join(", ")),
            },
            Rule::MaxCrossUnitShare(shares) => match (en, shares) {
                (true, Shares::All(v)) => format!("At most {} of each unit's matched mentees have a mentor of another unit.", lang.percent(*v)),
                (true, Shares::PerUnit(list)) => format!("At most this share of a unit's matched mentees have a mentor of another unit: {}.", per_unit(lang, list)),
                (false, Shares::All(v)) => format!("Paling banyak {} mentee yang memperoleh mentor dari setiap unit kerja dibimbing oleh mentor dari unit kerja lain.", lang.percent(*v)),
                (false, Shares::PerUnit(list)) => format!("Porsi paling banyak mentee yang memperoleh mentor dari unit kerja lain, per unit kerja: {}.", per_unit(lang, list)),
            },
            Rule::MinSameUnitShare(shares) => match (en, shares) {
                (true, Shares::All(v)) => format!("At least {} of each unit's matched mentees have a mentor of their own unit.", lang.percent(*v)),
                (true, Shares::PerUnit(list)) => format!("At least this share of a unit's matched mentees have a mentor of their own unit: {}.", per_unit(lang, list)),
                (false, Shares::All(v)) => format!("Sekurang-kurangnya {} mentee yang memperoleh mentor dari setiap unit kerja dibimbing oleh mentor dari unit kerjanya sendiri.", lang.percent(*v)),
                (false, Shares::PerUnit(list)) => format!("Porsi sekurang-kurangnya mentee yang memperoleh mentor dari unit kerjanya sendiri, per unit kerja: {}.", per_unit(lang, list)),
            },
            Rule::MinMentees { default } => match (en, default) {
                (true, 0) => "Each mentor gets at least the number of mentees the mentors file states, when possible.".into(),
                (true, 1) => "Each mentor gets at least one mentee when possible (or the number the mentors file states).".into(),
                (true, m) => format!("Each mentor gets at least {m} mentees when possible (or the number the mentors file states)."),
                (false, 0) => "Setiap mentor memperoleh sekurang-kurangnya sejumlah mentee yang tercantum dalam berkas mentor, bila memungkinkan.".into(),
                (false, m) => format!("Setiap mentor memperoleh sekurang-kurangnya {m} mentee bila memungkinkan (atau sejumlah yang tercantum dalam berkas mentor)."),
            },
            Rule::Hours { per_mentee, max } => {
                let h = n(*per_mentee);
                match (en, max) {
                    (true, Some(m)) => format!("Mentoring takes {h} hours per mentee; a mentor's hours already used and the mentoring hours stay within {} hours (or the budget the mentors file states).", n(*m)),
                    (true, None) => format!("Mentoring takes {h} hours per mentee; a mentor's hours already used and the mentoring hours stay within the budget the mentors file states."),
                    (false, Some(m)) => format!("Bimbingan memerlukan {h} jam per mentee; jam yang sudah terpakai ditambah jam bimbingan seorang mentor tidak melebihi {} jam (atau batas yang tercantum dalam berkas mentor).", n(*m)),
                    (false, None) => format!("Bimbingan memerlukan {h} jam per mentee; jam yang sudah terpakai ditambah jam bimbingan seorang mentor tidak melebihi batas yang tercantum dalam berkas mentor."),
                }
            }
            Rule::SameScope => if en {
                "Mentor and mentee belong to the same agency (scope).".into()
            } else {
                "Mentor dan mentee berasal dari instansi (lingkup) yang sama.".into()
            },
            Rule::MentorPerformance { min } => if en {
                format!("Only mentors whose SKP performance rating is {min} or better mentor; a mentor without a rating does not.")
            } else {
                format!("Hanya pegawai dengan predikat kinerja SKP sekurang-kurangnya {min} yang menjadi mentor; pegawai tanpa predikat tidak menjadi mentor.")
            },
            Rule::Pairs { file } => if en {
                format!("The pairs the planner locks or forbids in the pairs file ({file}) are respected.")
            } else {
                format!("Pasangan yang ditetapkan (dikunci) atau dilarang oleh perencana dalam berkas pasangan ({file}) dipatuhi.")
            },
            Rule::Previous { file, bonus } => if en {
                format!("Pairs of the previous roster ({file}) are kept where they can be: a kept pair earns {} more in its score.", n(*bonus))
            } else {
                format!("Pasangan dari daftar sebelumnya ({file}) dipertahankan bila memungkinkan: pasangan yang dilanjutkan memperoleh tambahan skor {}.", n(*bonus))
            },
        }
    }
}

/// Units with their shares: `Dinas A 30%, Dinas B 50%`.
fn per_unit(lang: Lang, list: &[(String, f64)]) -> String {
    list.iter()
        .map(|(unit, v)| format!("{unit} {}", lang.percent(*v)))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_prose() {
        assert_eq!(Lang::En.number(0.05), "0.05");
        assert_eq!(Lang::Id.number(0.05), "0,05");
        assert_eq!(Lang::Id.number(3.0), "3");
        assert_eq!(Lang::Id.number(-0.0), "0");
        assert_eq!(Lang::Id.percent(0.125), "12,5%");
        assert_eq!(Lang::En.percent(0.3), "30%");
        assert_eq!(Lang::Id.fixed(1.26, 1), "1,3");
        assert_eq!(Lang::En.fixed(-0.0001, 1), "0.0");
    }
}

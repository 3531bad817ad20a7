//! The language of the reports, and every label they print in English and in Bahasa
//! Indonesia: CSV headers, sheet names, summary fields, chart titles.
//!
//! English is the default, and its CSV headers are the ones planners' scripts rely on; they
//! never change. Indonesian is chosen with [`Lang::Id`] (`--lang id`).

use serde::{Deserialize, Serialize};

use crate::report::roster_csv::{LOAD_HEADER, ROSTER_HEADER};
use crate::roster::Unmatched;

/// The language of the labels in reports.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, clap::ValueEnum,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    /// English (the default).
    #[default]
    En,
    /// Bahasa Indonesia.
    Id,
}

impl Lang {
    /// The language code: `en` or `id`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Id => "id",
        }
    }

    /// The label tables of this language.
    pub(crate) fn labels(self) -> &'static Labels {
        match self {
            Lang::En => &EN,
            Lang::Id => &ID,
        }
    }

    /// A CSV header in this language: English gives `english` as it is (the contract);
    /// Indonesian translates each column name of the advice, unmatched, audit and
    /// robustness files (a name without a translation stays as it is).
    pub fn csv_header(self, english: &[&'static str]) -> Vec<&'static str> {
        english
            .iter()
            .map(|&name| match self {
                Lang::En => name,
                Lang::Id => indonesian_column(name).unwrap_or(name),
            })
            .collect()
    }

    /// Why a mentee has no mentor, in this language.
    pub fn unmatched(self, reason: Unmatched) -> &'static str {
        match (self, reason) {
            (Lang::En, r) => r.as_str(),
            (Lang::Id, Unmatched::NoEligibleMentor) => "tidak ada mentor yang memenuhi syarat",
            (Lang::Id, Unmatched::EligibleMentorsFull) => {
                "semua mentor yang memenuhi syarat sudah penuh"
            }
            (Lang::Id, Unmatched::UnitShareRule) => "tertahan aturan porsi unit",
            (Lang::Id, Unmatched::RulesCannotHold) => "aturan tidak dapat dipenuhi semuanya",
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "en" => Ok(Lang::En),
            "id" => Ok(Lang::Id),
            other => Err(format!(
                "unknown language {other:?} (expected \"en\" or \"id\")"
            )),
        }
    }
}

/// Header of the Units sheet (English), one row per unit.
pub const UNITS_HEADER: [&str; 11] = [
    "unit",
    "mentees",
    "matched",
    "unmatched",
    "coverage",
    "mean_score",
    "same_unit_share",
    "mean_complementarity",
    "gap_total",
    "gap_covered",
    "gap_open",
];

/// Every label of the reports in one language.
pub(crate) struct Labels {
    pub roster_header: [&'static str; 13],
    pub load_header: [&'static str; 8],
    pub units_header: [&'static str; 11],
    pub sheet_roster: &'static str,
    pub sheet_mentors: &'static str,
    pub sheet_units: &'static str,
    pub sheet_summary: &'static str,
    pub sheet_comparison: &'static str,
    /// Header of a summary sheet: the field, then the value (or the scenarios).
    pub field: &'static str,
    pub value: &'static str,
    pub summary: SummaryLabels,
    pub html: HtmlLabels,
}

/// Names of the summary's fields, for people.
pub(crate) struct SummaryLabels {
    pub scenario: &'static str,
    pub mentees: &'static str,
    pub mentors: &'static str,
    pub competencies: &'static str,
    pub slots: &'static str,
    pub eligible_pairs: &'static str,
    pub graph_pairs: &'static str,
    pub matched: &'static str,
    pub unmatched: &'static str,
    pub unmatched_no_eligible: &'static str,
    pub unmatched_full: &'static str,
    pub mentors_used: &'static str,
    pub coverage: &'static str,
    pub total_score: &'static str,
    pub mean_score: &'static str,
    pub mean_complementarity: &'static str,
    pub same_unit_pairs: &'static str,
    pub same_unit_share: &'static str,
    pub weight_complementarity: &'static str,
    pub weight_unit: &'static str,
    pub weight_workload: &'static str,
    pub target: &'static str,
    pub capacity: &'static str,
    pub min_grade_gap: &'static str,
    pub solver: &'static str,
    pub status: &'static str,
    pub detail: &'static str,
    pub mentors_file: &'static str,
    pub mentees_file: &'static str,
    pub sha256: &'static str,
    pub seconds: &'static str,
}

/// Headings, chart titles, axes and legends of the HTML report.
pub(crate) struct HtmlLabels {
    pub roster_title: &'static str,
    pub comparison_title: &'static str,
    pub summary: &'static str,
    pub comparison: &'static str,
    pub units: &'static str,
    pub charts: &'static str,
    pub baseline_note: &'static str,
    pub score_distribution: &'static str,
    pub load_per_mentor: &'static str,
    pub unit_coverage: &'static str,
    pub gaps: &'static str,
    pub score: &'static str,
    pub matched_mentees: &'static str,
    pub mentees_assigned: &'static str,
    pub mentor_count: &'static str,
    pub coverage: &'static str,
    pub mean_complementarity: &'static str,
    pub gap_points: &'static str,
    pub covered: &'static str,
    pub left_open: &'static str,
    pub all_competencies: &'static str,
    pub failed: &'static str,
}

static EN: Labels = Labels {
    roster_header: ROSTER_HEADER,
    load_header: LOAD_HEADER,
    units_header: UNITS_HEADER,
    sheet_roster: "Roster",
    sheet_mentors: "Mentors",
    sheet_units: "Units",
    sheet_summary: "Summary",
    sheet_comparison: "Comparison",
    field: "field",
    value: "value",
    summary: SummaryLabels {
        scenario: "scenario",
        mentees: "mentees",
        mentors: "mentors",
        competencies: "competencies",
        slots: "mentor slots",
        eligible_pairs: "eligible pairs",
        graph_pairs: "pairs in the graph",
        matched: "matched",
        unmatched: "unmatched",
        unmatched_no_eligible: "unmatched: no eligible mentor",
        unmatched_full: "unmatched: every eligible mentor full",
        mentors_used: "mentors used",
        coverage: "coverage",
        total_score: "total score",
        mean_score: "mean score",
        mean_complementarity: "mean complementarity",
        same_unit_pairs: "same-unit pairs",
        same_unit_share: "same-unit share",
        weight_complementarity: "weight: complementarity",
        weight_unit: "weight: same unit",
        weight_workload: "weight: workload",
        target: "default target level",
        capacity: "default capacity",
        min_grade_gap: "minimum grade gap",
        solver: "solver",
        status: "status",
        detail: "solver detail",
        mentors_file: "mentors file",
        mentees_file: "mentees file",
        sha256: "SHA-256",
        seconds: "time (s)",
    },
    html: HtmlLabels {
        roster_title: "Mentoring roster",
        comparison_title: "Mentoring roster scenarios",
        summary: "Summary",
        comparison: "Comparison",
        units: "Units",
        charts: "Charts",
        baseline_note: "\"changed\" counts the mentees whose mentor differs from the baseline",
        score_distribution: "Score distribution",
        load_per_mentor: "Load per mentor",
        unit_coverage: "Coverage and mean complementarity by unit",
        gaps: "Competency gaps covered and left open",
        score: "score",
        matched_mentees: "matched mentees",
        mentees_assigned: "mentees assigned",
        mentor_count: "mentors",
        coverage: "coverage",
        mean_complementarity: "mean complementarity",
        gap_points: "gap (level points)",
        covered: "covered",
        left_open: "left open",
        all_competencies: "all competencies",
        failed: "failed",
    },
};

static ID: Labels = Labels {
    roster_header: [
        "id_mentee",
        "nama_mentee",
        "unit_mentee",
        "id_mentor",
        "nama_mentor",
        "unit_mentor",
        "skor",
        "komplementaritas",
        "unit_sama",
        "nilai_beban_kerja",
        "golongan_mentee",
        "golongan_mentor",
        "alasan_tidak_terpasang",
    ],
    load_header: [
        "id_mentor",
        "nama_mentor",
        "unit_kerja",
        "kapasitas",
        "jumlah_mentee",
        "golongan",
        "beban_kerja",
        "rata_rata_skor",
    ],
    units_header: [
        "unit_kerja",
        "mentee",
        "terpasang",
        "tidak_terpasang",
        "cakupan",
        "rata_rata_skor",
        "porsi_unit_sama",
        "rata_rata_komplementaritas",
        "total_kesenjangan",
        "kesenjangan_tertutup",
        "kesenjangan_terbuka",
    ],
    sheet_roster: "Daftar Pasangan",
    sheet_mentors: "Mentor",
    sheet_units: "Unit Kerja",
    sheet_summary: "Ringkasan",
    sheet_comparison: "Perbandingan",
    field: "keterangan",
    value: "nilai",
    summary: SummaryLabels {
        scenario: "skenario",
        mentees: "mentee",
        mentors: "mentor",
        competencies: "kompetensi",
        slots: "slot mentor",
        eligible_pairs: "pasangan yang memenuhi syarat",
        graph_pairs: "pasangan dalam graf",
        matched: "terpasang",
        unmatched: "tidak terpasang",
        unmatched_no_eligible: "tidak terpasang: tidak ada mentor yang memenuhi syarat",
        unmatched_full: "tidak terpasang: semua mentor yang memenuhi syarat penuh",
        mentors_used: "mentor terpakai",
        coverage: "cakupan",
        total_score: "total skor",
        mean_score: "rata-rata skor",
        mean_complementarity: "rata-rata komplementaritas",
        same_unit_pairs: "pasangan unit sama",
        same_unit_share: "porsi unit sama",
        weight_complementarity: "bobot: komplementaritas",
        weight_unit: "bobot: unit sama",
        weight_workload: "bobot: beban kerja",
        target: "target level bawaan",
        capacity: "kapasitas bawaan",
        min_grade_gap: "selisih golongan minimum",
        solver: "metode",
        status: "status",
        detail: "rincian metode",
        mentors_file: "berkas mentor",
        mentees_file: "berkas mentee",
        sha256: "SHA-256",
        seconds: "waktu (detik)",
    },
    html: HtmlLabels {
        roster_title: "Daftar pasangan mentoring",
        comparison_title: "Skenario daftar pasangan mentoring",
        summary: "Ringkasan",
        comparison: "Perbandingan",
        units: "Unit kerja",
        charts: "Grafik",
        baseline_note: "\"berubah\" menghitung mentee yang mentornya berbeda dari baseline",
        score_distribution: "Sebaran skor",
        load_per_mentor: "Beban per mentor",
        unit_coverage: "Cakupan dan rata-rata komplementaritas per unit kerja",
        gaps: "Kesenjangan kompetensi yang tertutup dan yang masih terbuka",
        score: "skor",
        matched_mentees: "mentee terpasang",
        mentees_assigned: "jumlah mentee",
        mentor_count: "mentor",
        coverage: "cakupan",
        mean_complementarity: "rata-rata komplementaritas",
        gap_points: "kesenjangan (poin level)",
        covered: "tertutup",
        left_open: "masih terbuka",
        all_competencies: "semua kompetensi",
        failed: "gagal",
    },
};

/// The Indonesian name of a column of the advice, unmatched, audit and robustness files.
fn indonesian_column(name: &str) -> Option<&'static str> {
    Some(match name {
        "mentor_id" => "id_mentor",
        "mentee_id" => "id_mentee",
        "extra_matched" => "tambahan_terpasang",
        "extra_score" => "tambahan_skor",
        "mentor_name" => "nama_mentor",
        "mentor_unit" => "unit_mentor",
        "capacity" => "kapasitas",
        "assigned" => "jumlah_mentee",
        "unit" => "unit",
        "scope" => "lingkup",
        "mentors" => "mentor",
        "mentees" => "mentee",
        "unmatched" => "tidak_terpasang",
        "typical_capacity" => "kapasitas_tipikal",
        "slots_that_help" => "slot_yang_membantu",
        "typical_grade" => "golongan_tipikal",
        "typical_workload" => "beban_kerja_tipikal",
        "profile" => "profil",
        "reason" => "alasan",
        "eligible_mentor_count" => "jumlah_mentor_memenuhi_syarat",
        "eligible_mentors" => "mentor_memenuhi_syarat",
        "score_together" => "skor_bersama",
        "mentee_current_score" => "skor_mentee_sekarang",
        "mentor_lowest_score" => "skor_terendah_mentor",
        "mentor_free_slots" => "slot_kosong_mentor",
        "robust" => "kokoh",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_codes() {
        assert_eq!("en".parse::<Lang>(), Ok(Lang::En));
        assert_eq!(" ID ".parse::<Lang>(), Ok(Lang::Id));
        assert!("fr".parse::<Lang>().is_err());
        assert_eq!(Lang::default(), Lang::En);
        assert_eq!(Lang::Id.to_string(), "id");
        assert_eq!(serde_json::to_string(&Lang::Id).unwrap(), "\"id\"");
    }

    #[test]
    fn english_headers_are_the_csv_ones() {
        assert_eq!(Lang::En.labels().roster_header, ROSTER_HEADER);
        assert_eq!(Lang::En.labels().load_header, LOAD_HEADER);
        assert_eq!(
            Lang::En.unmatched(Unmatched::NoEligibleMentor),
            "no eligible mentor"
        );
    }

    #[test]
    fn csv_headers_in_indonesian_translate_every_column() {
        use crate::report::advice_csv::{ADVICE_HEADER, UNITS_HEADER as ADVICE_UNITS};
        for header in [
            &ADVICE_HEADER[..],
            &ADVICE_UNITS[..],
            &crate::unmatched::UNMATCHED_HEADER[..],
            &crate::stability::BLOCKING_PAIRS_HEADER[..],
            &crate::robust::ROBUSTNESS_HEADER[..],
        ] {
            assert_eq!(Lang::En.csv_header(header), header);
            let id = Lang::Id.csv_header(header);
            for (en, id) in header.iter().zip(&id) {
                assert!(indonesian_column(en).is_some(), "no translation of {en}");
                assert!(en == id || !header.contains(id), "{en} -> {id}");
            }
        }
        assert_eq!(
            Lang::Id.csv_header(&["mentor_id", "extra_matched", "extra_score"]),
            ["id_mentor", "tambahan_terpasang", "tambahan_skor"]
        );
    }

    #[test]
    fn sheet_names_fit_excel() {
        for lang in [Lang::En, Lang::Id] {
            let l = lang.labels();
            for name in [
                l.sheet_roster,
                l.sheet_mentors,
                l.sheet_units,
                l.sheet_summary,
                l.sheet_comparison,
            ] {
                assert!(name.chars().count() <= 31, "{name}");
            }
        }
    }
}

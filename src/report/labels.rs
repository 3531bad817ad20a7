//! The language of the reports, and every label people read, in English and in Bahasa
//! Indonesia: the headers of the workbook's sheets and of the HTML tables ("Mentor name",
//! "Nama Mentor"), sheet names, summary fields, chart titles, and the unmatched reasons as
//! the workbook and `explain` show them. The words of the letters and of the programme's
//! rules are in the two files beside this one (`labels/letters.rs`, `labels/rules.rs`).
//!
//! The language changes what people read, never what programs read back. The CSV files
//! keep the documented English headers and machine-stable cells in every language
//! (`unmatched_reason` as [`Unmatched::as_str`] writes it, `same_unit` 0 or 1), and
//! `summary.json`, `comparison.json` and `explain --json` their field names. The
//! Indonesian headers and reasons that earlier builds wrote into `roster.csv` under
//! `--lang id` are translated back on reading by one table,
//! [`crate::input::rule_files::EARLIER_INDONESIAN_COLUMNS`]. Indonesian is chosen with
//! [`Lang::Id`] (`--lang id`); English is the default.

use serde::{Deserialize, Serialize};

use crate::roster::Unmatched;

mod letters;
mod rules;

pub(crate) use letters::{competency_title, Opening};

/// The language of what people read in reports and on the terminal.
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

    /// Why a mentee has no mentor, in this language, for people (the workbook, `explain`);
    /// the CSV files always hold [`Unmatched::as_str`].
    pub fn unmatched(self, reason: Unmatched) -> &'static str {
        match (self, reason) {
            (Lang::En, r) => r.as_str(),
            (Lang::Id, Unmatched::NoEligibleMentor) => "tidak ada mentor yang memenuhi syarat",
            (Lang::Id, Unmatched::EligibleMentorsFull) => {
                "semua mentor yang memenuhi syarat sudah penuh"
            }
            (Lang::Id, Unmatched::UnitShareRule) => "tertahan oleh aturan porsi unit kerja",
            (Lang::Id, Unmatched::RulesCannotHold) => "tidak semua aturan dapat dipenuhi",
        }
    }

    /// Yes or no, in this language.
    pub fn yes_no(self, yes: bool) -> &'static str {
        match (self, yes) {
            (Lang::En, true) => "yes",
            (Lang::En, false) => "no",
            (Lang::Id, true) => "ya",
            (Lang::Id, false) => "tidak",
        }
    }

    /// The header of a column of the scenario comparison (by its `comparison.csv` name) in
    /// the workbook and the HTML report, in this language; the name itself when the table
    /// has no such column.
    pub(crate) fn comparison_column(self, key: &str) -> &str {
        COMPARISON_COLUMNS
            .iter()
            .find(|(k, _, _)| *k == key)
            .map_or(key, |&(_, en, id)| match self {
                Lang::En => en,
                Lang::Id => id,
            })
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

/// The comparison's columns as the workbook and the HTML report head them: the name in
/// `comparison.csv`, then the words in English and in Bahasa Indonesia.
const COMPARISON_COLUMNS: [(&str, &str, &str); 19] = [
    ("scenario", "Scenario", "Skenario"),
    ("matched", "Matched", "Terpasangkan"),
    ("coverage_pct", "Coverage %", "Cakupan %"),
    ("total_score", "Total score", "Total skor"),
    ("mean_score", "Mean score", "Rata-rata skor"),
    ("min_score", "Lowest score", "Skor terendah"),
    (
        "mean_complementarity",
        "Mean complementarity",
        "Rata-rata komplementaritas",
    ),
    ("same_unit_share", "Same unit %", "Unit sama %"),
    ("mentors_used", "Mentors used", "Mentor terpakai"),
    (
        "max_load",
        "Most mentees of a mentor",
        "Mentee terbanyak per mentor",
    ),
    (
        "mean_load",
        "Mean mentees per mentor",
        "Rata-rata mentee per mentor",
    ),
    ("load_std", "Load std. deviation", "Simpangan baku beban"),
    ("load_gini", "Load Gini", "Gini beban"),
    (
        "changed_vs_baseline",
        "Changed from baseline",
        "Berubah dari skenario acuan",
    ),
    (
        "changed_vs_previous",
        "Changed from previous roster",
        "Berubah dari daftar sebelumnya",
    ),
    ("blocking_pairs", "Blocking pairs", "Pasangan pengganggu"),
    ("robust_share", "Robust %", "Kokoh %"),
    ("status", "Status", "Status"),
    ("seconds", "Time (s)", "Waktu (detik)"),
];

/// Every label of the reports in one language.
pub(crate) struct Labels {
    /// Headers of the Roster sheet, column by column as in `roster.csv`.
    pub roster_columns: [&'static str; 13],
    /// Headers of the Mentors sheet, column by column as in `mentor_load.csv`.
    pub load_columns: [&'static str; 8],
    /// Headers of the Units sheet and of the HTML table of units.
    pub units_columns: [&'static str; 11],
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
    roster_columns: [
        "Mentee ID",
        "Mentee name",
        "Mentee unit",
        "Mentor ID",
        "Mentor name",
        "Mentor unit",
        "Score",
        "Complementarity",
        "Same unit",
        "Workload term",
        "Mentee grade",
        "Mentor grade",
        "Reason unmatched",
    ],
    load_columns: [
        "Mentor ID",
        "Mentor name",
        "Unit",
        "Capacity",
        "Mentees assigned",
        "Grade",
        "Workload",
        "Mean score",
    ],
    units_columns: [
        "Unit",
        "Mentees",
        "Matched",
        "Unmatched",
        "Coverage",
        "Mean score",
        "Same-unit share",
        "Mean complementarity",
        "Gap total",
        "Gap covered",
        "Gap left open",
    ],
    sheet_roster: "Roster",
    sheet_mentors: "Mentors",
    sheet_units: "Units",
    sheet_summary: "Summary",
    sheet_comparison: "Comparison",
    field: "Field",
    value: "Value",
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
        baseline_note: "\"Changed from baseline\" counts the mentees whose mentor differs in the baseline scenario",
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
    roster_columns: [
        "NIP Mentee",
        "Nama Mentee",
        "Unit Kerja Mentee",
        "NIP Mentor",
        "Nama Mentor",
        "Unit Kerja Mentor",
        "Skor",
        "Komplementaritas",
        "Unit Sama",
        "Nilai Beban Kerja",
        "Golongan Mentee",
        "Golongan Mentor",
        "Alasan Tidak Terpasangkan",
    ],
    load_columns: [
        "NIP Mentor",
        "Nama Mentor",
        "Unit Kerja",
        "Kapasitas",
        "Jumlah Mentee",
        "Golongan",
        "Beban Kerja",
        "Rata-rata Skor",
    ],
    units_columns: [
        "Unit Kerja",
        "Mentee",
        "Terpasangkan",
        "Tidak Terpasangkan",
        "Cakupan",
        "Rata-rata Skor",
        "Porsi Unit Sama",
        "Rata-rata Komplementaritas",
        "Total Kesenjangan",
        "Kesenjangan Tertutup",
        "Kesenjangan Masih Terbuka",
    ],
    sheet_roster: "Daftar Pasangan",
    sheet_mentors: "Mentor",
    sheet_units: "Unit Kerja",
    sheet_summary: "Ringkasan",
    sheet_comparison: "Perbandingan",
    field: "Keterangan",
    value: "Nilai",
    summary: SummaryLabels {
        scenario: "skenario",
        mentees: "mentee",
        mentors: "mentor",
        competencies: "kompetensi",
        slots: "slot mentor",
        eligible_pairs: "pasangan yang memenuhi syarat",
        graph_pairs: "pasangan dalam graf",
        matched: "terpasangkan",
        unmatched: "tidak terpasangkan",
        unmatched_no_eligible: "tidak terpasangkan: tidak ada mentor yang memenuhi syarat",
        unmatched_full: "tidak terpasangkan: semua mentor yang memenuhi syarat penuh",
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
        baseline_note: "\"Berubah dari skenario acuan\" menghitung mentee yang mentornya berbeda dari skenario acuan",
        score_distribution: "Sebaran skor",
        load_per_mentor: "Beban per mentor",
        unit_coverage: "Cakupan dan rata-rata komplementaritas per unit kerja",
        gaps: "Kesenjangan kompetensi yang tertutup dan yang masih terbuka",
        score: "skor",
        matched_mentees: "mentee terpasangkan",
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::rule_files::{english_reason, EARLIER_INDONESIAN_REASONS};

    #[test]
    fn parses_codes() {
        assert_eq!("en".parse::<Lang>(), Ok(Lang::En));
        assert_eq!(" ID ".parse::<Lang>(), Ok(Lang::Id));
        assert!("fr".parse::<Lang>().is_err());
        assert_eq!(Lang::default(), Lang::En);
        assert_eq!(Lang::Id.to_string(), "id");
        assert_eq!(serde_json::to_string(&Lang::Id).unwrap(), "\"id\"");
    }

    /// The headers people read are words, never the CSV's column names, and each differs
    /// from the others of its sheet.
    #[test]
    fn sheet_headers_are_words() {
        use crate::report::advice_csv::UNITS_HEADER;
        use crate::report::roster_csv::{LOAD_HEADER, ROSTER_HEADER};
        for lang in [Lang::En, Lang::Id] {
            let l = lang.labels();
            for header in [
                &l.roster_columns[..],
                &l.load_columns[..],
                &l.units_columns[..],
            ] {
                for (k, word) in header.iter().enumerate() {
                    assert!(!word.contains('_'), "{lang}: {word}");
                    assert!(
                        !ROSTER_HEADER.contains(word)
                            && !LOAD_HEADER.contains(word)
                            && !UNITS_HEADER.contains(word),
                        "{lang}: {word} is a CSV column name"
                    );
                    assert!(!header[..k].contains(word), "{lang}: {word} twice");
                }
            }
        }
        assert_eq!(Lang::Id.labels().roster_columns[4], "Nama Mentor");
        assert_eq!(Lang::En.labels().roster_columns[4], "Mentor name");
    }

    #[test]
    fn comparison_headers_are_words_in_both_languages() {
        for (key, en, id) in COMPARISON_COLUMNS {
            assert_eq!(Lang::En.comparison_column(key), en);
            assert_eq!(Lang::Id.comparison_column(key), id);
            assert!(!en.contains('_') && !id.contains('_'), "{key}");
        }
        assert_eq!(
            Lang::Id.comparison_column("no such column"),
            "no such column"
        );
    }

    /// The reasons people read are not the ones earlier builds wrote into roster.csv where
    /// they were reworded, but each earlier text still reads back as its reason.
    #[test]
    fn reasons_for_people_and_the_earlier_texts() {
        let all = [
            Unmatched::NoEligibleMentor,
            Unmatched::EligibleMentorsFull,
            Unmatched::UnitShareRule,
            Unmatched::RulesCannotHold,
        ];
        for reason in all {
            assert_eq!(Lang::En.unmatched(reason), reason.as_str());
            assert_ne!(Lang::Id.unmatched(reason), reason.as_str());
        }
        let earlier: Vec<&str> = EARLIER_INDONESIAN_REASONS
            .iter()
            .map(|(id, _)| english_reason(id).unwrap())
            .collect();
        assert_eq!(earlier, all.map(Unmatched::as_str));
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

//! The words of the letters (`--letters`): the letter to each mentor (surat penugasan
//! mentor), the list for each unit's head, and their index, in English and in Bahasa
//! Indonesia as an HR office writes them.

use super::Lang;
use crate::report::origin::PairOrigin;

/// Every fixed label of the letters in one language.
pub(crate) struct LetterLabels {
    pub index_title: &'static str,
    pub scenarios_title: &'static str,
    pub scenario: &'static str,
    pub mentor_letters: &'static str,
    pub unit_lists: &'static str,
    pub mentor_title: &'static str,
    pub unit_title: &'static str,
    pub rules: &'static str,
    pub no: &'static str,
    pub name: &'static str,
    pub nip: &'static str,
    pub unit: &'static str,
    pub grade: &'static str,
    pub capacity: &'static str,
    pub mentees: &'static str,
    pub mentor: &'static str,
    pub mentor_nip: &'static str,
    pub mentor_unit: &'static str,
    pub mentee: &'static str,
    pub mentee_unit: &'static str,
    pub gaps_covered: &'static str,
    pub note: &'static str,
    pub reason: &'static str,
    pub competency: &'static str,
    pub level_now: &'static str,
    pub target: &'static str,
    pub mentor_level: &'static str,
    pub gap: &'static str,
    pub covered: &'static str,
    pub left_open: &'static str,
    pub not_assessed: &'static str,
    pub no_gap: &'static str,
    pub none: &'static str,
    pub unit_mentees: &'static str,
    pub unit_guides_others: &'static str,
    pub unit_unmatched: &'static str,
    pub unit_mentors: &'static str,
    pub place_date: &'static str,
    pub official: &'static str,
    pub name_nip: &'static str,
    pub copy_to: &'static str,
    pub copy_unit_head: &'static str,
}

static EN: LetterLabels = LetterLabels {
    index_title: "Mentoring roster: letters and unit lists",
    scenarios_title: "Mentoring roster: letters per scenario",
    scenario: "Scenario",
    mentor_letters: "Letters to the mentors",
    unit_lists: "Lists for the units",
    mentor_title: "Mentor assignment letter",
    unit_title: "Mentoring pairs of the unit",
    rules: "Rules of the programme",
    no: "No.",
    name: "Name",
    nip: "NIP",
    unit: "Unit",
    grade: "Grade",
    capacity: "Capacity",
    mentees: "Mentees",
    mentor: "Mentor",
    mentor_nip: "Mentor's NIP",
    mentor_unit: "Mentor's unit",
    mentee: "Mentee",
    mentee_unit: "Mentee's unit",
    gaps_covered: "Gaps covered",
    note: "Note",
    reason: "Reason",
    competency: "Competency",
    level_now: "Level now",
    target: "Target",
    mentor_level: "Your level",
    gap: "Gap",
    covered: "You cover",
    left_open: "Left open",
    not_assessed: "not assessed",
    no_gap: "This mentee has no competency gap up to the target level.",
    none: "None.",
    unit_mentees: "Mentees of the unit and their mentors",
    unit_guides_others: "Mentors of the unit who guide mentees of other units",
    unit_unmatched: "Mentees of the unit without a mentor",
    unit_mentors: "Mentors of the unit",
    place_date: "Place and date",
    official: "The official in charge",
    name_nip: "Name and NIP",
    copy_to: "Copy to",
    copy_unit_head: "the head of the mentor's unit",
};

static ID: LetterLabels = LetterLabels {
    index_title: "Daftar pasangan mentoring: surat penugasan dan daftar per unit kerja",
    scenarios_title: "Daftar pasangan mentoring: surat per skenario",
    scenario: "Skenario",
    mentor_letters: "Surat penugasan mentor",
    unit_lists: "Daftar per unit kerja",
    mentor_title: "Surat Penugasan Mentor",
    unit_title: "Daftar Pasangan Mentoring Unit Kerja",
    rules: "Ketentuan program",
    no: "No.",
    name: "Nama",
    nip: "NIP",
    unit: "Unit kerja",
    grade: "Golongan",
    capacity: "Kapasitas",
    mentees: "Mentee",
    mentor: "Mentor",
    mentor_nip: "NIP mentor",
    mentor_unit: "Unit kerja mentor",
    mentee: "Mentee",
    mentee_unit: "Unit kerja mentee",
    gaps_covered: "Kesenjangan tertutup",
    note: "Keterangan",
    reason: "Alasan",
    competency: "Kompetensi",
    level_now: "Level saat ini",
    target: "Target",
    mentor_level: "Level Bapak/Ibu",
    gap: "Kesenjangan",
    covered: "Ditutup Bapak/Ibu",
    left_open: "Masih terbuka",
    not_assessed: "belum dinilai",
    no_gap: "Mentee ini tidak memiliki kesenjangan kompetensi sampai level target.",
    none: "Tidak ada.",
    unit_mentees: "Mentee unit kerja ini dan mentornya",
    unit_guides_others: "Mentor unit kerja ini yang membimbing mentee unit kerja lain",
    unit_unmatched: "Mentee unit kerja ini yang belum memperoleh mentor",
    unit_mentors: "Mentor unit kerja ini",
    place_date: "Tempat dan tanggal",
    official: "Pejabat yang berwenang",
    name_nip: "Nama dan NIP",
    copy_to: "Tembusan",
    copy_unit_head: "pimpinan unit kerja mentor",
};

/// The address lines, the salutation and the first paragraph of a page.
pub(crate) type Opening = (Vec<String>, String, String);

impl Lang {
    /// The fixed labels of the letters in this language.
    pub(crate) fn letters(self) -> &'static LetterLabels {
        match self {
            Lang::En => &EN,
            Lang::Id => &ID,
        }
    }

    /// The address lines, the salutation and the first paragraph of a mentor's letter.
    pub(crate) fn mentor_opening(self, name: &str, mentees: usize) -> Opening {
        match self {
            Lang::En => (
                vec![format!("To: {name}")],
                "Dear colleague,".to_string(),
                format!(
                    "As part of the staff mentoring programme, you are assigned as mentor to the \
                     {} below. For each of them the letter lists the competency gaps up to their \
                     target level, and how much of each gap your own level covers.",
                    if mentees == 1 {
                        "member of staff".to_string()
                    } else {
                        format!("{mentees} members of staff")
                    }
                ),
            ),
            Lang::Id => (
                vec![format!("Yth. Bapak/Ibu {name}"), "di tempat".to_string()],
                "Dengan hormat,".to_string(),
                format!(
                    "Dalam rangka program mentoring pegawai, Bapak/Ibu ditugaskan sebagai mentor \
                     bagi {mentees} pegawai berikut. Untuk setiap mentee, surat ini memuat \
                     kesenjangan kompetensi sampai level targetnya dan besarnya kesenjangan yang \
                     dapat ditutup dengan level kompetensi Bapak/Ibu."
                ),
            ),
        }
    }

    /// The closing paragraph of a mentor's letter.
    pub(crate) fn mentor_closing(self) -> &'static str {
        match self {
            Lang::En => {
                "Please agree the mentoring sessions with your mentees and their unit. Thank you \
                 for your commitment to the development of your colleagues."
            }
            Lang::Id => {
                "Mohon Bapak/Ibu mengatur jadwal bimbingan bersama mentee dan unit kerjanya. Atas \
                 perhatian dan kesediaan Bapak/Ibu membimbing rekan kerja, kami ucapkan terima \
                 kasih."
            }
        }
    }

    /// The share of a mentee's gaps the mentor covers, in a sentence.
    pub(crate) fn covers_share(self, share: f64) -> String {
        match self {
            Lang::En => format!(
                "You cover {} of this mentee's competency gaps.",
                self.percent(share)
            ),
            Lang::Id => format!(
                "Bapak/Ibu dapat menutup {} kesenjangan kompetensi mentee ini.",
                self.percent(share)
            ),
        }
    }

    /// The address lines, the salutation and the first paragraph of a unit's list.
    pub(crate) fn unit_opening(self, unit: &str) -> Opening {
        match self {
            Lang::En => (
                vec![format!("To: the head of {unit}")],
                "Dear Sir or Madam,".to_string(),
                format!(
                    "Please find below the mentoring pairs of the staff of {unit}: the unit's \
                     mentees and their mentors, the unit's mentors who guide mentees of other \
                     units, and the mentees who have no mentor yet, with the reason."
                ),
            ),
            Lang::Id => (
                vec![format!("Yth. Pimpinan {unit}"), "di tempat".to_string()],
                "Dengan hormat,".to_string(),
                format!(
                    "Bersama ini kami sampaikan daftar pasangan mentoring pegawai di lingkungan \
                     {unit}: mentee unit kerja ini beserta mentornya, mentor unit kerja ini yang \
                     membimbing mentee unit kerja lain, dan mentee yang belum memperoleh mentor \
                     beserta alasannya."
                ),
            ),
        }
    }

    /// The unit's counts in a sentence.
    pub(crate) fn unit_counts(
        self,
        mentees: usize,
        matched: usize,
        mentors: usize,
        guided: usize,
    ) -> String {
        let unmatched = mentees - matched;
        let first = match (self, mentees, unmatched) {
            (Lang::En, 0, _) => "The unit has no mentee in the programme.".to_string(),
            (Lang::En, n, 0) => format!("Mentees of the unit: {n}, all with a mentor."),
            (Lang::En, n, u) => format!(
                "Mentees of the unit: {n}, of whom {matched} have a mentor and {u} have none yet."
            ),
            (Lang::Id, 0, _) => "Unit kerja ini tidak memiliki mentee dalam program.".to_string(),
            (Lang::Id, n, 0) => {
                format!("Mentee unit kerja ini: {n} orang, seluruhnya memperoleh mentor.")
            }
            (Lang::Id, n, u) => format!(
                "Mentee unit kerja ini: {n} orang; {matched} orang memperoleh mentor dan {u} \
                 orang belum."
            ),
        };
        let second = match (self, mentors) {
            (Lang::En, 0) => "The unit has no mentor.".to_string(),
            (Lang::En, m) => format!("Mentors of the unit: {m}, guiding {guided} mentees in all."),
            (Lang::Id, 0) => "Unit kerja ini tidak memiliki mentor.".to_string(),
            (Lang::Id, m) => format!(
                "Mentor unit kerja ini: {m} orang, yang seluruhnya membimbing {guided} mentee."
            ),
        };
        format!("{first} {second}")
    }

    /// Why a pair stands, for people (the letters and the workbook).
    pub(crate) fn origin(self, origin: PairOrigin) -> &'static str {
        match (self, origin) {
            (Lang::En, PairOrigin::Lock) => "locked by the planner",
            (Lang::En, PairOrigin::Kept) => "kept from the previous roster",
            (Lang::Id, PairOrigin::Lock) => "ditetapkan (dikunci) oleh perencana",
            (Lang::Id, PairOrigin::Kept) => "dilanjutkan dari daftar sebelumnya",
        }
    }

    /// The header of the workbook's column of pair origins.
    pub(crate) fn origin_column(self) -> &'static str {
        match self {
            Lang::En => "Pair origin",
            Lang::Id => "Asal Pasangan",
        }
    }
}

/// A competency as the letters name it: a competency of the standard (PermenPANRB 38/2017)
/// by its code and official name, any other by its name with spaces.
pub(crate) fn competency_title(key: &str) -> String {
    const STANDARD: [(&str, &str); 9] = [
        ("integritas", "M.1 Integritas"),
        ("kerja_sama", "M.2 Kerja Sama"),
        ("komunikasi", "M.3 Komunikasi"),
        ("orientasi_hasil", "M.4 Orientasi pada Hasil"),
        ("pelayanan_publik", "M.5 Pelayanan Publik"),
        ("pengembangan_diri", "M.6 Pengembangan Diri dan Orang Lain"),
        ("mengelola_perubahan", "M.7 Mengelola Perubahan"),
        ("pengambilan_keputusan", "M.8 Pengambilan Keputusan"),
        ("perekat_bangsa", "SK.1 Perekat Bangsa"),
    ];
    if let Some((_, title)) = STANDARD.iter().find(|(k, _)| *k == key) {
        return (*title).to_string();
    }
    let spaced = key.replace('_', " ");
    let mut chars = spaced.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => spaced,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn competencies_by_their_titles() {
        assert_eq!(competency_title("kerja_sama"), "M.2 Kerja Sama");
        assert_eq!(competency_title("teknis_anggaran"), "Teknis anggaran");
        assert_eq!(competency_title(""), "");
    }

    #[test]
    fn the_letters_speak_each_language() {
        assert_eq!(Lang::Id.letters().mentor_title, "Surat Penugasan Mentor");
        assert!(Lang::Id.mentor_opening("Siti", 2).2.contains("2 pegawai"));
        assert!(Lang::En
            .mentor_opening("Siti", 1)
            .2
            .contains("the member of staff"));
        assert_eq!(
            Lang::Id.mentor_opening("Siti", 1).0[0],
            "Yth. Bapak/Ibu Siti"
        );
        assert!(Lang::Id
            .unit_counts(3, 3, 1, 2)
            .contains("seluruhnya memperoleh mentor"));
        assert_eq!(
            Lang::Id.origin(PairOrigin::Kept),
            "dilanjutkan dari daftar sebelumnya"
        );
        assert!(Lang::Id.covers_share(0.5).contains("50%"));
    }
}

//! Names common in Medan: the naming traditions, honorifics and academic titles.

use super::rng::Rng;
use super::split;
use super::units::Sector::{self, Education as E, Health as H};

// Name parts, comma-separated; [male, female] where it matters.
const MUSLIM: [&str; 2] = [
    "Muhammad,Ahmad,Rizki,Fauzi,Andi,Budi,Rahmat,Hendra,Irwan,Syahrul,Zulkifli,Arif,Fadli,\
     Hamdan,Ikhsan,Taufik,Ridwan,Yusuf,Ilham,Faisal,Azhar,Khairul,Indra,Dedi,Rudi,Amir",
    "Siti,Nur,Rina,Dewi,Fitri,Nurhayati,Rahmawati,Aisyah,Yusnita,Khairunnisa,Rizka,Nurul,\
     Fatimah,Lailan,Sri,Ummi,Zahara,Nova,Mutia,Dina,Indah,Anggi,Maya,Dian",
];
const CHRISTIAN: [&str; 2] = [
    "Yohanes,Daniel,Hotman,Parlindungan,Maruli,Togar,Sahat,Bonar,Jhonson,Roy,Erwin,Ricardo,\
     Samuel,Jefri,Tumpal,Benny,Hendrik,Robert,Fernando,Andreas,Martin,Lamhot,Budi,Andi",
    "Yohana,Maria,Debora,Lasma,Tiurma,Sondang,Friska,Elisabeth,Rosmawati,Romauli,Hotmaida,\
     Ruth,Lenny,Rosa,Christina,Mega,Sarah,Dame,Nelly,Juli,Evi,Merry,Rina,Dewi",
];
const JAVANESE_FIRST: [&str; 2] = [
    "Budi,Agus,Joko,Eko,Bambang,Slamet,Teguh,Hadi,Sugeng,Wahyu,Dwi,Tri,Heru,Bayu,Rudi,Anton,\
     Yudi,Dimas,Aditya,Andi",
    "Sri,Dewi,Siti,Endang,Tri,Retno,Ani,Wulan,Yuni,Sari,Dwi,Eka,Rini,Ratna,Tuti,Puji,Ayu,Putri",
];
const JAVANESE_SECOND: [&str; 2] = [
    "Santoso,Setiawan,Prasetyo,Wahyudi,Sutrisno,Riyadi,Wibowo,Purnomo,Hartono,Susanto,Nugroho,\
     Saputra,Kurniawan,Hidayat,Pratama,Sulistyo",
    "Wahyuni,Lestari,Aminah,Susilowati,Handayani,Wulandari,Rahayu,Sari,Utami,Astuti,Purwanti,\
     Kurniasih,Rahmawati,Pratiwi,Ningsih,Setyowati",
];
const MALAY_SECOND: [&str; 2] = [
    "Syahputra,Syahrial,Hamzah,Ismail,Fauzan,Ramadhan,Harun,Zulfikar,Effendi,Syahbana",
    "Syahputri,Hasanah,Rahmah,Aini,Hayati,Zahara,Amalia,Husna,Fadilah,Wardani",
];
const MINANG_SECOND: [&str; 2] = [
    "Hidayat,Putra,Yusuf,Rahman,Syafri,Firdaus,Chaniago,Irawan,Fauzan,Arifin",
    "Yanti,Putri,Yusnita,Marlina,Sari,Elvi,Novita,Rahmi,Yulia,Fitriani",
];
const CHINESE_FIRST: [&str; 2] = [
    "Hendra,Kevin,Vincent,Willy,Hendrik,Ricky,Jimmy,Suryadi,Tommy,Hartono",
    "Susanti,Lili,Wendy,Jessica,Sherly,Meliana,Lenny,Vivian,Cindy,Yenny",
];
const CHINESE_FAMILY: &str =
    "Wijaya,Halim,Gunawan,Tanoto,Santoso,Kusuma,Salim,Tanjaya,Sutanto,Lim,Tan,Hartanto";
const MANDAILING: &str = "Nasution,Lubis,Harahap,Hasibuan,Batubara,Rangkuti,Daulay,Pulungan,\
    Siregar,Matondang,Pohan,Dalimunthe,Ritonga,Tanjung";
const TOBA: &str = "Simanjuntak,Sitompul,Sinaga,Situmorang,Panjaitan,Hutagalung,Manurung,\
    Pardede,Pasaribu,Tambunan,Napitupulu,Sihombing,Silalahi,Hutapea,Marpaung,Gultom,Sianturi,\
    Simatupang,Purba,Saragih,Damanik,Siregar,Sitorus";
const KARO: &str = "Ginting,Tarigan,Sembiring,Sitepu,Surbakti,Karo-Karo,Perangin-angin,Barus,\
    Bangun,Sinulingga,Kaban,Meliala,Sebayang";
const NIAS: &str = "Zebua,Harefa,Gulo,Telaumbanua,Laia,Zalukhu";
// Academic titles, '|'-separated because they contain commas.
const DEG_EDUCATION: &str = ", S.Pd.|, S.Pd.|, S.Pd.I.|, S.Pd., M.Pd.|, S.Si.";
const DEG_HEALTH: &str = ", S.Kep., Ners|, S.KM.|, S.Farm., Apt.|, S.Tr.Keb.|, S.Gz.";
const DEG_DOCTOR: &str = ", M.Kes.|, Sp.PD|, Sp.A|, MARS";
const DEG_GENERAL: &str = ", S.E.|, S.Kom.|, S.H.|, S.Sos.|, S.T.|, S.STP.|, S.E., M.Si.|\
    , S.H., M.H.|, S.AP.|, S.Kom., M.Kom.|, M.AP.";
const DEG_DIPLOMA: &str = ", A.Md.|, A.Md.Kom.|, A.Md.Ak.";
const DEG_DIPLOMA_HEALTH: &str = ", A.Md.Kep.|, A.Md.Keb.|, A.Md.Farm.";

/// One naming tradition common in Medan, with its name lists split once.
struct Style {
    weight: u32,
    muslim: bool,
    first: [Vec<&'static str>; 2],
    middle: [Vec<&'static str>; 2],
    family: Vec<&'static str>,
    /// Karo women may write `br` (boru) before the marga.
    karo: bool,
    /// Malay names may carry the `Tengku` title.
    malay: bool,
}

pub(super) struct NameBook {
    styles: Vec<Style>,
    degrees: [Vec<&'static str>; 6],
}

impl NameBook {
    pub(super) fn new() -> NameBook {
        let pair = |l: [&'static str; 2]| [split(l[0], ','), split(l[1], ',')];
        let none = || [Vec::new(), Vec::new()];
        #[rustfmt::skip]
        let style = |weight, muslim, first, middle, family: &'static str, karo, malay| Style {
            weight, muslim, first: pair(first), middle, karo, malay,
            family: if family.is_empty() { Vec::new() } else { split(family, ',') },
        };
        #[rustfmt::skip]
        let styles = vec![
            // weight, muslim, first names, middle names, family names, karo, malay
            style(15, true,  MUSLIM,         pair(MUSLIM),          MANDAILING,     false, false),
            style(20, false, CHRISTIAN,      pair(CHRISTIAN),       TOBA,           false, false),
            style(8,  false, CHRISTIAN,      pair(CHRISTIAN),       KARO,           true,  false),
            style(2,  false, CHRISTIAN,      none(),                NIAS,           false, false),
            style(28, true,  JAVANESE_FIRST, pair(JAVANESE_SECOND), "",             false, false),
            style(13, true,  MUSLIM,         pair(MALAY_SECOND),    "",             false, true),
            style(10, true,  MUSLIM,         pair(MINANG_SECOND),   "",             false, false),
            style(4,  false, CHINESE_FIRST,  none(),                CHINESE_FAMILY, false, false),
        ];
        let degrees = [
            DEG_EDUCATION,
            DEG_HEALTH,
            DEG_DOCTOR,
            DEG_GENERAL,
            DEG_DIPLOMA,
            DEG_DIPLOMA_HEALTH,
        ]
        .map(|d| split(d, '|'));
        NameBook { styles, degrees }
    }

    /// A full name with the usual Indonesian honorifics and academic titles.
    pub(super) fn name(
        &self,
        rng: &mut Rng,
        female: bool,
        mentor: bool,
        sector: Sector,
        step: u8,
    ) -> String {
        let st = &self.styles[rng.index_by(&self.styles, |s| s.weight)];
        let sex = usize::from(female);
        let mut n = String::with_capacity(48);
        let doctor = sector == H && step >= 9 && rng.chance(if mentor { 0.2 } else { 0.05 });
        if doctor {
            n.push_str("dr. ");
        } else if mentor && step >= 13 && rng.chance(0.03) {
            n.push_str("Dr. ");
        } else if mentor && sector != E && sector != H && rng.chance(0.02) {
            n.push_str("Ir. ");
        }
        if st.muslim && rng.chance(if mentor { 0.08 } else { 0.01 }) {
            n.push_str(if female { "Hj. " } else { "H. " });
        }
        if st.malay && rng.chance(0.08) {
            n.push_str("Tengku ");
        }
        let first = rng.pick(&st.first[sex]);
        n.push_str(first);
        let middle = &st.middle[sex];
        if !middle.is_empty() && (st.family.is_empty() || rng.chance(0.25)) {
            let m = rng.pick(middle);
            if m != first {
                n.push(' ');
                n.push_str(m);
            }
        }
        if !st.family.is_empty() {
            n.push(' ');
            if st.karo && female && rng.chance(0.6) {
                n.push_str("br ");
            }
            n.push_str(rng.pick(&st.family));
        }
        if rng.chance(if mentor { 0.3 } else { 0.12 }) {
            let list = match (doctor, sector, step >= 9) {
                (true, _, _) => 2,
                (_, E, true) => 0,
                (_, H, true) => 1,
                (_, _, true) => 3,
                (_, H, false) if step >= 7 => 5,
                (_, _, false) if step >= 7 => 4,
                _ => return n,
            };
            n.push_str(rng.pick(&self.degrees[list]));
        }
        n
    }
}

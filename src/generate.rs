//! Synthetic mentoring cohorts in the input format of `bimbing match`.
//!
//! Real rosters are personal data (NIPs, names, ranks, competency maps) that HR planners cannot
//! share, so benchmarks, demos and tests run on cohorts made here instead. They have the shape of
//! the real thing: the unit mix of the Medan city government (education ~45%, health ~15%,
//! hospitals ~7%, kecamatan ~10%), the 17-step PNS rank ladder (`I/a` ... `IV/e`) with about a
//! quarter PPPK staff on Roman grades, the nine managerial and socio-cultural competencies of
//! PermenPANRB 38/2017 with levels 1–5, ABK workload ratios, names common in Medan (Batak, Malay,
//! Javanese, Minang, Chinese-Indonesian; some with academic titles, hence commas) and 18-digit
//! NIP-shaped ids whose birth date and start date fit the person's rank. Some cells are left empty
//! on purpose (default capacity, not assessed, default target), and a few percent of mentees
//! outrank every mentor, so the matcher's edge cases are exercised.
//!
//! The output is a pure function of the [`GenerateSpec`]: a xoshiro256** generator seeded by
//! SplitMix64 drives every choice, rows are made in a fixed order on one thread, and only exact
//! IEEE operations are used (no `ln`, `exp` or `cos`, whose last bit may differ between
//! platforms), so one seed gives byte-identical files on every machine and thread count. Rows are
//! streamed to disk, so the National preset (400,000 people) needs only a few megabytes for the
//! id counters. Each file is written to a temporary file and then linked into place; an existing
//! `mentors.csv` or `mentees.csv` is never overwritten.

use crate::atomic::Staged;
use std::collections::{HashMap, HashSet};
use std::fmt::{self, Write as _};
use std::fs;
use std::io::{self, BufWriter};
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// Which kind of cohort to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Preset {
    /// Medan-shaped cohort with caller-chosen counts (defaults as [`Preset::Medan`]).
    Custom,
    /// One mentoring round of the Medan city government: 1,500 mentees and 450 mentors whose
    /// total capacity is about 0.95 times the number of mentees, so mentors are contested.
    Medan,
    /// A dense stress case for Medan: 10,000 mentees at II/a–III/a (or PPPK V–IX) and 3,000 PNS
    /// mentors at IV/a–IV/c, so every mentor outranks every mentee; capacity mostly 3.
    CityDense,
    /// A national round: 300,000 mentees and 100,000 mentors in about 600 agencies of very
    /// uneven size; the extra `scope` column names the agency.
    National,
}

impl Preset {
    /// The preset's command-line name, e.g. `city-dense`.
    pub fn name(self) -> &'static str {
        match self {
            Preset::Custom => "custom",
            Preset::Medan => "medan",
            Preset::CityDense => "city-dense",
            Preset::National => "national",
        }
    }
}

impl fmt::Display for Preset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Preset {
    type Err = String;

    /// Parses `custom`, `medan`, `city-dense` or `national` (case-insensitive).
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "custom" => Ok(Preset::Custom),
            "medan" => Ok(Preset::Medan),
            "city-dense" => Ok(Preset::CityDense),
            "national" => Ok(Preset::National),
            _ => Err(format!(
                "unknown preset `{s}`; valid presets are custom, medan, city-dense, national"
            )),
        }
    }
}

/// What to generate: how many people, from which seed, in which shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenerateSpec {
    /// Number of rows in `mentees.csv`.
    pub mentees: usize,
    /// Number of rows in `mentors.csv`.
    pub mentors: usize,
    /// Seed of the generator; the same spec always gives byte-identical files.
    pub seed: u64,
    /// Shape of the cohort.
    pub preset: Preset,
}

impl GenerateSpec {
    /// The preset's standard size with the given seed: Medan and Custom 1,500 mentees x 450
    /// mentors, CityDense 10,000 x 3,000, National 300,000 x 100,000.
    pub fn preset_defaults(preset: Preset, seed: u64) -> GenerateSpec {
        let (mentees, mentors) = match preset {
            Preset::Custom | Preset::Medan => (1_500, 450),
            Preset::CityDense => (10_000, 3_000),
            Preset::National => (300_000, 100_000),
        };
        GenerateSpec {
            mentees,
            mentors,
            seed,
            preset,
        }
    }
}

/// What [`generate`] wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenerateSummary {
    /// Number of mentee rows written.
    pub mentees: usize,
    /// Number of mentor rows written.
    pub mentors: usize,
    /// Number of distinct units in the two files (for National: distinct agency and unit pairs).
    pub units: usize,
    /// Path of the written `mentors.csv`.
    pub mentors_path: PathBuf,
    /// Path of the written `mentees.csv`.
    pub mentees_path: PathBuf,
}

/// Writes `mentors.csv` and `mentees.csv` for `spec` into `out_dir`, creating it if missing.
///
/// Both files are written in full to temporary files in `out_dir` before either is put in
/// place, so a failure never leaves a half-written file under the final name. The National
/// preset takes about 0.4 s in a release build and writes about 50 MB.
///
/// # Errors
/// [`io::ErrorKind::AlreadyExists`] (naming the file) if `mentors.csv` or `mentees.csv` already
/// exists in `out_dir`: nothing is overwritten. Any IO error from creating or writing the files.
pub fn generate(spec: &GenerateSpec, out_dir: &Path) -> io::Result<GenerateSummary> {
    fs::create_dir_all(out_dir)?;
    let mentors_path = out_dir.join("mentors.csv");
    let mentees_path = out_dir.join("mentees.csv");
    for path in [&mentors_path, &mentees_path] {
        if fs::symlink_metadata(path).is_ok() {
            return Err(exists_error(path));
        }
    }
    let mut gen = Generator::new(spec);
    let mentors = gen.write_file(Role::Mentor, spec.mentors, &mentors_path)?;
    let mentees = gen.write_file(Role::Mentee, spec.mentees, &mentees_path)?;
    persist(mentors)?;
    persist(mentees)?;
    Ok(GenerateSummary {
        mentees: spec.mentees,
        mentors: spec.mentors,
        units: gen.units.len(),
        mentors_path,
        mentees_path,
    })
}

/// Column suffixes of the nine competencies (M.1–M.8 and SK.1 of PermenPANRB 38/2017).
const COMPETENCIES: [&str; 9] = [
    "integritas",
    "kerja_sama",
    "komunikasi",
    "orientasi_hasil",
    "pelayanan_publik",
    "pengembangan_diri",
    "mengelola_perubahan",
    "pengambilan_keputusan",
    "perekat_bangsa",
];
/// PNS golongan/ruang by ladder step (index + 1).
const PNS_GRADES: [&str; 17] = [
    "I/a", "I/b", "I/c", "I/d", "II/a", "II/b", "II/c", "II/d", "III/a", "III/b", "III/c", "III/d",
    "IV/a", "IV/b", "IV/c", "IV/d", "IV/e",
];
/// PPPK grades; grade N sits at ladder step N (IX ~ III/a, X ~ III/b, as by entry education).
const PPPK_GRADES: [&str; 17] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV",
    "XVI", "XVII",
];
/// Competency levels by half steps (index = 2 x level).
const LEVELS: [&str; 11] = ["", "", "1", "1.5", "2", "2.5", "3", "3.5", "4", "4.5", "5"];
/// Year that ages and seniority are counted to.
const YEAR: u64 = 2025;

// Grade mixes as (ladder step, weight). Mentees at IV/c outrank every mentor (no eligible
// mentor); IV/a–IV/b mentees are outranked by only a few.
#[rustfmt::skip]
const MENTEE_PNS: &[(u8, u32)] = &[
    (5, 100), (6, 90), (7, 140), (8, 110), (9, 250), (10, 170), (11, 60), (12, 25), (13, 15),
    (14, 10), (15, 30),
];
const MENTEE_PPPK: &[(u8, u32)] = &[(5, 20), (6, 8), (7, 22), (8, 8), (9, 30), (10, 12)];
const MENTOR_PNS: &[(u8, u32)] = &[(10, 8), (11, 20), (12, 25), (13, 25), (14, 15), (15, 7)];
const MENTOR_PPPK: &[(u8, u32)] = &[(10, 30), (11, 35), (12, 25), (13, 10)];
const DENSE_MENTEE_PNS: &[(u8, u32)] = &[(5, 15), (6, 15), (7, 25), (8, 15), (9, 30)];
const DENSE_MENTEE_PPPK: &[(u8, u32)] = &[(5, 30), (6, 10), (7, 25), (8, 10), (9, 25)];
const DENSE_MENTOR_PNS: &[(u8, u32)] = &[(13, 45), (14, 35), (15, 20)];
/// Capacity mixes; `None` is an empty cell (default 3). Mean about 3.16 and 3.0.
#[rustfmt::skip]
const CAPACITY: &[(Option<u8>, u32)] =
    &[(Some(1), 3), (Some(2), 10), (Some(3), 45), (Some(4), 32), (None, 10)];
const DENSE_CAPACITY: &[(Option<u8>, u32)] =
    &[(Some(2), 5), (Some(3), 80), (Some(4), 5), (None, 10)];

/// Kind of work in a unit; it moves the share of women and the academic titles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sector {
    Education,
    Health,
    General,
}
use Sector::{Education as E, General as G, Health as H};

/// A unit: name, headcount weight, sector.
type UnitRow = (&'static str, u32, Sector);

/// Perangkat daerah of Pemko Medan with headcount weights per 10,000 (domain.md shares).
const MEDAN_UNITS: &[UnitRow] = &[
    ("Dinas Pendidikan dan Kebudayaan", 4500, E),
    ("Dinas Kesehatan", 1500, H),
    ("RSUD dr. Pirngadi", 500, H),
    ("RSUD H. Bachtiar Djafar", 200, H),
    ("Sekretariat Daerah", 250, G),
    ("Sekretariat DPRD", 80, G),
    ("Inspektorat", 70, G),
    ("Bappeda", 50, G),
    ("BKPSDM", 50, G),
    ("Badan Keuangan dan Aset Daerah", 90, G),
    ("Badan Pendapatan Daerah", 120, G),
    ("Badan Riset dan Inovasi Daerah", 25, G),
    ("Badan Kesbangpol", 30, G),
    ("BPBD", 40, G),
    ("Satpol PP", 220, G),
    ("Dinas SDA Bina Marga dan Bina Konstruksi", 130, G),
    (
        "Dinas Perumahan Kawasan Permukiman Cipta Karya dan Tata Ruang",
        80,
        G,
    ),
    ("Dinas Pemadam Kebakaran dan Penyelamatan", 120, G),
    ("Dinas P3APMP2KB", 60, G),
    ("Dinas Ketahanan Pangan Pertanian dan Perikanan", 70, G),
    ("Dinas Koperasi UKM Perindustrian dan Perdagangan", 60, G),
    ("Dinas Sosial", 60, G),
    ("Dinas Tenaga Kerja", 40, G),
    ("Disdukcapil", 80, G),
    ("DPMPTSP", 50, G),
    ("Dinas Perpustakaan dan Kearsipan", 35, G),
    ("Dinas Perhubungan", 150, G),
    ("Diskominfo", 45, G),
    ("Dinas Kebersihan dan Pertamanan", 180, G),
    ("Dinas Pemuda dan Olahraga", 30, G),
    ("Dinas Lingkungan Hidup", 100, G),
    ("Kecamatan Medan Amplas", 48, G),
    ("Kecamatan Medan Area", 48, G),
    ("Kecamatan Medan Barat", 48, G),
    ("Kecamatan Medan Baru", 48, G),
    ("Kecamatan Medan Belawan", 48, G),
    ("Kecamatan Medan Deli", 48, G),
    ("Kecamatan Medan Denai", 48, G),
    ("Kecamatan Medan Helvetia", 48, G),
    ("Kecamatan Medan Johor", 48, G),
    ("Kecamatan Medan Kota", 48, G),
    ("Kecamatan Medan Labuhan", 48, G),
    ("Kecamatan Medan Maimun", 48, G),
    ("Kecamatan Medan Marelan", 48, G),
    ("Kecamatan Medan Perjuangan", 48, G),
    ("Kecamatan Medan Petisah", 48, G),
    ("Kecamatan Medan Polonia", 48, G),
    ("Kecamatan Medan Selayang", 48, G),
    ("Kecamatan Medan Sunggal", 48, G),
    ("Kecamatan Medan Tembung", 48, G),
    ("Kecamatan Medan Timur", 48, G),
    ("Kecamatan Medan Tuntungan", 48, G),
];
/// Units inside a kabupaten or kota government (National preset).
const LOCAL_UNITS: &[UnitRow] = &[
    ("Sekretariat Daerah", 4, G),
    ("Sekretariat DPRD", 1, G),
    ("Inspektorat", 1, G),
    ("Bidang Perencanaan (Bappeda)", 1, G),
    ("BKPSDM", 1, G),
    ("Badan Keuangan dan Aset Daerah", 2, G),
    ("Dinas Pendidikan", 42, E),
    ("Dinas Kesehatan", 15, H),
    ("RSUD", 7, H),
    ("Kecamatan dan Kelurahan", 10, G),
    ("Satpol PP", 3, G),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", 3, G),
    ("Dinas Perhubungan", 2, G),
    ("Dinas Sosial", 1, G),
    ("Disdukcapil", 1, G),
    ("Dinas Lingkungan Hidup", 2, G),
    ("Dinas Pertanian", 3, G),
];
/// Units inside a provincial government (National preset).
const PROVINCE_UNITS: &[UnitRow] = &[
    ("Sekretariat Daerah", 6, G),
    ("Sekretariat DPRD", 2, G),
    ("Inspektorat", 2, G),
    ("Bidang Perencanaan (Bappeda)", 2, G),
    ("Badan Kepegawaian Daerah", 2, G),
    ("Badan Pendapatan Daerah", 4, G),
    ("Dinas Pendidikan (SMA/SMK)", 45, E),
    ("Dinas Kesehatan", 4, H),
    ("RSUD Provinsi", 10, H),
    ("Satpol PP", 2, G),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", 4, G),
    ("Dinas Kehutanan", 4, G),
    ("Dinas Perhubungan", 3, G),
];
/// Units inside a ministry or central agency (National preset).
const CENTRAL_UNITS: &[UnitRow] = &[
    ("Sekretariat Jenderal", 10, G),
    ("Inspektorat Jenderal", 3, G),
    ("Biro Perencanaan", 2, G),
    ("Direktorat Jenderal Pembinaan", 8, G),
    ("Direktorat Jenderal Pelayanan", 8, G),
    ("Badan Pengembangan SDM", 4, E),
    ("Pusat Data dan Informasi", 2, G),
    ("Kantor Wilayah", 30, G),
    ("Unit Pelaksana Teknis", 25, G),
];

const PROVINCES: &str = "Aceh,Sumatera Utara,Sumatera Barat,Riau,Kepulauan Riau,Jambi,\
    Sumatera Selatan,Kepulauan Bangka Belitung,Bengkulu,Lampung,DKI Jakarta,Jawa Barat,Banten,\
    Jawa Tengah,DI Yogyakarta,Jawa Timur,Bali,Nusa Tenggara Barat,Nusa Tenggara Timur,\
    Kalimantan Barat,Kalimantan Tengah,Kalimantan Selatan,Kalimantan Timur,Kalimantan Utara,\
    Sulawesi Utara,Gorontalo,Sulawesi Tengah,Sulawesi Barat,Sulawesi Selatan,Sulawesi Tenggara,\
    Maluku,Maluku Utara,Papua,Papua Barat,Papua Barat Daya,Papua Tengah,Papua Pegunungan,\
    Papua Selatan";
const KOTA: &str = "Banda Aceh,Sabang,Langsa,Lhokseumawe,Subulussalam,Medan,Binjai,\
    Tebing Tinggi,Pematangsiantar,Tanjungbalai,Sibolga,Padangsidimpuan,Gunungsitoli,Padang,\
    Bukittinggi,Padang Panjang,Pariaman,Payakumbuh,Sawahlunto,Solok,Pekanbaru,Dumai,Batam,\
    Tanjungpinang,Jambi,Sungai Penuh,Palembang,Prabumulih,Pagar Alam,Lubuklinggau,\
    Pangkalpinang,Bengkulu,Bandar Lampung,Metro,Bandung,Bekasi,Bogor,Cimahi,Cirebon,Depok,\
    Sukabumi,Tasikmalaya,Banjar,Serang,Cilegon,Tangerang,Tangerang Selatan,Semarang,Surakarta,\
    Magelang,Pekalongan,Salatiga,Tegal,Yogyakarta,Surabaya,Malang,Batu,Blitar,Kediri,Madiun,\
    Mojokerto,Pasuruan,Probolinggo,Denpasar,Mataram,Bima,Kupang,Pontianak,Singkawang,\
    Palangka Raya,Banjarmasin,Banjarbaru,Balikpapan,Bontang,Samarinda,Tarakan,Manado,Bitung,\
    Kotamobagu,Tomohon,Gorontalo,Palu,Makassar,Palopo,Parepare,Kendari,Baubau,Ambon,Tual,\
    Ternate,Tidore Kepulauan,Jayapura,Sorong";
const KABUPATEN: &str = "Aceh Besar,Pidie,Aceh Utara,Aceh Timur,Aceh Tengah,Aceh Barat,\
    Aceh Selatan,Aceh Tenggara,Bireuen,Aceh Jaya,Nagan Raya,Aceh Tamiang,Bener Meriah,Gayo Lues,\
    Simeulue,Aceh Singkil,Pidie Jaya,Aceh Barat Daya,Deli Serdang,Langkat,Karo,Simalungun,\
    Asahan,Labuhanbatu,Tapanuli Utara,Tapanuli Tengah,Tapanuli Selatan,Toba,Dairi,Nias,\
    Mandailing Natal,Serdang Bedagai,Batu Bara,Humbang Hasundutan,Pakpak Bharat,Samosir,\
    Padang Lawas,Padang Lawas Utara,Labuhanbatu Utara,Labuhanbatu Selatan,Nias Selatan,\
    Nias Utara,Nias Barat,Agam,Pasaman,Pasaman Barat,Lima Puluh Kota,Tanah Datar,\
    Padang Pariaman,Pesisir Selatan,Sijunjung,Dharmasraya,Solok,Solok Selatan,\
    Kepulauan Mentawai,Kampar,Bengkalis,Indragiri Hulu,Indragiri Hilir,Pelalawan,Rokan Hulu,\
    Rokan Hilir,Siak,Kuantan Singingi,Kepulauan Meranti,Bintan,Karimun,Lingga,Natuna,\
    Kepulauan Anambas,Batanghari,Muaro Jambi,Bungo,Tebo,Merangin,Sarolangun,Kerinci,\
    Tanjung Jabung Barat,Tanjung Jabung Timur,Ogan Komering Ulu,Ogan Komering Ilir,Muara Enim,\
    Lahat,Musi Rawas,Musi Banyuasin,Banyuasin,Ogan Ilir,Empat Lawang,\
    Penukal Abab Lematang Ilir,Musi Rawas Utara,Bangka,Belitung,Bangka Barat,Bangka Tengah,\
    Bangka Selatan,Belitung Timur,Bengkulu Utara,Bengkulu Selatan,Rejang Lebong,Kaur,Seluma,\
    Mukomuko,Lebong,Kepahiang,Bengkulu Tengah,Lampung Selatan,Lampung Tengah,Lampung Utara,\
    Lampung Barat,Lampung Timur,Tulang Bawang,Tanggamus,Way Kanan,Pesawaran,Pringsewu,Mesuji,\
    Tulang Bawang Barat,Pesisir Barat,Bogor,Sukabumi,Cianjur,Bandung,Garut,Tasikmalaya,Ciamis,\
    Kuningan,Cirebon,Majalengka,Sumedang,Indramayu,Subang,Purwakarta,Karawang,Bekasi,\
    Bandung Barat,Pangandaran,Pandeglang,Lebak,Tangerang,Serang,Cilacap,Banyumas,Purbalingga,\
    Banjarnegara,Kebumen,Purworejo,Wonosobo,Magelang,Boyolali,Klaten,Sukoharjo,Wonogiri,\
    Karanganyar,Sragen,Grobogan,Blora,Rembang,Pati,Kudus,Jepara,Demak,Semarang,Temanggung,\
    Kendal,Batang,Pekalongan,Pemalang,Tegal,Brebes,Sleman,Bantul,Gunungkidul,Kulon Progo,\
    Gresik,Sidoarjo,Mojokerto,Jombang,Bojonegoro,Tuban,Lamongan,Madiun,Magetan,Ngawi,Ponorogo,\
    Pacitan,Kediri,Nganjuk,Blitar,Tulungagung,Trenggalek,Malang,Pasuruan,Probolinggo,Lumajang,\
    Jember,Bondowoso,Situbondo,Banyuwangi,Bangkalan,Sampang,Pamekasan,Sumenep,Badung,Gianyar,\
    Tabanan,Buleleng,Jembrana,Klungkung,Bangli,Karangasem,Lombok Barat,Lombok Tengah,\
    Lombok Timur,Lombok Utara,Sumbawa,Sumbawa Barat,Dompu,Bima,Kupang,Timor Tengah Selatan,\
    Timor Tengah Utara,Belu,Malaka,Alor,Flores Timur,Sikka,Ende,Ngada,Nagekeo,Manggarai,\
    Manggarai Barat,Manggarai Timur,Sumba Barat,Sumba Timur,Sumba Tengah,Sumba Barat Daya,\
    Lembata,Rote Ndao,Sabu Raijua,Sambas,Bengkayang,Landak,Mempawah,Sanggau,Ketapang,Sintang,\
    Kapuas Hulu,Sekadau,Melawi,Kayong Utara,Kubu Raya,Kotawaringin Barat,Kotawaringin Timur,\
    Kapuas,Barito Selatan,Barito Utara,Katingan,Seruyan,Sukamara,Lamandau,Gunung Mas,\
    Pulang Pisau,Murung Raya,Barito Timur,Banjar,Barito Kuala,Tapin,Hulu Sungai Selatan,\
    Hulu Sungai Tengah,Hulu Sungai Utara,Tabalong,Tanah Laut,Tanah Bumbu,Kotabaru,Balangan,\
    Kutai Kartanegara,Kutai Barat,Kutai Timur,Berau,Paser,Penajam Paser Utara,Mahakam Ulu,\
    Bulungan,Malinau,Nunukan,Tana Tidung,Minahasa,Minahasa Utara,Minahasa Selatan,\
    Minahasa Tenggara,Bolaang Mongondow,Kepulauan Sangihe,Kepulauan Talaud,\
    Kepulauan Siau Tagulandang Biaro,Bolaang Mongondow Utara,Bolaang Mongondow Timur,\
    Bolaang Mongondow Selatan,Gorontalo,Boalemo,Pohuwato,Bone Bolango,Gorontalo Utara,Banggai,\
    Poso,Donggala,Tolitoli,Buol,Morowali,Parigi Moutong,Tojo Una-Una,Sigi,Banggai Kepulauan,\
    Banggai Laut,Morowali Utara,Mamuju,Majene,Polewali Mandar,Mamasa,Pasangkayu,Mamuju Tengah,\
    Gowa,Maros,Bone,Wajo,Soppeng,Sidenreng Rappang,Pinrang,Enrekang,Luwu,Tana Toraja,\
    Toraja Utara,Luwu Utara,Luwu Timur,Bulukumba,Bantaeng,Jeneponto,Takalar,Sinjai,\
    Kepulauan Selayar,Pangkajene dan Kepulauan,Barru,Konawe,Kolaka,Muna,Buton,Konawe Selatan,\
    Bombana,Wakatobi,Kolaka Utara,Konawe Utara,Buton Utara,Kolaka Timur,Konawe Kepulauan,\
    Muna Barat,Buton Tengah,Buton Selatan,Maluku Tengah,Maluku Tenggara,Kepulauan Tanimbar,\
    Buru,Seram Bagian Barat,Seram Bagian Timur,Kepulauan Aru,Maluku Barat Daya,Buru Selatan,\
    Halmahera Barat,Halmahera Tengah,Halmahera Utara,Halmahera Selatan,Halmahera Timur,\
    Kepulauan Sula,Pulau Morotai,Pulau Taliabu,Jayapura,Keerom,Sarmi,Biak Numfor,\
    Kepulauan Yapen,Waropen,Supiori,Mamberamo Raya,Merauke,Mappi,Asmat,Boven Digoel,Nabire,\
    Mimika,Paniai,Puncak Jaya,Jayawijaya,Lanny Jaya,Tolikara,Yahukimo,Manokwari,Fakfak,Kaimana,\
    Teluk Bintuni,Teluk Wondama,Sorong,Raja Ampat,Tambrauw,Maybrat,Sorong Selatan";
/// The largest central employers, with fixed size weights (a typical agency weighs 1–50).
const CENTRAL_BIG: &[(&str, u64)] = &[
    ("Kementerian Agama", 80),
    ("Kementerian Keuangan", 50),
    ("Kementerian Pendidikan Tinggi, Sains, dan Teknologi", 45),
    ("Kementerian Kesehatan", 40),
    ("Kementerian Imigrasi dan Pemasyarakatan", 35),
    ("Kementerian Pendidikan Dasar dan Menengah", 30),
    ("Kementerian Hukum", 20),
];
const CENTRAL: &str = "Kementerian Dalam Negeri;Kementerian Luar Negeri;Kementerian Pertahanan;\
    Kementerian Perhubungan;Kementerian Pekerjaan Umum;Kementerian Pertanian;\
    Kementerian Kelautan dan Perikanan;Kementerian Lingkungan Hidup;Kementerian Kehutanan;\
    Kementerian Energi dan Sumber Daya Mineral;Kementerian Perindustrian;Kementerian Perdagangan;\
    Kementerian Sosial;Kementerian Ketenagakerjaan;Kementerian Agraria dan Tata Ruang;\
    Kementerian PPN/Bappenas;Kementerian PANRB;Kementerian Sekretariat Negara;\
    Kementerian Komunikasi dan Digital;Kementerian Desa dan Pembangunan Daerah Tertinggal;\
    Kementerian Koperasi;Kementerian UMKM;Kementerian Pariwisata;Kementerian Ekonomi Kreatif;\
    Kementerian Pemuda dan Olahraga;Kementerian Pemberdayaan Perempuan dan Perlindungan Anak;\
    Kementerian BUMN;Kementerian Investasi dan Hilirisasi;Kementerian Kebudayaan;\
    Kementerian Transmigrasi;Kementerian Perumahan dan Kawasan Permukiman;\
    Kementerian Pelindungan Pekerja Migran Indonesia;Kementerian Hak Asasi Manusia;\
    Kementerian Kependudukan dan Pembangunan Keluarga;Badan Kepegawaian Negara;\
    Badan Pusat Statistik;Badan Meteorologi, Klimatologi, dan Geofisika;\
    Badan Pengawas Obat dan Makanan;Badan Nasional Penanggulangan Bencana;\
    Badan Narkotika Nasional;Badan Riset dan Inovasi Nasional;\
    Badan Pengawasan Keuangan dan Pembangunan;Badan Informasi Geospasial;\
    Lembaga Administrasi Negara;Arsip Nasional Republik Indonesia;Perpustakaan Nasional;\
    Badan Siber dan Sandi Negara;Badan Pengawas Pemilihan Umum;Komisi Pemilihan Umum;\
    Mahkamah Agung;Kejaksaan Republik Indonesia;Badan Pemeriksa Keuangan;\
    Ombudsman Republik Indonesia;Badan Gizi Nasional;Badan Nasional Pencarian dan Pertolongan;\
    Badan Nasional Penanggulangan Terorisme;Badan Keamanan Laut;\
    Lembaga Kebijakan Pengadaan Barang/Jasa Pemerintah;Badan Standardisasi Nasional;\
    Badan Pengawas Tenaga Nuklir;Badan Karantina Indonesia;Sekretariat Jenderal DPR RI;\
    Sekretariat Jenderal MPR RI;Sekretariat Jenderal DPD RI;Komisi Yudisial;Mahkamah Konstitusi;\
    Komisi Pemberantasan Korupsi";

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

/// Deterministic PRNG: xoshiro256** (Blackman & Vigna) seeded through SplitMix64.
struct Rng {
    s: [u64; 4],
}

impl Rng {
    /// An independent stream per (seed, stream) pair.
    fn new(seed: u64, stream: u64) -> Rng {
        let mut x = seed ^ stream.wrapping_mul(0xD1B5_4A32_D192_ED03);
        let mut splitmix = || {
            x = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = x;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        };
        Rng {
            s: [splitmix(), splitmix(), splitmix(), splitmix()],
        }
    }

    fn next_u64(&mut self) -> u64 {
        let s = &mut self.s;
        let result = s[1].wrapping_mul(5).rotate_left(7).wrapping_mul(9);
        let t = s[1] << 17;
        s[2] ^= s[0];
        s[3] ^= s[1];
        s[1] ^= s[2];
        s[0] ^= s[3];
        s[2] ^= t;
        s[3] = s[3].rotate_left(45);
        result
    }

    /// Uniform in `0..n` (multiply-shift; `n` > 0).
    fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next_u64()) * u128::from(n)) >> 64) as u64
    }

    /// Uniform in `[0, 1)` with 53 random bits.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Approximately standard normal (Irwin–Hall sum of four uniforms), exact IEEE arithmetic.
    fn normal(&mut self) -> f64 {
        (self.unit() + self.unit() + self.unit() + self.unit() - 2.0) * 1.732_050_807_568_877_2
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize]
    }

    /// Index of an item chosen with probability proportional to `weight`.
    fn index_by<T>(&mut self, items: &[T], weight: impl Fn(&T) -> u32) -> usize {
        let total: u64 = items.iter().map(|i| u64::from(weight(i))).sum();
        let mut r = self.below(total);
        for (i, item) in items.iter().enumerate() {
            let w = u64::from(weight(item));
            if r < w {
                return i;
            }
            r -= w;
        }
        items.len() - 1
    }

    fn weighted<T: Copy>(&mut self, items: &[(T, u32)]) -> T {
        items[self.index_by(items, |i| i.1)].0
    }
}

fn split(list: &'static str, sep: char) -> Vec<&'static str> {
    list.split(sep).map(str::trim).collect()
}

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

struct NameBook {
    styles: Vec<Style>,
    degrees: [Vec<&'static str>; 6],
}

impl NameBook {
    fn new() -> NameBook {
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
    fn name(&self, rng: &mut Rng, female: bool, mentor: bool, sector: Sector, step: u8) -> String {
        let st = &self.styles[rng.index_by(&self.styles, |s| s.weight)];
        let sex = usize::from(female);
        let mut n = String::with_capacity(48);
        let doctor = sector == H && step >= 9 && rng.chance(if mentor { 0.2 } else { 0.05 });
        if doctor {
            n.push_str("dr. ");
        } else if mentor && step >= 13 && rng.chance(0.03) {
            n.push_str("Dr. ");
        } else if mentor && sector == G && rng.chance(0.02) {
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

/// Where people work: the Medan city government, or ~600 agencies for National.
enum Org {
    City,
    Nation {
        names: Vec<String>,
        units: Vec<&'static [UnitRow]>,
        /// Running sum of the agencies' size weights.
        cumulative: Vec<u64>,
    },
}

impl Org {
    fn new(preset: Preset, seed: u64) -> Org {
        if preset != Preset::National {
            return Org::City;
        }
        let mut rng = Rng::new(seed, 0);
        let (mut names, mut units, mut weights) = (Vec::new(), Vec::new(), Vec::<u64>::new());
        // Heavy-tailed size weight 1..50 (Pareto with alpha 1), in thousandths.
        let heavy = |rng: &mut Rng| (1000.0 / (0.02 + 0.98 * rng.unit())) as u64;
        for &(name, w) in CENTRAL_BIG {
            names.push(name.to_string());
            units.push(CENTRAL_UNITS);
            weights.push(w * 1000);
        }
        let lists: [(&str, char, &str, &'static [UnitRow], u64); 4] = [
            (CENTRAL, ';', "", CENTRAL_UNITS, 1),
            (PROVINCES, ',', "Pemerintah Provinsi ", PROVINCE_UNITS, 2),
            (KOTA, ',', "Pemerintah Kota ", LOCAL_UNITS, 1),
            (KABUPATEN, ',', "Pemerintah Kabupaten ", LOCAL_UNITS, 1),
        ];
        for (list, sep, prefix, table, factor) in lists {
            for place in split(list, sep) {
                names.push(format!("{prefix}{place}"));
                units.push(table);
                weights.push(heavy(&mut rng) * factor);
            }
        }
        let cumulative = weights
            .iter()
            .scan(0, |sum, w| {
                *sum += w;
                Some(*sum)
            })
            .collect();
        Org::Nation {
            names,
            units,
            cumulative,
        }
    }

    /// Agency index and its unit table for one new person.
    fn pick(&self, rng: &mut Rng) -> (u32, &'static [UnitRow]) {
        match self {
            Org::City => (0, MEDAN_UNITS),
            Org::Nation {
                units, cumulative, ..
            } => {
                let r = rng.below(cumulative.last().copied().unwrap_or(1));
                let i = cumulative.partition_point(|&c| c <= r);
                (i as u32, units[i])
            }
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Mentor,
    Mentee,
}

/// Rank: PNS golongan or PPPK grade, both placed on the 17-step ladder.
#[derive(Debug, Clone, Copy)]
struct Grade {
    pppk: bool,
    step: u8,
}

impl Grade {
    fn label(self) -> &'static str {
        let table = if self.pppk { &PPPK_GRADES } else { &PNS_GRADES };
        table[usize::from(self.step) - 1]
    }
}

/// Streams people into the two files; holds the state shared between them.
struct Generator {
    preset: Preset,
    seed: u64,
    org: Org,
    book: NameBook,
    /// Next NIP sequence number per 15-digit prefix, so ids are unique across both files.
    seqs: HashMap<u64, u16>,
    units: HashSet<(u32, u32)>,
    field: String,
}

impl Generator {
    fn new(spec: &GenerateSpec) -> Generator {
        Generator {
            preset: spec.preset,
            seed: spec.seed,
            org: Org::new(spec.preset, spec.seed),
            book: NameBook::new(),
            seqs: HashMap::new(),
            units: HashSet::new(),
            field: String::with_capacity(32),
        }
    }

    /// Writes one file to a temporary path next to `dest`.
    fn write_file(&mut self, role: Role, rows: usize, dest: &Path) -> io::Result<Staged> {
        let staged = Staged::create(dest)?;
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(BufWriter::with_capacity(1 << 16, staged));
        let national = self.preset == Preset::National;
        let mut header = vec!["id".to_string(), "name".into(), "unit".into()];
        header.extend(national.then(|| "scope".to_string()));
        header.push("grade".into());
        if role == Role::Mentor {
            header.extend(["capacity".into(), "workload".into()]);
        }
        header.extend(COMPETENCIES.iter().map(|c| format!("k:{c}")));
        if role == Role::Mentee {
            header.extend(COMPETENCIES.iter().map(|c| format!("target:{c}")));
        }
        w.write_record(&header)?;
        let mut rng = Rng::new(self.seed, if role == Role::Mentor { 1 } else { 2 });
        for _ in 0..rows {
            self.write_row(&mut rng, role, &mut w)?;
        }
        w.into_inner()
            .map_err(csv::IntoInnerError::into_error)?
            .into_inner()
            .map_err(io::IntoInnerError::into_error)
    }

    fn write_row(
        &mut self,
        rng: &mut Rng,
        role: Role,
        w: &mut csv::Writer<impl io::Write>,
    ) -> io::Result<()> {
        let mentor = role == Role::Mentor;
        let dense = self.preset == Preset::CityDense;
        let (agency, table) = self.org.pick(rng);
        let u = rng.index_by(table, |u| u.1);
        let (unit, _, sector) = table[u];
        self.units.insert((agency, u as u32));
        let pppk = !(dense && mentor) && rng.chance(0.25);
        let steps = match (mentor, pppk, dense) {
            (true, false, false) => MENTOR_PNS,
            (true, true, _) => MENTOR_PPPK,
            (true, false, true) => DENSE_MENTOR_PNS,
            (false, false, false) => MENTEE_PNS,
            (false, true, false) => MENTEE_PPPK,
            (false, false, true) => DENSE_MENTEE_PNS,
            (false, true, true) => DENSE_MENTEE_PPPK,
        };
        let grade = Grade {
            pppk,
            step: rng.weighted(steps),
        };
        let female = rng.chance(if sector == E { 0.7 } else { 0.5 });
        let nip = self.nip(rng, grade, mentor, female);
        let name = self.book.name(rng, female, mentor, sector, grade.step);
        self.field.clear();
        let _ = write!(self.field, "{nip:018}");
        w.write_field(&self.field)?;
        w.write_field(&name)?;
        w.write_field(unit)?;
        if let Org::Nation { names, .. } = &self.org {
            w.write_field(&names[agency as usize])?;
        }
        w.write_field(grade.label())?;
        if mentor {
            let cap = rng.weighted(if dense { DENSE_CAPACITY } else { CAPACITY });
            w.write_field(cap.map_or("", |c| LEVELS[2 * usize::from(c)]))?;
            self.field.clear();
            if !rng.chance(0.05) {
                let ratio = (0.9 + 0.16 * rng.normal()).clamp(0.5, 1.4);
                let h = (ratio * 100.0).round() as u32;
                let _ = write!(self.field, "{}.{:02}", h / 100, h % 100);
            }
            w.write_field(&self.field)?;
        }
        // Current levels: rise with rank; mentors have two strengths, mentees two weak spots.
        let step = f64::from(grade.step);
        let base = if mentor { 1.7 } else { 1.25 } + 0.15 * step + 0.35 * rng.normal();
        let (a, b) = (rng.below(9) as usize, rng.below(9) as usize);
        let shift = if mentor { 0.6 } else { -0.5 };
        for i in 0..COMPETENCIES.len() {
            let x = base + 0.6 * rng.normal() + if i == a || i == b { shift } else { 0.0 };
            let halves = if rng.chance(0.12) {
                (2.0 * x).round()
            } else {
                2.0 * x.round()
            };
            let level = LEVELS[halves.clamp(2.0, 10.0) as usize];
            w.write_field(if rng.chance(0.03) { "" } else { level })?;
        }
        if !mentor {
            // Required level by position: staff 2, first-level professionals 3, seniors 3–4.
            let t0: i32 = match grade.step {
                0..=8 => 2,
                9..=10 => 3,
                11..=12 => 3 + rng.below(2) as i32,
                _ => 4,
            };
            for _ in COMPETENCIES {
                let t = (t0 + rng.weighted(&[(-1, 10), (0, 70), (1, 20)])).clamp(2, 5);
                let empty = rng.chance(0.4);
                w.write_field(if empty { "" } else { LEVELS[2 * t as usize] })?;
            }
        }
        w.write_record(None::<&[u8]>)?;
        Ok(())
    }

    /// An 18-digit NIP: birth date, CPNS start (PPPK: year + `21`), sex digit, sequence.
    fn nip(&mut self, rng: &mut Rng, grade: Grade, mentor: bool, female: bool) -> u64 {
        loop {
            let (birth_year, start) = if grade.pppk {
                let age = if mentor {
                    35 + rng.below(21)
                } else {
                    26 + rng.below(18)
                };
                let year =
                    rng.weighted(&[(2019, 5), (2021, 20), (2022, 25), (2023, 30), (2024, 20)]);
                (YEAR - age, year * 100 + 21)
            } else {
                // Entry rank by education (SMA II/a, D3 II/c, S1 III/a, S2 III/b), then a
                // promotion about every four years, retiring at 58.
                let step = u64::from(grade.step);
                let entry = match step {
                    9.. => rng.weighted(&[(5, 5), (7, 8), (9, 70), (10, 17)]),
                    7..=8 => rng.weighted(&[(5, 55), (7, 45)]),
                    _ => 5,
                }
                .min(step);
                let entry_age = match entry {
                    0..=6 => 19 + rng.below(6),
                    7..=8 => 21 + rng.below(6),
                    9 => 23 + rng.below(8),
                    _ => 26 + rng.below(8),
                };
                let service = ((step - entry) * 4 + 1 + rng.below(4)).min(57 - entry_age);
                (
                    YEAR - entry_age - service,
                    (YEAR - service) * 100 + 1 + rng.below(12),
                )
            };
            let month = 1 + rng.below(12);
            let days = match month {
                2 if birth_year % 4 == 0 && (birth_year % 100 != 0 || birth_year % 400 == 0) => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            let day = 1 + rng.below(days);
            let date = (birth_year * 100 + month) * 100 + day;
            let prefix = (date * 1_000_000 + start) * 10 + 1 + u64::from(female);
            let seq = self.seqs.entry(prefix).or_insert(0);
            if *seq < 999 {
                *seq += 1;
                return prefix * 1000 + u64::from(*seq);
            }
        }
    }
}

/// Puts a written file in place without ever replacing an existing file.
fn persist(staged: Staged) -> io::Result<()> {
    let dest = staged.dest().to_path_buf();
    staged.commit_new().map_err(|e| {
        if e.kind() == io::ErrorKind::AlreadyExists {
            exists_error(&dest)
        } else {
            e
        }
    })
}

fn exists_error(path: &Path) -> io::Error {
    let msg = format!("refusing to overwrite existing file {}", path.display());
    io::Error::new(io::ErrorKind::AlreadyExists, msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    type Table = (Vec<String>, Vec<Vec<String>>);

    fn read(path: &Path) -> Table {
        let mut r = csv::Reader::from_path(path).expect("open csv");
        let header = r
            .headers()
            .expect("header")
            .iter()
            .map(String::from)
            .collect();
        let rows = r
            .records()
            .map(|rec| rec.expect("record").iter().map(String::from).collect())
            .collect();
        (header, rows)
    }

    fn run(preset: Preset, mentees: usize, mentors: usize, seed: u64) -> (Table, Table) {
        let dir = tempfile::tempdir().expect("tempdir");
        let spec = GenerateSpec {
            mentees,
            mentors,
            seed,
            preset,
        };
        let s = generate(&spec, dir.path()).expect("generate");
        (read(&s.mentors_path), read(&s.mentees_path))
    }

    /// Ladder step of a grade, from a spelling table typed apart from the generator's.
    fn ladder(grade: &str) -> Option<u8> {
        const ROMAN: [&str; 17] = [
            "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII",
            "XIV", "XV", "XVI", "XVII",
        ];
        let roman = |r: &str| ROMAN.iter().position(|x| *x == r).map(|i| i as u8 + 1);
        match grade.split_once('/') {
            Some((r, l)) => {
                let r = roman(r).filter(|&r| r <= 4)?;
                let i = "abcde"
                    .find(l)
                    .filter(|&i| l.len() == 1 && (i < 4 || r == 4))?;
                Some((r - 1) * 4 + i as u8 + 1)
            }
            None => roman(grade),
        }
    }

    fn col(t: &Table, name: &str) -> usize {
        t.0.iter().position(|h| h == name).expect("column")
    }

    #[test]
    fn presets_parse_and_list_valid_names() {
        for p in [
            Preset::Custom,
            Preset::Medan,
            Preset::CityDense,
            Preset::National,
        ] {
            assert_eq!(p.name().parse::<Preset>(), Ok(p));
        }
        let err = "dense".parse::<Preset>().unwrap_err();
        assert!(err.contains("custom, medan, city-dense, national"), "{err}");
        let n = GenerateSpec::preset_defaults(Preset::National, 1);
        assert_eq!((n.mentees, n.mentors, n.seed), (300_000, 100_000, 1));
    }

    #[test]
    fn same_seed_same_bytes_other_seed_differs() {
        let dirs: Vec<_> = (0..3)
            .map(|_| tempfile::tempdir().expect("tempdir"))
            .collect();
        for (dir, seed) in dirs.iter().zip([7, 7, 8]) {
            generate(
                &GenerateSpec::preset_defaults(Preset::Medan, seed),
                dir.path(),
            )
            .expect("gen");
        }
        for f in ["mentors.csv", "mentees.csv"] {
            let b: Vec<_> = dirs
                .iter()
                .map(|d| fs::read(d.path().join(f)).expect("read"))
                .collect();
            assert_eq!(b[0], b[1], "{f} differs for the same seed");
            assert_ne!(b[0], b[2], "{f} equal for different seeds");
        }
    }

    #[test]
    fn headers_rows_and_ids() {
        let ks = COMPETENCIES.map(|c| format!("k:{c}")).join(",");
        let ts = COMPETENCIES.map(|c| format!("target:{c}")).join(",");
        for (preset, scope) in [(Preset::Custom, ""), (Preset::National, "scope,")] {
            let (m, e) = run(preset, 1234, 377, 3);
            assert_eq!(
                m.0.join(","),
                format!("id,name,unit,{scope}grade,capacity,workload,{ks}")
            );
            assert_eq!(
                e.0.join(","),
                format!("id,name,unit,{scope}grade,{ks},{ts}")
            );
            assert_eq!((m.1.len(), e.1.len()), (377, 1234));
            let mut seen = HashSet::new();
            for row in m.1.iter().chain(&e.1) {
                let id = &row[0];
                assert!(
                    id.len() == 18 && id.bytes().all(|b| b.is_ascii_digit()),
                    "{id}"
                );
                assert!(seen.insert(id.clone()), "duplicate id {id}");
                let (birth, start_month, sex) = (&id[..8], &id[12..14], &id[14..15]);
                assert!(
                    ("1966".."2007").contains(&&birth[..4]),
                    "birth year in {id}"
                );
                assert!(
                    ("01".."13").contains(&&birth[4..6]) && ("01".."32").contains(&&birth[6..])
                );
                assert!(
                    ("01".."13").contains(&start_month) || start_month == "21",
                    "{id}"
                );
                assert!(sex == "1" || sex == "2", "{id}");
                assert!(
                    id[8..12] > birth[..4] && &id[8..12] <= "2024",
                    "start year in {id}"
                );
            }
        }
    }

    #[test]
    fn grades_are_valid_and_fit_the_role() {
        let (m, e) = run(Preset::Medan, 1500, 450, 11);
        let g = col(&m, "grade");
        let steps = |t: &Table| -> Vec<u8> {
            t.1.iter()
                .map(|r| ladder(&r[g]).unwrap_or_else(|| panic!("bad grade {}", r[g])))
                .collect()
        };
        let (ms, es) = (steps(&m), steps(&e));
        assert!(ms.iter().all(|s| (10..=15).contains(s)));
        assert!(es.iter().all(|s| (5..=15).contains(s)));
        let junior = es.iter().filter(|&&s| s <= 10).count() as f64 / es.len() as f64;
        assert!(junior > 0.85, "juniors {junior}");
        let all: Vec<&String> = m.1.iter().chain(&e.1).map(|r| &r[g]).collect();
        let pppk = all.iter().filter(|g| !g.contains('/')).count() as f64 / all.len() as f64;
        assert!((0.2..0.3).contains(&pppk), "pppk share {pppk}");
        // A few percent of mentees outrank (or equal) every mentor, so have no eligible mentor.
        let top = ms.iter().copied().max().unwrap_or(0);
        let stranded = es.iter().filter(|&&s| s >= top).count() as f64 / es.len() as f64;
        assert!((0.01..0.06).contains(&stranded), "stranded {stranded}");
    }

    #[test]
    fn medan_capacity_workload_and_levels() {
        let (m, e) = run(Preset::Medan, 1500, 450, 5);
        let (cap, wl) = (col(&m, "capacity"), col(&m, "workload"));
        let total: usize = m.1.iter().map(|r| r[cap].parse().unwrap_or(3)).sum();
        let ratio = total as f64 / 1500.0;
        assert!((0.9..=1.0).contains(&ratio), "capacity ratio {ratio}");
        let share = |t: &Table, c: usize| {
            t.1.iter().filter(|r| r[c].is_empty()).count() as f64 / t.1.len() as f64
        };
        assert!((0.06..0.14).contains(&share(&m, cap)) && (0.02..0.08).contains(&share(&m, wl)));
        for r in &m.1 {
            assert!(r[cap].is_empty() || ["1", "2", "3", "4"].contains(&r[cap].as_str()));
            let w = &r[wl];
            assert!(
                w.is_empty()
                    || (w.len() == 4 && (0.5..=1.4).contains(&w.parse::<f64>().expect("wl"))),
                "{w}"
            );
        }
        for (t, prefix) in [(&m, "k:"), (&e, "k:"), (&e, "target:")] {
            let cols: Vec<usize> = (0..t.0.len())
                .filter(|&i| t.0[i].starts_with(prefix))
                .collect();
            let cells: Vec<&String> =
                t.1.iter()
                    .flat_map(|r| cols.iter().map(move |&i| &r[i]))
                    .collect();
            let empty = cells.iter().filter(|c| c.is_empty()).count() as f64 / cells.len() as f64;
            let want = if prefix == "k:" {
                0.015..0.05
            } else {
                0.35..0.45
            };
            assert!(want.contains(&empty), "{prefix} empty share {empty}");
            for c in cells.iter().filter(|c| !c.is_empty()) {
                assert!(LEVELS[2..].contains(&c.as_str()), "level {c}");
            }
        }
        let names: Vec<&String> = m.1.iter().chain(&e.1).map(|r| &r[1]).collect();
        assert!(
            names.iter().filter(|n| n.contains(',')).count() > 50,
            "names with commas"
        );
    }

    #[test]
    fn city_dense_every_mentor_outranks_every_mentee() {
        let (m, e) = run(Preset::CityDense, 10_000, 3_000, 2);
        let g = col(&m, "grade");
        let low =
            m.1.iter()
                .filter_map(|r| ladder(&r[g]))
                .min()
                .expect("mentors");
        let high =
            e.1.iter()
                .filter_map(|r| ladder(&r[g]))
                .max()
                .expect("mentees");
        assert!(low > high, "mentor {low} vs mentee {high}");
        assert_eq!(m.1.iter().filter_map(|r| ladder(&r[g])).count(), 3_000);
        let slots: usize =
            m.1.iter()
                .map(|r| r[col(&m, "capacity")].parse().unwrap_or(3))
                .sum();
        assert!((8_700..9_300).contains(&slots), "slots {slots}");
    }

    #[test]
    fn national_agencies_are_many_and_skewed() {
        let (m, e) = run(Preset::National, 30_000, 10_000, 9);
        let s = col(&m, "scope");
        let mut size: HashMap<&str, usize> = HashMap::new();
        for r in m.1.iter().chain(&e.1) {
            *size.entry(r[s].as_str()).or_default() += 1;
        }
        let mut v: Vec<usize> = size.values().copied().collect();
        v.sort_unstable();
        assert!(v.len() > 550, "agencies {}", v.len());
        assert!(
            v[v.len() - 1] > 10 * v[v.len() / 2],
            "max {} median {}",
            v[v.len() - 1],
            v[v.len() / 2]
        );
    }

    #[test]
    fn refuses_to_overwrite_and_leaves_no_temp_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("new/sub");
        let spec = GenerateSpec {
            mentees: 50,
            mentors: 20,
            seed: 1,
            preset: Preset::Custom,
        };
        let first = generate(&spec, &out).expect("first run");
        let before = fs::read(&first.mentees_path).expect("read");
        let err = generate(&GenerateSpec { seed: 2, ..spec }, &out).expect_err("must refuse");
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert!(err.to_string().contains("mentors.csv"), "{err}");
        assert_eq!(fs::read(&first.mentees_path).expect("read"), before);
        fs::remove_file(&first.mentors_path).expect("rm");
        let err = generate(&spec, &out).expect_err("mentees.csv still there");
        assert!(err.to_string().contains("mentees.csv"), "{err}");
        assert!(
            !first.mentors_path.exists(),
            "nothing written when refusing"
        );
        let names: Vec<_> = fs::read_dir(&out)
            .expect("ls")
            .map(|e| e.expect("entry").file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("mentees.csv")]);
    }
}

//! Where people work: the unit tables of Medan and of the local, provincial and central
//! governments, and the agencies of the National preset with their uneven sizes.

use super::rng::Rng;
use super::{split, Preset};

/// Kind of work in a unit; it moves the share of women, the academic titles and the
/// competencies its staff are strong in (`profile::unit_focus`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sector {
    /// Schools and the education office (teachers).
    Education,
    /// Health offices, puskesmas and hospitals.
    Health,
    /// Services to citizens: civil registry, licensing, social affairs, labour, libraries.
    Service,
    /// Territorial government: kecamatan and kelurahan.
    Area,
    /// Infrastructure, housing, transport, environment, agriculture, IT.
    Technical,
    /// Finance, revenue and internal audit.
    Finance,
    /// Secretariats, planning, staffing and research.
    Administration,
    /// Public order and safety: Satpol PP, fire service, disasters, national unity.
    Order,
}
use Sector::{
    Administration as Adm, Area, Education as E, Finance as Fin, Health as H, Order as Ord,
    Service as Svc, Technical as Tech,
};

/// A unit: name, headcount weight, sector.
pub(super) type UnitRow = (&'static str, u32, Sector);

/// Perangkat daerah of Pemko Medan with headcount weights per 10,000 (domain.md shares).
const MEDAN_UNITS: &[UnitRow] = &[
    ("Dinas Pendidikan dan Kebudayaan", 4500, E),
    ("Dinas Kesehatan", 1500, H),
    ("RSUD dr. Pirngadi", 500, H),
    ("RSUD H. Bachtiar Djafar", 200, H),
    ("Sekretariat Daerah", 250, Adm),
    ("Sekretariat DPRD", 80, Adm),
    ("Inspektorat", 70, Fin),
    ("Bappeda", 50, Adm),
    ("BKPSDM", 50, Adm),
    ("Badan Keuangan dan Aset Daerah", 90, Fin),
    ("Badan Pendapatan Daerah", 120, Fin),
    ("Badan Riset dan Inovasi Daerah", 25, Adm),
    ("Badan Kesbangpol", 30, Ord),
    ("BPBD", 40, Ord),
    ("Satpol PP", 220, Ord),
    ("Dinas SDA Bina Marga dan Bina Konstruksi", 130, Tech),
    (
        "Dinas Perumahan Kawasan Permukiman Cipta Karya dan Tata Ruang",
        80,
        Tech,
    ),
    ("Dinas Pemadam Kebakaran dan Penyelamatan", 120, Ord),
    ("Dinas P3APMP2KB", 60, Svc),
    ("Dinas Ketahanan Pangan Pertanian dan Perikanan", 70, Tech),
    ("Dinas Koperasi UKM Perindustrian dan Perdagangan", 60, Svc),
    ("Dinas Sosial", 60, Svc),
    ("Dinas Tenaga Kerja", 40, Svc),
    ("Disdukcapil", 80, Svc),
    ("DPMPTSP", 50, Svc),
    ("Dinas Perpustakaan dan Kearsipan", 35, Svc),
    ("Dinas Perhubungan", 150, Tech),
    ("Diskominfo", 45, Tech),
    ("Dinas Kebersihan dan Pertamanan", 180, Tech),
    ("Dinas Pemuda dan Olahraga", 30, Svc),
    ("Dinas Lingkungan Hidup", 100, Tech),
    ("Kecamatan Medan Amplas", 48, Area),
    ("Kecamatan Medan Area", 48, Area),
    ("Kecamatan Medan Barat", 48, Area),
    ("Kecamatan Medan Baru", 48, Area),
    ("Kecamatan Medan Belawan", 48, Area),
    ("Kecamatan Medan Deli", 48, Area),
    ("Kecamatan Medan Denai", 48, Area),
    ("Kecamatan Medan Helvetia", 48, Area),
    ("Kecamatan Medan Johor", 48, Area),
    ("Kecamatan Medan Kota", 48, Area),
    ("Kecamatan Medan Labuhan", 48, Area),
    ("Kecamatan Medan Maimun", 48, Area),
    ("Kecamatan Medan Marelan", 48, Area),
    ("Kecamatan Medan Perjuangan", 48, Area),
    ("Kecamatan Medan Petisah", 48, Area),
    ("Kecamatan Medan Polonia", 48, Area),
    ("Kecamatan Medan Selayang", 48, Area),
    ("Kecamatan Medan Sunggal", 48, Area),
    ("Kecamatan Medan Tembung", 48, Area),
    ("Kecamatan Medan Timur", 48, Area),
    ("Kecamatan Medan Tuntungan", 48, Area),
];
/// Units inside a kabupaten or kota government (National preset).
const LOCAL_UNITS: &[UnitRow] = &[
    ("Sekretariat Daerah", 4, Adm),
    ("Sekretariat DPRD", 1, Adm),
    ("Inspektorat", 1, Fin),
    ("Bidang Perencanaan (Bappeda)", 1, Adm),
    ("BKPSDM", 1, Adm),
    ("Badan Keuangan dan Aset Daerah", 2, Fin),
    ("Dinas Pendidikan", 42, E),
    ("Dinas Kesehatan", 15, H),
    ("RSUD", 7, H),
    ("Kecamatan dan Kelurahan", 10, Area),
    ("Satpol PP", 3, Ord),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", 3, Tech),
    ("Dinas Perhubungan", 2, Tech),
    ("Dinas Sosial", 1, Svc),
    ("Disdukcapil", 1, Svc),
    ("Dinas Lingkungan Hidup", 2, Tech),
    ("Dinas Pertanian", 3, Tech),
];
/// Units inside a provincial government (National preset).
const PROVINCE_UNITS: &[UnitRow] = &[
    ("Sekretariat Daerah", 6, Adm),
    ("Sekretariat DPRD", 2, Adm),
    ("Inspektorat", 2, Fin),
    ("Bidang Perencanaan (Bappeda)", 2, Adm),
    ("Badan Kepegawaian Daerah", 2, Adm),
    ("Badan Pendapatan Daerah", 4, Fin),
    ("Dinas Pendidikan (SMA/SMK)", 45, E),
    ("Dinas Kesehatan", 4, H),
    ("RSUD Provinsi", 10, H),
    ("Satpol PP", 2, Ord),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", 4, Tech),
    ("Dinas Kehutanan", 4, Tech),
    ("Dinas Perhubungan", 3, Tech),
];
/// Units inside a ministry or central agency (National preset).
const CENTRAL_UNITS: &[UnitRow] = &[
    ("Sekretariat Jenderal", 10, Adm),
    ("Inspektorat Jenderal", 3, Fin),
    ("Biro Perencanaan", 2, Adm),
    ("Direktorat Jenderal Pembinaan", 8, Tech),
    ("Direktorat Jenderal Pelayanan", 8, Svc),
    ("Badan Pengembangan SDM", 4, E),
    ("Pusat Data dan Informasi", 2, Tech),
    ("Kantor Wilayah", 30, Svc),
    ("Unit Pelaksana Teknis", 25, Tech),
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

/// Where people work: the Medan city government, or ~600 agencies for National.
pub(super) enum Org {
    City,
    Nation {
        names: Vec<String>,
        units: Vec<&'static [UnitRow]>,
        /// Running sum of the agencies' size weights.
        cumulative: Vec<u64>,
    },
}

impl Org {
    pub(super) fn new(preset: Preset, seed: u64) -> Org {
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
    pub(super) fn pick(&self, rng: &mut Rng) -> (u32, &'static [UnitRow]) {
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

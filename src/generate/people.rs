//! The people written to the two files: their ranks, capacities, workloads, competency
//! levels and targets, and their NIP-shaped ids, row by row.

use super::names::NameBook;
use super::profile;
use super::rng::Rng;
use super::units::{Org, Sector::Education as E};
use super::{GenerateSpec, Preset};
use crate::atomic::Staged;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::{self, BufWriter};
use std::path::Path;

/// Column suffixes of the nine competencies (M.1–M.8 and SK.1 of PermenPANRB 38/2017).
pub(super) const COMPETENCIES: [&str; 9] = [
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
/// Competency levels by half steps (index = 2 x level; 0 is an empty cell).
pub(super) const LEVELS: [&str; 11] = ["", "", "1", "1.5", "2", "2.5", "3", "3.5", "4", "4.5", "5"];
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
/// SKP ratings (predikat kinerja) of the mentors, per 100: most are Baik, a fifth Sangat
/// Baik, a few below (est).
const PERFORMANCE: &[(&str, u32)] = &[
    ("Sangat Baik", 20),
    ("Baik", 70),
    ("Butuh Perbaikan", 7),
    ("Kurang", 2),
    ("Sangat Kurang", 1),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
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
pub(super) struct Generator {
    preset: Preset,
    seed: u64,
    org: Org,
    book: NameBook,
    /// Next NIP sequence number per 15-digit prefix, so ids are unique across both files.
    seqs: HashMap<u64, u16>,
    pub(super) units: HashSet<(u32, u32)>,
    field: String,
}

impl Generator {
    pub(super) fn new(spec: &GenerateSpec) -> Generator {
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
    pub(super) fn write_file(
        &mut self,
        role: Role,
        rows: usize,
        dest: &Path,
    ) -> io::Result<Staged> {
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
        if role == Role::Mentor {
            header.push("performance".into());
        }
        w.write_record(&header)?;
        // Who people are (unit, rank, id, name, capacity, workload) and what they can (post,
        // levels, targets) come from two streams, so a change to one model leaves the other
        // as it was.
        let mentor = role == Role::Mentor;
        let mut rng = Rng::new(self.seed, if mentor { 1 } else { 2 });
        let mut profile_rng = Rng::new(self.seed, if mentor { 3 } else { 4 });
        // The mentors' SKP ratings come from a stream of their own, so that adding them left
        // every other column as it was.
        let mut rating_rng = mentor.then(|| Rng::new(self.seed, 5));
        for _ in 0..rows {
            self.write_row(&mut rng, &mut profile_rng, role, &mut w)?;
            if let Some(r) = &mut rating_rng {
                w.write_field(r.weighted(PERFORMANCE))?;
            }
            w.write_record(None::<&[u8]>)?;
        }
        w.into_inner()
            .map_err(csv::IntoInnerError::into_error)?
            .into_inner()
            .map_err(io::IntoInnerError::into_error)
    }

    /// Writes the fields of one person's row; the caller ends the record.
    fn write_row(
        &mut self,
        rng: &mut Rng,
        profile_rng: &mut Rng,
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
        // The post from the unit and rank, then the competency levels and targets it gives.
        let position = profile::position(profile_rng, sector, pppk, grade.step);
        for halves in profile::levels(profile_rng, sector, position, grade.step) {
            w.write_field(LEVELS[usize::from(halves)])?;
        }
        if !mentor {
            for halves in profile::targets(profile_rng, position).map(|t| 2 * t) {
                w.write_field(LEVELS[usize::from(halves)])?;
            }
        }
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

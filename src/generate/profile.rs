//! Position types (jabatan) and competency profiles: what post a person holds, which
//! competencies they are strong and weak in, and the levels and targets that follow.
//!
//! The model, step by step (the figures are estimates for synthetic data, after the
//! position types and standards of PermenPANRB 38/2017):
//!
//! 1. **Position type**, drawn from the person's unit and ladder step. Structural posts
//!    (Pengawas from III/b, Administrator from III/d, JPT from IV/b) per 1,000 people of a
//!    step, in units other than education and health:
//!
//!    | step | III/b | III/c | III/d | IV/a | IV/b | IV/c | IV/d | IV/e |
//!    | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
//!    | Pengawas | 80 | 150 | 200 | 150 | 50 | 0 | 0 | 0 |
//!    | Administrator | 0 | 0 | 50 | 200 | 250 | 250 | 200 | 100 |
//!    | JPT | 0 | 0 | 0 | 0 | 100 | 250 | 400 | 600 |
//!
//!    In education and health units 15% of that (most seniors there are teachers, doctors
//!    and nurses); PPPK staff hold no structural post. Of the rest, the fungsional share
//!    (per 1,000) is, for PNS, 920 in education, 750 in health, and elsewhere 200 up to II/d
//!    and 450 from III/a; for PPPK 950, 850 and 500. The others are pelaksana (staff).
//! 2. **Standard**, the required level of the position: JPT 4, Administrator 3, Pengawas 2,
//!    Pelaksana 1; fungsional by rung (jenjang), by step: up to III/b 1 (Terampil, Mahir,
//!    Ahli Pertama), III/c–III/d 2 (Penyelia, Ahli Muda), IV/a–IV/c 3 (Ahli Madya), IV/d–IV/e
//!    4 (Ahli Utama). Each rung begins at an entry step: pelaksana and the first fungsional
//!    rung at II/a, Ahli Muda III/c, Ahli Madya IV/a, Ahli Utama IV/d, Pengawas III/b,
//!    Administrator III/d, JPT IV/b.
//! 3. **Strengths.** Each competency gets a weight 1, plus 3 when it is a focus of the
//!    person's unit kind, plus 2 when it is a focus of the position type (`unit_focus`,
//!    `jabatan_focus`; structural posts lean on decisions, change and developing others,
//!    pelaksana on service and teamwork, teachers on communication and development, ...).
//!    2, 3 or 4 strong competencies (40%, 45%, 15%) are drawn without replacement with
//!    probability proportional to the weight, then 1, 2 or 3 weak ones (30%, 50%, 20%) from
//!    the others with probability inversely proportional to it (12 / weight, the weights
//!    being 1, 3, 4 or 6); the rest are average.
//! 4. **Levels.** A person's base is 0.7 x standard (assessed levels typically fall short of
//!    the standard: a job-person match of about 70%) + 0.1 per step above the rung's entry
//!    step + 0.3 N, with N approximately standard normal and drawn once per person. A
//!    competency's level is the base + 1 if strong, - 0.75 if weak, + 0.35 N (drawn per
//!    competency), rounded to a half level with probability 0.12 and to a whole level
//!    otherwise, and clamped to 1–5; 3% of the cells are left empty (not assessed).
//! 5. **Targets** (mentees only): the standard of the next rung on the mentee's path, one
//!    above their own (at most 5): what the mentoring develops them towards. Per
//!    competency that level, one lower (10%) or one higher (20%), clamped to 2–5. A target
//!    equal to the matcher's default 3 is left empty with probability 0.4, so the default
//!    stands for exactly what it replaces.
//!
//! Mentors and mentees follow the same model; mentors differ by their higher grades, so
//! they more often hold a higher rung and have more years in it, but they are average or
//! weak in some competencies where a mentee has a gap, and a unit's seniors and juniors
//! tend to be strong in the same ones.

use super::rng::Rng;
use super::units::Sector;

/// The level `bimbing match` assumes where a target cell is empty (its `target` default).
const DEFAULT_TARGET: u8 = 3;

/// Kind of position (jenis jabatan).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Jabatan {
    /// Jabatan Pimpinan Tinggi (senior executives).
    Jpt,
    /// Jabatan Administrator (eselon III).
    Administrator,
    /// Jabatan Pengawas (eselon IV).
    Pengawas,
    /// Jabatan fungsional (teachers, health professionals, analysts, ...).
    Fungsional,
    /// Jabatan pelaksana (staff).
    Pelaksana,
}

/// A person's post: its type, required level and the step where its rung begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Position {
    pub(super) jabatan: Jabatan,
    /// Required level of the position in every competency (1–4).
    pub(super) standard: u8,
    /// Ladder step where the rung begins; each step above it adds experience.
    pub(super) entry: u8,
}

/// Competency indices (in the order of `people::COMPETENCIES`).
const INTEGRITAS: usize = 0;
const KERJA_SAMA: usize = 1;
const KOMUNIKASI: usize = 2;
const ORIENTASI_HASIL: usize = 3;
const PELAYANAN_PUBLIK: usize = 4;
const PENGEMBANGAN_DIRI: usize = 5;
const MENGELOLA_PERUBAHAN: usize = 6;
const PENGAMBILAN_KEPUTUSAN: usize = 7;
const PEREKAT_BANGSA: usize = 8;

/// The competencies the staff of a kind of unit are most often strong in.
pub(super) fn unit_focus(sector: Sector) -> [usize; 3] {
    match sector {
        Sector::Education => [KOMUNIKASI, PENGEMBANGAN_DIRI, PEREKAT_BANGSA],
        Sector::Health => [PELAYANAN_PUBLIK, KERJA_SAMA, INTEGRITAS],
        Sector::Service => [PELAYANAN_PUBLIK, KOMUNIKASI, KERJA_SAMA],
        Sector::Area => [PEREKAT_BANGSA, KERJA_SAMA, PELAYANAN_PUBLIK],
        Sector::Technical => [ORIENTASI_HASIL, PENGAMBILAN_KEPUTUSAN, MENGELOLA_PERUBAHAN],
        Sector::Finance => [INTEGRITAS, ORIENTASI_HASIL, PENGAMBILAN_KEPUTUSAN],
        Sector::Administration => [MENGELOLA_PERUBAHAN, KOMUNIKASI, KERJA_SAMA],
        Sector::Order => [KERJA_SAMA, PENGAMBILAN_KEPUTUSAN, PEREKAT_BANGSA],
    }
}

/// The competencies a position type most often builds.
pub(super) fn jabatan_focus(jabatan: Jabatan) -> [usize; 3] {
    match jabatan {
        Jabatan::Jpt | Jabatan::Administrator => [
            PENGAMBILAN_KEPUTUSAN,
            MENGELOLA_PERUBAHAN,
            PENGEMBANGAN_DIRI,
        ],
        Jabatan::Pengawas => [ORIENTASI_HASIL, KERJA_SAMA, PENGEMBANGAN_DIRI],
        Jabatan::Fungsional => [PENGEMBANGAN_DIRI, ORIENTASI_HASIL, INTEGRITAS],
        Jabatan::Pelaksana => [PELAYANAN_PUBLIK, KERJA_SAMA, INTEGRITAS],
    }
}

/// Structural posts per 1,000 people of a ladder step outside education and health:
/// (Pengawas, Administrator, JPT).
fn structural(step: u8) -> [u32; 3] {
    match step {
        10 => [80, 0, 0],
        11 => [150, 0, 0],
        12 => [200, 50, 0],
        13 => [150, 200, 0],
        14 => [50, 250, 100],
        15 => [0, 250, 250],
        16 => [0, 200, 400],
        17 => [0, 100, 600],
        _ => [0, 0, 0],
    }
}

/// Draws the post of a person of `sector` at ladder `step`.
pub(super) fn position(rng: &mut Rng, sector: Sector, pppk: bool, step: u8) -> Position {
    let professional = matches!(sector, Sector::Education | Sector::Health);
    let [pengawas, administrator, jpt] = match (pppk, professional) {
        (true, _) => [0; 3],
        (false, true) => structural(step).map(|w| w * 15 / 100),
        (false, false) => structural(step),
    };
    let rest = 1000 - pengawas - administrator - jpt;
    let fungsional_share = match (pppk, sector) {
        (false, Sector::Education) => 920,
        (false, Sector::Health) => 750,
        (false, _) if step <= 8 => 200,
        (false, _) => 450,
        (true, Sector::Education) => 950,
        (true, Sector::Health) => 850,
        (true, _) => 500,
    };
    let fungsional = rest * fungsional_share / 1000;
    let jabatan = rng.weighted(&[
        (Jabatan::Pengawas, pengawas),
        (Jabatan::Administrator, administrator),
        (Jabatan::Jpt, jpt),
        (Jabatan::Fungsional, fungsional),
        (Jabatan::Pelaksana, rest - fungsional),
    ]);
    let (standard, entry) = match jabatan {
        Jabatan::Jpt => (4, 14),
        Jabatan::Administrator => (3, 12),
        Jabatan::Pengawas => (2, 10),
        Jabatan::Pelaksana => (1, 5),
        Jabatan::Fungsional => match step {
            0..=10 => (1, 5),
            11..=12 => (2, 11),
            13..=15 => (3, 13),
            _ => (4, 16),
        },
    };
    Position {
        jabatan,
        standard,
        entry,
    }
}

/// How a person stands in one competency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Strength {
    Strong,
    Average,
    Weak,
}

/// Draws which competencies a person of `sector` in `position` is strong and weak in.
pub(super) fn strengths(rng: &mut Rng, sector: Sector, position: Position) -> [Strength; 9] {
    let mut weight = [1u32; 9];
    for k in unit_focus(sector) {
        weight[k] += 3;
    }
    for k in jabatan_focus(position.jabatan) {
        weight[k] += 2;
    }
    let mut out = [Strength::Average; 9];
    let strong = rng.weighted(&[(2, 40), (3, 45), (4, 15)]);
    draw_without_replacement(rng, &mut out, strong, Strength::Strong, |k| weight[k]);
    let weak = rng.weighted(&[(1, 30), (2, 50), (3, 20)]);
    draw_without_replacement(rng, &mut out, weak, Strength::Weak, |k| 12 / weight[k]);
    out
}

/// Marks `n` of the still average competencies as `mark`, each draw proportional to `weight`.
fn draw_without_replacement(
    rng: &mut Rng,
    out: &mut [Strength; 9],
    n: usize,
    mark: Strength,
    weight: impl Fn(usize) -> u32,
) {
    for _ in 0..n {
        let free = |k: &usize| out[*k] == Strength::Average;
        let total: u64 = (0..9).filter(free).map(|k| u64::from(weight(k))).sum();
        let mut r = rng.below(total);
        for (k, s) in out.iter_mut().enumerate() {
            if *s != Strength::Average {
                continue;
            }
            let w = u64::from(weight(k));
            if r < w {
                *s = mark;
                break;
            }
            r -= w;
        }
    }
}

/// Current levels in half steps (2 = level 1 ... 10 = level 5; 0 = not assessed).
pub(super) fn levels(rng: &mut Rng, sector: Sector, position: Position, step: u8) -> [u8; 9] {
    let strengths = strengths(rng, sector, position);
    let years = f64::from(step.saturating_sub(position.entry));
    let base = 0.7 * f64::from(position.standard) + 0.1 * years + 0.3 * rng.normal();
    strengths.map(|s| {
        let offset = match s {
            Strength::Strong => 1.0,
            Strength::Average => 0.0,
            Strength::Weak => -0.75,
        };
        let x = base + offset + 0.35 * rng.normal();
        let halves = if rng.chance(0.12) {
            (2.0 * x).round()
        } else {
            2.0 * x.round()
        };
        let halves = halves.clamp(2.0, 10.0) as u8;
        if rng.chance(0.03) {
            0
        } else {
            halves
        }
    })
}

/// Target levels of a mentee (whole levels 2–5; 0 = empty, meaning the default 3).
pub(super) fn targets(rng: &mut Rng, position: Position) -> [u8; 9] {
    let next = (position.standard + 1).min(5) as i32;
    [(); 9].map(|()| {
        let t = (next + rng.weighted(&[(-1, 10), (0, 70), (1, 20)])).clamp(2, 5) as u8;
        if t == DEFAULT_TARGET && rng.chance(0.4) {
            0
        } else {
            t
        }
    })
}

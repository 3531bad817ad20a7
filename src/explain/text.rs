//! The explanation in words, as the terminal shows it: in English or in plain Bahasa
//! Indonesia ([`Lang`]), with each person's name beside their id (NIP) when the names are
//! given ([`Names`]). `explain --json` does not come through here: it stays the same in
//! every language.

use std::collections::HashMap;

use super::*;
use crate::report::labels::Lang;
use crate::rules::Blocked;

/// The names of a cohort's people by id, to show beside their ids; empty: ids alone.
#[derive(Debug, Clone, Default)]
pub struct Names {
    mentees: HashMap<String, String>,
    mentors: HashMap<String, String>,
}

impl Names {
    /// The names of the mentees and the mentors of `cohort`.
    pub fn of(cohort: &Cohort) -> Names {
        let by_id = |people: &mut dyn Iterator<Item = (&String, &String)>| {
            people
                .map(|(id, name)| (id.clone(), name.clone()))
                .collect::<HashMap<_, _>>()
        };
        Names {
            mentees: by_id(&mut cohort.mentees.iter().map(|m| (&m.id, &m.name))),
            mentors: by_id(&mut cohort.mentors.iter().map(|m| (&m.id, &m.name))),
        }
    }

    /// The mentee with this id, as `ID Name` (the id alone when the name is unknown).
    pub fn mentee(&self, id: &str) -> String {
        beside(id, self.mentees.get(id))
    }

    /// The mentor with this id, as `ID Name` (the id alone when the name is unknown).
    pub fn mentor(&self, id: &str) -> String {
        beside(id, self.mentors.get(id))
    }
}

fn beside(id: &str, name: Option<&String>) -> String {
    match name.map(|n| n.trim()).filter(|n| !n.is_empty()) {
        Some(name) => format!("{id} {name}"),
        None => id.to_string(),
    }
}

pub(super) fn mentor_line(m: &MentorInfo, lang: Lang, names: &Names) -> String {
    let who = names.mentor(&m.id);
    match lang {
        Lang::En => format!(
            "{who} (unit {}, grade {}; {}/{} mentees)",
            m.unit, m.grade, m.load, m.capacity
        ),
        Lang::Id => format!(
            "{who} (unit kerja {}, golongan {}; {}/{} mentee)",
            m.unit, m.grade, m.load, m.capacity
        ),
    }
}

pub(super) fn opt_score(p: &Option<Placement>, lang: Lang) -> String {
    p.as_ref().map_or_else(
        || match lang {
            Lang::En => "unmatched".to_string(),
            Lang::Id => "tidak terpasangkan".to_string(),
        },
        |p| format!("{:.6}", p.score),
    )
}

/// A grade-gap rule, a planner's rule and the other eligibility rules in Bahasa Indonesia
/// (English: [`Ineligible::describe`]).
fn ineligible_in(rule: &Ineligible, lang: Lang) -> String {
    if lang == Lang::En {
        return rule.describe();
    }
    match rule {
        Ineligible::GradeGap {
            mentor_grade,
            mentee_grade,
            steps_above,
            required,
        } => format!(
            "selisih golongan: mentor ({mentor_grade}) berada {} mentee ({mentee_grade}); \
             syaratnya minimal {required} tingkat di atas mentee",
            match *steps_above {
                0 => "setingkat dengan".to_string(),
                s if s < 0 => format!("{} tingkat di bawah", -s),
                s => format!("hanya {s} tingkat di atas"),
            }
        ),
        Ineligible::SamePerson => {
            "orang yang sama: seseorang tidak dapat membimbing dirinya sendiri".into()
        }
        Ineligible::OtherScope => {
            "instansi berbeda: pasangan hanya dibentuk dalam satu instansi (same_scope_only)".into()
        }
        Ineligible::Performance { rating, required } => match rating {
            Some(rating) => format!(
                "predikat kinerja: predikat SKP mentor ({rating}) di bawah {required} \
                 (min_mentor_performance)"
            ),
            None => format!(
                "predikat kinerja: mentor tidak memiliki predikat SKP, sedangkan \
                 min_mentor_performance mensyaratkan sekurang-kurangnya {required}"
            ),
        },
        Ineligible::PlannersRule { which } => format!(
            "aturan perencana: {}",
            match which {
                Blocked::Forbidden { line } =>
                    format!("dilarang oleh berkas pasangan (baris {line})"),
                Blocked::SameUnitOnly => "unit kerja mentee termasuk same_unit_only".into(),
                Blocked::CrossUnitOnly => "unit kerja mentee termasuk cross_unit_only".into(),
                Blocked::LockedElsewhere { line } =>
                    format!("mentee dikunci ke mentor lain (berkas pasangan baris {line})"),
                Blocked::AvoidedPrevious { file, line } => format!(
                    "pasangan dari daftar sebelumnya {} (baris {line}), tidak dibentuk lagi \
                     (avoid_previous)",
                    file.display()
                ),
            }
        ),
    }
}

impl WhyNot {
    /// The reason in words in `lang` (without the chain); English is [`WhyNot::describe`].
    pub fn describe_in(&self, lang: Lang) -> String {
        if lang == Lang::En {
            return self.describe();
        }
        match self {
            WhyNot::Ineligible { rules } => format!(
                "tidak memenuhi syarat: {}",
                rules
                    .iter()
                    .map(|r| ineligible_in(r, lang))
                    .collect::<Vec<_>>()
                    .join("; ")
            ),
            WhyNot::NoCapacity => "tidak menerima mentee (kapasitas 0)".into(),
            WhyNot::FullWithLocked => {
                "semua slotnya terisi pasangan yang dikunci oleh berkas pasangan".into()
            }
            WhyNot::RulesCannotHold => {
                "tidak ada daftar dengan pasangan ini yang memenuhi semua aturan (porsi unit kerja)"
                    .into()
            }
            WhyNot::LowerScore { below_by } => {
                format!("skor lebih rendah ({below_by:.6} di bawah mentor terpilih)")
            }
            WhyNot::FullWithOthers => "sudah penuh oleh mentee yang lebih membutuhkannya".into(),
            WhyNot::EquallyGood => "sama baiknya: ada daftar optimal lain yang memuat pasangan \
                                    ini (skor seri, ditentukan menurut urutan NIP)"
                .into(),
            WhyNot::WorseOverall => "daftar secara keseluruhan akan lebih buruk".into(),
        }
    }
}

impl Forced {
    /// The chain in words, one step a line: "X would take Y's place at M", "Y would move to
    /// N (0.700000 -> 0.600000)", ..., and last the cost ("total score 0.120000 lower,
    /// matched unchanged"). Ids alone, in English: see [`Forced::describe_lines_in`].
    pub fn describe_lines(&self, mentee_id: &str, mentor_id: &str) -> Vec<String> {
        self.describe_lines_in(mentee_id, mentor_id, Lang::En, &Names::default())
    }

    /// [`Forced::describe_lines`] in `lang`, with the names of `names` beside the ids.
    pub fn describe_lines_in(
        &self,
        mentee_id: &str,
        mentor_id: &str,
        lang: Lang,
        names: &Names,
    ) -> Vec<String> {
        let en = lang == Lang::En;
        let mut lines = Vec::new();
        let mut taker = names.mentee(mentee_id);
        let mut at = names.mentor(mentor_id);
        for m in &self.chain {
            let moved = names.mentee(&m.mentee_id);
            lines.push(if en {
                format!("{taker} would take {moved}'s place at {at}")
            } else {
                format!("{taker} akan menggantikan tempat {moved} pada mentor {at}")
            });
            match &m.to {
                Some(to) => {
                    let to_mentor = names.mentor(&to.mentor_id);
                    let (from, score) = (opt_score(&m.from, lang), to.score);
                    lines.push(if en {
                        format!("{moved} would move to {to_mentor} ({from} -> {score:.6})")
                    } else {
                        format!("{moved} akan pindah ke mentor {to_mentor} ({from} -> {score:.6})")
                    });
                    at = to_mentor;
                }
                None => lines.push(if en {
                    format!("{moved} would be left without a mentor")
                } else {
                    format!("{moved} tidak akan mendapat mentor")
                }),
            }
            taker = moved;
        }
        if self.chain.is_empty() {
            let (who, mentor) = (names.mentee(mentee_id), names.mentor(mentor_id));
            lines.push(if en {
                format!("{who} would take a free slot at {mentor}")
            } else {
                format!("{who} akan mengisi slot kosong pada mentor {mentor}")
            });
        }
        for m in &self.backfill {
            let who = names.mentee(&m.mentee_id);
            let to =
                m.to.as_ref()
                    .map_or("-".to_string(), |t| names.mentor(&t.mentor_id));
            let (a, b) = (opt_score(&m.from, lang), opt_score(&m.to, lang));
            let from = m.from.as_ref().map(|f| names.mentor(&f.mentor_id));
            lines.push(match (en, from) {
                (true, Some(from)) => {
                    format!("{who} would move from {from} to {to}, into a freed slot ({a} -> {b})")
                }
                (true, None) => format!("{who} would move to {to}, into a freed slot ({a} -> {b})"),
                (false, Some(from)) => format!(
                    "{who} akan pindah dari mentor {from} ke mentor {to}, mengisi slot yang \
                     ditinggalkan ({a} -> {b})"
                ),
                (false, None) => format!(
                    "{who} akan masuk ke mentor {to}, mengisi slot yang ditinggalkan ({a} -> {b})"
                ),
            });
        }
        let others = self.other_changes.len();
        if others > 0 {
            lines.push(if en {
                format!(
                    "{others} other mentee{} would change mentor (equally good rearrangements)",
                    if others == 1 { "" } else { "s" }
                )
            } else {
                format!(
                    "{others} mentee lain akan berganti mentor (penataan ulang yang sama baiknya)"
                )
            });
        }
        let matched = match (en, self.matched_drop) {
            (true, 0) => "matched unchanged".to_string(),
            (true, d) if d > 0 => format!("{d} fewer matched"),
            (true, d) => format!("{} more matched", -d),
            (false, 0) => "jumlah mentee terpasangkan tetap".to_string(),
            (false, d) if d > 0 => format!("{d} mentee lebih sedikit yang terpasangkan"),
            (false, d) => format!("{} mentee lebih banyak yang terpasangkan", -d),
        };
        let drop = self.score_drop.max(0.0);
        lines.push(if en {
            format!("total score {drop:.6} lower, {matched}")
        } else {
            format!("total skor turun {drop:.6}, {matched}")
        });
        lines
    }

    /// [`Forced::describe_lines`] as one sentence, steps separated by `; `.
    pub fn describe(&self, mentee_id: &str, mentor_id: &str) -> String {
        format!("{}.", self.describe_lines(mentee_id, mentor_id).join("; "))
    }
}

impl Explanation {
    /// The explanation as text for the terminal, in English with ids alone (see
    /// [`Explanation::to_text_in`]).
    pub fn to_text(&self) -> String {
        self.to_text_in(Lang::En, &Names::default())
    }

    /// The explanation as text for the terminal, in `lang`, with the names of `names`
    /// beside the ids (NIPs).
    pub fn to_text_in(&self, lang: Lang, names: &Names) -> String {
        let en = lang == Lang::En;
        let mut out = String::new();
        let e = &self.mentee;
        let who = names.mentee(&e.id);
        let _ = if en {
            writeln!(
                out,
                "mentee      {who} (unit {}, grade {}): total gap {:.2}",
                e.unit, e.grade, e.gap_total
            )
        } else {
            writeln!(
                out,
                "mentee      {who} (unit kerja {}, golongan {}): total kesenjangan {:.2}",
                e.unit, e.grade, e.gap_total
            )
        };
        let (matched, total) = (self.roster.matched, self.roster.total_score);
        let _ = if en {
            writeln!(out, "roster      {matched} matched, total score {total:.6}")
        } else {
            writeln!(
                out,
                "daftar      {matched} mentee terpasangkan, total skor {total:.6}"
            )
        };
        match &self.assigned {
            Some(c) => self.assigned_lines(&mut out, c, lang, names),
            None => {
                let reason = self
                    .unmatched
                    .map_or_else(|| opt_score(&None, lang), |u| lang.unmatched(u).into());
                let none = if en { "none" } else { "tidak ada" };
                let _ = writeln!(out, "mentor      {none}: {reason}");
            }
        }
        if self.alternatives.is_empty() {
            let _ = writeln!(
                out,
                "{}",
                if en {
                    "alternatives none: no other mentor"
                } else {
                    "alternatif  tidak ada: tidak ada mentor lain"
                }
            );
            return out;
        }
        let n = self.alternatives.len();
        let _ = if en {
            writeln!(
                out,
                "alternatives ({n} best other mentors by score, eligible or not):"
            )
        } else {
            writeln!(
                out,
                "alternatif  ({n} mentor lain dengan skor terbaik, memenuhi syarat atau tidak):"
            )
        };
        for (rank, a) in self.alternatives.iter().enumerate() {
            let b = &a.breakdown;
            let covered: f64 = b.competencies.iter().map(|c| c.cover).sum();
            let (s, c, w) = (
                b.score.score,
                b.score.complementarity,
                b.score.workload_term,
            );
            let (line, same) = (
                mentor_line(&a.mentor, lang, names),
                lang.yes_no(b.score.same_unit),
            );
            let gap = e.gap_total;
            let _ = if en {
                writeln!(
                    out,
                    "  {}. {line}  score {s:.6} (complementarity {c:.3}: covers {covered:.2} of {gap:.2}, same unit {same}, workload term {w:.3})",
                    rank + 1
                )
            } else {
                writeln!(
                    out,
                    "  {}. {line}  skor {s:.6} (komplementaritas {c:.3}: menutup {covered:.2} dari {gap:.2}, unit sama {same}, nilai beban kerja {w:.3})",
                    rank + 1
                )
            };
            let _ = writeln!(out, "     {}", a.why_not.describe_in(lang));
            if let Some(f) = &a.forced {
                let _ = writeln!(
                    out,
                    "     {}",
                    if en { "if forced:" } else { "jika dipaksakan:" }
                );
                for line in f.describe_lines_in(&e.id, &a.mentor.id, lang, names) {
                    let _ = writeln!(out, "       {line}");
                }
            }
        }
        out
    }

    /// The chosen mentor, the score term by term and the gaps competency by competency.
    fn assigned_lines(&self, out: &mut String, c: &Choice, lang: Lang, names: &Names) {
        let en = lang == Lang::En;
        let (b, w) = (&c.breakdown, &self.weights);
        let _ = writeln!(out, "mentor      {}", mentor_line(&c.mentor, lang, names));
        let same = lang.yes_no(b.score.same_unit);
        let _ = if en {
            writeln!(
                out,
                "score       {:.6} = {} x complementarity {:.3} ({:.6}) + {} x same unit {same} ({:.6}) + {} x workload term {:.3} ({:.6})",
                b.score.score,
                w.complementarity,
                b.score.complementarity,
                b.weighted.complementarity,
                w.unit,
                b.weighted.unit,
                w.workload,
                b.score.workload_term,
                b.weighted.workload
            )
        } else {
            writeln!(
                out,
                "skor        {:.6} = {} x komplementaritas {:.3} ({:.6}) + {} x unit sama {same} ({:.6}) + {} x nilai beban kerja {:.3} ({:.6})",
                b.score.score,
                w.complementarity,
                b.score.complementarity,
                b.weighted.complementarity,
                w.unit,
                b.weighted.unit,
                w.workload,
                b.score.workload_term,
                b.weighted.workload
            )
        };
        let gaps: Vec<&CompetencyCover> = b.competencies.iter().filter(|c| c.gap > 0.0).collect();
        if gaps.is_empty() {
            let _ = writeln!(
                out,
                "{}",
                if en {
                    "gaps        none: complementarity is 0"
                } else {
                    "kesenjangan tidak ada: komplementaritas 0"
                }
            );
            return;
        }
        let width = gaps
            .iter()
            .map(|c| c.competency.chars().count())
            .max()
            .unwrap_or(0);
        let _ = writeln!(
            out,
            "{}",
            if en {
                "gaps        competency by competency (level steps):"
            } else {
                "kesenjangan per kompetensi (dalam langkah level):"
            }
        );
        for c in gaps {
            let open = c.gap - c.cover;
            let status = match (en, open <= SCORE_EPSILON) {
                (true, true) => "closed".to_string(),
                (true, false) => format!("{open:.2} stays open"),
                (false, true) => "tertutup seluruhnya".to_string(),
                (false, false) => format!("{open:.2} masih terbuka"),
            };
            let (gap, cover) = (c.gap, c.cover);
            let _ = if en {
                writeln!(
                    out,
                    "  {:<width$}  gap {gap:.2}, covered {cover:.2}: {status}",
                    c.competency
                )
            } else {
                writeln!(
                    out,
                    "  {:<width$}  kesenjangan {gap:.2}, tertutup {cover:.2}: {status}",
                    c.competency
                )
            };
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_fixture::cohort;

    fn explained(mentee: usize) -> (Cohort, Explanation) {
        let cohort = cohort();
        let settings = Settings::default();
        let roster = match_cohort(&cohort, &settings).unwrap();
        let x = explain(&cohort, &settings, &roster, mentee, 5).unwrap();
        (cohort, x)
    }

    /// E2 of the fixture: unmatched, every eligible mentor full; forcing E2-C moves E3 to B
    /// and leaves E5 without a mentor (see the explanation's unit tests).
    #[test]
    fn in_bahasa_indonesia_with_names_beside_the_ids() {
        let (cohort, x) = explained(1);
        let text = x.to_text_in(Lang::Id, &Names::of(&cohort));
        for expected in [
            "mentee      E2 Mentee E2 (unit kerja Z, golongan II/a): total kesenjangan 2.00\n",
            "daftar      4 mentee terpasangkan, total skor 2.420000\n",
            "mentor      tidak ada: semua mentor yang memenuhi syarat sudah penuh\n",
            "alternatif  (3 mentor lain dengan skor terbaik, memenuhi syarat atau tidak):\n",
            "  2. C Mentor C (unit kerja Z, golongan III/a; 1/1 mentee)  skor 0.200000 \
             (komplementaritas 0.000: menutup 0.00 dari 2.00, unit sama ya, nilai beban kerja 0.000)\n",
            "     sudah penuh oleh mentee yang lebih membutuhkannya\n     jika dipaksakan:\n",
            "       E2 Mentee E2 akan menggantikan tempat E3 Mentee E3 pada mentor C Mentor C\n\
             \x20      E3 Mentee E3 akan pindah ke mentor B Mentor B (0.500000 -> 0.760000)\n\
             \x20      E3 Mentee E3 akan menggantikan tempat E5 Mentee E5 pada mentor B Mentor B\n\
             \x20      E5 Mentee E5 tidak akan mendapat mentor\n\
             \x20      total skor turun 0.200000, jumlah mentee terpasangkan tetap\n",
        ] {
            assert!(text.contains(expected), "{expected:?} not in\n{text}");
        }
        for english in [
            " would ",
            "unmatched",
            "score ",
            "grade ",
            "mentees)",
            "if forced",
        ] {
            assert!(!text.contains(english), "{english:?} in\n{text}");
        }
        // English with names, and without: the ids alone as before
        let en = x.to_text_in(Lang::En, &Names::of(&cohort));
        assert!(en.contains("E2 Mentee E2 would take E3 Mentee E3's place at C Mentor C"));
        assert_eq!(x.to_text(), x.to_text_in(Lang::En, &Names::default()));
        assert!(x.to_text().contains("E2 would take E3's place at C\n"));
    }

    /// A matched mentee: the score term by term and the gaps, in Bahasa Indonesia; an
    /// ineligible alternative names the grade rule.
    #[test]
    fn the_score_gaps_and_rules_in_bahasa_indonesia() {
        let (cohort, x) = explained(3);
        let text = x.to_text_in(Lang::Id, &Names::of(&cohort));
        for expected in [
            "mentor      A Mentor A (unit kerja Y, golongan IV/a; 1/1 mentee)\n",
            "skor        0.500000 = 0.6 x komplementaritas 0.333 (0.200000) + 0.2 x unit sama ya (0.200000) + 0.2 x nilai beban kerja 0.500 (0.100000)\n",
            "kesenjangan per kompetensi (dalam langkah level):\n  k  kesenjangan 3.00, tertutup 1.00: 2.00 masih terbuka\n",
            "tidak memenuhi syarat: selisih golongan: mentor (III/a) berada 2 tingkat di bawah mentee (III/c); syaratnya minimal 1 tingkat di atas mentee\n",
            "total skor turun 0.400000, jumlah mentee terpasangkan tetap\n",
        ] {
            assert!(text.contains(expected), "{expected:?} not in\n{text}");
        }
    }

    /// Every reason and rule has its own Indonesian sentence.
    #[test]
    fn every_reason_and_rule_in_bahasa_indonesia() {
        let rules = vec![
            Ineligible::GradeGap {
                mentor_grade: "III/a".into(),
                mentee_grade: "III/a".into(),
                steps_above: 0,
                required: 1,
            },
            Ineligible::GradeGap {
                mentor_grade: "III/b".into(),
                mentee_grade: "III/a".into(),
                steps_above: 1,
                required: 2,
            },
            Ineligible::SamePerson,
            Ineligible::OtherScope,
            Ineligible::PlannersRule {
                which: Blocked::Forbidden { line: 4 },
            },
            Ineligible::PlannersRule {
                which: Blocked::SameUnitOnly,
            },
            Ineligible::PlannersRule {
                which: Blocked::CrossUnitOnly,
            },
            Ineligible::PlannersRule {
                which: Blocked::LockedElsewhere { line: 7 },
            },
            Ineligible::PlannersRule {
                which: Blocked::AvoidedPrevious {
                    file: std::sync::Arc::from(std::path::Path::new("2025/roster.csv")),
                    line: 9,
                },
            },
        ];
        let mut seen = std::collections::BTreeSet::new();
        for rule in &rules {
            let id = ineligible_in(rule, Lang::Id);
            assert_ne!(id, rule.describe());
            assert!(seen.insert(id.clone()), "{id} twice");
        }
        assert!(ineligible_in(&rules[0], Lang::Id).contains("berada setingkat dengan mentee"));
        assert!(ineligible_in(&rules[1], Lang::Id).contains("berada hanya 1 tingkat di atas"));
        assert!(ineligible_in(&rules[4], Lang::Id).contains("baris 4"));
        let avoided = ineligible_in(&rules[8], Lang::Id);
        assert!(avoided.contains("2025/roster.csv (baris 9)"), "{avoided}");
        assert!(rules[8].describe().contains("2025/roster.csv (line 9)"));
        for why in [
            WhyNot::Ineligible { rules },
            WhyNot::NoCapacity,
            WhyNot::FullWithLocked,
            WhyNot::RulesCannotHold,
            WhyNot::LowerScore { below_by: 0.25 },
            WhyNot::FullWithOthers,
            WhyNot::EquallyGood,
            WhyNot::WorseOverall,
        ] {
            let id = why.describe_in(Lang::Id);
            assert_ne!(id, why.describe());
            assert_eq!(why.describe_in(Lang::En), why.describe());
            assert!(seen.insert(id.clone()), "{id} twice");
        }
    }
}

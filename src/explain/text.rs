//! The explanation in words, as the terminal shows it.

use super::*;

pub(super) fn yes_no(b: bool) -> &'static str {
    if b {
        "yes"
    } else {
        "no"
    }
}

pub(super) fn mentor_line(m: &MentorInfo) -> String {
    format!(
        "{} (unit {}, grade {}; {}/{} mentees)",
        m.id, m.unit, m.grade, m.load, m.capacity
    )
}

pub(super) fn opt_score(p: &Option<Placement>) -> String {
    p.as_ref()
        .map_or("unmatched".to_string(), |p| format!("{:.6}", p.score))
}

impl Forced {
    /// The chain in words, one step a line: "X would take Y's place at M", "Y would move to
    /// N (0.700000 -> 0.600000)", ..., and last the cost ("total score 0.120000 lower,
    /// matched unchanged").
    pub fn describe_lines(&self, mentee_id: &str, mentor_id: &str) -> Vec<String> {
        let mut lines = Vec::new();
        let mut taker = mentee_id.to_string();
        let mut at = mentor_id.to_string();
        for m in &self.chain {
            lines.push(format!(
                "{taker} would take {}'s place at {at}",
                m.mentee_id
            ));
            match &m.to {
                Some(to) => {
                    lines.push(format!(
                        "{} would move to {} ({} -> {:.6})",
                        m.mentee_id,
                        to.mentor_id,
                        opt_score(&m.from),
                        to.score
                    ));
                    at = to.mentor_id.clone();
                }
                None => lines.push(format!("{} would be left without a mentor", m.mentee_id)),
            }
            taker = m.mentee_id.clone();
        }
        if self.chain.is_empty() {
            lines.push(format!("{mentee_id} would take a free slot at {mentor_id}"));
        }
        for m in &self.backfill {
            lines.push(format!(
                "{} would move {}to {}, into a freed slot ({} -> {})",
                m.mentee_id,
                m.from
                    .as_ref()
                    .map_or(String::new(), |f| format!("from {} ", f.mentor_id)),
                m.to.as_ref().map_or("-", |t| t.mentor_id.as_str()),
                opt_score(&m.from),
                opt_score(&m.to)
            ));
        }
        if !self.other_changes.is_empty() {
            lines.push(format!(
                "{} other mentee{} would change mentor (equally good rearrangements)",
                self.other_changes.len(),
                if self.other_changes.len() == 1 {
                    ""
                } else {
                    "s"
                }
            ));
        }
        let matched = match self.matched_drop {
            0 => "matched unchanged".to_string(),
            d if d > 0 => format!("{d} fewer matched"),
            d => format!("{} more matched", -d),
        };
        lines.push(format!(
            "total score {:.6} lower, {matched}",
            self.score_drop.max(0.0)
        ));
        lines
    }

    /// [`Forced::describe_lines`] as one sentence, steps separated by `; `.
    pub fn describe(&self, mentee_id: &str, mentor_id: &str) -> String {
        format!("{}.", self.describe_lines(mentee_id, mentor_id).join("; "))
    }
}

impl Explanation {
    /// The explanation as text for the terminal.
    pub fn to_text(&self) -> String {
        let mut out = String::new();
        let e = &self.mentee;
        let _ = writeln!(
            out,
            "mentee      {} (unit {}, grade {}): total gap {:.2}",
            e.id, e.unit, e.grade, e.gap_total
        );
        let _ = writeln!(
            out,
            "roster      {} matched, total score {:.6}",
            self.roster.matched, self.roster.total_score
        );
        let w = &self.weights;
        match &self.assigned {
            Some(c) => {
                let b = &c.breakdown;
                let _ = writeln!(out, "mentor      {}", mentor_line(&c.mentor));
                let _ = writeln!(
                    out,
                    "score       {:.6} = {} x complementarity {:.3} ({:.6}) + {} x same unit {} ({:.6}) + {} x workload term {:.3} ({:.6})",
                    b.score.score,
                    w.complementarity,
                    b.score.complementarity,
                    b.weighted.complementarity,
                    w.unit,
                    yes_no(b.score.same_unit),
                    b.weighted.unit,
                    w.workload,
                    b.score.workload_term,
                    b.weighted.workload
                );
                let gaps: Vec<&CompetencyCover> =
                    b.competencies.iter().filter(|c| c.gap > 0.0).collect();
                if gaps.is_empty() {
                    let _ = writeln!(out, "gaps        none: complementarity is 0");
                } else {
                    let width = gaps.iter().map(|c| c.competency.len()).max().unwrap_or(0);
                    let _ = writeln!(out, "gaps        competency by competency (level steps):");
                    for c in gaps {
                        let open = c.gap - c.cover;
                        let status = if open <= SCORE_EPSILON {
                            "closed".to_string()
                        } else {
                            format!("{open:.2} stays open")
                        };
                        let _ = writeln!(
                            out,
                            "  {:<width$}  gap {:.2}, covered {:.2}: {status}",
                            c.competency, c.gap, c.cover
                        );
                    }
                }
            }
            None => {
                let _ = writeln!(
                    out,
                    "mentor      none: {}",
                    self.unmatched.map_or("unmatched", |u| u.as_str())
                );
            }
        }
        if self.alternatives.is_empty() {
            let _ = writeln!(out, "alternatives none: no other mentor");
            return out;
        }
        let _ = writeln!(
            out,
            "alternatives ({} best other mentors by score, eligible or not):",
            self.alternatives.len()
        );
        for (rank, a) in self.alternatives.iter().enumerate() {
            let b = &a.breakdown;
            let covered: f64 = b.competencies.iter().map(|c| c.cover).sum();
            let _ = writeln!(
                out,
                "  {}. {}  score {:.6} (complementarity {:.3}: covers {:.2} of {:.2}, same unit {}, workload term {:.3})",
                rank + 1,
                mentor_line(&a.mentor),
                b.score.score,
                b.score.complementarity,
                covered,
                e.gap_total,
                yes_no(b.score.same_unit),
                b.score.workload_term
            );
            let _ = writeln!(out, "     {}", a.why_not.describe());
            if let Some(f) = &a.forced {
                let _ = writeln!(out, "     if forced:");
                for line in f.describe_lines(&e.id, &a.mentor.id) {
                    let _ = writeln!(out, "       {line}");
                }
            }
        }
        out
    }
}

//! Why a pair is in the roster beyond the optimum's choice, and the other columns the
//! outputs show beside the contract: the pass-through cells of `--keep-columns`.
//!
//! A pair is `lock` when the pairs file locks it, `kept` when it was in the previous roster
//! (`--previous`) and stays; a locked pair that was also in the previous roster is `lock`
//! (the lock is why it stands). Every other pair, and every unmatched mentee, has none.
//! `roster.csv` writes these words in every language ([`PairOrigin::as_str`]).

use crate::error::Result;
use crate::input::kept::KeptColumns;
use crate::model::Cohort;
use crate::roster::Roster;
use crate::rules::Rules;
use crate::score::Scorer;
use crate::settings::Settings;

/// Why a pair stands in the roster, when a rule of the planner put it there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairOrigin {
    /// The pairs file locks the pair.
    Lock,
    /// The pair was in the previous roster, and continuity kept it.
    Kept,
}

impl PairOrigin {
    /// The value of `roster.csv`'s `pair_origin`: `lock` or `kept`.
    pub fn as_str(self) -> &'static str {
        match self {
            PairOrigin::Lock => "lock",
            PairOrigin::Kept => "kept",
        }
    }
}

/// The origin of each mentee's pair (file order; `None` for a pair the optimum chose
/// freely, and for an unmatched mentee), as the rules of `settings` say.
pub fn pair_origins(
    cohort: &Cohort,
    settings: &Settings,
    roster: &Roster,
) -> Result<Vec<Option<PairOrigin>>> {
    if settings.rules.pairs.is_none() && settings.rules.previous.is_none() {
        return Ok(vec![None; cohort.mentees.len()]);
    }
    let rules = Rules::new(cohort, settings, &Scorer::new(cohort, settings), false)?;
    Ok(roster
        .pairs
        .iter()
        .enumerate()
        .map(|(i, pair)| {
            let mentor = pair.as_ref()?.mentor;
            if rules.lock[i].is_some_and(|l| l.mentor == mentor) {
                Some(PairOrigin::Lock)
            } else if rules.previous[i] == Some(mentor) {
                Some(PairOrigin::Kept)
            } else {
                None
            }
        })
        .collect())
}

/// What the outputs show of a roster beside its pairs and scores: each pair's origin and
/// the people's kept columns.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Extras<'a> {
    /// Per mentee (file order), the origin of the pair.
    pub origins: Vec<Option<PairOrigin>>,
    /// The kept columns (none when `None`).
    pub kept: Option<&'a KeptColumns>,
}

impl<'a> Extras<'a> {
    /// The extras of a roster matched under `settings`, with the kept columns `kept`.
    pub fn new(
        cohort: &Cohort,
        settings: &Settings,
        roster: &Roster,
        kept: Option<&'a KeptColumns>,
    ) -> Result<Extras<'a>> {
        Ok(Extras {
            origins: pair_origins(cohort, settings, roster)?,
            kept,
        })
    }

    /// The origin of mentee `i`'s pair.
    pub fn origin(&self, i: usize) -> Option<PairOrigin> {
        self.origins.get(i).copied().flatten()
    }

    /// The kept columns (an empty set when none is kept).
    pub fn kept(&self) -> &KeptColumns {
        static NONE: KeptColumns = KeptColumns {
            columns: Vec::new(),
            mentees: Vec::new(),
            mentors: Vec::new(),
        };
        self.kept.unwrap_or(&NONE)
    }
}

//! The connected components of a part: the mentees and mentors that the pairs the rules
//! allow, and the rules that couple mentees, join (petgraph's union-find).

use petgraph::unionfind::UnionFind;
use serde::Serialize;

use super::Part;
use crate::error::Result;
use crate::model::Cohort;
use crate::rules::Rules;
use crate::score::Scorer;
use crate::settings::Settings;

/// The connected components of one part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Components {
    /// Per component holding a mentee: its mentees and mentors, largest first (by mentees x
    /// mentors, then mentees, then mentors).
    pub sizes: Vec<(usize, usize)>,
    /// Per mentee of the part (in the part's order), its component (an index into
    /// [`Components::sizes`]).
    pub mentee_component: Vec<usize>,
    /// Mentors of the part that no mentee can meet.
    pub idle_mentors: usize,
}

impl Components {
    /// Number of components holding a mentee.
    pub fn count(&self) -> usize {
        self.sizes.len()
    }
}

/// The components of `part` of `cohort` under `settings`: a mentee and a mentor are joined
/// by an eligible pair the rules allow; the mentees of a unit under a share rule are joined
/// (the share counts them together); under the fair objective every mentee of the part is
/// (its threshold is one for all).
pub fn of_part(cohort: &Cohort, settings: &Settings, part: &Part) -> Result<Components> {
    let sub = part.cohort(cohort);
    let (n, m) = (sub.mentees.len(), sub.mentors.len());
    let scorer = Scorer::new(&sub, settings);
    let rules = if super::has_rules(&sub, settings) {
        Some(Rules::new(&sub, settings, &scorer, false)?)
    } else {
        None
    };
    let mut sets: UnionFind<usize> = UnionFind::new(n + m);
    let mut met = vec![false; m];
    for i in 0..n {
        for (j, seen) in met.iter_mut().enumerate() {
            let allowed = rules.as_ref().map_or(true, |r| r.blocked(i, j).is_none());
            if allowed && scorer.eligible(i, j) {
                sets.union(i, n + j);
                *seen = true;
            }
        }
    }
    if let Some(rules) = &rules {
        let mut first_of_unit: Vec<Option<usize>> = vec![None; rules.units.len()];
        for i in 0..n {
            let u = rules.mentee_unit[i] as usize;
            if rules.max_cross_share[u].is_none() {
                continue;
            }
            match first_of_unit[u] {
                Some(first) => {
                    sets.union(first, i);
                }
                None => first_of_unit[u] = Some(i),
            }
        }
    }
    if settings.rules.objective == crate::settings::Objective::Fair {
        for i in 1..n {
            sets.union(0, i);
        }
    }
    // Components by their root; sizes counted, then ordered so that the numbering does not
    // depend on the order of the rows.
    let mut size_of_root: std::collections::HashMap<usize, (usize, usize, String)> =
        std::collections::HashMap::new();
    for i in 0..n {
        let e = size_of_root
            .entry(sets.find(i))
            .or_insert((0, 0, sub.mentees[i].id.clone()));
        e.0 += 1;
        if sub.mentees[i].id < e.2 {
            e.2 = sub.mentees[i].id.clone();
        }
    }
    for (j, &seen) in met.iter().enumerate() {
        if seen {
            if let Some(e) = size_of_root.get_mut(&sets.find(n + j)) {
                e.1 += 1;
            }
        }
    }
    let mut roots: Vec<(usize, (usize, usize, String))> = size_of_root.into_iter().collect();
    roots.sort_by(|(_, a), (_, b)| {
        let pairs = |s: &(usize, usize, String)| s.0 as u64 * s.1 as u64;
        pairs(b)
            .cmp(&pairs(a))
            .then(b.0.cmp(&a.0))
            .then(b.1.cmp(&a.1))
            .then(a.2.cmp(&b.2))
    });
    let index: std::collections::HashMap<usize, usize> = roots
        .iter()
        .enumerate()
        .map(|(c, (root, _))| (*root, c))
        .collect();
    Ok(Components {
        sizes: roots.iter().map(|(_, (a, b, _))| (*a, *b)).collect(),
        mentee_component: (0..n).map(|i| index[&sets.find(i)]).collect(),
        idle_mentors: met.iter().filter(|&&s| !s).count(),
    })
}

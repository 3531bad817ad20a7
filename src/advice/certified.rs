//! The advice above `price_above`, from the duals a priced match ended with: every pair
//! priced once, no network solve again.

use super::*;

/// Mentees scored at once while the problem of [`advise_certified`] is built: the pairs of
/// a block are held twice (in their lists and in the problem) only until it is copied.
pub(super) const MENTEES_PER_BLOCK: usize = 256;

/// Where a typical mentor scores outside the range of a priced match's duals, the part is
/// solved again (a full network solve) when it has at most this many times `price_above`
/// pairs; above that its advice is left out.
pub const SOLVE_AGAIN_UP_TO: u64 = 4;

/// [`advise`] for a roster that a priced match proved optimal (above `price_above`, where
/// no match holds every pair), from the duals it ended with: the problem over every
/// eligible pair is built once (12 bytes a pair, block by block) and checked against the
/// duals, and no network solve runs again. With `same_scope_only` each scope is its own
/// problem (the pairs across scopes are not eligible), with the duals its match kept
/// (priced or not; a scope without them, solved by `lp`, is solved again if it was not
/// priced), and each unit's typical mentor joins the scope it is placed in. Where a typical mentor scores outside the
/// range of the costing the duals are in (they cannot price its pairs), the part is solved
/// again up to [`SOLVE_AGAIN_UP_TO`] times `price_above` pairs. `None` when a priced part
/// has no such duals, when they do not certify its roster on every pair, or when it is too
/// large to solve again.
///
/// Complexity: scoring every pair once, `O(E)` to check, then as [`advise_problem`]
/// without its network solve (with it, on the scopes not priced).
pub fn advise_certified(
    cohort: &Cohort,
    settings: &Settings,
    roster: &Roster,
) -> Result<Option<Advice>> {
    let typical = typical_mentors_for(cohort, settings, &roster.capacity);
    let extended = with_typical(cohort, &typical);
    let scorer = Scorer::new(&extended, settings);
    let m = cohort.mentors.len();
    // The parts: the whole cohort, or each scope, each with the duals its match kept; in
    // parallel (each part's own steps run in parallel too), merged in key order.
    let parts: Vec<(String, Members)> = if settings.eligibility.same_scope_only {
        scope_parts(cohort, &typical)
    } else {
        vec![(
            String::new(),
            (
                (0..cohort.mentees.len()).collect(),
                (0..m).collect(),
                (0..typical.len()).collect(),
            ),
        )]
    };
    let solve_up_to = SOLVE_AGAIN_UP_TO.saturating_mul(settings.solver.price_above);
    let results: Vec<Option<PartGains>> = parts
        .into_par_iter()
        .map(|(key, (mentees, part_mentors, joining))| {
            let duals = if settings.eligibility.same_scope_only {
                roster
                    .scope_certificates
                    .iter()
                    .find(|(k, _)| *k == key)
                    .map(|(_, d)| d)
            } else {
                roster.certificate.as_ref()
            };
            // A part the match priced must have its duals; another is solved again without.
            let priced = (mentees.len() as u64).saturating_mul(part_mentors.len() as u64)
                > settings.solver.price_above;
            if priced && duals.is_none() {
                return Ok(None);
            }
            let part = Part {
                cohort,
                scorer: &scorer,
                roster,
                mentees,
                mentors: part_mentors,
            };
            let capacity = |u: usize| {
                typical[u]
                    .mentor
                    .capacity
                    .unwrap_or(settings.rules.capacity)
            };
            let joiners: Vec<(usize, u32)> =
                joining.iter().map(|&u| (m + u, capacity(u))).collect();
            Ok(part
                .gains(duals, &joiners, solve_up_to)?
                .map(|(gains, slots)| (part.mentor_order(), gains, joining, slots)))
        })
        .collect::<Result<_>>()?;
    let mut mentors = vec![Gain::default(); m];
    let mut added = vec![Vec::new(); typical.len()];
    for result in results {
        let Some((order, gains, joining, slots)) = result else {
            return Ok(None);
        };
        for (&j, g) in order.iter().zip(gains) {
            mentors[j] = g;
        }
        for (u, s) in joining.into_iter().zip(slots) {
            added[u] = s;
        }
    }
    let mentor_order: Vec<usize> = (0..m).collect();
    let gains = ProblemAdvice {
        mentors,
        added,
        from_given: true,
    };
    Ok(Some(assemble(roster, &mentor_order, typical, gains)))
}

/// What one part gives [`advise_certified`]: its mentors (file indices, node order) with the
/// gain of one more slot each, and the typical mentors it took with the gains of their slots.
pub(super) type PartGains = (Vec<usize>, Vec<Gain>, Vec<usize>, Vec<Vec<Gain>>);

/// One independent part of a cohort for [`advise_certified`]: its mentees and mentors (file
/// indices, in file order), scored by a scorer that knows the typical mentors too.
pub(super) struct Part<'a> {
    cohort: &'a Cohort,
    scorer: &'a Scorer,
    roster: &'a Roster,
    mentees: Vec<usize>,
    mentors: Vec<usize>,
}

impl Part<'_> {
    /// The part's mentors (file indices) in node order: by id, as
    /// [`crate::graph::canonical_orders`] orders a cohort made of the part.
    fn mentor_order(&self) -> Vec<usize> {
        let mut order = self.mentors.clone();
        order.sort_by(|&a, &b| self.cohort.mentors[a].id.cmp(&self.cohort.mentors[b].id));
        order
    }

    /// The part's mentees (file indices) in node order.
    fn mentee_order(&self) -> Vec<usize> {
        let mut order = self.mentees.clone();
        order.sort_by(|&a, &b| self.cohort.mentees[a].id.cmp(&self.cohort.mentees[b].id));
        order
    }

    /// The gain of one more slot of each mentor of the part (node order) and of each slot of
    /// the `joining` mentors (scorer index, capacity): from `duals` when given (checked on
    /// every pair), otherwise from a network solve of the part. When a joining mentor
    /// scores outside the range of the duals' costing, the part is solved again if it has
    /// at most `solve_up_to` pairs (`None` otherwise).
    #[allow(clippy::type_complexity)]
    fn gains(
        &self,
        duals: Option<&crate::solve::slots::Duals>,
        joining: &[(usize, u32)],
        solve_up_to: u64,
    ) -> Result<Option<(Vec<Gain>, Vec<Vec<Gain>>)>> {
        let (mentor_order, mentee_order) = (self.mentor_order(), self.mentee_order());
        let scorer = self.scorer;
        let mut problem = Problem {
            capacity: mentor_order
                .iter()
                .map(|&j| self.roster.capacity[j])
                .collect(),
            offsets: vec![0],
            mentor: Vec::new(),
            score: Vec::new(),
        };
        for block in mentee_order.chunks(MENTEES_PER_BLOCK) {
            let lists: Vec<Vec<(u32, f64)>> = block
                .par_iter()
                .map(|&i| {
                    mentor_order
                        .iter()
                        .enumerate()
                        .filter(|&(_, &j)| scorer.eligible(i, j))
                        .map(|(c, &j)| (c as u32, scorer.score(i, j).score))
                        .collect()
                })
                .collect();
            for list in lists {
                for (c, score) in list {
                    problem.mentor.push(c);
                    problem.score.push(score);
                }
                problem.offsets.push(problem.mentor.len());
            }
        }
        let mut node_of = BTreeMap::new();
        for (c, &j) in mentor_order.iter().enumerate() {
            node_of.insert(j, c as u32);
        }
        let mut edge_of = Vec::with_capacity(problem.n_mentees());
        for (k, &i) in mentee_order.iter().enumerate() {
            edge_of.push(match self.roster.pairs[i] {
                None => None,
                Some(pair) => {
                    let edges = problem.edges(k);
                    let at = node_of
                        .get(&pair.mentor)
                        .and_then(|c| problem.mentor[edges.clone()].binary_search(c).ok())
                        .ok_or_else(|| {
                            Error::Solver(format!(
                                "the roster pairs mentee {} with a mentor who is not eligible",
                                i + 1
                            ))
                        })?;
                    Some(edges.start + at)
                }
            });
        }
        let added: Vec<AddedMentor> = joining
            .par_iter()
            .map(|&(jt, capacity)| AddedMentor {
                pairs: mentee_order
                    .iter()
                    .enumerate()
                    .filter(|&(_, &i)| scorer.eligible(i, jt))
                    .map(|(k, &i)| (k as u32, scorer.score(i, jt).score))
                    .collect(),
                capacity,
                bonus: Vec::new(),
            })
            .collect();
        let Some(duals) = duals else {
            let gains = advise_problem(&problem, &edge_of, &added)?;
            return Ok(Some((gains.mentors, gains.added)));
        };
        // The duals are integers of the costing of every eligible pair: the same pairs here.
        if crate::solve::network::Costing::for_problem(&problem) != duals.costing {
            return Ok(None);
        }
        if !scores_within(&problem, &added) {
            // A typical mentor scores outside the range the duals' costing covers: they
            // cannot price its pairs, and the part is solved again when it is small enough.
            if problem.n_edges() as u64 > solve_up_to {
                return Ok(None);
            }
            let gains = advise_problem(&problem, &edge_of, &added)?;
            return Ok(Some((gains.mentors, gains.added)));
        }
        let Some(values) = SlotValues::certified(&problem, &edge_of, duals)? else {
            return Ok(None);
        };
        let slots = added.par_iter().map(|a| values.added_mentor(a)).collect();
        Ok(Some((values.mentor_gains(), slots)))
    }
}

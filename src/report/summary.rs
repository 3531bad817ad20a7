//! `summary.json`: counts, totals, settings, solver, time and the inputs' hashes.

use serde::Serialize;

use crate::input::RecordedInputs;
use crate::model::Cohort;
use crate::roster::diagnose::Finding;
use crate::roster::{Continuity, Roster, Timings, Unmatched};
use crate::settings::{Settings, SolverChoice};
use crate::solve::{lp, Status};

/// Everything `summary.json` holds.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Summary {
    /// The program and its version.
    pub tool: String,
    /// The scenario, when the roster is one of a scenario file's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scenario: Option<String>,
    /// The language the run was asked for (`--lang`): what people read in it (workbook,
    /// HTML) is in that language, and `explain` and `diff` speak it by default. Set by
    /// [`crate::report::roster_files_with`]; absent otherwise (and in folders of earlier
    /// builds).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lang: Option<crate::report::labels::Lang>,
    /// The input files and their SHA-256 hashes: the mentors and mentees files, and the
    /// pairs file, previous roster and earlier rosters to avoid when the settings name them.
    pub inputs: RecordedInputs,
    /// The files written that `explain` reads back, with their SHA-256 (set by
    /// [`crate::report::roster_files_with`], which renders them; absent otherwise).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outputs: Option<OutputFiles>,
    /// The settings used.
    pub settings: Settings,
    /// Head counts.
    pub counts: Counts,
    /// Score totals and shares.
    pub totals: Totals,
    /// How the assignment was solved.
    pub solver: SolverInfo,
    /// Stability audit: pairs that would both rather be together (absent under the
    /// planner's rules, or above 100 million mentee x mentor pairs).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stability: Option<StabilityReport>,
    /// Robustness to moved weights (`compare --perturb`), when asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub robustness: Option<RobustnessReport>,
    /// The warnings about the input files (a column not used, a competency the mentors
    /// lack, a missing workload, ...), as the terminal showed them; absent when none.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub warnings: Vec<String>,
    /// What the planner's rules did (absent when the settings hold no rule).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rules: Option<RulesReport>,
    /// Wall-clock times (absent with `--reproducible`, so that reruns are byte-identical).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub timings: Option<RunTimings>,
}

/// The written files that `summary.json` records.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OutputFiles {
    /// `roster.csv`.
    pub roster: OutputFile,
}

/// One written file: its name in the output folder and the SHA-256 of the bytes written.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct OutputFile {
    /// The file's name in the output folder.
    pub path: String,
    /// SHA-256 of the bytes written, in hex.
    pub sha256: String,
}

/// Head counts of a match.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Counts {
    /// Mentees in the input.
    pub mentees: usize,
    /// Mentors in the input.
    pub mentors: usize,
    /// Competencies assessed (mentees' `k:` columns).
    pub competencies: usize,
    /// Total capacity of all mentors.
    pub slots: u64,
    /// Eligible pairs.
    pub eligible_pairs: usize,
    /// Pairs in the graph the solver worked on (all eligible pairs with `candidates = 0`,
    /// else the candidates and the pairs pricing brought in); optimality covers all
    /// eligible pairs either way.
    pub graph_pairs: usize,
    /// Mentees with a mentor.
    pub matched: usize,
    /// Mentees without a mentor.
    pub unmatched: usize,
    /// Unmatched because no mentor is eligible for them.
    pub unmatched_no_eligible_mentor: usize,
    /// Unmatched because every eligible mentor is full.
    pub unmatched_eligible_mentors_full: usize,
    /// Mentors with at least one mentee.
    pub mentors_used: usize,
}

/// Score totals of a match.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Totals {
    /// Sum of matched pairs' scores (the optimised objective after the matched count).
    pub total_score: f64,
    /// Mean score over matched mentees (0 when none is matched).
    pub mean_score: f64,
    /// Mean complementarity over matched mentees.
    pub mean_complementarity: f64,
    /// Matched pairs within one unit.
    pub same_unit_pairs: usize,
    /// Share of matched pairs within one unit.
    pub same_unit_share: f64,
    /// Share of mentees matched.
    pub coverage: f64,
}

/// How the assignment was solved.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct SolverInfo {
    /// The method: `network` (min-cost flow) or `lp` (good_lp).
    pub method: SolverChoice,
    /// The LP backend compiled in (used by the `lp` method).
    pub lp_backend: String,
    /// `optimal` when proven optimal.
    pub status: Status,
    /// A short account of the work.
    pub detail: String,
}

/// The stability audit of a roster.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct StabilityReport {
    /// A mentee and a mentor not paired together who would both do better together (listed
    /// in `blocking_pairs.csv`).
    pub blocking_pairs: usize,
}

/// Robustness of a roster to each weight moved up and down.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct RobustnessReport {
    /// The relative change of each weight.
    pub fraction: f64,
    /// Mentees whose mentor (or lack of one) is the same in all six re-solves.
    pub robust_mentees: usize,
    /// Their share of all mentees.
    pub robust_share: f64,
}

pub use crate::stability::{audit, STABILITY_MAX_PAIRS};

/// What the planner's rules did.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct RulesReport {
    /// Unmatched although an eligible mentor had room, because of a unit share rule.
    pub unmatched_unit_share_rule: usize,
    /// Unmatched because the rules cannot all hold.
    pub unmatched_rules_cannot_hold: usize,
    /// Continuity with the previous roster, when one was given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub continuity: Option<Continuity>,
    /// Where a rule costs matches, with the numbers and the setting that would relax it.
    pub findings: Vec<Finding>,
}

/// Wall-clock times of a run, in seconds.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct RunTimings {
    /// Reading and checking the input files.
    pub read_seconds: f64,
    /// Scoring and building the graph, and solving.
    #[serde(flatten)]
    pub stages: Timings,
    /// From start to the files written.
    pub total_seconds: f64,
}

impl Summary {
    /// Gathers the summary of a match; `inputs` are the files of the cohort (a
    /// [`crate::input::CohortFiles`]), or those a run records
    /// ([`crate::reload::recorded_inputs`]).
    pub fn new(
        cohort: &Cohort,
        inputs: impl Into<RecordedInputs>,
        settings: &Settings,
        roster: &Roster,
        timings: Option<RunTimings>,
    ) -> Summary {
        let matched = roster.matched();
        let per_matched = |x: f64| if matched > 0 { x / matched as f64 } else { 0.0 };
        let total_score = roster.total_score();
        let same_unit_pairs = roster.same_unit_pairs();
        let complementarity = roster.complementarity_total();
        Summary {
            tool: format!("bimbing {}", env!("CARGO_PKG_VERSION")),
            scenario: None,
            inputs: inputs.into().with_rule_files(
                &settings.files,
                settings.rules.pairs.as_deref(),
                settings.rules.previous.as_deref(),
                &settings.rules.avoid_previous,
            ),
            outputs: None,
            settings: settings.clone(),
            counts: Counts {
                mentees: cohort.mentees.len(),
                mentors: cohort.mentors.len(),
                competencies: cohort.competencies.len(),
                slots: roster.capacity.iter().map(|&c| c as u64).sum(),
                eligible_pairs: roster.eligible_pairs,
                graph_pairs: roster.graph_pairs,
                matched,
                unmatched: cohort.mentees.len() - matched,
                unmatched_no_eligible_mentor: roster.unmatched_count(Unmatched::NoEligibleMentor),
                unmatched_eligible_mentors_full: roster
                    .unmatched_count(Unmatched::EligibleMentorsFull),
                mentors_used: roster.mentors_used(),
            },
            totals: Totals {
                total_score,
                mean_score: per_matched(total_score),
                mean_complementarity: per_matched(complementarity),
                same_unit_pairs,
                same_unit_share: per_matched(same_unit_pairs as f64),
                coverage: if cohort.mentees.is_empty() {
                    0.0
                } else {
                    matched as f64 / cohort.mentees.len() as f64
                },
            },
            solver: SolverInfo {
                method: roster.method,
                lp_backend: lp::BACKEND.to_string(),
                status: roster.status,
                detail: roster.solver_detail.clone(),
            },
            stability: None,
            robustness: None,
            warnings: Vec::new(),
            lang: None,
            rules: crate::roster::has_rules(cohort, settings).then(|| RulesReport {
                unmatched_unit_share_rule: roster.unmatched_count(Unmatched::UnitShareRule),
                unmatched_rules_cannot_hold: roster.unmatched_count(Unmatched::RulesCannotHold),
                continuity: roster.continuity,
                findings: roster.findings.clone(),
            }),
            timings,
        }
    }

    /// The summary as pretty JSON, ending with a newline.
    pub fn to_json(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec_pretty(self).expect("the summary serialises");
        bytes.push(b'\n');
        bytes
    }
}

//! Unit tests of the explanation.

use super::*;
use crate::test_fixture::{cohort, A, B, C};

fn solved() -> (Cohort, Settings, Roster) {
    let cohort = cohort();
    let settings = Settings::default();
    let roster = match_cohort(&cohort, &settings).unwrap();
    (cohort, settings, roster)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn fixture_optimum_is_the_hand_computed_one() {
    let (_, _, roster) = solved();
    let mentors: Vec<Option<usize>> = roster.pairs.iter().map(|p| p.map(|p| p.mentor)).collect();
    assert_eq!(mentors, [Some(B), None, Some(C), Some(A), Some(B), None]);
    assert!(close(roster.total_score(), 2.42));
    assert_eq!(roster.unmatched[1], Some(Unmatched::EligibleMentorsFull));
    assert_eq!(roster.unmatched[5], Some(Unmatched::NoEligibleMentor));
}

#[test]
fn matched_mentee_with_a_full_better_mentor() {
    // E4 has A (0.50). B scores 0.56 for E4 but is full with E1 (0.76) and E5 (0.66).
    // Forcing E4-B: without E4 and with one slot each at A, B, C, the best rest is
    // E1-A 0.30 + E5-B 0.66 + E3-C 0.50 = 1.46 (E1-B 0.76 + E5-A 0.10 + E3-C 0.50 is
    // 1.36); total 1.46 + 0.56 = 2.02, a drop of 0.40 with 4 matched: E1 moves to A.
    // C is not eligible for E4 (III/a is 2 steps below III/c): score 0.20.
    let (cohort, settings, roster) = solved();
    let x = explain(&cohort, &settings, &roster, 3, 5).unwrap();
    let chosen = x.assigned.as_ref().unwrap();
    assert_eq!(chosen.mentor.id, "A");
    assert!(close(chosen.breakdown.score.score, 0.5));
    assert!(close(chosen.breakdown.weighted.complementarity, 0.2));
    assert!(close(chosen.breakdown.weighted.unit, 0.2));
    assert!(close(chosen.breakdown.weighted.workload, 0.1));
    assert!(close(chosen.breakdown.competencies[0].gap, 3.0));
    assert!(close(chosen.breakdown.competencies[0].cover, 1.0));
    assert!(close(x.mentee.gap_total, 3.0));

    assert_eq!(x.alternatives.len(), 2);
    let b = &x.alternatives[0];
    assert_eq!(b.mentor.id, "B");
    assert!(close(b.breakdown.score.score, 0.56));
    assert_eq!(b.why_not, WhyNot::FullWithOthers);
    let f = b.forced.as_ref().unwrap();
    assert_eq!(f.matched_drop, 0);
    assert!(close(f.score_drop, 0.40), "{f:?}");
    assert_eq!(f.chain.len(), 1);
    assert_eq!(f.chain[0].mentee_id, "E1");
    assert_eq!(f.chain[0].to.as_ref().unwrap().mentor_id, "A");
    assert!(f.backfill.is_empty() && f.other_changes.is_empty());
    let text = f.describe("E4", "B");
    assert!(
        text.starts_with(
            "E4 would take E1's place at B; E1 would move to A (0.760000 -> 0.300000)"
        ),
        "{text}"
    );
    assert!(
        text.ends_with("; total score 0.400000 lower, matched unchanged."),
        "{text}"
    );

    let c = &x.alternatives[1];
    assert_eq!(c.mentor.id, "C");
    assert!(close(c.breakdown.score.score, 0.2));
    let WhyNot::Ineligible { rules } = &c.why_not else {
        panic!("{c:?}")
    };
    assert!(matches!(
        rules[..],
        [Ineligible::GradeGap {
            steps_above: -2,
            ..
        }]
    ));
    assert!(c.forced.is_none());
}

#[test]
fn matched_mentee_with_a_lower_alternative_and_a_chain_through_a_free_slot() {
    // E3 has C (0.50). B scores 0.76 but is full (E1 0.76, E5 0.66): forcing E3-B gives
    // E1-B 0.76, E2-C 0.20, E4-A 0.50 + 0.76 = 2.22 (drop 0.20): E5 loses their place
    // at B, and E2 takes the slot E3 leaves at C.
    // A scores 0.40 < 0.50: simply lower (forced: E3-A 0.40, E1-B, E5-B, E2-C = 2.02).
    let (cohort, settings, roster) = solved();
    let x = explain(&cohort, &settings, &roster, 2, 5).unwrap();
    let ids: Vec<&str> = x
        .alternatives
        .iter()
        .map(|a| a.mentor.id.as_str())
        .collect();
    assert_eq!(ids, ["B", "A"]);
    assert_eq!(x.alternatives[0].why_not, WhyNot::FullWithOthers);
    let f = x.alternatives[0].forced.as_ref().unwrap();
    assert!(close(f.score_drop, 0.20));
    assert_eq!(f.chain[0].mentee_id, "E5");
    assert!(f.chain[0].to.is_none());
    assert_eq!(f.backfill.len(), 1);
    assert_eq!(f.backfill[0].mentee_id, "E2");
    assert!(f.backfill[0].from.is_none());
    let text = f.describe("E3", "B");
    assert!(
        text.contains("E3 would take E5's place at B; E5 would be left without a mentor; E2 would move to C, into a freed slot (unmatched -> 0.200000)"),
        "{text}"
    );
    let WhyNot::LowerScore { below_by } = x.alternatives[1].why_not else {
        panic!("{:?}", x.alternatives[1])
    };
    assert!(close(below_by, 0.10));
    assert!(close(
        x.alternatives[1].forced.as_ref().unwrap().score_drop,
        0.40
    ));
}

#[test]
fn unmatched_mentee_with_every_eligible_mentor_full() {
    // E2: B 0.46, C 0.20, A 0.10, all full.
    // Forcing E2-B: E5 loses B; E1-B, E3-C, E4-A + 0.46 = 2.22, drop 0.20.
    // Forcing E2-C: E3 moves from C to B and E5 loses B: E1-B .76 + E3-B .76 +
    //   E4-A .50 + .20 = 2.22, drop 0.20 (a chain of two).
    // Forcing E2-A: E4 loses A: .76 + .66 + .50 + .10 = 2.02, drop 0.40.
    let (cohort, settings, roster) = solved();
    let x = explain(&cohort, &settings, &roster, 1, 5).unwrap();
    assert!(x.assigned.is_none());
    assert_eq!(x.unmatched, Some(Unmatched::EligibleMentorsFull));
    let ids: Vec<&str> = x
        .alternatives
        .iter()
        .map(|a| a.mentor.id.as_str())
        .collect();
    assert_eq!(ids, ["B", "C", "A"]);
    assert!(x
        .alternatives
        .iter()
        .all(|a| a.why_not == WhyNot::FullWithOthers));
    let drops: Vec<f64> = x
        .alternatives
        .iter()
        .map(|a| a.forced.as_ref().unwrap().score_drop)
        .collect();
    assert!(close(drops[0], 0.2) && close(drops[1], 0.2) && close(drops[2], 0.4));
    let via_c = x.alternatives[1].forced.as_ref().unwrap();
    let chain: Vec<(&str, Option<&str>)> = via_c
        .chain
        .iter()
        .map(|m| {
            (
                m.mentee_id.as_str(),
                m.to.as_ref().map(|t| t.mentor_id.as_str()),
            )
        })
        .collect();
    assert_eq!(chain, [("E3", Some("B")), ("E5", None)]);
    let text = x.to_text();
    assert!(
        text.contains("mentor      none: every eligible mentor full"),
        "{text}"
    );
    assert!(
        text.contains(
            "       E2 would take E3's place at C\n       E3 would move to B (0.500000 -> 0.760000)\n       E3 would take E5's place at B\n       E5 would be left without a mentor\n       total score 0.200000 lower, matched unchanged\n"
        ),
        "{text}"
    );
}

#[test]
fn no_eligible_mentor_lists_the_rules() {
    let (cohort, settings, roster) = solved();
    let x = explain(&cohort, &settings, &roster, 5, 2).unwrap();
    assert_eq!(x.unmatched, Some(Unmatched::NoEligibleMentor));
    assert_eq!(x.alternatives.len(), 2, "limited to the number asked");
    assert!(x
        .alternatives
        .iter()
        .all(|a| matches!(a.why_not, WhyNot::Ineligible { .. })));
    let text = x.to_text();
    assert!(
        text.contains(
            "not eligible: grade gap: the mentor (IV/a) is 1 step below the mentee (IV/b)"
        ),
        "{text}"
    );
}

#[test]
fn lower_score_and_unknown_id() {
    // E1 has B (0.76); A scores 0.30 (C is not eligible).
    let (cohort, settings, roster) = solved();
    let x = explain(
        &cohort,
        &settings,
        &roster,
        mentee_index(&cohort, " E1 ").unwrap(),
        5,
    )
    .unwrap();
    let WhyNot::LowerScore { below_by } = x.alternatives[0].why_not else {
        panic!()
    };
    assert!(close(below_by, 0.46));
    assert!(mentee_index(&cohort, "E9").is_err());
}

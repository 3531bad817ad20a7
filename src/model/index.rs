//! The index spaces the code moves between, each its own type, so that an index of one can
//! never be used as an index of another (see docs/architecture.md, "Index spaces"):
//!
//! - a plain `usize` is a person's row in their input file: the native index of
//!   `Cohort::mentors` and `Cohort::mentees`, and of every per-person vector in file order
//!   (a roster's pairs, loads, capacities);
//! - [`NodeOrder`]: a person's place among the graph's nodes of their side, sorted by id;
//! - [`GraphEdge`]: an eligible pair, an edge of the graph;
//! - [`ProblemMentee`] and [`ProblemEdge`]: a mentee and a pair of a solver's problem, which
//!   under the rules holds only the free mentees and adds minimum parts.

macro_rules! index {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(pub usize);

        impl $name {
            /// The index as a number, to index the vectors of its space.
            #[inline]
            pub fn get(self) -> usize {
                self.0
            }
        }
    };
}

index!(
    /// A person's place among the graph's nodes of their side (mentors, or mentees), sorted
    /// by id.
    NodeOrder
);
index!(
    /// An edge of the graph of eligible pairs.
    GraphEdge
);
index!(
    /// A mentee of a solver's problem (under the rules, the free mentees only).
    ProblemMentee
);
index!(
    /// A pair of a solver's problem (under the rules, a pair of a free mentee, to a mentor or
    /// to a mentor's minimum part).
    ProblemEdge
);

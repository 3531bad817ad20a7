//! Integration tests: the real `bimbing` binary on fixtures, and the solvers against
//! independent methods. One test binary, one module per concern.

mod bad_input;
mod compare_cli;
mod match_cli;
mod pricing;
mod rules;
mod solver_agreement;
mod util;

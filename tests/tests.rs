//! Integration tests: the real `bimbing` binary on fixtures, and the solvers against
//! independent methods. One test binary, one module per concern.

mod advice;
mod audit_props;
mod bad_input;
mod compare_cli;
mod explain_cli;
mod explain_rules;
mod input_forms;
mod lang;
mod layers;
mod letters;
mod manifest;
mod match_cli;
mod medan_data;
mod merit;
mod next_round;
mod panduan;
mod pass_through;
mod plan;
mod pricing;
mod reload_trust;
mod reports;
mod row_order;
mod rules;
mod solver_agreement;
mod trust;
mod util;
mod workbooks;

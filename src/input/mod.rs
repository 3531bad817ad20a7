//! Input files: the CSV exports of HR (mentors and mentees).

pub mod people;
pub mod table;

pub use people::{read_cohort, CohortFiles, InputInfo};
pub use table::{Encoding, Table};

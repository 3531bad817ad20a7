//! Input files: the exports of HR (mentors and mentees, as CSV or a workbook), and the files
//! the planner's rules name (pairs file, previous roster, earlier rosters to avoid).

pub mod assessments;
pub mod csv_text;
pub mod headers;
pub mod kept;
pub mod memory;
pub mod people;
pub mod rating;
pub mod recorded;
pub mod rule_files;
pub mod sniff;
pub mod staff;
pub mod table;
pub mod warnings;
pub mod workbook;

pub use people::{read_cohort, sha256_hex, CohortFiles, InputInfo};
pub use recorded::RecordedInputs;
pub use rule_files::RuleFiles;
pub use table::{Encoding, Table};

/// Reads a TOML file (scenarios or settings) as text: bounded in size like the CSV inputs
/// (see [`crate::input::table::max_input_bytes`]), and refused with the line and column of
/// the first bad byte when it is not UTF-8.
pub fn read_toml(path: &std::path::Path) -> crate::error::Result<String> {
    let bytes = crate::input::table::read_input(path)?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let before = &e.as_bytes()[..at];
        let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
        let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
        crate::error::Error::Settings(format!(
            "{}: line {line}, column {column}: byte 0x{:02x}: the file is not utf-8 text (save it as utf-8)",
            path.display(),
            e.as_bytes()[at]
        ))
    })
}

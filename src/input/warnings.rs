//! Warnings about the input files: what a file holds that is read but not used (a column
//! no reader knows, a mentors' column in the mentees file, a competency no mentee has), so
//! that nothing in a file is dropped silently.
//!
//! The readers ([`crate::input::read_cohort`], the pairs file and the previous roster) add
//! them to one list for the process, whoever calls them; the command takes them
//! ([`take`]) and prints them. A warning names the file, the line and the column, never
//! a cell of a person (names and NIPs stay out of messages).

use std::fmt;
use std::sync::Mutex;

use crate::error::Location;

/// Something in an input file that is not used, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// Where it is (the header line and the column, for a column).
    pub location: Location,
    /// What is not used and why, in lowercase words.
    pub problem: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.problem)
    }
}

/// The warnings given and not yet taken, in the order given, each once.
static PENDING: Mutex<Vec<Warning>> = Mutex::new(Vec::new());

/// Adds warnings to the list (each one only once, however often a file is read).
pub fn warn(warnings: impl IntoIterator<Item = Warning>) {
    let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    for w in warnings {
        if !pending.contains(&w) {
            pending.push(w);
        }
    }
}

/// Takes every warning given so far, in the order given.
pub fn take() -> Vec<Warning> {
    std::mem::take(&mut *PENDING.lock().unwrap_or_else(|e| e.into_inner()))
}

/// Takes back warnings given and not yet taken (those equal to one of `warnings`): a column
/// first warned about as not used, then kept (`--keep-columns`), is used after all.
pub fn withdraw(warnings: &[Warning]) {
    let mut pending = PENDING.lock().unwrap_or_else(|e| e.into_inner());
    pending.retain(|w| !warnings.contains(w));
}

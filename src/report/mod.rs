//! Files written for planners (roster, mentor loads, summary) and the safe way to write them.
//!
//! Each format is a function that returns bytes and does no IO; [`write`] puts bytes on disk
//! atomically.

pub mod roster_csv;
pub mod summary;
pub mod write;

//! Errors of the library.
//!
//! Input problems carry the file, line, column and value at fault so that a planner can find
//! the cell in a spreadsheet. Messages are lowercase without a trailing period, and they never
//! quote more than the one value at fault (names and NIPs are personal data).

use std::fmt;
use std::path::PathBuf;

/// Where in an input file a problem was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file as the planner named it.
    pub file: PathBuf,
    /// 1-based line number in the file (0 when the problem is about the whole file).
    pub line: u64,
    /// 1-based column number and header name, when the problem is about one cell.
    pub column: Option<(usize, String)>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
        }
        if let Some((index, name)) = &self.column {
            write!(f, ": column {index} ({name})")?;
        }
        Ok(())
    }
}

/// A problem with an input file: what is wrong and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{location}: {value_part}{problem}", value_part = value_part(.value))]
pub struct InputError {
    /// Where the problem is.
    pub location: Location,
    /// The offending cell value, when there is one.
    pub value: Option<String>,
    /// What is wrong, in lowercase words.
    pub problem: String,
}

fn value_part(value: &Option<String>) -> String {
    match value {
        Some(v) => format!("value {:?}: ", truncate(v, 60)),
        None => String::new(),
    }
}

fn truncate(value: &str, max_chars: usize) -> String {
    if value.chars().count() <= max_chars {
        value.to_string()
    } else {
        let mut out: String = value.chars().take(max_chars).collect();
        out.push('…');
        out
    }
}

impl InputError {
    /// A problem with the whole file (no line or column).
    pub fn file(file: impl Into<PathBuf>, problem: impl Into<String>) -> Self {
        InputError {
            location: Location {
                file: file.into(),
                line: 0,
                column: None,
            },
            value: None,
            problem: problem.into(),
        }
    }
}

/// Any error of the library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// An input file is malformed; the planner must fix the file.
    #[error(transparent)]
    Input(#[from] InputError),
    /// A setting is out of its range or a settings file is malformed.
    #[error("settings: {0}")]
    Settings(String),
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// The output would overwrite an input or an existing result.
    #[error("{0}")]
    Output(String),
    /// A solver failed to produce an answer.
    #[error("solver: {0}")]
    Solver(String),
}

impl Error {
    /// Wraps an IO error with the path it concerns.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    /// True when the error is the planner's to fix in the input or the command line
    /// (the binary exits with code 2 for these).
    pub fn is_bad_input(&self) -> bool {
        matches!(
            self,
            Error::Input(_) | Error::Settings(_) | Error::Output(_)
        )
    }
}

/// Result type of the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

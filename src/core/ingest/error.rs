use std::fmt;

/// Why a file could not be imported, as one sentence for the person who dropped it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportError {
    pub file: String,
    pub problem: String,
}

impl ImportError {
    pub fn new(file: &str, problem: impl Into<String>) -> ImportError {
        ImportError {
            file: file.to_string(),
            problem: problem.into(),
        }
    }
}

impl fmt::Display for ImportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "“{}” could not be imported: {}.",
            self.file, self.problem
        )
    }
}

impl std::error::Error for ImportError {}

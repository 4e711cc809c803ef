//! Problems found while reading input, with everything a user needs to find and fix them.
//!
//! Loading never stops at the first problem: each one becomes a [`Diagnostic`] and the rest
//! of the input still loads. `frise check` prints them; the GUI lists them in its Problems
//! panel.

use std::fmt;
use std::sync::Arc;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The item (file, event, passage) could not be used as written.
    Error,
    /// The item was used, after a correction the user should know about.
    Warning,
}

impl Severity {
    pub fn name(self) -> &'static str {
        match self {
            Self::Error => "error",
            Self::Warning => "warning",
        }
    }
}

/// One problem in one input file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file as the user named it (or the name of a bundled article).
    pub path: Arc<str>,
    /// 1-based line and column (in characters) when the problem has a place in the file.
    pub line_col: Option<(u32, u32)>,
    pub article: Option<String>,
    pub event: Option<String>,
    pub severity: Severity,
    pub message: String,
}

impl Diagnostic {
    pub fn error(path: &Arc<str>, message: impl Into<String>) -> Self {
        Self::new(path, Severity::Error, message)
    }

    pub fn warning(path: &Arc<str>, message: impl Into<String>) -> Self {
        Self::new(path, Severity::Warning, message)
    }

    fn new(path: &Arc<str>, severity: Severity, message: impl Into<String>) -> Self {
        Self {
            path: Arc::clone(path),
            line_col: None,
            article: None,
            event: None,
            severity,
            message: message.into(),
        }
    }

    pub fn at(mut self, line_col: Option<(u32, u32)>) -> Self {
        self.line_col = line_col;
        self
    }

    pub fn in_article(mut self, article: &str) -> Self {
        self.article = Some(article.to_owned());
        self
    }

    pub fn in_event(mut self, event: &str) -> Self {
        self.event = Some(event.to_owned());
        self
    }

    /// "event 'x' (article 'a')", "article 'a'", or "" — the item the message is about.
    pub fn subject(&self) -> String {
        match (&self.event, &self.article) {
            (Some(e), Some(a)) => format!("event '{e}' (article '{a}')"),
            (Some(e), None) => format!("event '{e}'"),
            (None, Some(a)) => format!("article '{a}'"),
            (None, None) => String::new(),
        }
    }
}

impl fmt::Display for Diagnostic {
    /// `PATH[:LINE:COL]: error|warning: [subject: ]message`, the contract of `frise check`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.path)?;
        if let Some((line, col)) = self.line_col {
            write!(f, ":{line}:{col}")?;
        }
        write!(f, ": {}: ", self.severity.name())?;
        let subject = self.subject();
        if !subject.is_empty() {
            write!(f, "{subject}: ")?;
        }
        f.write_str(&self.message)
    }
}

/// Maps byte offsets of a text to 1-based line:column (column in characters), for messages.
pub struct LineIndex<'t> {
    text: &'t str,
    line_starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    pub fn new(text: &'t str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Self { text, line_starts }
    }

    /// Line and column of `byte_offset` (clamped to the text).
    pub fn line_col(&self, byte_offset: usize) -> (u32, u32) {
        let offset = byte_offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let col = self
            .text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (line as u32, col as u32 + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_follows_the_check_contract() {
        let path: Arc<str> = Arc::from("bad/05.json");
        let d = Diagnostic::error(&path, "quote not found")
            .at(Some((18, 5)))
            .in_article("a1")
            .in_event("ghost");
        assert_eq!(
            d.to_string(),
            "bad/05.json:18:5: error: event 'ghost' (article 'a1'): quote not found"
        );
        let d = Diagnostic::warning(&path, "empty file");
        assert_eq!(d.to_string(), "bad/05.json: warning: empty file");
    }

    #[test]
    fn line_columns_count_characters() {
        let text = "ab\nçé x\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(0), (1, 1));
        assert_eq!(idx.line_col(3), (2, 1));
        // "x" is after two two-byte characters and a space.
        assert_eq!(idx.line_col(text.find('x').unwrap()), (2, 4));
        assert_eq!(idx.line_col(999), (3, 1));
    }
}

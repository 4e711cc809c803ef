//! Presentation files (`*.story.json`): reading and writing the steps of
//! [`crate::timeline::story`].
//!
//! A presentation is JSON with `"frise_story": 1`; a file of another version is refused
//! rather than half read. Saving is atomic, like every write of frise.

use std::path::Path;

use crate::timeline::story::{STORY_VERSION, Story};

/// Why a presentation file cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum StoryError {
    #[error("{path}: cannot read: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: not a presentation: {message}")]
    Parse {
        path: String,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{path}: unsupported presentation version {version} (this frise reads version {STORY_VERSION})"
    )]
    Version { path: String, version: u64 },
    #[error("{path}: cannot encode the presentation: {message}")]
    Encode { path: String, message: String },
    #[error("{path}: cannot write: {source}")]
    Write {
        path: String,
        source: std::io::Error,
    },
}

/// Reads a presentation file.
pub fn load(path: &Path) -> Result<Story, StoryError> {
    let display = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| StoryError::Read {
        path: display.clone(),
        source,
    })?;
    let story: Story = serde_json::from_str(&text).map_err(|e| StoryError::Parse {
        path: display.clone(),
        line: e.line(),
        column: e.column(),
        message: super::native::json_message(&e),
    })?;
    if story.frise_story != STORY_VERSION {
        return Err(StoryError::Version {
            path: display,
            version: story.frise_story,
        });
    }
    Ok(story)
}

/// Saves a presentation atomically.
pub fn save(path: &Path, story: &Story) -> Result<(), StoryError> {
    let mut story = story.clone();
    story.frise_story = STORY_VERSION;
    // A story that cannot be encoded is reported, never written as an empty file over the
    // user's presentation.
    let text = serde_json::to_string_pretty(&story).map_err(|e| StoryError::Encode {
        path: path.display().to_string(),
        message: e.to_string(),
    })?;
    super::write_atomic(path, format!("{text}\n").as_bytes()).map_err(|source| StoryError::Write {
        path: path.display().to_string(),
        source,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::story::{EventRef, Step};
    use crate::timeline::{Filter, LaneMode};

    #[test]
    fn saved_stories_read_back() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lesson.story.json");
        let story = Story {
            frise_story: STORY_VERSION,
            title: "Syrie–Russie".to_owned(),
            steps: vec![Step {
                from: Some("2024-11-01T00:00".into()),
                to: Some("2025-08-15T00:00".into()),
                lanes: LaneMode::Actor,
                filter: Filter {
                    text: "défense".into(),
                    ..Filter::default()
                },
                highlight: vec![EventRef {
                    article: "a".into(),
                    event: "e".into(),
                }],
                caption: Some("« Une rencontre »".into()),
            }],
        };
        save(&path, &story).unwrap();
        assert_eq!(load(&path).unwrap(), story);
        std::fs::write(&path, "{\"frise_story\": 7}").unwrap();
        assert!(matches!(
            load(&path),
            Err(StoryError::Version { version: 7, .. })
        ));
        std::fs::write(&path, "{\"frise_story\": ").unwrap();
        assert!(
            load(&path)
                .unwrap_err()
                .to_string()
                .contains("lesson.story.json:1:")
        );
    }
}

//! The corpus model: what frise knows once files are read, independent of any display.
//!
//! - [`date`]: fuzzy EDTF dates with precision, bounds and human display;
//! - [`passage`]: evidence spans, anchored by quote and code-point offsets;
//! - [`corpus`]: articles, entities, events, happenings and their conflicts;
//! - [`diagnostic`]: problems found in the input, with file and place;
//! - [`edit`]: changes to a corpus, each with its inverse (authoring, undo).

pub mod corpus;
pub mod date;
pub mod diagnostic;
pub mod edit;
pub mod passage;

pub use corpus::{
    Article, ArticleIx, Change, Conflict, Corpus, CorpusBuilder, Document, Entity, EntityIx,
    EntityKind, Event, EventIx, EventRole, Evidence, Extra, Happening, HappeningIx, Shift,
    UNPLACED_EVIDENCE,
};
pub use date::{DateError, DatePoint, Edtf, IntervalEnd, Lang, Precision, Qualifier, Seconds};
pub use diagnostic::{Diagnostic, LineIndex, Severity};
pub use passage::{AnchorError, Anchored, CharIndex, Context, Passage, anchor, context_of};

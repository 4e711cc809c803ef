//! Synthetic corpora for benchmarks and stress tests: what `frise gen` writes.
//!
//! A generated corpus should stress frise the way real annotated news does, so it has the
//! same shape: French and English texts full of accents, guillemets, curly apostrophes and
//! narrow no-break spaces; dates at every precision, approximate (`~`), uncertain (`?`),
//! intervals and open ends, and about 5% undated events; stories reported by two to five
//! articles, sometimes disagreeing on the date or the actors; a few hundred actors and
//! places used with Zipf-like frequency; bursts of events around a few dates on top of a
//! long tail over thirty years. Every event has evidence passages whose quote is an exact
//! substring of the article text at the code-point offsets given.
//!
//! Every article is a pure function of the [`Params`] and its index, drawn from its own
//! ChaCha8 stream: articles can be generated in parallel, streamed to disk one at a time,
//! and the same parameters always give the same bytes. Only integer arithmetic decides
//! the output (no floating point), so it is also the same on every platform.
//!
//! Articles come in blocks of [`BLOCK`] consecutive indices. A block's *plan* (events per
//! article, and which articles report which story) is itself a pure function of the block
//! index, cheap to recompute, so stories can be shared between articles without holding
//! the corpus in memory.
//!
//! The module reads and writes no file: `frise gen` and the benchmarks stream its articles.
//! `vocabulary` holds the words and the world of a seed, `dates` how dates are drawn and
//! written, `wording` the sentences of an event; this file plans blocks and assembles
//! articles.

mod dates;
mod vocabulary;
mod wording;

use rand::{Rng, SeedableRng as _};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;

use crate::model::{Lang, Precision, Qualifier};
use dates::{Moment, When, add_months, any_date, date_phrase, ymd};
use vocabulary::{
    EXTRA_TAGS, FILLER_EN, FILLER_FR, KINDS, OUTLETS_EN, OUTLETS_FR, SPEECH_EN, SPEECH_FR, TOPICS,
    World,
};
use wording::{capitalised, names, wording};

/// Consecutive articles that share stories. Small enough that a plan is cheap to rebuild for
/// each article, large enough that a story has several possible reporters.
pub const BLOCK: u32 = 24;

/// The most events an article may have on average (`events / articles`). Each article is
/// built in memory before it is written, so this bounds the generator's memory.
pub const MAX_EVENTS_PER_ARTICLE: u64 = 100_000;

/// Percentage of events that belong to a story reported by several articles.
const STORY_SHARE_PERCENT: u64 = 22;

/// What to generate. The same parameters always give byte-identical output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Params {
    /// Seed of every random choice.
    pub seed: u64,
    /// Events in the whole corpus, exactly.
    pub events: u64,
    /// Articles in the corpus, at least one.
    pub articles: u32,
}

/// Why parameters cannot be generated.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ParamError {
    #[error("a corpus needs at least one article (--articles 1 or more)")]
    NoArticles,
    #[error(
        "{events} events in {articles} articles is more than {MAX_EVENTS_PER_ARTICLE} events per article on average; give more articles"
    )]
    TooDense { events: u64, articles: u32 },
}

impl Params {
    /// Checked parameters: at least one article, and at most
    /// [`MAX_EVENTS_PER_ARTICLE`] events per article on average.
    pub fn new(seed: u64, events: u64, articles: u32) -> Result<Self, ParamError> {
        if articles == 0 {
            return Err(ParamError::NoArticles);
        }
        if events.div_ceil(u64::from(articles)) > MAX_EVENTS_PER_ARTICLE {
            return Err(ParamError::TooDense { events, articles });
        }
        Ok(Self {
            seed,
            events,
            articles,
        })
    }
}

/// The id of the article at `index`; also the stem of its file name.
pub fn article_id(index: u32) -> String {
    format!("art-{index:07}")
}

/// One generated article in the native format (version 1), ready to serialise.
///
/// Field order is fixed by the struct, so serialising it is deterministic.
#[derive(Clone, Debug, Serialize)]
pub struct Generated {
    frise: u64,
    article: ArticleOut,
    entities: Vec<EntityOut>,
    events: Vec<EventOut>,
}

impl Generated {
    /// The article id (unique in the corpus).
    pub fn id(&self) -> &str {
        &self.article.id
    }

    /// Number of events in the article.
    pub fn event_count(&self) -> usize {
        self.events.len()
    }
}

#[derive(Clone, Debug, Serialize)]
struct ArticleOut {
    id: String,
    title: String,
    source: &'static str,
    url: String,
    published: String,
    language: &'static str,
    text: String,
}

#[derive(Clone, Debug, Serialize)]
struct EntityOut {
    id: String,
    name: String,
    kind: &'static str,
}

#[derive(Clone, Debug, Serialize)]
struct EventOut {
    id: String,
    title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<String>,
    kind: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    actors: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    places: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    story: Option<String>,
    evidence: Vec<EvidenceOut>,
}

#[derive(Clone, Debug, Serialize)]
struct EvidenceOut {
    quote: String,
    start: usize,
    end: usize,
}

// ---------------------------------------------------------------------------------------
// Random streams

/// Independent streams for independent decisions, so adding a draw in one place never
/// shifts the choices made in another.
#[derive(Clone, Copy)]
enum Domain {
    World = 1,
    Plan = 2,
    Article = 3,
    Story = 4,
    Report = 5,
}

/// The splitmix64 finaliser: spreads nearby inputs (index 1, 2, 3…) over all 64 bits.
fn mix(mut x: u64) -> u64 {
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

fn stream(seed: u64, domain: Domain, a: u64, b: u64) -> ChaCha8Rng {
    let key = mix(mix(mix(seed ^ ((domain as u64) << 56)) ^ a) ^ b);
    ChaCha8Rng::seed_from_u64(key)
}

/// Picks an element, or `None` from an empty slice.
fn pick<'a, T>(rng: &mut impl Rng, items: &'a [T]) -> Option<&'a T> {
    if items.is_empty() {
        None
    } else {
        items.get(rng.random_range(0..items.len()))
    }
}

fn shuffle<T>(rng: &mut impl Rng, items: &mut [T]) {
    for i in (1..items.len()).rev() {
        let j = rng.random_range(0..=i);
        items.swap(i, j);
    }
}

/// Zipf-like sampling with integer weights: rank r is drawn with weight ∝ 1 / (r + 3), so
/// the head is heavy without one entity taking a fifth of all events.
#[derive(Clone, Debug, Default)]
struct Zipf {
    /// Cumulative weights.
    cdf: Vec<u64>,
}

impl Zipf {
    fn new(n: usize) -> Self {
        let mut total = 0;
        let cdf = (0..n as u64)
            .map(|r| {
                total += 1_000_000 / (r + 3);
                total
            })
            .collect();
        Self { cdf }
    }

    fn with_weights(weights: &[u64]) -> Self {
        let mut total = 0;
        let cdf = weights
            .iter()
            .map(|w| {
                total += w;
                total
            })
            .collect();
        Self { cdf }
    }

    /// A rank in `0..n`; 0 when `n` is 0 (callers check that their list is not empty).
    fn sample(&self, rng: &mut impl Rng) -> usize {
        let total = self.cdf.last().copied().unwrap_or(0);
        if total == 0 {
            return 0;
        }
        let x = rng.random_range(0..total);
        self.cdf.partition_point(|&c| c <= x)
    }
}

// ---------------------------------------------------------------------------------------
// Plans and stories

#[derive(Clone, Copy, Debug)]
struct Membership {
    story: u32,
    member: u32,
}

/// Events per article of one block and which stories each reports.
#[derive(Clone, Debug, Default)]
struct Plan {
    /// The block's news cycle: its articles are published in the month after this day.
    day: i32,
    counts: Vec<u64>,
    members: Vec<Vec<Membership>>,
}

/// What every report of a story starts from.
#[derive(Clone, Debug)]
struct Story {
    id: String,
    day: i32,
    precision: Precision,
    hour: u32,
    minute: u32,
    kind: usize,
    actors: Vec<usize>,
    place: Option<usize>,
    topic: usize,
}

/// One event before it is written: what it says, not yet in words.
#[derive(Clone, Debug)]
struct Draft {
    when: When,
    kind: usize,
    actors: Vec<usize>,
    places: Vec<usize>,
    topic: usize,
    tags: Vec<&'static str>,
    story: Option<String>,
    /// Index of a quoted remark that follows the event's sentence, if any.
    speech: Option<usize>,
}

/// Article text with code-point positions counted as it is written.
struct TextBuilder {
    text: String,
    chars: usize,
    sentences_in_paragraph: u32,
}

impl TextBuilder {
    fn push(&mut self, s: &str) {
        self.text.push_str(s);
        self.chars += s.chars().count();
    }

    /// Starts a sentence: a space, or a new paragraph every few sentences.
    fn separate(&mut self, rng: &mut impl Rng) {
        if self.text.is_empty() {
            return;
        }
        if self.sentences_in_paragraph >= 4 && rng.random_ratio(1, 3) {
            self.push("\n");
            self.sentences_in_paragraph = 0;
        } else {
            self.push(" ");
        }
        self.sentences_in_paragraph += 1;
    }

    /// Writes a sentence whose body is a passage; returns its code-point range.
    fn passage(&mut self, rng: &mut impl Rng, body: &str, end: &str) -> (usize, usize) {
        self.separate(rng);
        let start = self.chars;
        self.push(body);
        let range = (start, self.chars);
        self.push(end);
        range
    }
}

/// Generates articles. Cheap to share between threads; see the module documentation.
#[derive(Clone, Debug)]
pub struct Generator {
    params: Params,
    world: World,
}

impl Generator {
    /// Sets up the entities, bursts and vocabulary of `params.seed`.
    pub fn new(params: Params) -> Self {
        Self {
            params,
            world: World::new(params.seed),
        }
    }

    /// The parameters this generator was made with.
    pub fn params(&self) -> Params {
        self.params
    }

    fn base_count(&self, index: u32) -> u64 {
        let (n, m) = (self.params.events, u64::from(self.params.articles));
        n / m + u64::from(u64::from(index) < n % m)
    }

    /// Events per article and story membership of one block, exactly summing to the
    /// events the block owes the corpus total.
    fn plan(&self, block: u32) -> Plan {
        let first = block.saturating_mul(BLOCK);
        let last = first.saturating_add(BLOCK).min(self.params.articles);
        let total: u64 = (first..last).map(|i| self.base_count(i)).sum();
        let mut rng = stream(self.params.seed, Domain::Plan, u64::from(block), 0);
        let day = self.world.day(&mut rng);
        // Most articles are of ordinary length; a few are briefs, a few long reports.
        let weights: Vec<u64> = (first..last)
            .map(|_| match rng.random_range(0..20) {
                0..2 => 1,
                2..4 => rng.random_range(10..=16),
                _ => rng.random_range(3..=7),
            })
            .collect();
        let weight_sum: u64 = weights.iter().sum::<u64>().max(1);
        let mut counts: Vec<u64> = weights.iter().map(|w| total * w / weight_sum).collect();
        // Largest remainders get the events left over, ties to the first article.
        let mut order: Vec<usize> = (0..counts.len()).collect();
        order.sort_by_key(|&i| {
            let w = weights.get(i).copied().unwrap_or(0);
            (std::cmp::Reverse(total * w % weight_sum), i)
        });
        let assigned: u64 = counts.iter().sum();
        for &i in order.iter().take((total - assigned) as usize) {
            if let Some(c) = counts.get_mut(i) {
                *c += 1;
            }
        }

        let mut members: Vec<Vec<Membership>> = vec![Vec::new(); counts.len()];
        let target = total * STORY_SHARE_PERCENT / 100;
        let mut free = counts.clone();
        let mut used = 0;
        let mut story = 0;
        while used < target {
            let mut open: Vec<usize> = (0..free.len())
                .filter(|&i| free.get(i).is_some_and(|&f| f > 0))
                .collect();
            if open.len() < 2 {
                break;
            }
            let k = match rng.random_range(0..10) {
                0..5 => 2,
                5..8 => 3,
                8 => 4,
                _ => 5,
            }
            .min(open.len());
            for member in 0..k {
                let chosen = rng.random_range(member..open.len());
                open.swap(member, chosen);
                let Some(&a) = open.get(member) else { continue };
                if let (Some(f), Some(list)) = (free.get_mut(a), members.get_mut(a)) {
                    *f -= 1;
                    list.push(Membership {
                        story,
                        member: member as u32,
                    });
                }
            }
            used += k as u64;
            story += 1;
        }
        Plan {
            day,
            counts,
            members,
        }
    }

    /// A story of the block whose news cycle starts on `block_day`: mostly recent news,
    /// sometimes an older affair coming back.
    fn story(&self, block: u32, block_day: i32, story: u32) -> Story {
        let mut rng = stream(
            self.params.seed,
            Domain::Story,
            u64::from(block),
            u64::from(story),
        );
        let w = &self.world;
        let day = if rng.random_ratio(3, 4) {
            let back = rng.random_range(0..=60).min(rng.random_range(0..=60));
            (block_day - back).max(w.first_day)
        } else {
            w.day(&mut rng).min(block_day)
        };
        let precision = match rng.random_range(0..10) {
            0..7 => Precision::Day,
            7 => Precision::Minute,
            _ => Precision::Month,
        };
        let kind = w.kind(&mut rng);
        let n_actors = match rng.random_range(0..20) {
            0 => 0,
            1..9 => 1,
            9..17 => 2,
            _ => 3,
        };
        let mut actors = Vec::new();
        for _ in 0..n_actors {
            if let Some(a) = w.actor(&mut rng)
                && !actors.contains(&a)
            {
                actors.push(a);
            }
        }
        let place = if rng.random_ratio(9, 10) {
            w.place(&mut rng)
        } else {
            None
        };
        let (y, m, _) = ymd(day);
        Story {
            id: format!(
                "{}-{y}-{m:02}-b{block}s{story}",
                KINDS.get(kind).copied().unwrap_or("other")
            ),
            day,
            precision,
            hour: rng.random_range(6..=22),
            minute: rng.random_range(0..12) * 5,
            kind,
            actors,
            place,
            topic: rng.random_range(0..TOPICS.len()),
        }
    }

    /// One article's report of a story: mostly agreeing, sometimes coarser, sometimes
    /// with another date or other actors.
    fn report(&self, block: u32, block_day: i32, m: Membership) -> Draft {
        let story = self.story(block, block_day, m.story);
        let mut rng = stream(
            self.params.seed,
            Domain::Report,
            u64::from(block),
            (u64::from(m.story) << 8) | u64::from(m.member),
        );
        let exact = Moment {
            day: story.day,
            precision: story.precision,
            hour: story.hour,
            minute: story.minute,
            qualifier: Qualifier::NONE,
        };
        let when = match rng.random_range(0..100) {
            0..5 => When::Undated,
            5..13 => {
                // A date that cannot be true together with the others.
                let shift: i32 =
                    rng.random_range(3..=12) * if rng.random_ratio(1, 2) { 1 } else { -1 };
                match story.precision {
                    Precision::Month | Precision::Year => When::At(Moment::new(
                        add_months(story.day, shift.signum() * 2),
                        Precision::Month,
                    )),
                    _ => When::At(Moment::new(story.day + shift, Precision::Day)),
                }
            }
            13..60 => When::At(exact),
            60..80 if story.precision > Precision::Month => {
                When::At(Moment::new(story.day, Precision::Month))
            }
            80..88 => When::At(Moment::new(story.day, Precision::Year)),
            88..94 => {
                let mut m = exact;
                m.qualifier.approximate = true;
                When::At(m)
            }
            94..97 => {
                let mut m = exact;
                m.qualifier.uncertain = true;
                When::At(m)
            }
            _ if story.precision == Precision::Minute => {
                When::At(Moment::new(story.day, Precision::Day))
            }
            _ => When::At(exact),
        };
        let mut actors = story.actors.clone();
        match rng.random_range(0..100) {
            0..18 if actors.len() >= 2 => {
                let keep = rng.random_range(1..actors.len());
                actors.truncate(keep);
            }
            18..30 => {
                // Another name: the sources disagree on who took part.
                if let Some(other) = self.world.actor(&mut rng)
                    && !actors.contains(&other)
                {
                    match actors.first_mut() {
                        Some(first) => *first = other,
                        None => actors.push(other),
                    }
                }
            }
            _ => {}
        }
        let mut tags: Vec<&'static str> = TOPICS
            .get(story.topic)
            .map(|t| t.2.to_vec())
            .unwrap_or_default();
        if rng.random_ratio(1, 6)
            && let Some(extra) = pick(&mut rng, EXTRA_TAGS)
        {
            tags.push(extra);
        }
        Draft {
            when,
            kind: story.kind,
            actors,
            places: story.place.into_iter().collect(),
            topic: story.topic,
            tags,
            story: Some(story.id),
            speech: rng
                .random_ratio(1, 3)
                .then(|| rng.random_range(0..SPEECH_FR.len())),
        }
    }

    /// An event only this article reports, near its publication or from the past.
    fn solo(
        &self,
        rng: &mut ChaCha8Rng,
        published: i32,
        topic: usize,
        place: Option<usize>,
    ) -> Draft {
        let w = &self.world;
        let day = if rng.random_ratio(6, 10) {
            published - rng.random_range(0..=45).min(rng.random_range(0..=45))
        } else {
            w.day(rng).min(published)
        };
        let when = any_date(rng, day);
        let kind = w.kind(rng);
        let n_actors = match rng.random_range(0..20) {
            0..2 => 0,
            2..11 => 1,
            11..17 => 2,
            _ => 3,
        };
        let mut actors = Vec::new();
        for _ in 0..n_actors {
            if let Some(a) = w.actor(rng)
                && !actors.contains(&a)
            {
                actors.push(a);
            }
        }
        let mut places = Vec::new();
        let n_places = match rng.random_range(0..20) {
            0..3 => 0,
            3..18 => 1,
            _ => 2,
        };
        for n in 0..n_places {
            let p = if n == 0 && rng.random_ratio(1, 2) {
                place
            } else {
                w.place(rng)
            };
            if let Some(p) = p
                && !places.contains(&p)
            {
                places.push(p);
            }
        }
        let topic = if rng.random_ratio(6, 10) {
            topic
        } else {
            rng.random_range(0..TOPICS.len())
        };
        let mut tags: Vec<&'static str> =
            TOPICS.get(topic).map(|t| t.2.to_vec()).unwrap_or_default();
        if rng.random_ratio(1, 3) {
            tags.truncate(1);
        }
        if rng.random_ratio(1, 8)
            && let Some(extra) = pick(rng, EXTRA_TAGS)
        {
            tags.push(extra);
        }
        Draft {
            when,
            kind,
            actors,
            places,
            topic,
            tags,
            story: None,
            speech: rng
                .random_ratio(1, 4)
                .then(|| rng.random_range(0..SPEECH_FR.len())),
        }
    }

    /// The article at `index` (0-based), or `None` past the last one.
    pub fn article(&self, index: u32) -> Option<Generated> {
        if index >= self.params.articles {
            return None;
        }
        let block = index / BLOCK;
        let plan = self.plan(block);
        let local = (index % BLOCK) as usize;
        let count = plan.counts.get(local).copied().unwrap_or(0);
        let memberships = plan.members.get(local).cloned().unwrap_or_default();

        let mut rng = stream(self.params.seed, Domain::Article, u64::from(index), 0);
        let w = &self.world;
        let lang = if rng.random_ratio(3, 5) {
            Lang::Fr
        } else {
            Lang::En
        };
        let outlets = if lang == Lang::Fr {
            OUTLETS_FR
        } else {
            OUTLETS_EN
        };
        let (outlet, domain) = pick(&mut rng, outlets).copied().unwrap_or(("", "news"));
        let published = plan.day + rng.random_range(0..=30);
        let topic = rng.random_range(0..TOPICS.len());
        let main_place = w.place(&mut rng);
        let topic_words = |t: usize| {
            TOPICS
                .get(t)
                .map_or("", |(fr, en, _)| if lang == Lang::Fr { fr } else { en })
        };
        let place_name = |p: Option<usize>| {
            p.and_then(|p| w.entities.get(p))
                .map_or("", |e| e.name.as_str())
        };

        let mut slots: Vec<Option<Membership>> = memberships.into_iter().map(Some).collect();
        let solo = count.saturating_sub(slots.len() as u64);
        slots.extend((0..solo).map(|_| None));
        shuffle(&mut rng, &mut slots);

        let mut text = TextBuilder {
            text: String::new(),
            chars: 0,
            sentences_in_paragraph: 0,
        };
        let intro = match lang {
            Lang::Fr => format!(
                "Retour sur les principaux développements concernant {}.",
                topic_words(topic)
            ),
            Lang::En => format!(
                "A look back at the main developments on {}.",
                topic_words(topic)
            ),
        };
        text.push(&intro);

        let mut used = vec![false; w.entities.len()];
        let mut declared: Vec<usize> = Vec::new();
        let mut events = Vec::with_capacity(slots.len());
        for (n, slot) in slots.into_iter().enumerate() {
            let draft = match slot {
                Some(m) => self.report(block, plan.day, m),
                None => self.solo(&mut rng, published, topic, main_place),
            };
            for &e in draft.actors.iter().chain(&draft.places) {
                if let Some(u) = used.get_mut(e)
                    && !*u
                {
                    *u = true;
                    declared.push(e);
                }
            }
            events.push(self.write_event(&mut rng, &mut text, n, &draft, lang));
            if rng.random_ratio(1, 3) {
                let filler = if lang == Lang::Fr {
                    FILLER_FR
                } else {
                    FILLER_EN
                };
                if let Some(f) = pick(&mut rng, filler) {
                    text.separate(&mut rng);
                    text.push(f);
                }
            }
        }

        let (y, m, d) = ymd(published);
        let id = article_id(index);
        let place = place_name(main_place);
        let title = match lang {
            Lang::Fr => format!("{place}\u{202f}: {} au cœur des débats", topic_words(topic)),
            Lang::En => format!("{place}: {} at the centre of debate", topic_words(topic)),
        };
        Some(Generated {
            frise: crate::formats::native::VERSION,
            article: ArticleOut {
                url: format!("https://{domain}.example/{y}/{m:02}/{id}"),
                id,
                title,
                source: outlet,
                published: format!("{y:04}-{m:02}-{d:02}"),
                language: if lang == Lang::Fr { "fr" } else { "en" },
                text: text.text,
            },
            entities: declared
                .into_iter()
                .filter_map(|e| w.entities.get(e))
                .map(|e| EntityOut {
                    id: e.id.clone(),
                    name: e.name.clone(),
                    kind: e.kind,
                })
                .collect(),
            events,
        })
    }

    /// Puts one event into words: its sentence (and remark) in the text, its annotation.
    fn write_event(
        &self,
        rng: &mut ChaCha8Rng,
        text: &mut TextBuilder,
        n: usize,
        draft: &Draft,
        lang: Lang,
    ) -> EventOut {
        let w = &self.world;
        let name = |e: usize| w.entities.get(e).map_or("", |x| x.name.as_str());
        let actor_names: Vec<&str> = draft.actors.iter().map(|&a| name(a)).collect();
        let who = names(&actor_names, lang);
        let plural = actor_names.len() != 1;
        let at = match (draft.places.first(), lang) {
            (Some(&p), Lang::Fr) => format!(" à {}", name(p)),
            (Some(&p), Lang::En) => format!(" in {}", name(p)),
            (None, _) => String::new(),
        };
        let topic = TOPICS
            .get(draft.topic)
            .map_or("", |(fr, en, _)| if lang == Lang::Fr { fr } else { en });
        let kind = KINDS.get(draft.kind).copied().unwrap_or("other");
        let (title, clause) = wording(kind, lang, &who, plural, &at, topic);
        let sentence = format!("{}, {clause}", capitalised(&date_phrase(&draft.when, lang)));
        let mut evidence = Vec::with_capacity(2);
        let (start, end) = text.passage(rng, &sentence, ".");
        evidence.push(EvidenceOut {
            quote: sentence,
            start,
            end,
        });
        if let Some(s) = draft.speech {
            let speaker = actor_names.first().copied();
            let remark = match lang {
                Lang::Fr => {
                    let words = SPEECH_FR.get(s).copied().unwrap_or("Nous verrons");
                    match speaker {
                        Some(who) => format!("«\u{202f}{words}\u{202f}», a déclaré {who}"),
                        None => format!("«\u{202f}{words}\u{202f}», a indiqué un porte-parole"),
                    }
                }
                Lang::En => {
                    let words = SPEECH_EN.get(s).copied().unwrap_or("We shall see");
                    match speaker {
                        Some(who) => format!("“{words},” said {who}"),
                        None => format!("“{words},” a spokesperson said"),
                    }
                }
            };
            let (start, end) = text.passage(rng, &remark, ".");
            evidence.push(EvidenceOut {
                quote: remark,
                start,
                end,
            });
        }
        EventOut {
            id: format!("e{:04}", n + 1),
            title,
            date: draft.when.edtf(),
            kind,
            actors: draft
                .actors
                .iter()
                .filter_map(|&a| w.entities.get(a))
                .map(|e| e.id.clone())
                .collect(),
            places: draft
                .places
                .iter()
                .filter_map(|&p| w.entities.get(p))
                .map(|e| e.id.clone())
                .collect(),
            tags: dedup(&draft.tags),
            story: draft.story.clone(),
            evidence,
        }
    }
}

fn dedup(tags: &[&'static str]) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = Vec::with_capacity(tags.len());
    for t in tags {
        if !out.contains(t) {
            out.push(t);
        }
    }
    out
}

/// A corpus of `articles` generated articles holding `events` events in all, read back as
/// files are (for tests of the later stages).
#[cfg(test)]
pub(crate) fn corpus(seed: u64, events: u64, articles: u32) -> crate::model::Corpus {
    let generator = Generator::new(Params::new(seed, events, articles).unwrap());
    let mut builder = crate::model::CorpusBuilder::new();
    for index in 0..articles {
        let article = generator.article(index).unwrap();
        let text = serde_json::to_string(&article).unwrap();
        let path: std::sync::Arc<str> = std::sync::Arc::from(format!("{}.json", article.id()));
        let (docs, diags) = crate::formats::read_text(&path, &text);
        assert!(diags.is_empty(), "{diags:?}");
        docs.into_iter().for_each(|d| builder.add(d));
    }
    builder.finish()
}

#[cfg(test)]
mod tests {
    use super::vocabulary::slug;
    use super::*;
    use crate::model::Edtf;

    fn generator(events: u64, articles: u32) -> Generator {
        Generator::new(Params::new(7, events, articles).unwrap())
    }

    #[test]
    fn plans_give_exactly_the_requested_events() {
        for (events, articles) in [(0, 1), (1, 1), (7, 3), (1000, 25), (12_345, 100), (5, 60)] {
            let g = generator(events, articles);
            let blocks = articles.div_ceil(BLOCK);
            let total: u64 = (0..blocks).flat_map(|b| g.plan(b).counts).sum();
            assert_eq!(total, events, "{events} events in {articles} articles");
            for b in 0..blocks {
                let plan = g.plan(b);
                for (count, members) in plan.counts.iter().zip(&plan.members) {
                    assert!(members.len() as u64 <= *count);
                }
            }
        }
    }

    #[test]
    fn every_date_parses_and_every_quote_is_at_its_offsets() {
        let g = generator(3000, 30);
        for i in 0..30 {
            let a = g.article(i).unwrap();
            let chars: Vec<char> = a.article.text.chars().collect();
            for e in &a.events {
                if let Some(d) = &e.date {
                    assert!(Edtf::parse(d).is_ok(), "{d}");
                }
                for ev in &e.evidence {
                    let at: String = chars[ev.start..ev.end].iter().collect();
                    assert_eq!(at, ev.quote);
                }
            }
        }
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slug("Saint-Étienne"), "saint-etienne");
        assert_eq!(slug("Łukasz Øberg"), "lukasz-oberg");
        assert_eq!(slug("Ministère de l’Économie"), "ministere-de-l-economie");
        assert_eq!(slug("İzmir"), "izmir");
    }

    #[test]
    fn parameters_are_checked() {
        assert_eq!(Params::new(0, 10, 0), Err(ParamError::NoArticles));
        assert!(matches!(
            Params::new(0, MAX_EVENTS_PER_ARTICLE * 2 + 1, 2),
            Err(ParamError::TooDense { .. })
        ));
    }
}

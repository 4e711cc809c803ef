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

use std::collections::BTreeSet;

use chrono::{Datelike as _, NaiveDate};
use rand::{Rng, SeedableRng as _};
use rand_chacha::ChaCha8Rng;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization as _;
use unicode_normalization::char::is_combining_mark;

use crate::model::date::month_name;
use crate::model::{DatePoint, Lang, Precision, Qualifier};

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
// Vocabulary

const FIRST_NAMES: &[&str] = &[
    "Élise",
    "François",
    "Hélène",
    "Jérôme",
    "Anaïs",
    "Loïc",
    "Céline",
    "Benoît",
    "Zoé",
    "Maëlle",
    "Noël",
    "Agnès",
    "Raphaël",
    "Inès",
    "Gaëlle",
    "Léa",
    "Chloé",
    "Théo",
    "Ségolène",
    "Joël",
    "Amélie",
    "Clément",
    "Françoise",
    "Émile",
    "Irène",
    "Sébastien",
    "Aurélie",
    "Grégoire",
    "Mónica",
    "José",
    "João",
    "Søren",
    "Łukasz",
    "Björn",
    "Małgorzata",
    "Ana",
    "Mehmet",
    "Ayşe",
    "Nikolaï",
    "Oksana",
    "Fatima",
    "Karim",
    "Yasmine",
    "Leïla",
    "Sarah",
    "David",
    "Laura",
    "Thomas",
    "Emma",
    "James",
    "Oliver",
    "Mary",
    "Siobhán",
    "Dragoș",
];

const LAST_NAMES: &[&str] = &[
    "Lefèvre",
    "Dubois",
    "Müller",
    "Gonçalves",
    "Bérard",
    "Fournier",
    "Girard",
    "Rousseau",
    "Mercier",
    "Lemaître",
    "Duchêne",
    "Côté",
    "Gagné",
    "Lévesque",
    "Ménard",
    "Pérez",
    "García",
    "Núñez",
    "Šimek",
    "Dvořák",
    "Kowalski",
    "Nowak",
    "Øberg",
    "Ångström",
    "Jensen",
    "Haddad",
    "Benali",
    "Yılmaz",
    "Demir",
    "O’Brien",
    "O’Connor",
    "Smith",
    "Walker",
    "Brown",
    "Taylor",
    "Wilson",
    "Martin",
    "Bernard",
    "Petit",
    "Durand",
    "Moreau",
    "Laurent",
    "Simon",
    "Michel",
    "Garnier",
    "Faure",
    "André",
    "Chevalier",
    "Lambert",
    "Bonnet",
];

const ORGANIZATIONS: &[&str] = &[
    "Ministère de l’Économie",
    "Ministère de la Santé",
    "Ministère de l’Intérieur",
    "Ministère des Affaires étrangères",
    "Commission européenne",
    "Conseil de sécurité",
    "Banque centrale européenne",
    "Parlement européen",
    "Assemblée nationale",
    "Sénat",
    "Cour des comptes",
    "Conseil constitutionnel",
    "Organisation mondiale de la santé",
    "Croix-Rouge",
    "Union africaine",
    "Fédération des agriculteurs",
    "Association des maires",
    "Syndicat des enseignants",
    "Agence spatiale européenne",
    "Office fédéral de l’énergie",
    "Autorité de la concurrence",
    "Haut-Commissariat aux réfugiés",
    "Confédération des métallurgistes",
    "Institut national de la statistique",
    "Observatoire du climat",
    "Port autonome",
    "Compagnie des eaux",
    "Régie des transports",
    "Caisse des dépôts",
    "Conférence des évêques",
];

/// Kinds of organisation combined with a city ("Université de Besançon").
const ORG_KINDS: &[&str] = &[
    "Mairie",
    "Université",
    "Chambre de commerce",
    "Préfecture",
    "Tribunal administratif",
    "Centre hospitalier",
];

const PLACES: &[&str] = &[
    "Besançon",
    "Genève",
    "Montréal",
    "Zürich",
    "Kraków",
    "São Paulo",
    "Bogotá",
    "Québec",
    "Nîmes",
    "Orléans",
    "Saint-Étienne",
    "Reykjavík",
    "Málaga",
    "Córdoba",
    "Düsseldorf",
    "Göteborg",
    "Tórshavn",
    "Brașov",
    "Łódź",
    "Plzeň",
    "Yaoundé",
    "Lomé",
    "Nouméa",
    "Trois-Rivières",
    "Liège",
    "Mons",
    "Namur",
    "Lausanne",
    "Fribourg",
    "Neuchâtel",
    "Sion",
    "Tunis",
    "Alger",
    "Rabat",
    "Dakar",
    "Abidjan",
    "Bamako",
    "Niamey",
    "Beyrouth",
    "Damas",
    "Amman",
    "Ankara",
    "İzmir",
    "Athènes",
    "Thessalonique",
    "Lisbonne",
    "Porto",
    "Séville",
    "Valence",
    "Bilbao",
    "Barcelone",
    "Marseille",
    "Lyon",
    "Lille",
    "Toulouse",
    "Bordeaux",
    "Nantes",
    "Rennes",
    "Strasbourg",
    "Grenoble",
    "Dijon",
    "Brest",
    "Pau",
    "Metz",
    "Nancy",
    "Reims",
    "Tours",
    "Poitiers",
    "Limoges",
    "Perpignan",
    "Bastia",
    "Ajaccio",
    "Cayenne",
    "Fort-de-France",
    "Montpellier",
    "Clermont-Ferrand",
    "Aix-en-Provence",
    "Gdańsk",
    "Cluj-Napoca",
    "Ljubljana",
];

/// Subjects of events: (French, English, tags).
const TOPICS: &[(&str, &str, &[&str])] = &[
    (
        "la coopération énergétique",
        "energy cooperation",
        &["énergie", "diplomatie"],
    ),
    (
        "la réforme des retraites",
        "pension reform",
        &["société", "finances publiques"],
    ),
    (
        "la sécurité régionale",
        "regional security",
        &["sécurité", "défense"],
    ),
    (
        "l’accord commercial",
        "the trade agreement",
        &["commerce", "économie"],
    ),
    (
        "la crise du logement",
        "the housing crisis",
        &["logement", "société"],
    ),
    (
        "la reconstruction après les inondations",
        "reconstruction after the floods",
        &["climat"],
    ),
    (
        "le budget de l’État",
        "the state budget",
        &["finances publiques"],
    ),
    (
        "la transition écologique",
        "the green transition",
        &["climat", "énergie"],
    ),
    (
        "les négociations de paix",
        "the peace talks",
        &["diplomatie", "défense"],
    ),
    ("la santé publique", "public health", &["santé"]),
    (
        "l’accueil des réfugiés",
        "the reception of refugees",
        &["migrations"],
    ),
    (
        "la liberté de la presse",
        "press freedom",
        &["médias", "justice"],
    ),
    (
        "la dette publique",
        "public debt",
        &["finances publiques", "économie"],
    ),
    (
        "le prix de l’électricité",
        "electricity prices",
        &["énergie", "économie"],
    ),
    (
        "la culture et le patrimoine",
        "culture and heritage",
        &["culture"],
    ),
    ("l’éducation", "education", &["éducation"]),
    (
        "les échanges agricoles",
        "agricultural trade",
        &["agriculture", "commerce"],
    ),
    (
        "la cybersécurité",
        "cybersecurity",
        &["numérique", "sécurité"],
    ),
    (
        "la politique migratoire",
        "migration policy",
        &["migrations", "politique"],
    ),
    (
        "les infrastructures ferroviaires",
        "rail infrastructure",
        &["transports"],
    ),
    (
        "la réforme de la justice",
        "judicial reform",
        &["justice", "politique"],
    ),
    (
        "la pêche en Méditerranée",
        "fishing in the Mediterranean",
        &["agriculture", "climat"],
    ),
];

/// Tags added now and then, independent of the topic.
const EXTRA_TAGS: &[&str] = &["à la une", "analyse", "exclusif", "région", "international"];

/// Kinds of event, most frequent first.
const KINDS: &[&str] = &[
    "statement",
    "meeting",
    "agreement",
    "visit",
    "protest",
    "report",
    "election",
    "appointment",
    "sanction",
    "trial",
    "attack",
    "disaster",
];

const OUTLETS_FR: &[(&str, &str)] = &[
    ("Le Courrier de l’Est", "courrier-est"),
    ("La Gazette du Léman", "gazette-leman"),
    ("L’Écho des Alpes", "echo-alpes"),
    ("Le Journal de Besançon", "journal-besancon"),
    ("La Dépêche du Littoral", "depeche-littoral"),
    ("Le Quotidien de Québec", "quotidien-quebec"),
    ("Ouest Matin", "ouest-matin"),
    ("L’Observateur du Sahel", "observateur-sahel"),
    ("Le Petit Méridional", "petit-meridional"),
    ("La Voix de Liège", "voix-liege"),
];

const OUTLETS_EN: &[(&str, &str)] = &[
    ("The Northern Ledger", "northern-ledger"),
    ("Harbour Times", "harbour-times"),
    ("The Daily Meridian", "daily-meridian"),
    ("Coastal Herald", "coastal-herald"),
    ("The Evening Courier", "evening-courier"),
    ("Midland Gazette", "midland-gazette"),
    ("The Capital Observer", "capital-observer"),
    ("Riverside Post", "riverside-post"),
];

const SPEECH_FR: &[&str] = &[
    "Nous ne céderons pas",
    "C’est une étape décisive",
    "Rien n’est encore joué",
    "Il faut aller plus vite",
    "Nous avons été entendus",
    "La confiance est rétablie",
    "C’est un échec collectif",
    "Personne n’avait prévu une telle ampleur",
    "Nous resterons vigilants",
    "Ce n’est qu’un début",
];

const SPEECH_EN: &[&str] = &[
    "We will not back down",
    "This is a decisive step",
    "Nothing has been settled yet",
    "We need to move faster",
    "Our voice has been heard",
    "Trust has been restored",
    "This is a collective failure",
    "Nobody expected it on this scale",
    "We’ll remain vigilant",
    "It’s only the beginning",
];

const FILLER_FR: &[&str] = &[
    "La situation reste tendue.",
    "Les discussions doivent reprendre dans les prochaines semaines.",
    "Plusieurs observateurs s’interrogent sur la suite.",
    "Le gouvernement n’a pas souhaité réagir.",
    "L’opposition dénonce un manque de transparence.",
    "Sur place, l’inquiétude grandit.",
    "Les experts restent prudents quant à l’issue du dossier.",
    "Ce n’est pas la première fois que la question se pose.",
    "Les chiffres publiés depuis ne sont guère encourageants.",
    "Une nouvelle réunion est prévue à l’automne.",
];

const FILLER_EN: &[&str] = &[
    "The situation remains tense.",
    "Talks are due to resume in the coming weeks.",
    "Several observers wonder what comes next.",
    "The government declined to comment.",
    "The opposition denounced a lack of transparency.",
    "On the ground, concern is growing.",
    "Experts remain cautious about the outcome.",
    "It’s not the first time the question has arisen.",
    "Figures published since then are hardly encouraging.",
    "Another meeting is planned for the autumn.",
];

// ---------------------------------------------------------------------------------------
// The world: entities, bursts and time range shared by every article of a seed

#[derive(Clone, Debug)]
struct PoolEntity {
    id: String,
    name: String,
    kind: &'static str,
}

/// A burst of news around one day.
#[derive(Clone, Copy, Debug)]
struct Burst {
    centre: i32,
    spread: i32,
}

#[derive(Clone, Debug)]
struct World {
    entities: Vec<PoolEntity>,
    /// Indices into `entities` of persons and organisations, in Zipf rank order.
    actors: Vec<usize>,
    /// Indices into `entities` of places, in Zipf rank order.
    places: Vec<usize>,
    actor_rank: Zipf,
    place_rank: Zipf,
    kind_rank: Zipf,
    bursts: Vec<Burst>,
    burst_rank: Zipf,
    /// Days from the common era of the long tail's first and last day.
    first_day: i32,
    last_day: i32,
}

/// ASCII identifier from a name: "Saint-Étienne" → "saint-etienne".
fn slug(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for c in name.nfd() {
        let mapped = match c {
            'Ø' | 'ø' => Some("o"),
            'Ł' | 'ł' => Some("l"),
            'ı' => Some("i"),
            'ß' => Some("ss"),
            'Æ' | 'æ' => Some("ae"),
            _ => None,
        };
        if let Some(m) = mapped {
            out.push_str(m);
        } else if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if c.is_alphanumeric() || is_combining_mark(c) {
            // Accents (split off by NFD) and letters with no ASCII form are dropped.
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// "de Lyon", "d’Alger": French elision before a vowel.
fn fr_de(name: &str) -> String {
    let elides = name
        .nfd()
        .next()
        .is_some_and(|c| "AEIOUYaeiouy".contains(c));
    if elides {
        format!("d’{name}")
    } else {
        format!("de {name}")
    }
}

fn day_number(y: i32, m: u32, d: u32) -> i32 {
    NaiveDate::from_ymd_opt(y, m, d).map_or(0, |date| date.num_days_from_ce())
}

fn ymd(day: i32) -> (i32, u32, u32) {
    NaiveDate::from_num_days_from_ce_opt(day)
        .map_or((2000, 1, 1), |d| (d.year(), d.month(), d.day()))
}

const PERSONS: usize = 200;
const CITY_ORGANIZATIONS: usize = 30;

impl World {
    fn new(seed: u64) -> Self {
        let mut rng = stream(seed, Domain::World, 0, 0);
        let mut entities = Vec::new();
        let mut ids = BTreeSet::new();
        let mut add = |name: String, kind: &'static str, entities: &mut Vec<PoolEntity>| {
            let base = slug(&name);
            let mut id = base.clone();
            let mut n = 2;
            while !ids.insert(id.clone()) {
                id = format!("{base}-{n}");
                n += 1;
            }
            entities.push(PoolEntity { id, name, kind });
            entities.len() - 1
        };

        let mut pairs: Vec<(usize, usize)> = (0..FIRST_NAMES.len())
            .flat_map(|f| (0..LAST_NAMES.len()).map(move |l| (f, l)))
            .collect();
        shuffle(&mut rng, &mut pairs);
        let mut actors = Vec::new();
        for &(f, l) in pairs.iter().take(PERSONS) {
            let (Some(first), Some(last)) = (FIRST_NAMES.get(f), LAST_NAMES.get(l)) else {
                continue;
            };
            actors.push(add(format!("{first} {last}"), "person", &mut entities));
        }
        for name in ORGANIZATIONS {
            actors.push(add((*name).to_owned(), "organization", &mut entities));
        }
        for _ in 0..CITY_ORGANIZATIONS {
            let (Some(kind), Some(city)) = (pick(&mut rng, ORG_KINDS), pick(&mut rng, PLACES))
            else {
                continue;
            };
            let name = format!("{kind} {}", fr_de(city));
            if entities.iter().any(|e| e.name == name) {
                continue;
            }
            actors.push(add(name, "organization", &mut entities));
        }
        let mut places: Vec<usize> = PLACES
            .iter()
            .map(|p| add((*p).to_owned(), "place", &mut entities))
            .collect();
        shuffle(&mut rng, &mut actors);
        shuffle(&mut rng, &mut places);

        let first_day = day_number(1995, 1, 1);
        let last_day = day_number(2025, 12, 31);
        // The largest bursts are recent and tight: one very busy week, a few busy months.
        let recent = day_number(2015, 1, 1);
        let bursts: Vec<Burst> = (0..6)
            .map(|i| Burst {
                centre: if i < 3 {
                    rng.random_range(recent..=last_day - 30)
                } else {
                    rng.random_range(first_day + 30..=last_day - 30)
                },
                spread: if i == 0 { 3 } else { rng.random_range(6..=40) },
            })
            .collect();
        World {
            actor_rank: Zipf::new(actors.len()),
            place_rank: Zipf::new(places.len()),
            kind_rank: Zipf::new(KINDS.len()),
            burst_rank: Zipf::with_weights(&[6, 5, 4, 3, 2, 2]),
            entities,
            actors,
            places,
            bursts,
            first_day,
            last_day,
        }
    }

    fn actor(&self, rng: &mut impl Rng) -> Option<usize> {
        self.actors.get(self.actor_rank.sample(rng)).copied()
    }

    fn place(&self, rng: &mut impl Rng) -> Option<usize> {
        self.places.get(self.place_rank.sample(rng)).copied()
    }

    fn kind(&self, rng: &mut impl Rng) -> usize {
        self.kind_rank.sample(rng)
    }

    /// A day of news: 45% in a burst, the rest over thirty years, denser in recent years.
    fn day(&self, rng: &mut impl Rng) -> i32 {
        if rng.random_ratio(45, 100)
            && let Some(b) = self.bursts.get(self.burst_rank.sample(rng))
        {
            // Triangular around the centre.
            let offset =
                rng.random_range(-b.spread..=b.spread) + rng.random_range(-b.spread..=b.spread);
            return (b.centre + offset / 2).clamp(self.first_day, self.last_day);
        }
        let span = self.last_day - self.first_day;
        let u = rng.random_range(0..=span).max(rng.random_range(0..=span));
        self.first_day + u
    }
}

// ---------------------------------------------------------------------------------------
// Dates

/// One end of a date: a day, its precision and qualifier (and time for minute precision).
#[derive(Clone, Copy, Debug)]
struct Moment {
    day: i32,
    precision: Precision,
    hour: u32,
    minute: u32,
    qualifier: Qualifier,
}

impl Moment {
    fn new(day: i32, precision: Precision) -> Self {
        Self {
            day,
            precision,
            hour: 0,
            minute: 0,
            qualifier: Qualifier::NONE,
        }
    }

    fn point(&self) -> Option<DatePoint> {
        let (y, m, d) = ymd(self.day);
        DatePoint::new(self.precision, y, m, d, self.hour, self.minute)
            .map(|p| p.with_qualifier(self.qualifier))
    }
}

/// When an event happened, as the article says it.
#[derive(Clone, Copy, Debug)]
enum When {
    Undated,
    At(Moment),
    Between(Moment, Moment),
    Since(Moment),
    Until(Moment),
}

impl When {
    /// The EDTF value, `None` when undated.
    fn edtf(&self) -> Option<String> {
        match self {
            Self::Undated => None,
            Self::At(m) => Some(m.point()?.to_string()),
            Self::Between(a, b) => Some(format!("{}/{}", a.point()?, b.point()?)),
            Self::Since(a) => Some(format!("{}/..", a.point()?)),
            Self::Until(b) => Some(format!("../{}", b.point()?)),
        }
    }
}

fn qualifier(rng: &mut impl Rng, precision: Precision) -> Qualifier {
    // Years are the most often approximate ("vers 2015").
    let approximate_per_mille = if precision == Precision::Year {
        180
    } else {
        50
    };
    let r = rng.random_range(0..1000);
    Qualifier {
        approximate: r < approximate_per_mille || (1000 - 10..1000).contains(&r),
        uncertain: (approximate_per_mille..approximate_per_mille + 40).contains(&r)
            || (1000 - 10..1000).contains(&r),
    }
}

fn first_of_month(day: i32) -> i32 {
    let (y, m, _) = ymd(day);
    day_number(y, m, 1)
}

fn add_months(day: i32, months: i32) -> i32 {
    let (y, m, _) = ymd(day);
    let total = y * 12 + (m as i32 - 1) + months;
    day_number(total.div_euclid(12), (total.rem_euclid(12) + 1) as u32, 1)
}

fn qualified(rng: &mut impl Rng, mut m: Moment) -> Moment {
    m.qualifier = qualifier(rng, m.precision);
    m
}

fn day_or_month(rng: &mut impl Rng) -> Precision {
    if rng.random_ratio(1, 2) {
        Precision::Month
    } else {
        Precision::Day
    }
}

/// A date of any shape around `day`, in the proportions of real annotations.
fn any_date(rng: &mut impl Rng, day: i32) -> When {
    match rng.random_range(0..1000) {
        0..50 => When::Undated,
        50..520 => When::At(qualified(rng, Moment::new(day, Precision::Day))),
        520..570 => {
            let mut m = Moment::new(day, Precision::Minute);
            m.hour = rng.random_range(6..=22);
            m.minute = rng.random_range(0..12) * 5;
            When::At(qualified(rng, m))
        }
        570..740 => When::At(qualified(rng, Moment::new(day, Precision::Month))),
        740..830 => When::At(qualified(rng, Moment::new(day, Precision::Year))),
        830..880 => {
            let end = day + rng.random_range(1..=40);
            When::Between(
                Moment::new(day, Precision::Day),
                Moment::new(end, Precision::Day),
            )
        }
        880..900 => {
            let start = first_of_month(day);
            let end = add_months(start, rng.random_range(1..=18));
            When::Between(
                Moment::new(start, Precision::Month),
                Moment::new(end, Precision::Month),
            )
        }
        900..915 => {
            let (y, _, _) = ymd(day);
            let years = rng.random_range(1..=13);
            let mut start = Moment::new(day_number(y - years, 1, 1), Precision::Year);
            start.qualifier.approximate = rng.random_ratio(1, 4);
            When::Between(start, Moment::new(day, Precision::Year))
        }
        915..945 => When::Since(Moment::new(day, day_or_month(rng))),
        945..965 => When::Until(Moment::new(day, day_or_month(rng))),
        _ => When::At(Moment::new(day, Precision::Day)),
    }
}

// ---------------------------------------------------------------------------------------
// Words for dates

fn fr_day(day: i32) -> String {
    let (y, m, d) = ymd(day);
    let d = if d == 1 {
        "1er".to_owned()
    } else {
        d.to_string()
    };
    format!("{d} {} {y}", month_name(m, Lang::Fr, false))
}

fn en_day(day: i32) -> String {
    let (y, m, d) = ymd(day);
    format!("{d} {} {y}", month_name(m, Lang::En, false))
}

fn month_year(day: i32, lang: Lang) -> String {
    let (y, m, _) = ymd(day);
    format!("{} {y}", month_name(m, lang, false))
}

fn year(day: i32) -> String {
    ymd(day).0.to_string()
}

/// "d’avril 2019", "de mars 2019".
fn fr_de_month(day: i32) -> String {
    let words = month_year(day, Lang::Fr);
    if words.starts_with(['a', 'o']) {
        format!("d’{words}")
    } else {
        format!("de {words}")
    }
}

fn point_phrase(m: &Moment, lang: Lang) -> String {
    let approximate = m.qualifier.approximate;
    let body = match (lang, m.precision, approximate) {
        (Lang::Fr, Precision::Year, false) => format!("en {}", year(m.day)),
        (Lang::Fr, Precision::Year, true) => format!("vers {}", year(m.day)),
        (Lang::Fr, Precision::Month, false) => format!("en {}", month_year(m.day, lang)),
        (Lang::Fr, Precision::Month, true) => format!("vers {}", month_year(m.day, lang)),
        (Lang::Fr, Precision::Day, false) => format!("le {}", fr_day(m.day)),
        (Lang::Fr, Precision::Day, true) => format!("aux alentours du {}", fr_day(m.day)),
        (Lang::Fr, _, _) => format!(
            "le {} {}{}\u{202f}h\u{202f}{:02}",
            fr_day(m.day),
            if approximate { "vers " } else { "à " },
            m.hour,
            m.minute
        ),
        (Lang::En, Precision::Year, false) => format!("in {}", year(m.day)),
        (Lang::En, Precision::Year, true) => format!("around {}", year(m.day)),
        (Lang::En, Precision::Month, false) => format!("in {}", month_year(m.day, lang)),
        (Lang::En, Precision::Month, true) => format!("around {}", month_year(m.day, lang)),
        (Lang::En, Precision::Day, false) => format!("on {}", en_day(m.day)),
        (Lang::En, Precision::Day, true) => format!("around {}", en_day(m.day)),
        (Lang::En, _, _) => format!(
            "on {} at {}{:02}:{:02}",
            en_day(m.day),
            if approximate { "around " } else { "" },
            m.hour,
            m.minute
        ),
    };
    if m.qualifier.uncertain {
        match lang {
            Lang::Fr => format!("probablement {body}"),
            Lang::En => format!("reportedly {body}"),
        }
    } else {
        body
    }
}

fn bare(m: &Moment, lang: Lang) -> String {
    match (m.precision, lang) {
        (Precision::Year, _) => year(m.day),
        (Precision::Month, _) => month_year(m.day, lang),
        (_, Lang::Fr) => fr_day(m.day),
        (_, Lang::En) => en_day(m.day),
    }
}

/// How the text says `when`, lower-case, ready to open a sentence once capitalised.
fn date_phrase(when: &When, lang: Lang) -> String {
    match (when, lang) {
        (When::Undated, Lang::Fr) => "à une date non précisée".to_owned(),
        (When::Undated, Lang::En) => "at an unspecified date".to_owned(),
        (When::At(m), _) => point_phrase(m, lang),
        (When::Between(a, b), Lang::Fr) => {
            let around = if a.qualifier.approximate {
                "approximativement "
            } else {
                ""
            };
            let body = match a.precision {
                Precision::Year => format!("de {} à {}", year(a.day), year(b.day)),
                Precision::Month => format!("{} à {}", fr_de_month(a.day), month_year(b.day, lang)),
                _ => format!("du {} au {}", fr_day(a.day), fr_day(b.day)),
            };
            format!("{around}{body}")
        }
        (When::Between(a, b), Lang::En) => {
            let around = if a.qualifier.approximate {
                "roughly "
            } else {
                ""
            };
            format!("{around}from {} to {}", bare(a, lang), bare(b, lang))
        }
        (When::Since(a), Lang::Fr) => match a.precision {
            Precision::Day | Precision::Minute => format!("depuis le {}", fr_day(a.day)),
            _ => format!("depuis {}", bare(a, lang)),
        },
        (When::Since(a), Lang::En) => format!("since {}", bare(a, lang)),
        (When::Until(b), Lang::Fr) => match b.precision {
            Precision::Day | Precision::Minute => format!("jusqu’au {}", fr_day(b.day)),
            _ => format!("jusqu’en {}", bare(b, lang)),
        },
        (When::Until(b), Lang::En) => format!("until {}", bare(b, lang)),
    }
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------------------
// Words for events

/// Names joined as a list: "A, B et C" / "A, B and C"; officials when there is nobody.
fn names(list: &[&str], lang: Lang) -> String {
    match (list, lang) {
        ([], Lang::Fr) => "des responsables".to_owned(),
        ([], Lang::En) => "officials".to_owned(),
        ([one], _) => (*one).to_owned(),
        ([init @ .., last], _) => {
            let and = if lang == Lang::Fr { "et" } else { "and" };
            format!("{} {and} {last}", init.join(", "))
        }
    }
}

/// The title and the evidence clause of an event of `kind`.
fn wording(
    kind: &str,
    lang: Lang,
    who: &str,
    plural: bool,
    at: &str,
    topic: &str,
) -> (String, String) {
    let fr = |one: &str, many: &str| {
        if plural {
            many.to_owned()
        } else {
            one.to_owned()
        }
    };
    match (kind, lang) {
        ("meeting", Lang::Fr) => (
            format!("Réunion sur {topic}{at}"),
            if plural {
                format!("{who} se sont réunis{at} pour évoquer {topic}")
            } else {
                format!("{who} a rencontré des responsables{at} pour évoquer {topic}")
            },
        ),
        ("meeting", Lang::En) => (
            format!("Meeting on {topic}{at}"),
            if plural {
                format!("{who} met{at} to discuss {topic}")
            } else {
                format!("{who} met officials{at} to discuss {topic}")
            },
        ),
        ("statement", Lang::Fr) => (
            format!("Déclaration sur {topic}"),
            format!(
                "{who} {}{at} que {topic} restait «\u{202f}une priorité absolue\u{202f}»",
                fr("a déclaré", "ont déclaré")
            ),
        ),
        ("statement", Lang::En) => (
            format!("Statement on {topic}"),
            format!("{who} said{at} that {topic} remained “an absolute priority”"),
        ),
        ("agreement", Lang::Fr) => (
            format!("Accord sur {topic}"),
            format!(
                "{who} {} un accord sur {topic}{at}",
                fr("a signé", "ont signé")
            ),
        ),
        ("agreement", Lang::En) => (
            format!("Agreement on {topic}"),
            format!("{who} signed an agreement on {topic}{at}"),
        ),
        ("visit", Lang::Fr) => (
            format!("Visite officielle{at}"),
            format!(
                "{who} {} une visite officielle{at} pour évoquer {topic}",
                fr("a effectué", "ont effectué")
            ),
        ),
        ("visit", Lang::En) => (
            format!("Official visit{at}"),
            format!("{who} paid an official visit{at} to discuss {topic}"),
        ),
        ("protest", Lang::Fr) => (
            format!("Manifestation{at} concernant {topic}"),
            format!(
                "des milliers de manifestants ont défilé{at} contre les décisions prises par {who} concernant {topic}"
            ),
        ),
        ("protest", Lang::En) => (
            format!("Protest{at} over {topic}"),
            format!("thousands marched{at} against decisions taken by {who} on {topic}"),
        ),
        ("report", Lang::Fr) => (
            format!("Rapport critique sur {topic}"),
            format!("un rapport publié{at} par {who} dresse un bilan sévère concernant {topic}"),
        ),
        ("report", Lang::En) => (
            format!("Critical report on {topic}"),
            format!("a report published{at} by {who} gives a harsh assessment of {topic}"),
        ),
        ("election", Lang::Fr) => (
            format!("Scrutin{at}\u{202f}: débat sur {topic}"),
            if plural {
                format!(
                    "{who} se sont affrontés lors du scrutin{at}, marqué par le débat sur {topic}"
                )
            } else {
                format!("{who} a remporté le scrutin{at}, marqué par le débat sur {topic}")
            },
        ),
        ("election", Lang::En) => (
            format!("Election{at} dominated by {topic}"),
            if plural {
                format!(
                    "{who} faced each other in the vote{at}, dominated by the debate on {topic}"
                )
            } else {
                format!("{who} won the vote{at}, dominated by the debate on {topic}")
            },
        ),
        ("appointment", Lang::Fr) => (
            format!("Nomination\u{202f}: mission sur {topic}"),
            format!(
                "{who} {} à la tête d’une mission sur {topic}{at}",
                fr("a été nommé", "ont été nommés")
            ),
        ),
        ("appointment", Lang::En) => (
            format!("Appointment: mission on {topic}"),
            format!(
                "{who} {} to lead a mission on {topic}{at}",
                if plural {
                    "were appointed"
                } else {
                    "was appointed"
                }
            ),
        ),
        ("sanction", Lang::Fr) => (
            format!("Nouvelles sanctions en lien avec {topic}"),
            format!(
                "{who} {}{at} de nouvelles sanctions en lien avec {topic}",
                fr("a annoncé", "ont annoncé")
            ),
        ),
        ("sanction", Lang::En) => (
            format!("New sanctions over {topic}"),
            format!("{who} announced new sanctions{at} over {topic}"),
        ),
        ("trial", Lang::Fr) => (
            format!("Ouverture d’un procès{at}"),
            format!(
                "le procès visant {who} s’est ouvert{at}, sur fond de polémique concernant {topic}"
            ),
        ),
        ("trial", Lang::En) => (
            format!("Trial opens{at}"),
            format!("the trial of {who} opened{at} amid controversy over {topic}"),
        ),
        ("attack", Lang::Fr) => (
            format!("Attaque informatique{at}"),
            format!("une attaque informatique a visé {who}{at} en pleine discussion sur {topic}"),
        ),
        ("attack", Lang::En) => (
            format!("Cyberattack{at}"),
            format!("a cyberattack targeted {who}{at} amid talks on {topic}"),
        ),
        ("disaster", Lang::Fr) => (
            format!("Inondations{at}\u{202f}: appel à des mesures d’urgence"),
            format!(
                "après de violentes inondations{at}, {who} {} des mesures d’urgence concernant {topic}",
                fr("a réclamé", "ont réclamé")
            ),
        ),
        ("disaster", Lang::En) => (
            format!("Floods{at}: calls for emergency measures"),
            format!("after severe floods{at}, {who} called for emergency measures on {topic}"),
        ),
        (_, Lang::Fr) => (
            format!("Développements sur {topic}"),
            format!(
                "{who} {} sur {topic}{at}",
                fr("s’est exprimé", "se sont exprimés")
            ),
        ),
        (_, Lang::En) => (
            format!("Developments on {topic}"),
            format!("{who} spoke about {topic}{at}"),
        ),
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
            frise: super::native::VERSION,
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

#[cfg(test)]
mod tests {
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

//! The words of generated news (names, organisations, places, topics, outlets, set
//! phrases) and the world drawn from them once per seed: entities ranked by Zipf-like
//! frequency, bursts of news, and the thirty years the long tail covers.

use std::collections::BTreeSet;

use rand::Rng;
use unicode_normalization::UnicodeNormalization as _;
use unicode_normalization::char::is_combining_mark;

use super::dates::day_number;
use super::{Domain, Zipf, pick, shuffle, stream};

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
pub(super) const TOPICS: &[(&str, &str, &[&str])] = &[
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
pub(super) const EXTRA_TAGS: &[&str] =
    &["à la une", "analyse", "exclusif", "région", "international"];

/// Kinds of event, most frequent first.
pub(super) const KINDS: &[&str] = &[
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

pub(super) const OUTLETS_FR: &[(&str, &str)] = &[
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

pub(super) const OUTLETS_EN: &[(&str, &str)] = &[
    ("The Northern Ledger", "northern-ledger"),
    ("Harbour Times", "harbour-times"),
    ("The Daily Meridian", "daily-meridian"),
    ("Coastal Herald", "coastal-herald"),
    ("The Evening Courier", "evening-courier"),
    ("Midland Gazette", "midland-gazette"),
    ("The Capital Observer", "capital-observer"),
    ("Riverside Post", "riverside-post"),
];

pub(super) const SPEECH_FR: &[&str] = &[
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

pub(super) const SPEECH_EN: &[&str] = &[
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

pub(super) const FILLER_FR: &[&str] = &[
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

pub(super) const FILLER_EN: &[&str] = &[
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
pub(super) struct PoolEntity {
    pub(super) id: String,
    pub(super) name: String,
    pub(super) kind: &'static str,
}

/// A burst of news around one day.
#[derive(Clone, Copy, Debug)]
pub(super) struct Burst {
    pub(super) centre: i32,
    pub(super) spread: i32,
}

#[derive(Clone, Debug)]
pub(super) struct World {
    pub(super) entities: Vec<PoolEntity>,
    /// Indices into `entities` of persons and organisations, in Zipf rank order.
    pub(super) actors: Vec<usize>,
    /// Indices into `entities` of places, in Zipf rank order.
    pub(super) places: Vec<usize>,
    pub(super) actor_rank: Zipf,
    pub(super) place_rank: Zipf,
    pub(super) kind_rank: Zipf,
    pub(super) bursts: Vec<Burst>,
    pub(super) burst_rank: Zipf,
    /// Days from the common era of the long tail's first and last day.
    pub(super) first_day: i32,
    pub(super) last_day: i32,
}

/// ASCII identifier from a name: "Saint-Étienne" → "saint-etienne".
pub(super) fn slug(name: &str) -> String {
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

const PERSONS: usize = 200;
const CITY_ORGANIZATIONS: usize = 30;

impl World {
    pub(super) fn new(seed: u64) -> Self {
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

    pub(super) fn actor(&self, rng: &mut impl Rng) -> Option<usize> {
        self.actors.get(self.actor_rank.sample(rng)).copied()
    }

    pub(super) fn place(&self, rng: &mut impl Rng) -> Option<usize> {
        self.places.get(self.place_rank.sample(rng)).copied()
    }

    pub(super) fn kind(&self, rng: &mut impl Rng) -> usize {
        self.kind_rank.sample(rng)
    }

    /// A day of news: 45% in a burst, the rest over thirty years, denser in recent years.
    pub(super) fn day(&self, rng: &mut impl Rng) -> i32 {
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

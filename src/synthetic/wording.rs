//! The sentences of generated articles: who did what, in French or English.

use crate::model::Lang;

pub(super) fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------------------
// Words for events

/// Names joined as a list: "A, B et C" / "A, B and C"; officials when there is nobody.
pub(super) fn names(list: &[&str], lang: Lang) -> String {
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
pub(super) fn wording(
    kind: &str,
    lang: Lang,
    who: &str,
    plural: bool,
    at: &str,
    topic: &str,
) -> (String, String) {
    match lang {
        Lang::Fr => french(kind, who, plural, at, topic),
        Lang::En => english(kind, who, plural, at, topic),
    }
}

/// [`wording`] in French, where the verb agrees with one or several actors.
fn french(kind: &str, who: &str, plural: bool, at: &str, topic: &str) -> (String, String) {
    let fr = |one: &str, many: &str| {
        if plural {
            many.to_owned()
        } else {
            one.to_owned()
        }
    };
    match kind {
        "meeting" => (
            format!("Réunion sur {topic}{at}"),
            if plural {
                format!("{who} se sont réunis{at} pour évoquer {topic}")
            } else {
                format!("{who} a rencontré des responsables{at} pour évoquer {topic}")
            },
        ),
        "statement" => (
            format!("Déclaration sur {topic}"),
            format!(
                "{who} {}{at} que {topic} restait «\u{202f}une priorité absolue\u{202f}»",
                fr("a déclaré", "ont déclaré")
            ),
        ),
        "agreement" => (
            format!("Accord sur {topic}"),
            format!(
                "{who} {} un accord sur {topic}{at}",
                fr("a signé", "ont signé")
            ),
        ),
        "visit" => (
            format!("Visite officielle{at}"),
            format!(
                "{who} {} une visite officielle{at} pour évoquer {topic}",
                fr("a effectué", "ont effectué")
            ),
        ),
        "protest" => (
            format!("Manifestation{at} concernant {topic}"),
            format!(
                "des milliers de manifestants ont défilé{at} contre les décisions prises par {who} concernant {topic}"
            ),
        ),
        "report" => (
            format!("Rapport critique sur {topic}"),
            format!("un rapport publié{at} par {who} dresse un bilan sévère concernant {topic}"),
        ),
        "election" => (
            format!("Scrutin{at}\u{202f}: débat sur {topic}"),
            if plural {
                format!(
                    "{who} se sont affrontés lors du scrutin{at}, marqué par le débat sur {topic}"
                )
            } else {
                format!("{who} a remporté le scrutin{at}, marqué par le débat sur {topic}")
            },
        ),
        "appointment" => (
            format!("Nomination\u{202f}: mission sur {topic}"),
            format!(
                "{who} {} à la tête d’une mission sur {topic}{at}",
                fr("a été nommé", "ont été nommés")
            ),
        ),
        "sanction" => (
            format!("Nouvelles sanctions en lien avec {topic}"),
            format!(
                "{who} {}{at} de nouvelles sanctions en lien avec {topic}",
                fr("a annoncé", "ont annoncé")
            ),
        ),
        "trial" => (
            format!("Ouverture d’un procès{at}"),
            format!(
                "le procès visant {who} s’est ouvert{at}, sur fond de polémique concernant {topic}"
            ),
        ),
        "attack" => (
            format!("Attaque informatique{at}"),
            format!("une attaque informatique a visé {who}{at} en pleine discussion sur {topic}"),
        ),
        "disaster" => (
            format!("Inondations{at}\u{202f}: appel à des mesures d’urgence"),
            format!(
                "après de violentes inondations{at}, {who} {} des mesures d’urgence concernant {topic}",
                fr("a réclamé", "ont réclamé")
            ),
        ),
        _ => (
            format!("Développements sur {topic}"),
            format!(
                "{who} {} sur {topic}{at}",
                fr("s’est exprimé", "se sont exprimés")
            ),
        ),
    }
}

/// [`wording`] in English.
fn english(kind: &str, who: &str, plural: bool, at: &str, topic: &str) -> (String, String) {
    match kind {
        "meeting" => (
            format!("Meeting on {topic}{at}"),
            if plural {
                format!("{who} met{at} to discuss {topic}")
            } else {
                format!("{who} met officials{at} to discuss {topic}")
            },
        ),
        "statement" => (
            format!("Statement on {topic}"),
            format!("{who} said{at} that {topic} remained “an absolute priority”"),
        ),
        "agreement" => (
            format!("Agreement on {topic}"),
            format!("{who} signed an agreement on {topic}{at}"),
        ),
        "visit" => (
            format!("Official visit{at}"),
            format!("{who} paid an official visit{at} to discuss {topic}"),
        ),
        "protest" => (
            format!("Protest{at} over {topic}"),
            format!("thousands marched{at} against decisions taken by {who} on {topic}"),
        ),
        "report" => (
            format!("Critical report on {topic}"),
            format!("a report published{at} by {who} gives a harsh assessment of {topic}"),
        ),
        "election" => (
            format!("Election{at} dominated by {topic}"),
            if plural {
                format!(
                    "{who} faced each other in the vote{at}, dominated by the debate on {topic}"
                )
            } else {
                format!("{who} won the vote{at}, dominated by the debate on {topic}")
            },
        ),
        "appointment" => (
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
        "sanction" => (
            format!("New sanctions over {topic}"),
            format!("{who} announced new sanctions{at} over {topic}"),
        ),
        "trial" => (
            format!("Trial opens{at}"),
            format!("the trial of {who} opened{at} amid controversy over {topic}"),
        ),
        "attack" => (
            format!("Cyberattack{at}"),
            format!("a cyberattack targeted {who}{at} amid talks on {topic}"),
        ),
        "disaster" => (
            format!("Floods{at}: calls for emergency measures"),
            format!("after severe floods{at}, {who} called for emergency measures on {topic}"),
        ),
        _ => (
            format!("Developments on {topic}"),
            format!("{who} spoke about {topic}{at}"),
        ),
    }
}

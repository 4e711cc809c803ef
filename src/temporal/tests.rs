//! Tests of the tagger, per family of expressions and language.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use super::eval::{read_timeml, score, to_timeml};
use super::*;

fn dct(s: &str) -> Dct {
    Dct::parse(s).expect("valid test DCT")
}

/// (text, type, value, date) of every mention.
fn run(
    text: &str,
    lang: Language,
    d: Option<&str>,
) -> Vec<(String, &'static str, String, Option<String>)> {
    let d = d.map(dct);
    tag(text, Some(lang), d.as_ref())
        .mentions
        .into_iter()
        .map(|m| (m.text, m.kind.as_str(), m.value, m.date))
        .collect()
}

/// Asserts that `text` holds a mention with this span text, type and value; returns it.
#[track_caller]
fn has(
    text: &str,
    lang: Language,
    d: Option<&str>,
    span: &str,
    kind: &str,
    value: &str,
) -> Mention {
    let dd = d.map(dct);
    let t = tag(text, Some(lang), dd.as_ref());
    let Some(m) = t.mentions.iter().find(|m| m.text == span) else {
        panic!("no mention {span:?} in {text:?}: {:?}", t.mentions);
    };
    assert_eq!(m.kind.as_str(), kind, "type of {span:?} in {text:?}");
    assert_eq!(m.value, value, "value of {span:?} in {text:?}");
    let chars: String = text.chars().skip(m.start).take(m.end - m.start).collect();
    assert_eq!(chars, m.text, "offsets of {span:?}");
    m.clone()
}

#[track_caller]
fn none(text: &str, lang: Language) {
    let t = run(text, lang, Some("2025-08-01"));
    assert!(t.is_empty(), "expected nothing in {text:?}, got {t:?}");
}

const D: Option<&str> = Some("2025-08-01");
use Language::{En, Fr};

#[test]
fn all_rules_compile() {
    assert_eq!(rules::broken_rules(Fr), 0);
    assert_eq!(rules::broken_rules(En), 0);
}

#[test]
fn dct_parse() {
    assert_eq!(
        Dct::parse("2025-07-31"),
        Some(Dct {
            year: 2025,
            month: Some(7),
            day: Some(31)
        })
    );
    assert_eq!(
        Dct::parse("2025-07"),
        Some(Dct {
            year: 2025,
            month: Some(7),
            day: None
        })
    );
    assert_eq!(
        Dct::parse("2025"),
        Some(Dct {
            year: 2025,
            month: None,
            day: None
        })
    );
    assert_eq!(Dct::parse("2025-02-30"), None);
    assert_eq!(Dct::parse("hier"), None);
}

#[test]
fn absolute_fr() {
    let m = has(
        "Le 31 juillet 2025, une rencontre.",
        Fr,
        D,
        "Le 31 juillet 2025",
        "DATE",
        "2025-07-31",
    );
    assert_eq!((m.start, m.end), (0, 18));
    assert_eq!(m.date.as_deref(), Some("2025-07-31"));
    has(
        "Il viendra le 1er août.",
        Fr,
        Some("2025-07-20"),
        "le 1er août",
        "DATE",
        "2025-08-01",
    );
    has(
        "Signé le 31/07/2025 à Paris.",
        Fr,
        D,
        "31/07/2025",
        "DATE",
        "2025-07-31",
    );
    has(
        "Publié le 2024-12-08.",
        Fr,
        D,
        "2024-12-08",
        "DATE",
        "2024-12-08",
    );
    has(
        "Il est parti en juillet 2025.",
        Fr,
        D,
        "juillet 2025",
        "DATE",
        "2025-07",
    );
    let m = has("Il est parti en 2024.", Fr, D, "2024", "DATE", "2024");
    assert_eq!(m.date.as_deref(), Some("2024"));
    has(
        "Elle est née le 21 janvier 1913.",
        Fr,
        D,
        "le 21 janvier 1913",
        "DATE",
        "1913-01-21",
    );
}

#[test]
fn absolute_en() {
    has(
        "The meeting was held on July 31, 2025 in Moscow.",
        En,
        D,
        "July 31, 2025",
        "DATE",
        "2025-07-31",
    );
    has(
        "He left on 31 July 2025.",
        En,
        D,
        "31 July 2025",
        "DATE",
        "2025-07-31",
    );
    has("Sales fell in 2024.", En, D, "2024", "DATE", "2024");
    has(
        "Prices rose in December 2024.",
        En,
        D,
        "December 2024",
        "DATE",
        "2024-12",
    );
    has(
        "Signed 7/31/2025.",
        En,
        D,
        "7/31/2025",
        "DATE",
        "2025-07-31",
    );
}

#[test]
fn partial_dates_take_year_by_tense() {
    // Past tense: the last 31 July; future: the next 3 March.
    has(
        "Il a signé le 31 juillet.",
        Fr,
        D,
        "le 31 juillet",
        "DATE",
        "2025-07-31",
    );
    has(
        "Il signera le 3 mars.",
        Fr,
        D,
        "le 3 mars",
        "DATE",
        "2026-03-03",
    );
    has(
        "Il a signé le 3 décembre.",
        Fr,
        D,
        "le 3 décembre",
        "DATE",
        "2024-12-03",
    );
    has(
        "He signed it on 31 July.",
        En,
        D,
        "31 July",
        "DATE",
        "2025-07-31",
    );
    has(
        "He will sign it on March 3.",
        En,
        D,
        "March 3",
        "DATE",
        "2026-03-03",
    );
    has(
        "Il a démissionné en mai dernier.",
        Fr,
        D,
        "mai dernier",
        "DATE",
        "2025-05",
    );
}

#[test]
fn parts_of_periods() {
    let m = has(
        "Il est arrivé début décembre 2024.",
        Fr,
        D,
        "début décembre 2024",
        "DATE",
        "2024-12",
    );
    assert_eq!(m.date.as_deref(), Some("2024-12"));
    has(
        "Il partira fin juillet.",
        Fr,
        Some("2025-07-01"),
        "fin juillet",
        "DATE",
        "2025-07",
    );
    has("Il partira mi-2026.", Fr, D, "mi-2026", "DATE", "2026");
    let m = has(
        "Il est venu au printemps 2024.",
        Fr,
        D,
        "printemps 2024",
        "DATE",
        "2024-SP",
    );
    assert_eq!(m.date.as_deref(), Some("2024-21"));
    let m = has(
        "Il est venu l'été dernier.",
        Fr,
        D,
        "l'été dernier",
        "DATE",
        "2024-SU",
    );
    assert_eq!(m.date.as_deref(), Some("2024-22"));
    let m = has(
        "Les ventes du premier trimestre 2025 ont baissé.",
        Fr,
        D,
        "premier trimestre 2025",
        "DATE",
        "2025-Q1",
    );
    assert_eq!(m.date.as_deref(), Some("2025-01/2025-03"));
    has(
        "Il reviendra d'ici la fin de l'année.",
        Fr,
        D,
        "la fin de l'année",
        "DATE",
        "2025",
    );
    has(
        "The plant opens in early 2026.",
        En,
        D,
        "early 2026",
        "DATE",
        "2026",
    );
    has(
        "The deal closed late last year.",
        En,
        D,
        "late last year",
        "DATE",
        "2024",
    );
    has(
        "Profits rose in the first quarter of 2025.",
        En,
        D,
        "the first quarter of 2025",
        "DATE",
        "2025-Q1",
    );
    has(
        "He came last summer.",
        En,
        D,
        "last summer",
        "DATE",
        "2024-SU",
    );
}

#[test]
fn relative_to_dct_with_tense() {
    // 2025-08-01 is a Friday.
    has(
        "Il a annoncé lundi sa démission.",
        Fr,
        D,
        "lundi",
        "DATE",
        "2025-07-28",
    );
    has(
        "Il annoncera lundi sa démission.",
        Fr,
        D,
        "lundi",
        "DATE",
        "2025-08-04",
    );
    has("Il est arrivé hier.", Fr, D, "hier", "DATE", "2025-07-31");
    has(
        "Il est arrivé ce matin.",
        Fr,
        D,
        "ce matin",
        "TIME",
        "2025-08-01TMO",
    );
    has(
        "Il est parti lundi dernier.",
        Fr,
        D,
        "lundi dernier",
        "DATE",
        "2025-07-28",
    );
    has(
        "Ils se verront la semaine prochaine.",
        Fr,
        D,
        "la semaine prochaine",
        "DATE",
        "2025-W32",
    );
    has(
        "Il est parti il y a trois ans.",
        Fr,
        D,
        "il y a trois ans",
        "DATE",
        "2022",
    );
    has(
        "Il reviendra dans deux mois.",
        Fr,
        D,
        "dans deux mois",
        "DATE",
        "2025-10",
    );
    has(
        "Il reviendra l'an prochain.",
        Fr,
        D,
        "l'an prochain",
        "DATE",
        "2026",
    );
    has(
        "Les prix ont monté cette année.",
        Fr,
        D,
        "cette année",
        "DATE",
        "2025",
    );
    has(
        "He arrived yesterday.",
        En,
        D,
        "yesterday",
        "DATE",
        "2025-07-31",
    );
    has(
        "He resigned last Tuesday.",
        En,
        D,
        "last Tuesday",
        "DATE",
        "2025-07-29",
    );
    has(
        "He said on Tuesday that he would resign.",
        En,
        D,
        "Tuesday",
        "DATE",
        "2025-07-29",
    );
    has(
        "He will resign on Tuesday.",
        En,
        D,
        "Tuesday",
        "DATE",
        "2025-08-05",
    );
    has(
        "Prices will rise next month.",
        En,
        D,
        "next month",
        "DATE",
        "2025-09",
    );
    has(
        "He left two years ago.",
        En,
        D,
        "two years ago",
        "DATE",
        "2023",
    );
    has(
        "He left this morning.",
        En,
        D,
        "this morning",
        "TIME",
        "2025-08-01TMO",
    );
}

#[test]
fn anaphoric() {
    // The anchor is the last date of the text.
    let t = "Le 3 mars 2020, il est arrivé à Paris. La veille, il avait quitté Lyon.";
    has(t, Fr, D, "La veille", "DATE", "2020-03-02");
    let t = "Le 3 mars 2020, il est arrivé à Paris. Le lendemain matin, il est reparti.";
    has(t, Fr, D, "Le lendemain matin", "TIME", "2020-03-04TMO");
    let t =
        "On March 3, 2020, he arrived. The following week, he left. He had called the day before.";
    has(t, En, D, "The following week", "DATE", "2020-W11");
    has(t, En, D, "the day before", "DATE", "2020-03-02");
    has(
        "The strike began on May 4, 2021. Two days later, talks resumed.",
        En,
        D,
        "Two days later",
        "DATE",
        "2021-05-06",
    );
}

#[test]
fn decades_and_centuries() {
    let m = has(
        "Dans les années 1990, tout a changé.",
        Fr,
        D,
        "les années 1990",
        "DATE",
        "199",
    );
    assert_eq!(m.date.as_deref(), Some("199X"));
    let m = has(
        "In the 1990s, everything changed.",
        En,
        D,
        "the 1990s",
        "DATE",
        "199",
    );
    assert_eq!(m.date.as_deref(), Some("199X"));
    let m = has(
        "Le XXe siècle fut violent.",
        Fr,
        D,
        "Le XXe siècle",
        "DATE",
        "19",
    );
    assert_eq!(m.date.as_deref(), Some("19XX"));
    has(
        "Construit au XVIIIe siècle.",
        Fr,
        D,
        "XVIIIe siècle",
        "DATE",
        "17",
    );
    has(
        "Built in the 18th century.",
        En,
        D,
        "the 18th century",
        "DATE",
        "17",
    );
}

#[test]
fn durations() {
    let m = has(
        "Il a vécu trois ans à Lyon.",
        Fr,
        D,
        "trois ans",
        "DURATION",
        "P3Y",
    );
    assert_eq!(m.date, None);
    has(
        "Il a marché pendant dix jours.",
        Fr,
        D,
        "dix jours",
        "DURATION",
        "P10D",
    );
    has(
        "Après une décennie de conflit.",
        Fr,
        D,
        "une décennie",
        "DURATION",
        "P10Y",
    );
    has(
        "Il a attendu vingt-quatre heures.",
        Fr,
        D,
        "vingt-quatre heures",
        "DURATION",
        "PT24H",
    );
    has(
        "Il a attendu plus de vingt ans.",
        Fr,
        D,
        "plus de vingt ans",
        "DURATION",
        "P20Y",
    );
    has(
        "He walked for ten days.",
        En,
        D,
        "ten days",
        "DURATION",
        "P10D",
    );
    has(
        "After a decade of war.",
        En,
        D,
        "a decade",
        "DURATION",
        "P10Y",
    );
    has(
        "It lasted twenty-five years.",
        En,
        D,
        "twenty-five years",
        "DURATION",
        "P25Y",
    );
}

#[test]
fn sets() {
    has(
        "Il vient chaque lundi.",
        Fr,
        D,
        "chaque lundi",
        "SET",
        "XXXX-WXX-1",
    );
    has(
        "Il vient tous les ans.",
        Fr,
        D,
        "tous les ans",
        "SET",
        "P1Y",
    );
    has(
        "Il vient chaque année.",
        Fr,
        D,
        "chaque année",
        "SET",
        "P1Y",
    );
    has("He comes every year.", En, D, "every year", "SET", "P1Y");
    has(
        "He comes every Monday.",
        En,
        D,
        "every Monday",
        "SET",
        "XXXX-WXX-1",
    );
}

#[test]
fn times() {
    has(
        "Il est arrivé hier à 14 h 30.",
        Fr,
        D,
        "14 h 30",
        "TIME",
        "2025-07-31T14:30",
    );
    let m = has(
        "Rendez-vous à 14h30.",
        Fr,
        D,
        "14h30",
        "TIME",
        "2025-08-01T14:30",
    );
    assert_eq!(m.date.as_deref(), Some("2025-08-01T14:30"));
    has(
        "Rendez-vous à midi.",
        Fr,
        D,
        "midi",
        "TIME",
        "2025-08-01T12:00",
    );
    has("Rendez-vous à midi.", Fr, None, "midi", "TIME", "T12:00");
    has(
        "The meeting starts at 2:30 p.m. today.",
        En,
        D,
        "2:30 p.m.",
        "TIME",
        "2025-08-01T14:30",
    );
}

#[test]
fn intervals() {
    let t = "Le festival a eu lieu du 21 au 25 décembre 2024.";
    let a = has(t, Fr, D, "21", "DATE", "2024-12-21");
    let b = has(t, Fr, D, "25 décembre 2024", "DATE", "2024-12-25");
    assert_eq!(a.date.as_deref(), Some("2024-12-21/2024-12-25"));
    assert_eq!(b.date.as_deref(), Some("2024-12-21/2024-12-25"));
    let t = "La population a augmenté entre 2011 et 2024.";
    let a = has(t, Fr, D, "2011", "DATE", "2011");
    assert_eq!(a.date.as_deref(), Some("2011/2024"));
    let t = "Sales grew from 2015 to 2025.";
    let a = has(t, En, D, "2015", "DATE", "2015");
    let b = has(t, En, D, "2025", "DATE", "2025");
    assert_eq!(a.date.as_deref(), Some("2015/2025"));
    assert_eq!(b.date.as_deref(), Some("2015/2025"));
}

#[test]
fn signals_make_open_intervals() {
    let m = has(
        "Il est en Russie depuis décembre 2024.",
        Fr,
        D,
        "décembre 2024",
        "DATE",
        "2024-12",
    );
    assert_eq!(m.date.as_deref(), Some("2024-12/.."));
    let m = has("Il est exilé depuis 2024.", Fr, D, "2024", "DATE", "2024");
    assert_eq!(m.date.as_deref(), Some("2024/.."));
    let m = has(
        "The office stays closed until July 2025.",
        En,
        D,
        "July 2025",
        "DATE",
        "2025-07",
    );
    assert_eq!(m.date.as_deref(), Some("../2025-07"));
    let m = has(
        "Le musée est fermé jusqu'au 28 février 2026.",
        Fr,
        D,
        "28 février 2026",
        "DATE",
        "2026-02-28",
    );
    assert_eq!(m.date.as_deref(), Some("../2026-02-28"));
}

#[test]
fn vague() {
    let m = has(
        "Il a récemment affirmé son désir.",
        Fr,
        D,
        "récemment",
        "TIME",
        "PAST_REF",
    );
    assert_eq!(m.date, None);
    has(
        "Il vit actuellement à Lyon.",
        Fr,
        D,
        "actuellement",
        "TIME",
        "PRESENT_REF",
    );
    has(
        "Il faudra faire mieux à l'avenir.",
        Fr,
        D,
        "l'avenir",
        "TIME",
        "FUTURE_REF",
    );
    has(
        "He recently said so.",
        En,
        D,
        "recently",
        "DATE",
        "PAST_REF",
    );
    has("He is now in Paris.", En, D, "now", "DATE", "PRESENT_REF");
    none("Il s'inquiète quant à l'avenir des bases militaires.", Fr);
}

#[test]
fn negatives() {
    none("Un homme de 40 ans a été blessé.", Fr);
    none("Il est âgé de 25 ans.", Fr);
    none("Jean Burget, 87 ans, a été heurté.", Fr);
    none("A 40-year-old man was hurt.", En);
    none("Il regarde la mer.", Fr);
    none("Il a envoyé 1 500 soldats.", Fr);
    none("Cela coûte 2 000 euros.", Fr);
    none("Cela coûte 2\u{202F}000 euros.", Fr);
    none("Une sonde vers la planète Mars.", Fr);
    none("Il rêve d'aller sur Mars.", Fr);
    none("He may come, or he may not.", En);
    none("They march on the capital.", En);
    none("La somme atteint 1 999 euros.", Fr);
}

#[test]
fn unicode_spaces_and_apostrophes() {
    let t = "Publié le 31\u{202F}juillet\u{00A0}2025 : l’an dernier, il était là.";
    let m = has(
        t,
        Fr,
        D,
        "le 31\u{202F}juillet\u{00A0}2025",
        "DATE",
        "2025-07-31",
    );
    assert_eq!((m.start, m.end), (7, 25));
    let m = has(t, Fr, D, "l’an dernier", "DATE", "2024");
    assert_eq!(m.start, 28);
    has(
        "Il est arrivé aujourd’hui vendredi.",
        Fr,
        D,
        "aujourd’hui vendredi",
        "DATE",
        "2025-08-01",
    );
}

#[test]
fn no_or_fuzzy_reference_date() {
    let t = tag("Il est arrivé hier. Il repartira lundi.", Some(Fr), None);
    assert_eq!(t.mentions.len(), 2);
    assert_eq!(t.mentions[0].value, "XXXX-XX-XX");
    assert_eq!(t.mentions[0].date, None);
    assert_eq!(t.mentions[1].value, "XXXX-WXX-1");
    assert!(
        t.notes
            .iter()
            .any(|n| n.contains("no reference date: 2 relative expressions")),
        "{:?}",
        t.notes
    );
    // A month-precise DCT resolves the year and month, not the day.
    let d = dct("2025-07");
    let t = tag("Cette année, il est arrivé hier.", Some(Fr), Some(&d));
    assert_eq!(t.mentions[0].value, "2025");
    assert_eq!(t.mentions[1].value, "XXXX-XX-XX");
    assert!(!t.notes.is_empty());
}

#[test]
fn language_detection() {
    assert_eq!(
        detect_language("Le président a rencontré son homologue russe à Moscou hier soir."),
        Some(Fr)
    );
    assert_eq!(
        detect_language("The president met his Russian counterpart in Moscow last night."),
        Some(En)
    );
    let t = tag(
        "Der Präsident hat gestern seinen russischen Amtskollegen in Moskau getroffen und über die Zusammenarbeit gesprochen.",
        None,
        None,
    );
    assert_eq!(t.lang, None);
    assert!(t.mentions.is_empty());
    assert!(
        t.notes.iter().any(|n| n.contains("detected: de")),
        "{:?}",
        t.notes
    );
}

#[test]
fn bad_input() {
    assert!(tag("", None, None).mentions.is_empty());
    assert!(tag("", Some(Fr), None).mentions.is_empty());
    let _ = tag("\u{0}\u{1}\u{7f}hier\u{0}2024\u{feff}", Some(Fr), None);
    let _ = tag("\u{0}\u{1}\u{7f}", None, None);
    // A long text without any line break or full stop.
    let long = "le 31 juillet 2025 puis rien ".repeat(20_000);
    let t = tag(&long, Some(Fr), Some(&dct("2025-08-01")));
    assert_eq!(t.mentions.len(), 20_000);
    let spaces = " ".repeat(200_000) + "2024";
    let _ = tag(&spaces, Some(Fr), None);
}

/// The two bundled articles (sentences embedded here); DCT 2025-08-01.
#[test]
fn bundled_articles() {
    let a = "Le 31 juillet 2025, une rencontre à Moscou entre le ministre syrien de la Défense et son homologue russe a marqué une étape importante dans le renforcement de la coopération militaire bilatérale, la première de ce type depuis décembre 2024.";
    let m = has(a, Fr, D, "Le 31 juillet 2025", "DATE", "2025-07-31");
    assert!(m.text.ends_with("31 juillet 2025"));
    let m = has(a, Fr, D, "décembre 2024", "DATE", "2024-12");
    assert_eq!(m.date.as_deref(), Some("2024-12/.."));
    let b = "Il est important de noter que le président Bachar al-Assad, exilé en Russie depuis 2024, suscite encore des préoccupations quant à l'avenir des bases militaires russes en Syrie. Le président par intérim syrien, Ahmed al-Charaa, a récemment affirmé son désir de « redéfinir » les relations Damas-Moscou. Ces discussions viennent après une décennie de conflit qui a profondément modifié le paysage politique.";
    let m = has(b, Fr, D, "2024", "DATE", "2024");
    assert_eq!(m.date.as_deref(), Some("2024/.."));
    has(b, Fr, D, "récemment", "TIME", "PAST_REF");
    has(b, Fr, D, "une décennie", "DURATION", "P10Y");
    assert!(!run(b, Fr, D).iter().any(|m| m.0.contains("avenir")));
}

#[test]
fn timeml_round_trip() {
    let m = run("Il est arrivé hier & reparti.", Fr, D);
    assert_eq!(m.len(), 1);
    let t = tag(
        "Il est arrivé hier & reparti.",
        Some(Fr),
        Some(&dct("2025-08-01")),
    );
    let x = to_timeml("Il est arrivé hier & reparti.", &t.mentions);
    assert_eq!(
        x,
        "Il est arrivé <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2025-07-31\">hier</TIMEX3> &amp; reparti."
    );
}

#[test]
fn scorer_counts() {
    let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
<TimeML>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t0" type="DATE" value="2025-08-01"/></DCT>
<TEXT>Élu <TIMEX3 tid="t1" type="DATE" value="2025-07-31">hier</TIMEX3>, il a <EVENT eid="e1">parlé</EVENT> <TIMEX3 tid="t2" type="DURATION" value="P3H">trois heures</TIMEX3> <SIGNAL sid="s1">depuis</SIGNAL> <TIMEX3 tid="t3" type="DATE" value="2024">l'an 2024</TIMEX3> et <TIMEX3 tid="t4" type="TIME" value="PRESENT_REF">maintenant</TIMEX3>.</TEXT>
</TimeML>"#;
    let doc = read_timeml(xml).expect("parses");
    assert_eq!(doc.dct.as_deref(), Some("2025-08-01"));
    assert_eq!(doc.timexes.len(), 4);
    assert_eq!(
        doc.text,
        "Élu hier, il a parlé trois heures depuis l'an 2024 et maintenant."
    );
    assert_eq!((doc.timexes[0].start, doc.timexes[0].end), (4, 8));
    let mk = |s: usize, e: usize, kind: TimexType, v: &str| Mention {
        start: s,
        end: e,
        text: doc.text.chars().skip(s).take(e - s).collect(),
        kind,
        value: v.to_string(),
        date: None,
    };
    // exact + right; overlapping + wrong value; exact + wrong type; one false alarm; one miss.
    let pred = vec![
        mk(4, 8, TimexType::Date, "2025-07-31"),
        mk(21, 27, TimexType::Duration, "P3D"),
        mk(41, 50, TimexType::Time, "2024"),
        mk(0, 3, TimexType::Date, "XXXX"),
    ];
    let s = score(&doc.timexes, &pred);
    assert_eq!(
        (
            s.gold,
            s.predicted,
            s.strict,
            s.relaxed,
            s.type_ok,
            s.value_ok
        ),
        (4, 4, 2, 3, 2, 2)
    );
    let mut total = s;
    total += s;
    assert_eq!(total.relaxed, 6);
    assert!(eval::table(&total).contains("relaxed span"));
    let errs = eval::errors("doc", &doc, &pred);
    assert!(errs.iter().any(|e| e.contains("MISS")));
    assert!(errs.iter().any(|e| e.contains("FALSE")));
}

mod props {
    use super::super::*;
    use proptest::prelude::*;

    fn check(text: &str, lang: Option<Language>) {
        let d = Dct::parse("2025-08-01");
        let t = tag(text, lang, d.as_ref());
        let n = text.chars().count();
        let mut last_end = 0;
        for m in &t.mentions {
            assert!(m.start < m.end && m.end <= n, "{m:?}");
            assert!(m.start >= last_end, "overlap or unsorted: {m:?}");
            last_end = m.end;
            let s: String = text.chars().skip(m.start).take(m.end - m.start).collect();
            assert_eq!(s, m.text);
        }
    }

    proptest! {
        #[test]
        fn any_string(s in any::<String>()) {
            check(&s, Some(Language::Fr));
            check(&s, Some(Language::En));
        }

        #[test]
        fn temporal_soup(parts in proptest::collection::vec(prop_oneof![
            Just("le "), Just("31 "), Just("juillet "), Just("2025"), Just("depuis "), Just("hier "),
            Just("\u{202F}"), Just("\u{00A0}"), Just("’"), Just("l'"), Just("an "), Just("dernier "),
            Just("1 500 "), Just("h "), Just("14 "), Just("30 "), Just("du "), Just("au "), Just("années "),
            Just("July "), Just("last "), Just("year"), Just(", "), Just(". "), Just("é"), Just("ans"),
            Just("mi-"), Just("fin "), Just("XXe "), Just("siècle "), Just("chaque "), Just("lundi"),
            Just("ago "), Just("two "), Just("days "), Just("-"), Just("/"), Just("\u{0}"),
        ], 0..40)) {
            let s: String = parts.concat();
            check(&s, Some(Language::Fr));
            check(&s, Some(Language::En));
            check(&s, None);
        }
    }
}

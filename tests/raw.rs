//! Raw articles: text, Markdown and saved web pages, read as articles with suggested events.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests stop at the first surprise

use std::path::{Path, PathBuf};
use std::sync::Arc;

use frise::formats::page::{decode_page, read_page};
use frise::formats::raw::{self, RawKind};
use frise::formats::{self, LoadOptions, Progress};
use frise::model::{EventRole, Severity};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/raw")
        .join(name)
}

fn load(paths: &[PathBuf]) -> frise::model::Corpus {
    formats::load(paths, &LoadOptions::default(), &Progress::default())
}

#[test]
fn a_saved_page_gives_its_article_without_the_furniture() {
    let corpus = load(&[fixture("page-boilerplate.html")]);
    assert_eq!(corpus.error_count(), 0, "{:?}", corpus.diagnostics);
    let a = &corpus.articles[0];
    assert_eq!(
        a.title,
        "Rencontre à Moscou : les ministres syriens reçus par Poutine"
    );
    assert_eq!(a.source, "Le Quotidien du Levant");
    assert_eq!(
        a.url.as_deref(),
        Some("https://quotidien-levant.example/monde/rencontre-moscou")
    );
    assert_eq!(a.published.unwrap().to_string(), "2025-08-01");
    assert_eq!(a.language, "fr");
    let text = &a.text;
    assert!(
        text.starts_with("Le 31 juillet 2025, le ministre syrien"),
        "{text}"
    );
    assert!(
        text.contains("l’avenir des bases russes de Tartous"),
        "entities decoded: {text}"
    );
    assert!(
        text.contains("n'a pas été évoqué publiquement\u{a0}: « la page est tournée »"),
        "{text}"
    );
    assert!(
        text.contains("une nouvelle réunion est prévue en septembre 2025 à Damas."),
        "{text}"
    );
    for furniture in [
        "Monde",
        "Rechercher",
        "cookies",
        "Partager",
        "Imprimer",
        "Lire aussi",
        "Les plus lus",
        "Tous droits",
        "lettre",
        "navigateur",
        "document.cookie",
        "font-family",
        "Photo d'archives",
        "NewsArticle",
    ] {
        assert!(
            !text.contains(furniture),
            "{furniture:?} came through: {text}"
        );
    }
    // Paragraphs are blocks of their own.
    assert_eq!(text.matches("\n\n").count(), 3, "{text}");
    // Links and images are references, never fetched; javascript: links are dropped.
    assert!(
        a.references
            .contains(&"https://sana.example/article/1".to_owned())
    );
    assert!(a.references.iter().all(|r| !r.starts_with("javascript")));
    // Its dated sentences are suggestions, with the names they hold.
    let suggested: Vec<_> = corpus
        .events
        .iter()
        .filter(|e| e.role == EventRole::Suggested)
        .collect();
    let dates: Vec<String> = suggested
        .iter()
        .map(|e| e.date.unwrap().to_string())
        .collect();
    assert!(dates.contains(&"2025-07-31".to_owned()), "{dates:?}");
    assert!(dates.contains(&"2024-12".to_owned()), "{dates:?}");
    assert!(dates.contains(&"2025-09".to_owned()), "{dates:?}");
    assert!(
        !dates.contains(&"1998-05-12".to_owned()),
        "the footer is not the article: {dates:?}"
    );
    let meeting = suggested
        .iter()
        .find(|e| e.date.unwrap().to_string() == "2025-07-31")
        .unwrap();
    let names = corpus.entity_names(&meeting.actors);
    assert!(
        names.contains("Asaad al-Shaibani") && names.contains("Vladimir Poutine"),
        "{names}"
    );
}

#[test]
fn charsets_are_decoded_from_the_declaration() {
    let corpus = load(&[fixture("page-latin1.html")]);
    assert_eq!(corpus.error_count(), 0, "{:?}", corpus.diagnostics);
    let a = &corpus.articles[0];
    assert_eq!(a.title, "L'été à Damas");
    assert!(a.text.contains("L'été 2024 à Damas"), "{}", a.text);
    assert!(a.text.contains("« ça a été très rapide »"), "{}", a.text);

    let unknown = load(&[fixture("page-unknown-charset.html")]);
    assert_eq!(unknown.error_count(), 0);
    assert!(
        unknown
            .diagnostics
            .iter()
            .any(|d| d.message.contains("unknown charset 'x-klingon-7'")),
        "{:?}",
        unknown.diagnostics
    );
    assert!(unknown.articles[0].text.contains("L'été 2024"));

    let unsafe_charset = load(&[fixture("page-iso-2022-kr.html")]);
    assert!(unsafe_charset.articles.is_empty());
    let d = &unsafe_charset.diagnostics[0];
    assert_eq!(d.severity, Severity::Error);
    assert!(
        d.path.ends_with("page-iso-2022-kr.html") && d.message.contains("iso-2022-kr"),
        "{d}"
    );

    // A byte-order mark wins over the declaration.
    let mut bytes = vec![0xEF, 0xBB, 0xBF];
    bytes.extend_from_slice("<meta charset=windows-1252><p>Été</p>".as_bytes());
    assert_eq!(
        decode_page(&bytes).unwrap().text,
        "<meta charset=windows-1252><p>Été</p>"
    );
}

#[test]
fn bad_files_get_a_clear_message_naming_them() {
    let corpus = load(&[fixture("binary.txt"), fixture("neither-language.txt")]);
    let binary = corpus
        .diagnostics
        .iter()
        .find(|d| d.path.ends_with("binary.txt"))
        .unwrap();
    assert_eq!(binary.severity, Severity::Error);
    assert!(binary.message.contains("binary data"), "{binary}");
    // A text in another language is read, with a warning and no suggestions.
    assert_eq!(corpus.articles.len(), 1);
    assert!(corpus.events.is_empty());
    let note = corpus
        .diagnostics
        .iter()
        .find(|d| d.path.ends_with("neither-language.txt"))
        .unwrap();
    assert_eq!(note.severity, Severity::Warning);
    assert!(
        note.message.contains("neither French nor English"),
        "{note}"
    );

    let path: Arc<str> = Arc::from("empty.html");
    let (docs, diags) = raw::read_bytes(
        &path,
        RawKind::Html,
        b"<html><body><nav>Menu</nav><script>x()</script></body></html>",
    );
    assert!(docs.is_empty());
    assert!(diags[0].message.contains("no article text"), "{diags:?}");
}

#[test]
fn hostile_markup_reads_as_text_without_running_or_fetching() {
    let page = read_page(concat!(
        "<p onclick=\"alert(1)\">Un premier paragraphe, assez long pour compter comme du texte.</p>",
        "<script>while(true){}</script><script src=\"https://evil.example/x.js\"></script>",
        "<iframe src=\"javascript:alert(1)\"></iframe><object data=\"x.swf\">fallback</object>",
        "<p>Un lien <a href=\"javascript:steal()\">piégé</a> et une image <img src=\"http://track.example/p.gif\" onerror=\"x()\"> dans la phrase.</p>",
        "<div><div><div><b><i><u>sans fin",
        "<p>Une balise jamais fermée <a href=\"x",
    ));
    assert!(page.text.contains("Un premier paragraphe"), "{}", page.text);
    assert!(
        page.text
            .contains("Un lien piégé et une image dans la phrase."),
        "{}",
        page.text
    );
    assert!(
        !page.text.contains("while") && !page.text.contains("fallback"),
        "{}",
        page.text
    );
    // Deep nesting is bounded.
    let deep = format!(
        "{}<p>Profond, mais encore lisible, ce texte reste du texte.</p>",
        "<div>".repeat(100_000)
    );
    assert!(read_page(&deep).text.contains("Profond"));
}

/// A 50 MB page: read in one pass, in memory proportional to it.
#[test]
fn a_fifty_megabyte_page_is_read() {
    let paragraph = "<p>Le 31 juillet 2025, une rencontre à Moscou a réuni les ministres, qui ont parlé de la coopération militaire et de la reconstruction.</p>\n";
    let nav = "<nav><ul><li><a href=\"/a\">Rubrique</a></li></ul></nav>\n";
    let mut html = String::with_capacity(51 << 20);
    html.push_str("<html lang=\"fr\"><head><title>Grande page</title></head><body><article>");
    while html.len() < 50 << 20 {
        html.push_str(paragraph);
        if html.len().is_multiple_of(7) {
            html.push_str(nav);
        }
    }
    html.push_str("</article></body></html>");
    let page = read_page(&html);
    assert_eq!(page.title, "Grande page");
    assert!(page.text.len() > 40 << 20, "{}", page.text.len());
    assert!(!page.text.contains("Rubrique"));
}

#[test]
fn markdown_and_text_open_in_a_folder_with_other_articles() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("note.md"),
        "# Exil\n\nBachar al-Assad vit en **Russie** depuis décembre 2024.\n",
    )
    .unwrap();
    std::fs::copy(
        fixture("ministres-syriens-moscou.txt"),
        dir.path().join("seed.txt"),
    )
    .unwrap();
    let corpus = load(&[dir.path().to_path_buf()]);
    assert_eq!(corpus.error_count(), 0, "{:?}", corpus.diagnostics);
    assert_eq!(corpus.articles.len(), 2);
    let note = corpus.articles.iter().find(|a| a.title == "Exil").unwrap();
    assert_eq!(
        note.text,
        "Exil\n\nBachar al-Assad vit en Russie depuis décembre 2024."
    );
    assert!(
        corpus
            .events
            .iter()
            .any(|e| e.role == EventRole::Suggested && e.date.unwrap().to_string() == "2024-12")
    );
}

//! Translations (`x.pl.md` beside `x.md`): published under the language's
//! prefix with their source's dates and settings, `lang` and `dir` from
//! CLDR, `hreflang` alternates and a language switcher on every version,
//! links that stay in the reader's language, translated section pages that
//! list what is not translated yet, and the findings for translation files
//! the site cannot publish.

mod common;

use common::Site;

const LANGUAGES: &str = "\n[[languages]]\ncode = \"pl\"\nname = \"Polski\"\n\n[[languages]]\ncode = \"ur\"\nname = \"اردو\"\n";

/// A `charter init` site that lists Polish and Urdu.
fn site() -> Site {
    let site = Site::empty();
    assert_eq!(site.run(&["init", "."]).code, 0);
    let config = site.read("charter.toml");
    site.write("charter.toml", format!("{config}{LANGUAGES}"));
    site.write(
        "content/parents/_index.md",
        "+++\ntitle = \"For parents and carers\"\n+++\n\nGuides for families.\n",
    );
    site
}

const POLISH_PAGE: &str = "+++\ntitle = \"Czas przed ekranem i sen\"\nsummary = \"Jak pomóc dziecku odłożyć urządzenia.\"\n+++\n\n## Przed snem\n\nZobacz [umowę](@parents-agreement) i [filtrowanie](@online-safety#filtering-and-monitoring).\n";

/// The parents' agreement's consents and statements (a translation lists
/// the same ones: see tests/translate.rs).
const URDU_AGREEMENT: &str = "+++\ntitle = \"والدین کا معاہدہ\"\ntranslates = 2026-09-10\n\n[[consents]]\nid = \"photos-displays\"\nlabel = \"تصاویر اسکول کے اندر\"\n\n[[consents]]\nid = \"photos-newsletter\"\nlabel = \"تصاویر نیوز لیٹر میں\"\n\n[[consents]]\nid = \"photos-website\"\nlabel = \"تصاویر ویب سائٹ پر\"\n+++\n\nشکریہ۔\n\n- ایک\n- دو\n- تین\n- چار\n";

#[test]
fn a_translation_is_published_under_its_language_with_lang_dir_and_alternates() {
    let site = site();
    site.write("content/parents/screen-time-and-sleep.pl.md", POLISH_PAGE);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let polish = site.read("public/pl/parents/screen-time-and-sleep/index.html");
    assert!(
        polish.contains("<html lang=\"pl\" dir=\"ltr\">"),
        "{polish}"
    );
    assert!(polish.contains("<h1>Czas przed ekranem i sen</h1>"));
    let english = site.read("public/parents/screen-time-and-sleep/index.html");
    for page in [&polish, &english] {
        assert!(page.contains("<link rel=\"alternate\" hreflang=\"pl\" href=\"https://www.example-primary.example.sch.uk/pl/parents/screen-time-and-sleep/\">"), "{page}");
        assert!(page.contains("hreflang=\"en-GB\""));
        assert!(page.contains("<nav class=\"languages wrap\""));
    }
    assert!(polish.contains("lang=\"pl\" dir=\"ltr\" aria-current=\"page\">Polski</a>"));
    assert!(english.contains("lang=\"en-GB\" dir=\"ltr\" aria-current=\"page\">English</a>"));
    // What is not translated is marked as English: a related policy, the
    // footer's pages.
    assert!(
        polish.contains("<a href=\"/policies/online-safety/\" lang=\"en-GB\">Online safety</a>"),
        "{polish}"
    );
    assert!(
        polish.contains("<a href=\"/about/\" lang=\"en-GB\">"),
        "{polish}"
    );
    assert!(!english.contains("<a href=\"/about/\" lang="), "{english}");
    // A page without a translation has no switcher.
    let other = site.read("public/policies/online-safety/index.html");
    assert!(!other.contains("hreflang"), "{other}");
    assert!(
        site.read("public/sitemap.xml")
            .contains("/pl/parents/screen-time-and-sleep/")
    );
}

#[test]
fn right_to_left_comes_from_the_language_and_an_agreement_keeps_its_form() {
    let site = site();
    site.write("agreements/parents.ur.md", URDU_AGREEMENT);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let page = site.read("public/ur/agreements/parents/index.html");
    assert!(page.contains("<html lang=\"ur\" dir=\"rtl\">"));
    let form = site.read("public/ur/agreements/parents/form/index.html");
    assert!(form.contains("<html lang=\"ur\" dir=\"rtl\">"));
    assert!(form.contains("تصاویر اسکول کے اندر"), "{form}");
    assert!(
        site.path()
            .join("public/ur/agreements/parents/parents-agreement.pdf")
            .is_file()
    );
    // The source's review dates and signatures come with it.
    let english = site.read("public/agreements/parents/index.html");
    let approved = |html: &str| html.matches("datetime=\"2026-").count();
    assert_eq!(approved(&page), approved(&english));
}

#[test]
fn links_in_a_translation_lead_to_pages_in_its_language_where_there_are_some() {
    let site = site();
    site.write("content/parents/screen-time-and-sleep.pl.md", POLISH_PAGE);
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let polish = site.read("public/pl/parents/screen-time-and-sleep/index.html");
    assert!(
        polish.contains("href=\"/agreements/parents/\">umowę</a>"),
        "{polish}"
    );
    site.write(
        "agreements/parents.pl.md",
        "+++\ntitle = \"Umowa rodziców\"\ntranslates = 2026-09-10\n\n[[consents]]\nid = \"photos-displays\"\nlabel = \"Zdjęcia\"\n\n[[consents]]\nid = \"photos-newsletter\"\nlabel = \"Gazetka\"\n\n[[consents]]\nid = \"photos-website\"\nlabel = \"Strona\"\n+++\n\n## Zdjęcia\n\nTekst.\n\n- Jeden.\n- Dwa.\n- Trzy.\n- Cztery.\n",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let polish = site.read("public/pl/parents/screen-time-and-sleep/index.html");
    assert!(
        polish.contains("href=\"/pl/agreements/parents/\">umowę</a>"),
        "{polish}"
    );
    // The translated policy has no heading `#filtering-and-monitoring`
    // (its headings are Polish): that link goes to the English heading.
    site.write(
        "content/policies/online-safety.pl.md",
        "+++\ntitle = \"Bezpieczeństwo w sieci\"\n+++\n\n## Filtrowanie\n\nTekst.\n",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let polish = site.read("public/pl/parents/screen-time-and-sleep/index.html");
    assert!(
        polish
            .contains("href=\"/policies/online-safety/#filtering-and-monitoring\">filtrowanie</a>"),
        "{polish}"
    );
}

#[test]
fn a_translated_section_lists_untranslated_pages_in_the_main_language() {
    let site = site();
    site.write("content/parents/screen-time-and-sleep.pl.md", POLISH_PAGE);
    site.write(
        "content/parents/_index.pl.md",
        "+++\ntitle = \"Dla rodziców i opiekunów\"\n+++\n\nPoradniki dla rodzin.\n",
    );
    site.write(
        "content/parents/gaming.md",
        "+++\ntitle = \"Gaming\"\nsummary = \"Age ratings.\"\n+++\n\nText.\n",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let index = site.read("public/pl/parents/index.html");
    assert!(index.contains("<html lang=\"pl\""));
    assert!(
        index.contains(
            "<a href=\"/pl/parents/screen-time-and-sleep/\">Czas przed ekranem i sen</a>"
        ),
        "{index}"
    );
    // Gaming is not translated: linked in English, marked in English.
    let gaming = index.find("/parents/gaming/").expect("listed");
    let item_start = index[..gaming].rfind("<li").expect("an item");
    assert!(
        index[item_start..gaming].contains("lang=\"en-GB\""),
        "{index}"
    );
    // The Polish page's navigation leads to the Polish section.
    let page = site.read("public/pl/parents/screen-time-and-sleep/index.html");
    assert!(page.contains("href=\"/pl/parents/\""), "{page}");
}

#[test]
fn translation_files_the_site_cannot_publish_are_reported() {
    let site = site();
    site.write("content/parents/screen-time-and-sleep.fr.md", POLISH_PAGE);
    let run = site.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error[translation-invalid]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("content/parents/screen-time-and-sleep.fr.md")
    );
    assert!(run.stderr.contains("[[languages]] code = \"fr\""));

    let site = self::site();
    site.write("content/parents/gone.pl.md", POLISH_PAGE);
    // A page named like a file with a dot is still a page.
    site.write(
        "content/pages/notes.old.md",
        "+++\ntitle = \"Old notes\"\n+++\n\nText.\n",
    );
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("warning[translation-orphan]"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("there is no content/parents/gone.md"));
    assert!(!site.path().join("public/pl/parents/gone").exists());
    assert!(
        site.path().join("public/notesold/index.html").is_file()
            || site.path().join("public/notes-old/index.html").is_file()
            || site.path().join("public/notes.old/index.html").is_file(),
        "{}",
        run.stderr
    );

    let site = self::site();
    site.write(
        "content/parents/screen-time-and-sleep.pl.md",
        "+++\ntitle = \"X\"\naudience = \"parents\"\n+++\n\nX.\n",
    );
    let run = site.run(&["check"]);
    assert!(
        run.stderr
            .contains("content/parents/screen-time-and-sleep.pl.md:3:1"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_trust_translation_is_published_by_the_schools_that_list_its_language() {
    let trust = common::trust::Trust::small();
    trust.write(
        "content/policies/safeguarding.pl.md",
        "+++\ntitle = \"Ochrona dzieci\"\ntranslates = 2026-09-01\n+++\n\nWszyscy dbają o bezpieczeństwo dzieci.\n",
    );
    let config = trust.read("schools/oakfield/charter.toml");
    trust.write(
        "schools/oakfield/charter.toml",
        format!("{config}\n[[languages]]\ncode = \"pl\"\nname = \"Polski\"\n"),
    );
    let run = trust.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("translation-"), "{}", run.stderr);
    let oakfield = trust.school("oakfield");
    let page = std::fs::read_to_string(oakfield.join("public/pl/policies/safeguarding/index.html"))
        .expect("published in Polish");
    assert!(page.contains("Ochrona dzieci"));
    // Riverside lists no Polish: the trust's Polish is not its to publish.
    assert!(!trust.school("riverside").join("public/pl").exists());
}

//! A site with translations, for the tests of search in each language
//! (tests/search.rs, and in the browser, tests/browser.rs).

use super::Site;

/// A `charter init` site with a parents' page translated into Polish and
/// Urdu (as tests/browser.rs searches it).
pub(crate) fn site() -> Site {
    let site = Site::empty();
    assert_eq!(site.run(&["init", "."]).code, 0);
    let config = site.read("charter.toml");
    site.write(
        "charter.toml",
        format!("{config}\n[[languages]]\ncode = \"pl\"\nname = \"Polski\"\n\n[[languages]]\ncode = \"ur\"\nname = \"اردو\"\n"),
    );
    site.write(
        "content/parents/screen-time-and-sleep.pl.md",
        "+++\ntitle = \"Bezpieczeństwo online i sen\"\nsummary = \"Jak pomóc dziecku odłożyć urządzenia przed snem.\"\n+++\n\n## Przed snem\n\nRozmawiajcie o tym, co dziecko robi online.\n",
    );
    site.write(
        "content/parents/screen-time-and-sleep.ur.md",
        "+++\ntitle = \"اسکرین کا وقت اور نیند\"\nsummary = \"بچوں کو سونے سے پہلے آلات رکھنے میں مدد کریں۔\"\n+++\n\n## سونے سے پہلے\n\nاپنے بچے سے بات کریں، اسکول مدد کرتا ہے۔\n",
    );
    site
}

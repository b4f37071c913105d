//! The web page reader on pages like those schools' old sites are made of.

use super::read;
use crate::import::testing::{fixtures, render};

fn page(name: &str) -> String {
    std::fs::read_to_string(fixtures("import-html").join(name)).expect("a fixture page")
}

#[test]
fn wordpress_page_without_menus_sidebar_or_footer() {
    // No address given: the canonical link is the page's address.
    let doc = read(&page("wordpress.html"), None);
    insta::assert_snapshot!(render(&doc));
}

#[test]
fn page_without_a_main_element_takes_its_largest_text_block() {
    let doc = read(
        &page("no-main.html"),
        Some("https://brookvale.example.sch.uk/parents/attendance.aspx"),
    );
    insta::assert_snapshot!(render(&doc));
}

#[test]
fn main_element_and_base_href() {
    let doc = read(&page("main-base.html"), None);
    insta::assert_snapshot!(render(&doc));
}

#[test]
fn relative_links_without_an_address_are_kept_and_noted() {
    let doc = read(
        r#"<p>See the <a href="uniform.html">uniform list</a>.</p>"#,
        None,
    );
    insta::assert_snapshot!(render(&doc));
}

//! The `fill` filter: the theme's words with their placeholders filled,
//! `{{ t.home_policies_other | fill(n=counts.policies) }}`, so that a
//! sentence keeps its words in the order of its language.
//!
//! The words are the theme's own (text, never put in an attribute with
//! this filter), so only `&`, `<` and `>` are escaped in them; a value is
//! escaped as `{{ value }}` would be, unless it is already safe HTML (a
//! link made with `{% set %}…{% endset %}`, a `<date>` component).

use tera::{Kwargs, State, Value};

pub(crate) fn fill(words: &str, kwargs: Kwargs, _: &State) -> Value {
    let mut out = escape_text(words);
    for (name, value) in kwargs.iter() {
        let text = value
            .as_str()
            .map_or_else(|| value.to_string(), str::to_string);
        let filled = if value.is_safe() { text } else { escape(&text) };
        out = out.replace(&format!("{{{name}}}"), &filled);
    }
    Value::safe_string(&out)
}

/// Text escaped as Tera escapes a value.
fn escape(text: &str) -> String {
    let mut buf = Vec::new();
    // Writing to a Vec cannot fail.
    let _ = tera::escape_html(text, &mut buf);
    String::from_utf8(buf).unwrap_or_default()
}

/// Words escaped for the text of an element (quotes need no escaping there).
fn escape_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

#[cfg(test)]
mod tests {
    #[test]
    fn values_fill_placeholders_and_are_escaped() {
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.register_filter("fill", super::fill);
        tera.add_raw_template(
            "t.html",
            r#"{{ w | fill(n=3, q=q) }}|{% set l %}<a href="/">x</a>{% endset %}{{ link | fill(link=l) }}"#,
        )
        .unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("w", "{n} \"pages\" for {q} & more");
        ctx.insert("q", "<b>");
        ctx.insert("link", "see {link}");
        let out = tera.render("t.html", &ctx).unwrap();
        assert_eq!(
            out,
            "3 \"pages\" for &lt;b&gt; &amp; more|see <a href=\"/\">x</a>"
        );
    }
}

//! The search index, written in pieces so that a phone downloads only what
//! a search needs, however large the site.
//!
//! - `search/index.json`, the manifest: what elasticlunr.js needs to make an
//!   empty index (fields, pipeline, number of documents) and the first word
//!   of each term file.
//! - `search/index/terms-N.json`: the postings of a run of words, in
//!   sorted order, cut at about [`TERM_FILE_BYTES`]. The words a query could
//!   match (with elasticlunr's prefix expansion, every word starting with a
//!   query word) are one contiguous run, so a search loads one file per
//!   query word, rarely two.
//! - `search/index/docs-N.json`: what a result shows (address, title, kind,
//!   summary) for [`DOCS_PER_FILE`] documents, loaded only for the results
//!   on screen.
//!
//! Words are found with elasticlunr-rs's English pipeline (tokenizer,
//! trimmer, stop words, stemmer) when the index's language is English: the
//! same one elasticlunr.js runs on a query. For any other language (a
//! Welsh-medium school's main language, or a translation into Polish, Urdu
//! or Spanish) words are split at white space and hyphens, lower-cased and
//! trimmed of punctuation, Unicode-aware ("tŷ," → "tŷ", "معاہدہ۔" →
//! "معاہدہ"), by a trimmer search.js registers under the same name
//! ([`TRIMMER`]), and never stemmed. elasticlunr-rs has stemmers for some
//! (Spanish, Portuguese, Romanian, Arabic…), but a query must go through
//! the same pipeline as the index, in the browser, and elasticlunr.js
//! ships only English's: a word stemmed in the index but not in the query
//! would match nothing. Shipping lunr-languages' stemmers would mean a
//! second Snowball implementation that has to agree with rust-stemmers
//! word for word; prefix matching (`szkoł` finds "szkołach") covers much
//! of what stemming would. Each posting holds the term frequency already divided by the
//! square root of the field's length, as elasticlunr.js would when scoring,
//! so the per-document field lengths (0.6 MB at 10,000 pages) are never
//! downloaded: search.js loads postings with no field lengths, and the
//! scores come out the same.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::LazyLock;

use elasticlunr::Language as _;
use elasticlunr::Pipeline;
use elasticlunr::lang::English;
use elasticlunr::pipeline::FnWrapper;
use regex::Regex;
use rustc_hash::FxHashMap;
use serde_json::json;

use super::Entry;

/// The fields of every document, in the order of [`field_texts`].
pub(crate) const FIELDS: [&str; 4] = ["title", "summary", "headings", "excerpt"];
/// The manifest search.js loads first, and the folder of term and
/// document files (nothing else is written there).
use crate::layout::{SEARCH_FOLDER as FOLDER, SEARCH_MANIFEST as MANIFEST};
/// A term file is closed once it reaches this size (one very common
/// word's postings may make a file larger).
pub(crate) const TERM_FILE_BYTES: usize = 64 * 1024;
/// How many documents' display data share a file.
pub(crate) const DOCS_PER_FILE: usize = 50;
/// The elasticlunr.js version the index is written for.
const ELASTICLUNR_VERSION: &str = "0.9.5";

/// The name search.js registers its Unicode-aware trimmer under.
pub(crate) const TRIMMER: &str = "charterTrimmer";

/// Every file of the index, the manifest first: (path under the output
/// root, contents), under `prefix` (`pl/` for a translation's language).
/// Documents are numbered in the order of `entries`; `language` is theirs
/// (`en-GB`, `cy`, `ur`…).
pub(crate) fn files(entries: &[Entry], language: &str, prefix: &str) -> Vec<(String, Vec<u8>)> {
    let english = is_english(language);
    let terms = postings(entries, english);
    let term_files = term_files(&terms);
    let doc_files: Vec<String> = entries
        .chunks(DOCS_PER_FILE)
        .map(|chunk| {
            let docs: Vec<[&str; 4]> = chunk
                .iter()
                .map(|e| [e.url.as_str(), e.title, e.kind, e.summary])
                .collect();
            serde_json::to_string(&docs).unwrap_or_default()
        })
        .collect();
    // A version for the files' addresses, so that a browser never mixes
    // pieces of two builds.
    let mut h = DefaultHasher::new();
    for (_, text) in &term_files {
        text.hash(&mut h);
    }
    doc_files.hash(&mut h);
    let manifest = json!({
        "version": ELASTICLUNR_VERSION,
        "ref": "id",
        "fields": FIELDS,
        "pipeline": pipeline(english),
        "length": entries.len(),
        "terms": term_files.iter().map(|(first, _)| first).collect::<Vec<_>>(),
        "docs": doc_files.len(),
        "docsPerFile": DOCS_PER_FILE,
        "build": format!("{:016x}", h.finish()),
    });
    let mut out = Vec::with_capacity(1 + term_files.len() + doc_files.len());
    out.push((
        format!("{prefix}{MANIFEST}"),
        manifest.to_string().into_bytes(),
    ));
    for (i, (_, text)) in term_files.into_iter().enumerate() {
        out.push((format!("{prefix}{FOLDER}terms-{i}.json"), text.into_bytes()));
    }
    for (i, text) in doc_files.into_iter().enumerate() {
        out.push((format!("{prefix}{FOLDER}docs-{i}.json"), text.into_bytes()));
    }
    out
}

/// One document's occurrences of a word in one field: its number and the
/// normalised term frequency in thousandths.
type Posting = (u32, u16);

/// Every word of the index, in the order search.js compares words (UTF-16
/// code units, as JavaScript's `<`), with its postings per field.
fn postings(entries: &[Entry], english: bool) -> Vec<(String, [Vec<Posting>; 4])> {
    let mut words = Words::new(english);
    let mut numbers = Vec::new();
    for (doc, entry) in entries.iter().enumerate() {
        for (field, text) in field_texts(entry).iter().enumerate() {
            words.numbers(text, &mut numbers);
            let length = numbers.len() as f64;
            numbers.sort_unstable();
            for run in numbers.chunk_by(|a, b| a == b) {
                // elasticlunr.js scores tf × idf / √length, with tf = √count.
                let tf = (run.len() as f64 / length).sqrt();
                let thousandths = (tf * 1000.0).round().clamp(1.0, 1000.0) as u16;
                words.list[run[0] as usize].1[field].push((doc as u32, thousandths));
            }
        }
    }
    let mut sorted = words.list;
    sorted.sort_unstable_by(|a, b| a.0.encode_utf16().cmp(b.0.encode_utf16()));
    sorted
}

/// The words of the index, numbered, with their postings. Each token goes
/// through the pipeline once: the same words recur on every page, and
/// stemming them again is most of what indexing costs.
struct Words {
    pipeline: Pipeline,
    /// Each token as written → the number of its word, or `None` when the
    /// pipeline drops it (a stop word, punctuation).
    tokens: FxHashMap<String, Option<u32>>,
    /// Each word → its number.
    by_word: FxHashMap<String, u32>,
    /// Each word, by number, with its postings per field.
    list: Vec<(String, [Vec<Posting>; 4])>,
}

impl Words {
    fn new(english: bool) -> Self {
        Words {
            pipeline: pipeline(english),
            tokens: FxHashMap::default(),
            by_word: FxHashMap::default(),
            list: Vec::new(),
        }
    }

    /// The numbers of the words of `text`, in order, into `out`.
    fn numbers(&mut self, text: &str, out: &mut Vec<u32>) {
        out.clear();
        // elasticlunr's tokenizer (whitespace and hyphens, in lower case)
        // is the same for every language.
        for token in text.split(|c: char| c.is_whitespace() || c == '-') {
            if token.is_empty() {
                continue;
            }
            let number = match self.tokens.get(token) {
                Some(number) => *number,
                None => {
                    let number = self.number_of(token);
                    self.tokens.insert(token.to_string(), number);
                    number
                }
            };
            out.extend(number);
        }
    }

    /// The number of the word `token` becomes, numbering it if new.
    fn number_of(&mut self, token: &str) -> Option<u32> {
        // One token in (it has no white space or hyphen), one or none out.
        let word = self
            .pipeline
            .run(elasticlunr::lang::tokenize_whitespace(token))
            .pop()?;
        let next = self.list.len() as u32;
        let number = *self.by_word.entry(word.clone()).or_insert(next);
        if number == next {
            self.list.push((word, Default::default()));
        }
        Some(number)
    }
}

/// Whether `language` (a BCP 47 tag such as `en-GB`) is English.
fn is_english(language: &str) -> bool {
    let primary = language.split(['-', '_']).next().unwrap_or("");
    primary.eq_ignore_ascii_case("en") || primary.is_empty()
}

/// The words' pipeline: English's, or for other languages the trimmer
/// alone.
fn pipeline(english: bool) -> Pipeline {
    if english {
        English::new().make_pipeline()
    } else {
        Pipeline {
            queue: vec![Box::new(FnWrapper(TRIMMER.into(), trim_unicode))],
        }
    }
}

/// What is trimmed from the ends of a word: anything but letters, marks
/// and numbers, of any script. Marks count as part of a word: a Bengali
/// word may end in a nukta or virama, an Arabic one in a vowel sign.
/// search.js uses the same classes (`\p{L}\p{M}\p{N}`).
static NOT_WORD_ENDS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[^\p{L}\p{M}\p{N}]+|[^\p{L}\p{M}\p{N}]+$").expect("a valid pattern")
});

/// What search.js's trimmer does: strips what is not a letter, mark or
/// number from both ends; a token of punctuation only is dropped.
fn trim_unicode(token: String) -> Option<String> {
    let trimmed = NOT_WORD_ENDS.replace_all(&token, "");
    (!trimmed.is_empty()).then(|| trimmed.into_owned())
}

/// The text of each of [`FIELDS`].
fn field_texts<'a>(entry: &Entry<'a>) -> [Cow<'a, str>; 4] {
    [
        Cow::Borrowed(entry.title),
        Cow::Borrowed(entry.summary),
        Cow::Owned(entry.headings.join(" \u{b7} ")),
        Cow::Borrowed(entry.excerpt),
    ]
}

/// The term files: (first word, JSON text). Each is
/// `{"title":{"word":[doc,tf,gap,tf,…],…},"summary":{…},…}`, where each
/// document number after the first is written as the gap from the one
/// before, and tf is in thousandths.
fn term_files(words: &[(String, [Vec<Posting>; 4])]) -> Vec<(String, String)> {
    let mut files = Vec::new();
    let mut first: Option<&str> = None;
    let mut fields: [String; 4] = Default::default();
    let mut size = 0;
    let mut close = |first: &mut Option<&str>, fields: &mut [String; 4], size: &mut usize| {
        if let Some(word) = first.take() {
            let mut text = String::with_capacity(*size + 64);
            text.push('{');
            for (i, (name, body)) in FIELDS.iter().zip(fields.iter_mut()).enumerate() {
                if i > 0 {
                    text.push(',');
                }
                let _ = write!(text, "\"{name}\":{{{body}}}");
                body.clear();
            }
            text.push('}');
            files.push((word.to_string(), text));
            *size = 0;
        }
    };
    for (word, postings) in words {
        let key = serde_json::to_string(word).unwrap_or_default();
        let lists: Vec<Option<String>> = postings
            .iter()
            .map(|list| (!list.is_empty()).then(|| posting_list(list)))
            .collect();
        let grows: usize = lists
            .iter()
            .flatten()
            .map(|l| key.len() + l.len() + 2)
            .sum();
        if first.is_some() && size + grows > TERM_FILE_BYTES {
            close(&mut first, &mut fields, &mut size);
        }
        first.get_or_insert(word);
        for (body, list) in fields.iter_mut().zip(lists) {
            if let Some(list) = list {
                if !body.is_empty() {
                    body.push(',');
                }
                body.push_str(&key);
                body.push(':');
                body.push_str(&list);
            }
        }
        size += grows;
    }
    close(&mut first, &mut fields, &mut size);
    files
}

/// `[doc,tf,gap,tf,…]`.
fn posting_list(list: &[Posting]) -> String {
    let mut out = String::with_capacity(list.len() * 8);
    // itoa, not `write!`: the formatting machinery per number was most of
    // the cost of writing the index.
    let mut number = itoa::Buffer::new();
    out.push('[');
    let mut previous = 0;
    for (i, (doc, tf)) in list.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(number.format(doc - previous));
        out.push(',');
        out.push_str(number.format(*tf));
        previous = *doc;
    }
    out.push(']');
    out
}

#[cfg(test)]
mod tests {
    use super::super::test_entry as entry;
    use super::*;
    use serde_json::Value;

    fn parse(bytes: &[u8]) -> Value {
        serde_json::from_slice(bytes).unwrap()
    }

    #[test]
    fn the_manifest_describes_an_elasticlunr_index_and_its_files() {
        let files = files(
            &[
                entry("Online safety", "/policies/online-safety/"),
                entry("Behaviour", "/policies/behaviour/"),
            ],
            "en-GB",
            "",
        );
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                MANIFEST,
                "search/index/terms-0.json",
                "search/index/docs-0.json"
            ]
        );
        let manifest = parse(&files[0].1);
        assert_eq!(manifest["version"], "0.9.5");
        assert_eq!(manifest["ref"], "id");
        assert_eq!(
            manifest["pipeline"],
            json!(["trimmer", "stopWordFilter", "stemmer"])
        );
        assert_eq!(manifest["length"], 2);
        // "About" is a stop word; "behaviour" comes first.
        assert_eq!(manifest["terms"], json!(["behaviour"]));
        assert_eq!(manifest["docs"], 1);
        let docs = parse(&files[2].1);
        assert_eq!(
            docs[1],
            json!(["/policies/behaviour/", "Behaviour", "Policy", "About it."])
        );
    }

    #[test]
    fn postings_are_stemmed_gap_coded_and_normalised_by_field_length() {
        let files = files(
            &[
                entry("Online safety", "/a/"),
                entry("Behaviour", "/b/"),
                entry("Safety online and safety offline", "/c/"),
            ],
            "en",
            "",
        );
        let terms = parse(&files[1].1);
        // "monitoring" → "monitor", in the headings of all three documents:
        // 1 of 2 words ("filter", "monitor"), so tf = √(1/2).
        assert_eq!(
            terms["headings"]["monitor"],
            json!([0, 707, 1, 707, 1, 707])
        );
        // "safety" twice of the four words of the third title (the stop
        // word "and" is dropped): √(2/4).
        assert_eq!(terms["title"]["safeti"], json!([0, 707, 2, 707]));
        assert!(terms["title"].get("and").is_none());
    }

    #[test]
    fn other_languages_are_trimmed_not_stemmed() {
        let welsh = Entry {
            url: "/polisi/".into(),
            title: "Polisi diogelu’r ysgol: tŷ, «ffonau» a’r we",
            summary: "",
            kind: "Policy",
            headings: Vec::new(),
            excerpt: "",
            source: None,
            lang: None,
        };
        let welsh_files = files(std::slice::from_ref(&welsh), "cy-GB", "");
        let manifest = parse(&welsh_files[0].1);
        assert_eq!(manifest["pipeline"], json!([TRIMMER]));
        let terms = parse(&welsh_files[1].1);
        let words: Vec<&String> = terms["title"].as_object().unwrap().keys().collect();
        for word in ["polisi", "diogelu’r", "ysgol", "tŷ", "ffonau", "a’r", "we"] {
            assert!(words.iter().any(|w| *w == word), "{word} not in {words:?}");
        }
        // English is stemmed, whatever its region.
        let english = files(&[welsh], "EN-us", "");
        assert_eq!(
            parse(&english[0].1)["pipeline"],
            json!(["trimmer", "stopWordFilter", "stemmer"])
        );
    }

    /// The words of a title as indexed in `language`.
    fn title_words(title: &str, language: &str) -> Vec<String> {
        let page = Entry {
            title,
            summary: "",
            headings: Vec::new(),
            excerpt: "",
            ..entry("", "/x/")
        };
        let files = files(&[page], language, "");
        let terms = parse(&files[1].1);
        let mut words: Vec<String> = terms["title"]
            .as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect();
        words.sort();
        words
    }

    #[test]
    fn arabic_script_and_bengali_words_are_whole_words_with_their_marks() {
        // Urdu: the full stop "۔" and the comma "،" are trimmed; words
        // stay whole, never split into letters or dropped (elasticlunr's
        // English trimmer, `\W`, would drop them).
        let mut urdu = vec!["اسکول", "تصاویر", "معاہدہ", "والدین", "کا"];
        urdu.sort();
        assert_eq!(title_words("والدین کا معاہدہ، تصاویر اسکول۔", "ur"), urdu);
        // Arabic with its vowel marks kept.
        assert_eq!(title_words("«المَدرسة»", "ar"), ["المَدرسة"]);
        // Bengali: "বিদ্যালয়" ends in a nukta (U+09BC, a mark) in NFC, which
        // stays; the danda "।" goes.
        let school = "বিদ্যাল\u{9af}\u{9bc}";
        let words = title_words(&format!("{school} নিয়ম।"), "bn");
        assert!(words.contains(&school.to_string()), "{words:?}");
        assert!(words.contains(&"নিয়ম".to_string()), "{words:?}");
        // Polish: lower-cased, not stemmed.
        assert_eq!(
            title_words("Umowę, SZKOŁY i Zdjęcia", "pl"),
            ["i", "szkoły", "umowę", "zdjęcia"]
        );
    }

    #[test]
    fn a_translations_index_is_written_under_its_language() {
        let files = files(&[entry("Czas przed ekranem", "/pl/x/")], "pl", "pl/");
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "pl/search/index.json",
                "pl/search/index/terms-0.json",
                "pl/search/index/docs-0.json"
            ]
        );
        assert_eq!(parse(&files[0].1)["pipeline"], json!([TRIMMER]));
    }

    #[test]
    fn term_files_are_cut_in_word_order_at_the_size_limit() {
        let titles: Vec<String> = (0..3000).map(|i| format!("Policy {i} word{i}")).collect();
        let entries: Vec<Entry> = (0..3000)
            .map(|i| Entry {
                url: format!("/p{i}/"),
                title: &titles[i],
                summary: "",
                kind: "Policy",
                headings: Vec::new(),
                excerpt: "",
                source: None,
                lang: None,
            })
            .collect();
        let files = files(&entries, "en-GB", "");
        let manifest = parse(&files[0].1);
        let firsts: Vec<&str> = manifest["terms"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect();
        assert!(firsts.len() > 1, "{firsts:?}");
        assert!(firsts.windows(2).all(|w| w[0] < w[1]), "{firsts:?}");
        let mut seen = 0;
        for (i, first) in firsts.iter().enumerate() {
            let (name, bytes) = &files[1 + i];
            assert_eq!(name, &format!("search/index/terms-{i}.json"));
            let title = parse(bytes)["title"].as_object().unwrap().clone();
            // Each file starts with its manifest word, and holds the words
            // before the next file's first.
            assert_eq!(title.keys().min().map(String::as_str), Some(*first));
            if let Some(next) = firsts.get(i + 1) {
                assert!(title.keys().all(|k| k.as_str() < *next));
            }
            seen += title.len();
            // The very common word "polici" may make one file larger.
            if !title.contains_key("polici") {
                assert!(bytes.len() <= TERM_FILE_BYTES + 200, "{}", bytes.len());
            }
        }
        assert_eq!(seen, 3000 * 2 + 1, "every word is in one file");
        assert_eq!(manifest["docs"], 60);
    }
}

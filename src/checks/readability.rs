//! Readability of plain text by the Flesch–Kincaid grade level:
//!
//! `grade = 0.39 × (words ÷ sentences) + 11.8 × (syllables ÷ words) − 15.59`
//!
//! The grade is a US school grade; a UK year group is about one more (grade
//! 3 ≈ Year 4). Syllables are counted with the usual vowel-group rule and
//! corrections for silent "e" and "-le" endings, which is close enough for
//! the short statements of an agreement.

/// Counts and score of a text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Score {
    pub words: usize,
    pub sentences: usize,
    pub syllables: usize,
    pub grade: f64,
}

/// Scores `sentences`: each item counts as at least one sentence, so a list
/// of statements without full stops is read as it is meant.
pub(crate) fn score<'a>(sentences: impl IntoIterator<Item = &'a str>) -> Option<Score> {
    let (mut words, mut count, mut syllables) = (0usize, 0usize, 0usize);
    for item in sentences {
        let item_words: Vec<&str> = item
            .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
            .filter(|w| w.chars().any(char::is_alphabetic))
            .collect();
        if item_words.is_empty() {
            continue;
        }
        words += item_words.len();
        syllables += item_words.iter().map(|w| syllables_in(w)).sum::<usize>();
        let ends = item
            .split(['.', '!', '?', ';'])
            .filter(|s| s.chars().any(char::is_alphabetic))
            .count();
        count += ends.max(1);
    }
    if words == 0 {
        return None;
    }
    let grade =
        0.39 * (words as f64 / count as f64) + 11.8 * (syllables as f64 / words as f64) - 15.59;
    Some(Score {
        words,
        sentences: count,
        syllables,
        grade,
    })
}

/// Syllables in one word (at least one).
pub(crate) fn syllables_in(word: &str) -> usize {
    let w: Vec<char> = word
        .to_lowercase()
        .chars()
        .filter(|c| c.is_alphabetic())
        .collect();
    if w.is_empty() {
        return 0;
    }
    if w.len() <= 3 {
        return 1;
    }
    let is_vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut count = 0;
    let mut previous_vowel = false;
    for &c in &w {
        let v = is_vowel(c);
        if v && !previous_vowel {
            count += 1;
        }
        previous_vowel = v;
    }
    let n = w.len();
    // Silent final "e" ("make"), but not "-le" after a consonant ("table").
    let consonant_le = w[n - 2] == 'l' && !is_vowel(w[n - 3]);
    if w[n - 1] == 'e' && !consonant_le && count > 1 {
        count -= 1;
    }
    // "-es"/"-ed" endings are usually silent ("makes", "liked").
    if n > 3
        && (w[n - 2..] == ['e', 's'] || w[n - 2..] == ['e', 'd'])
        && !matches!(w[n - 3], 't' | 'd' | 's' | 'z' | 'x' | 'c' | 'g')
        && count > 1
    {
        count -= 1;
    }
    count.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn syllables() {
        for (w, n) in [
            ("I", 1),
            ("ask", 1),
            ("grown-up", 2),
            ("tablet", 2),
            ("before", 2),
            ("make", 1),
            ("table", 2),
            ("liked", 1),
            ("wanted", 2),
            ("responsibility", 6),
            ("computer", 3),
            ("online", 2),
        ] {
            assert_eq!(syllables_in(w), n, "{w}");
        }
    }

    #[test]
    fn simple_statements_score_low_and_adult_prose_high() {
        let child = score([
            "I ask a grown-up before I use a tablet.",
            "I am kind online.",
            "I tell a grown-up if I feel sad.",
        ])
        .unwrap();
        assert!(child.grade < 3.0, "{child:?}");
        let adult = score(["Users must ensure that confidential organisational information is transmitted exclusively through authorised, encrypted communication channels in accordance with the data protection framework."]).unwrap();
        assert!(adult.grade > 14.0, "{adult:?}");
        assert!(score(["", "123"]).is_none());
    }
}

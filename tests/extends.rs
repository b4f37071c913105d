//! A school adapting a trust document (`extends = "trust"`), through the
//! real binary: sections replaced and added, front matter over the
//! trust's (and the board's approval unless the school records its own),
//! the errors with their places, findings in the file their text was
//! written in, values, the trust's overview, the page's "what the school
//! changed", "what changed" from git for trust documents and adaptations,
//! and `serve` following edits.

mod common;

use common::trust::{
    HILLTOP_ATTENDANCE, HILLTOP_FILE, Trust, detail, details, found, place, texts,
};
use common::{Site, TODAY};
use scraper::{Html, Selector};

#[test]
fn a_school_replaces_a_section_and_adds_one_after_another() {
    let trust = Trust::adapting();
    let run = trust.build();
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let hilltop = trust.page("hilltop", "policies/attendance");
    assert_eq!(
        texts(&hilltop, ".prose h2"),
        ["Reporting an absence", "Breakfast club", "Lateness"]
    );
    let prose = texts(&hilltop, ".prose p");
    assert_eq!(prose[0], "Every school day counts at Hilltop Primary.");
    assert!(
        prose[1].starts_with("Call the Hilltop office on 01632 960 123 before 8.45am"),
        "{prose:?}"
    );
    assert_eq!(
        prose[2],
        "Pupils at breakfast club are marked present from 8am."
    );
    assert!(
        prose[3].starts_with("The register closes at 9am."),
        "{prose:?}"
    );
    assert!(
        !prose.iter().any(|p| p.contains("Call the school office")),
        "the trust's section is replaced: {prose:?}"
    );
    // `{after=…}` is not published; the heading keeps its own id.
    assert!(!hilltop.contains("after="));
    assert!(hilltop.contains("<h2 id=\"breakfast-club\">"));
    // The other schools publish the trust's text.
    let oakfield = trust.page("oakfield", "policies/attendance");
    assert_eq!(
        texts(&oakfield, ".prose h2"),
        ["Reporting an absence", "Lateness"]
    );
    assert!(oakfield.contains("Every school day counts at Oakfield Primary School."));
    assert!(oakfield.contains("Call the school office before 9am"));
    assert!(!oakfield.contains("class=\"adaptation\""));
    // Adapting is no finding.
    assert!(!run.stderr.contains(HILLTOP_FILE), "{}", run.stderr);
}

#[test]
fn the_schools_keys_override_the_trusts_and_the_approval_is_the_boards_unless_its_own() {
    let trust = Trust::adapting();
    assert_eq!(trust.build().code, 0);
    let html = trust.page("hilltop", "policies/attendance");
    assert_eq!(detail(&html, "Responsible"), "Hilltop attendance officer");
    assert_eq!(detail(&html, "Approved by"), "Trust Board");
    assert_eq!(detail(&html, "Approved"), "1 September 2026");
    assert!(detail(&html, "Next review").starts_with("1 September 2027"));
    assert!(
        html.contains("The first policy for every school of the trust."),
        "the trust's version history"
    );
    // The school records its own approval: none of the board's is kept.
    trust.write(
        HILLTOP_FILE,
        HILLTOP_ATTENDANCE.replace(
            "owners = [\"Hilltop attendance officer\"]\n",
            "owners = [\"Hilltop attendance officer\"]\napproved = 2026-10-15\napproved_by = \"Hilltop governors\"\n",
        ),
    );
    let (code, findings) = trust.check_json();
    assert_eq!(code, 0, "{findings:#?}");
    assert_eq!(found(&findings, "history-inconsistent"), []);
    assert_eq!(trust.build().code, 0);
    let html = trust.page("hilltop", "policies/attendance");
    assert_eq!(detail(&html, "Approved by"), "Hilltop governors");
    assert_eq!(detail(&html, "Approved"), "15 October 2026");
    assert!(
        detail(&html, "Next review").starts_with("15 October 2027"),
        "{:?}",
        details(&html)
    );
    assert_eq!(detail(&html, "Review cycle"), "1 year", "the trust's cycle");
    assert!(!html.contains("The first policy for every school of the trust."));
    // The other schools keep the board's.
    let oakfield = trust.page("oakfield", "policies/attendance");
    assert_eq!(detail(&oakfield, "Approved"), "1 September 2026");
}

#[test]
fn a_heading_naming_no_section_of_the_trusts_is_an_error_at_its_place() {
    let trust = Trust::adapting();
    let text = HILLTOP_ATTENDANCE
        .replace(
            "## Reporting an absence",
            "Before any heading.\n\n## Reporting absence",
        )
        .replace("{after=reporting-an-absence}", "{after=latenes}");
    trust.write(HILLTOP_FILE, &text);
    let (code, findings) = trust.check_json();
    assert_eq!(code, 1);
    let unknown = found(&findings, "section-unknown");
    assert_eq!(unknown.len(), 3, "{unknown:#?}");
    let at = |needle: &str| {
        let (line, column) = place(&text, needle);
        unknown
            .iter()
            .find(|f| f.0 == HILLTOP_FILE && f.1 == line && f.2 == column)
            .unwrap_or_else(|| panic!("nothing at {line}:{column}: {unknown:#?}"))
            .clone()
    };
    let heading = at("## Reporting absence");
    assert!(
        heading.3.contains("`reporting-absence`") && heading.3.contains("`attendance`"),
        "{heading:?}"
    );
    assert_eq!(heading.4, "did you mean `reporting-an-absence`?");
    let after = at("after=latenes");
    assert_eq!(
        after.3,
        "`after=latenes` names no section of the trust's `attendance`"
    );
    assert_eq!(after.4, "did you mean `lateness`?");
    let before = at("Before any heading.");
    assert!(before.3.contains("before the first heading"), "{before:?}");
    assert_eq!(heading.5, "[\"hilltop\"]");
    // For people: the file, line and column.
    let human = trust.run(&["check", "--today", TODAY]);
    let (line, column) = place(&text, "after=latenes");
    assert!(
        human
            .stderr
            .contains(&format!("--> {HILLTOP_FILE}:{line}:{column}")),
        "{}",
        human.stderr
    );
    // Hilltop is not published; the others are.
    let build = trust.build();
    assert_eq!(build.code, 1);
    assert!(
        build.stderr.contains("hilltop: nothing published"),
        "{}",
        build.stderr
    );
    assert!(
        trust
            .school("oakfield")
            .join("public/policies/attendance/index.html")
            .is_file()
    );
}

#[test]
fn a_mistake_in_an_adaptations_front_matter_is_told_alone() {
    let trust = Trust::adapting();
    let text = HILLTOP_ATTENDANCE.replace("officer\"]", "officer\"");
    trust.write(HILLTOP_FILE, &text);
    let (code, findings) = trust.check_json();
    assert_eq!(code, 1);
    let ours: Vec<_> = findings
        .iter()
        .filter(|d| d["file"] == HILLTOP_FILE)
        .collect();
    // Not also "no title" or "unknown key `extends`".
    assert_eq!(ours.len(), 1, "{ours:#?}");
    assert_eq!(ours[0]["code"], "frontmatter-invalid");
    assert!(
        ours[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("this is not valid TOML")
    );
    assert_eq!(ours[0]["line"], 3);
    // A wrong key of the school's is reported at its line.
    trust.write(
        HILLTOP_FILE,
        HILLTOP_ATTENDANCE.replace("owners =", "ownrs ="),
    );
    let (_, findings) = trust.check_json();
    let unknown = found(&findings, "frontmatter-invalid");
    assert_eq!(unknown.len(), 1, "{unknown:#?}");
    assert_eq!(
        (unknown[0].0.as_str(), unknown[0].1, unknown[0].2),
        (HILLTOP_FILE, 3, 1)
    );
    assert_eq!(unknown[0].4, "did you mean `owners`?");
}

#[test]
fn a_section_replaced_twice_is_an_error() {
    let trust = Trust::adapting();
    let text = format!("{HILLTOP_ATTENDANCE}\n## Reporting an absence\n\nAgain.\n");
    trust.write(HILLTOP_FILE, &text);
    let (code, findings) = trust.check_json();
    assert_eq!(code, 1);
    let twice = found(&findings, "section-duplicate");
    let second = text.rfind("## Reporting an absence").unwrap();
    let (line, column) = place(&text[second..], "##");
    let line = line + text[..second].matches('\n').count() as u64;
    assert_eq!(twice.len(), 1, "{findings:#?}");
    assert_eq!(
        (twice[0].0.as_str(), twice[0].1, twice[0].2),
        (HILLTOP_FILE, line, column)
    );
}

#[test]
fn extends_naming_no_trust_document_is_an_error_with_a_suggestion() {
    let trust = Trust::adapting();
    std::fs::remove_file(trust.path().join(HILLTOP_FILE)).unwrap();
    let file = "schools/hilltop/content/policies/attendence.md";
    trust.write(file, HILLTOP_ATTENDANCE);
    let (code, findings) = trust.check_json();
    assert_eq!(code, 1);
    let unknown = found(&findings, "extends-unknown");
    assert_eq!(unknown.len(), 1, "{findings:#?}");
    let (f, line, column, message, hint, _) = &unknown[0];
    assert_eq!((f.as_str(), *line, *column), (file, 2, 1));
    assert!(message.contains("`attendence`"), "{message}");
    assert!(hint.starts_with("did you mean `attendance`?"), "{hint}");
}

#[test]
fn extends_outside_a_school_of_a_trust_is_an_error_with_the_fix() {
    let site = Site::empty();
    site.write(
        "charter.toml",
        "title = \"Elm School\"\n[checks]\nignore = [\"agreement-band-missing\"]\n",
    );
    site.write("content/policies/attendance.md", HILLTOP_ATTENDANCE);
    let run = site.run(&["check", "--format", "json", "--today", TODAY]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let findings = json["diagnostics"].as_array().unwrap();
    let invalid = found(findings, "extends-invalid");
    assert_eq!(invalid.len(), 1, "{findings:#?}");
    let (file, line, column, message, hint, _) = &invalid[0];
    assert_eq!(
        (file.as_str(), *line, *column),
        ("content/policies/attendance.md", 2, 1)
    );
    assert!(message.contains("not a school of a trust"), "{message}");
    assert!(hint.contains("trust.toml"), "{hint}");
    // Only "trust" can be extended.
    site.write(
        "content/policies/attendance.md",
        HILLTOP_ATTENDANCE.replace("\"trust\"", "\"district\""),
    );
    let run = site.run(&["check", "--today", TODAY]);
    assert!(
        run.stderr.contains("error[extends-invalid]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("--> content/policies/attendance.md:2:11"),
        "{}",
        run.stderr
    );
    // A trust's own document adapts nothing.
    let trust = Trust::adapting();
    trust.write("content/policies/lateness.md", HILLTOP_ATTENDANCE);
    let (code, findings) = trust.check_json();
    assert_eq!(code, 1);
    let invalid = found(&findings, "extends-invalid");
    assert_eq!(invalid.len(), 1, "{findings:#?}");
    assert_eq!(invalid[0].0, "content/policies/lateness.md");
    assert!(
        invalid[0].3.contains("trust's own document"),
        "{:?}",
        invalid[0]
    );
}

#[test]
fn findings_are_reported_in_the_file_and_at_the_line_their_text_was_written() {
    let trust = Trust::adapting();
    // In the school's section, after a value on its line.
    let school = HILLTOP_ATTENDANCE.replace("before 8.45am", "before [insert time]");
    trust.write(HILLTOP_FILE, &school);
    // In the trust's text: a section Hilltop keeps, and one it replaces.
    let theirs = common::trust::ATTENDANCE
        .replace("marked late.", "marked late, TBC.")
        .replace("before 9am on", "before XXX on");
    trust.write("content/policies/attendance.md", &theirs);
    let (code, findings) = trust.check_json();
    assert_eq!(code, 1);
    let slots = found(&findings, "placeholder");
    let (line, column) = place(&school, "[insert time]");
    let ours = slots
        .iter()
        .find(|f| f.0 == HILLTOP_FILE)
        .expect("the school's");
    assert_eq!(
        (ours.1, ours.2, ours.5.as_str()),
        (line, column, "[\"hilltop\"]"),
        "{slots:#?}"
    );
    let trust_file = "content/policies/attendance.md";
    let (line, column) = place(&theirs, "TBC");
    let kept = slots
        .iter()
        .find(|f| f.0 == trust_file && f.1 == line)
        .expect("in the kept section");
    assert_eq!(kept.2, column);
    assert_eq!(kept.5, "[\"oakfield\",\"riverside\",\"hilltop\"]");
    // Hilltop does not publish the trust's "Reporting an absence".
    let (line, _) = place(&theirs, "XXX");
    let replaced = slots
        .iter()
        .find(|f| f.0 == trust_file && f.1 == line)
        .expect("in the replaced section");
    assert_eq!(replaced.5, "[\"oakfield\",\"riverside\"]");
    assert_eq!(slots.len(), 3, "{slots:#?}");
}

#[test]
fn values_are_the_schools_in_the_trusts_text_and_its_own() {
    let trust = Trust::adapting();
    trust.write(
        HILLTOP_FILE,
        HILLTOP_ATTENDANCE.replace("{{ office }}", "{{ ofice }}"),
    );
    let (code, findings) = trust.check_json();
    assert_eq!(code, 1);
    let unknown = found(&findings, "value-unknown");
    assert_eq!(unknown.len(), 1, "{findings:#?}");
    let (line, column) = place(HILLTOP_ATTENDANCE, "{{ office }}");
    assert_eq!(
        (unknown[0].0.as_str(), unknown[0].1, unknown[0].2),
        (HILLTOP_FILE, line, column)
    );
    assert!(
        unknown[0].4.contains("did you mean `{{ office }}`?"),
        "{:?}",
        unknown[0]
    );
    // Each school's own values, in the trust's text and the school's.
    trust.write(HILLTOP_FILE, HILLTOP_ATTENDANCE);
    assert_eq!(trust.build().code, 0);
    let hilltop = trust.page("hilltop", "policies/attendance");
    assert!(hilltop.contains("Every school day counts at Hilltop Primary."));
    assert!(hilltop.contains("Call the Hilltop office on 01632 960 123 before"));
    assert!(!hilltop.contains("{{"));
    let riverside = trust.page("riverside", "policies/attendance");
    assert!(riverside.contains("Every school day counts at Riverside Academy."));
}

#[test]
fn the_overview_shows_the_adapted_document_and_its_sections() {
    let trust = Trust::adapting();
    assert_eq!(trust.build().code, 0);
    let html = trust.read("public/index.html");
    let cells = texts(&html, "td.overview-cell--adapted");
    assert_eq!(
        cells,
        [
            "Hilltop PrimaryAdapted by the school (Reporting an absence; Breakfast club): Up to date next review 1 September 2027 (in 283 days)"
        ]
    );
    // The counts: Hilltop adapts one document, and replaces none.
    let heads = texts(&html, ".overview-schools thead th");
    let doc = Html::parse_document(&html);
    let row = doc
        .select(&Selector::parse(".overview-schools tbody tr").unwrap())
        .find(|tr| tr.text().collect::<String>().contains("Hilltop Primary"))
        .unwrap();
    let counts: Vec<(String, String)> = heads
        .into_iter()
        .zip(
            row.select(&Selector::parse("th, td").unwrap())
                .map(|c| c.text().collect()),
        )
        .collect();
    assert!(
        counts.contains(&("Adapted".into(), "Adapted1".into())),
        "{counts:?}"
    );
    assert!(
        counts.contains(&("Replaced".into(), "Replaced0".into())),
        "{counts:?}"
    );
    // The CSV says so, with the sections.
    let bytes = std::fs::read(trust.path().join("public/overview.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let records: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let source = |folder: &str| {
        records
            .iter()
            .find(|r| r[1] == folder && r[3] == "attendance")
            .map(|r| (r[4].clone(), r[8].clone()))
            .unwrap()
    };
    assert_eq!(
        source("schools/hilltop"),
        (
            "Adapted by the school: Reporting an absence; Breakfast club".into(),
            "2026-09-01".into()
        )
    );
    assert_eq!(source("schools/oakfield").0, "Trust's document");
}

#[test]
fn the_page_shows_what_the_school_changed_next_to_the_trusts_text() {
    let trust = Trust::adapting();
    assert_eq!(trust.build().code, 0);
    let html = trust.page("hilltop", "policies/attendance");
    assert_eq!(
        detail(&html, "Adapted"),
        "Hilltop Primary’s version of this policy of Riverside Learning Trust, with its own “Reporting an absence”, “Breakfast club” (what the school changed)"
    );
    assert_eq!(
        texts(&html, ".adaptation h2"),
        ["What Hilltop Primary changed"]
    );
    assert_eq!(
        texts(&html, ".adaptation h3"),
        ["Reporting an absence", "Breakfast club"]
    );
    let whereabouts = texts(&html, ".adaptation .change__where");
    assert!(
        whereabouts[0].starts_with("The school’s text in place of the trust’s section."),
        "{whereabouts:?}"
    );
    assert!(
        whereabouts[1].starts_with("A section the school added after “Reporting an absence”"),
        "{whereabouts:?}"
    );
    // Word by word, as "what changed" shows it.
    let removed = texts(&html, ".adaptation .changes del").concat();
    let added = texts(&html, ".adaptation .changes ins").concat();
    assert!(
        removed.contains("[removed: school") && removed.contains("9am"),
        "{removed}"
    );
    assert!(
        added.contains("Hilltop") && added.contains("01632 960 123") && added.contains("8.45am"),
        "{added}"
    );
    assert_eq!(
        texts(&html, ".adaptation__trust p"),
        ["Call the school office before 9am on each day your child is away."]
    );
    // Its links lead to the sections on the page.
    for id in ["reporting-an-absence", "breakfast-club"] {
        assert!(
            html.contains(&format!("<a href=\"#{id}\">Read it in the policy</a>")),
            "{id}"
        );
    }
}

#[test]
fn what_changed_for_a_trust_document_comes_from_the_trusts_file() {
    let trust = Trust::adapting();
    let file = "content/policies/safeguarding.md";
    let now = trust.read(file);
    trust.write(
        file,
        now.replace("approved = 2026-09-01", "approved = 2025-09-01")
            .replace("keeps children safe", "keeps pupils safe"),
    );
    trust.commit("2025-09-01");
    trust.write(file, &now);
    trust.commit("2026-09-01");
    assert_eq!(trust.build().code, 0);
    for school in ["oakfield", "riverside", "hilltop"] {
        let changes = trust.page(school, "policies/safeguarding/changes");
        assert_eq!(
            texts(&changes, ".changes del"),
            ["[removed: pupils]"],
            "{school}"
        );
        assert_eq!(
            texts(&changes, ".changes ins"),
            ["[added: children]"],
            "{school}"
        );
        let policy = trust.page(school, "policies/safeguarding");
        assert!(
            policy.contains("What changed since the version approved on 1 September 2025"),
            "{school}"
        );
    }
}

#[test]
fn what_changed_reads_a_school_and_its_trust_in_two_repositories() {
    let trust = Trust::small();
    // Oakfield keeps its own repository, inside the trust's folder.
    let oakfield = trust.school("oakfield");
    let uniform = "content/policies/uniform.md";
    let now = trust.read(&format!("schools/oakfield/{uniform}"));
    let school_commit = |date: &str| {
        let when = format!("{date}T12:00:00Z");
        common::git(&oakfield, &["add", "-A"], &when);
        common::git(&oakfield, &["commit", "-q", "-m", date], &when);
    };
    common::git_init(&oakfield, "2025-07-01T12:00:00Z");
    trust.write(
        &format!("schools/oakfield/{uniform}"),
        now.replace("approved = 2026-07-01", "approved = 2025-07-01")
            .replace("What pupils wear.", "What pupils wore."),
    );
    school_commit("2025-07-01");
    trust.write(&format!("schools/oakfield/{uniform}"), &now);
    school_commit("2026-07-01");
    // The trust's repository: its safeguarding policy approved twice.
    let file = "content/policies/safeguarding.md";
    let theirs = trust.read(file);
    trust.write(
        file,
        theirs
            .replace("approved = 2026-09-01", "approved = 2025-09-01")
            .replace("keeps children safe", "keeps pupils safe"),
    );
    trust.commit("2025-09-01");
    trust.write(file, &theirs);
    trust.commit("2026-09-01");
    assert_eq!(trust.build().code, 0);
    let changes = trust.page("oakfield", "policies/uniform/changes");
    assert_eq!(texts(&changes, ".changes del"), ["[removed: wore.]"]);
    assert_eq!(texts(&changes, ".changes ins"), ["[added: wear.]"]);
    for school in ["oakfield", "riverside"] {
        let changes = trust.page(school, "policies/safeguarding/changes");
        assert_eq!(texts(&changes, ".changes del"), ["[removed: pupils]"]);
        assert_eq!(texts(&changes, ".changes ins"), ["[added: children]"]);
    }
}

#[test]
fn what_changed_for_an_adapted_document_reads_the_schools_file_and_the_trusts() {
    let trust = Trust::adapting();
    let theirs = trust.read("content/policies/attendance.md");
    // 2025: the trust's first version; Hilltop published it as it was.
    std::fs::remove_file(trust.path().join(HILLTOP_FILE)).unwrap();
    trust.write(
        "content/policies/attendance.md",
        theirs
            .replace("approved = 2026-09-01", "approved = 2025-09-01")
            .replace("closes at 9am", "closes at 9.15am"),
    );
    trust.commit("2025-09-01");
    // 2026: the board approves again; Hilltop adapts it.
    trust.write("content/policies/attendance.md", &theirs);
    trust.write(HILLTOP_FILE, HILLTOP_ATTENDANCE);
    trust.commit("2026-09-01");
    assert_eq!(trust.build().code, 0);
    let oakfield = trust.page("oakfield", "policies/attendance/changes");
    assert_eq!(texts(&oakfield, ".changes del"), ["[removed: 9.15am.]"]);
    assert_eq!(texts(&oakfield, ".changes ins"), ["[added: 9am.]"]);
    let hilltop = trust.page("hilltop", "policies/attendance/changes");
    let added = texts(&hilltop, ".changes ins").concat();
    assert!(
        added.contains("9am.") && added.contains("breakfast club"),
        "{added}"
    );
    // 2026-10: Hilltop approves its own version: compared with the one of
    // 1 September 2026, the school's sections in the trust's text of then.
    trust.write(
        HILLTOP_FILE,
        HILLTOP_ATTENDANCE
            .replace(
                "extends = \"trust\"\n",
                "extends = \"trust\"\napproved = 2026-10-15\n",
            )
            .replace("8.45am", "8.30am"),
    );
    trust.commit("2026-10-15");
    assert_eq!(trust.build().code, 0);
    let hilltop = trust.page("hilltop", "policies/attendance/changes");
    assert!(
        hilltop.contains("the version approved on <time datetime=\"2026-09-01\">"),
        "{hilltop}"
    );
    assert_eq!(texts(&hilltop, ".changes del"), ["[removed: 8.45am]"]);
    assert_eq!(texts(&hilltop, ".changes ins"), ["[added: 8.30am]"]);
}

#[test]
fn serve_follows_edits_to_the_adapted_file_and_to_the_trusts() {
    let trust = Trust::adapting();
    let server = common::trust::serve(&trust, "hilltop");
    let common::server::Response { status, body, .. } = server.get("/policies/attendance/");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("before 8.45am"));
    trust.write(HILLTOP_FILE, HILLTOP_ATTENDANCE.replace("8.45am", "8.40am"));
    let body = server.wait_for("/policies/attendance/", "before 8.40am");
    assert!(body.contains("Breakfast club"));
    // The trust's text of a section Hilltop replaced shows only beside
    // what the school changed.
    trust.write(
        "content/policies/attendance.md",
        common::trust::ATTENDANCE.replace("Call the school office", "Ring the school office"),
    );
    let body = server.wait_for("/policies/attendance/", "Ring the school office");
    assert_eq!(
        texts(&body, ".adaptation__trust p"),
        ["Ring the school office before 9am on each day your child is away."]
    );
}

#[test]
fn the_example_trusts_orrinsby_adapts_its_attendance_policy() {
    let trust = Site::example_trust();
    let run = trust.run(&["check", "--format", "json", "--today", TODAY]);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let findings = json["diagnostics"].as_array().unwrap();
    let about: Vec<_> = findings
        .iter()
        .filter(|d| {
            d["file"]
                .as_str()
                .unwrap_or_default()
                .ends_with("attendance.md")
        })
        .collect();
    assert_eq!(about, Vec::<&serde_json::Value>::new());
    assert_eq!(trust.build().code, 0);
    let html = trust.read("schools/orrinsby/public/policies/attendance/index.html");
    assert_eq!(
        texts(&html, ".adaptation h3"),
        ["Reporting an absence", "Sixth form study periods"]
    );
    let overview = trust.read("public/index.html");
    assert_eq!(texts(&overview, "td.overview-cell--adapted").len(), 1);
}

//! A trust's folder through the real binary: the trust's documents in
//! every school (with the school's own settings), replacement by id,
//! `[trust] exclude` and its errors, `trust.toml`'s errors, `check` and
//! `build` over every school (paths from the trust's folder, findings
//! attributed to schools, one school's failure leaving its old site and
//! the others publishing), a school's folder finding its trust, `serve
//! --school` over HTTP, and the overview page and CSV.

mod common;

use common::trust::{SCHOOLS, Trust};
use common::{Site, TODAY, snapshot_of};

fn title_of(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse("title").unwrap();
    doc.select(&sel)
        .next()
        .map(|t| t.text().collect())
        .unwrap_or_default()
}

fn footer_of(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let sel = scraper::Selector::parse(".site-footer__name").unwrap();
    doc.select(&sel)
        .next()
        .map(|t| t.text().collect())
        .unwrap_or_default()
}

#[test]
fn every_trust_document_is_in_every_school_with_the_schools_own_settings() {
    let trust = Trust::small();
    let run = trust.build();
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    for (folder, title) in SCHOOLS {
        let page = trust.read(&format!(
            "schools/{folder}/public/policies/safeguarding/index.html"
        ));
        assert_eq!(title_of(&page), format!("Safeguarding | {title}"));
        assert_eq!(footer_of(&page), title);
        assert!(page.contains("Everyone in our schools keeps children safe."));
        // The policies index lists it like the school's own.
        let index = trust.read(&format!("schools/{folder}/public/policies/index.html"));
        assert!(index.contains("/policies/safeguarding/"), "{folder}");
        assert!(
            run.stdout.contains(&format!("{folder}: published")),
            "{}",
            run.stdout
        );
    }
}

#[test]
fn a_school_replaces_a_trust_document_with_its_own_file_of_that_id() {
    let trust = Trust::small();
    let run = trust.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    let riverside = trust.read("schools/riverside/public/policies/data-protection/index.html");
    assert!(riverside.contains("Data protection at Riverside"));
    assert!(riverside.contains("own policy."));
    assert!(!riverside.contains("look after personal data"));
    let hilltop = trust.read("schools/hilltop/public/policies/data-protection/index.html");
    assert!(hilltop.contains("look after personal data"));
    // Replacing is no finding.
    assert!(
        !run.stderr
            .contains("schools/riverside/content/policies/data-protection.md")
    );
    // Replaced by id from another path too.
    trust.write(
        "schools/hilltop/content/policies/our-data.md",
        "+++\ntitle = \"Our data\"\nid = \"data-protection\"\nowners = [\"Head\"]\napproved = 2026-10-01\nreview_every = \"1 year\"\n+++\n\nHilltop keeps few records.\n",
    );
    let run = trust.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !trust
            .path()
            .join("schools/hilltop/public/policies/data-protection")
            .exists()
    );
    assert!(
        trust
            .read("schools/hilltop/public/policies/our-data/index.html")
            .contains("Hilltop keeps few records.")
    );
}

#[test]
fn a_school_leaves_out_what_it_excludes() {
    let trust = Trust::small();
    let run = trust.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        !trust
            .school("oakfield")
            .join("public/policies/complaints")
            .exists()
    );
    let index = trust.read("schools/oakfield/public/policies/index.html");
    assert!(!index.contains("/policies/complaints/"));
    for school in ["riverside", "hilltop"] {
        assert!(
            trust
                .school(school)
                .join("public/policies/complaints/index.html")
                .is_file()
        );
    }
}

#[test]
fn an_unknown_exclude_id_is_an_error_at_its_place_with_a_suggestion() {
    let trust = Trust::small();
    let config = "title = \"Oakfield Primary School\"\n\n[checks]\nignore = [\"agreement-band-missing\"]\n\n[trust]\nexclude = [\"complaint\"]\n";
    trust.write("schools/oakfield/charter.toml", config);
    let run = trust.run(&["check", "--today", TODAY]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("error[exclude-unknown]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("--> schools/oakfield/charter.toml:7:12"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("did you mean `complaints`?"),
        "{}",
        run.stderr
    );
    // The build refuses that school only.
    let build = trust.build();
    assert_eq!(build.code, 1);
    assert!(!trust.school("oakfield").join("public").exists());
    assert!(trust.school("hilltop").join("public/index.html").is_file());
}

#[test]
fn an_exclude_in_a_school_no_trust_lists_is_an_error() {
    let trust = Trust::small();
    // Oakfield's folder is still inside the trust's, but not listed.
    let listed = trust.read("trust.toml");
    let unlisted = listed.replace("[[schools]]\nfolder = \"schools/oakfield\"\n\n", "");
    assert_ne!(listed, unlisted);
    trust.write("trust.toml", unlisted);
    trust.write(
        "schools/oakfield/charter.toml",
        "title = \"Oakfield Primary School\"\n[trust]\nexclude = [\"complaints\"]\n",
    );
    let run = trust.run_in("schools/oakfield", &["check", "--today", TODAY]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    for said in [
        "error[exclude-unknown]",
        "this site is not a school of a trust",
        "--> charter.toml:3:12",
    ] {
        assert!(run.stderr.contains(said), "{said}: {}", run.stderr);
    }
}

#[test]
fn excluding_a_document_the_school_replaces_is_a_warning() {
    let trust = Trust::small();
    trust.write(
        "schools/riverside/charter.toml",
        "title = \"Riverside Academy\"\n[checks]\nignore = [\"agreement-band-missing\"]\n[trust]\nexclude = [\"data-protection\"]\n",
    );
    let run = trust.run(&["check", "--today", TODAY]);
    assert!(
        run.stdout.contains("warning[exclude-replaced]")
            || run.stderr.contains("warning[exclude-replaced]"),
        "{}{}",
        run.stdout,
        run.stderr
    );
    assert!((run.stdout.clone() + &run.stderr).contains("--> schools/riverside/charter.toml:5:12"));
    // Its own file is still published.
    assert_eq!(trust.build().code, 0);
    assert!(
        trust
            .school("riverside")
            .join("public/policies/data-protection/index.html")
            .is_file()
    );
}

#[test]
fn trust_toml_mistakes_are_reported_at_their_place() {
    let trust = Trust::small();
    std::fs::create_dir_all(trust.path().join("schools/empty")).unwrap();
    trust.write(
        "trust.toml",
        "name = \"Riverside Learning Trust\"\n\n[[schools]]\nfolder = \"schools/oakfield\"\n\n[[schools]]\nfolder = \"schools/oakfield/\"\n\n[[schools]]\nfolder = \"schools/nowhere\"\n\n[[schools]]\nfolder = \"schools/empty\"\n\n[[schools]]\nfolder = \"../elsewhere\"\n",
    );
    let run = trust.run(&["check", "--today", TODAY]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    let expect = [
        ("trust.toml:7:10", "listed twice"),
        ("trust.toml:10:10", "does not exist"),
        ("trust.toml:13:10", "has no charter.toml"),
        (
            "trust.toml:16:10",
            "is not a folder inside the trust's folder",
        ),
    ];
    for (place, words) in expect {
        let at = run
            .stderr
            .find(&format!("--> {place}"))
            .unwrap_or_else(|| panic!("no finding at {place}:\n{}", run.stderr));
        let before = &run.stderr[..at];
        let message = before
            .lines()
            .rev()
            .find(|l| l.starts_with("error["))
            .unwrap();
        assert!(message.contains(words), "{place}: {message}");
    }
    // An unknown key, with the keys allowed.
    trust.write(
        "trust.toml",
        format!("{}url = \"https://x\"\n", common::trust::TRUST_TOML),
    );
    let run = trust.run(&["check", "--today", TODAY]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--> trust.toml:11:1"), "{}", run.stderr);
    assert!(run.stderr.contains("`folder`"), "{}", run.stderr);
    // Nothing is built with a broken trust.toml.
    assert_eq!(trust.build().code, 2);
    assert!(!trust.path().join("public").exists());
}

#[test]
fn check_in_the_trust_reports_paths_from_the_trust_and_which_schools() {
    let trust = Trust::small();
    // A page only Oakfield has: the trust's link to it is broken in the
    // other two schools, and only there.
    trust.write(
        "content/policies/behaviour.md",
        "+++\ntitle = \"Behaviour\"\nowners = [\"Head\"]\napproved = 2026-09-01\nreview_every = \"1 year\"\n+++\n\nSee the [uniform policy](@uniform).\n",
    );
    trust.write(
        "schools/riverside/content/policies/visits.md",
        "+++\ntitle = \"Visits\"\nowners = [\"Head\"]\napproved = 2026-09-01\nreview_every = \"1 year\"\n+++\n\nSee [nothing](nowhere.md).\n",
    );
    let run = trust.run(&["check", "--format", "json", "--today", TODAY]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let findings = json["diagnostics"].as_array().unwrap();
    let find = |code: &str, file: &str| {
        findings
            .iter()
            .filter(|d| d["code"] == code && d["file"] == file)
            .collect::<Vec<_>>()
    };
    let broken = find("xref-unknown", "content/policies/behaviour.md");
    assert_eq!(broken.len(), 1, "{findings:#?}");
    assert_eq!(
        broken[0]["schools"],
        serde_json::json!(["riverside", "hilltop"])
    );
    let overdue = find("review-overdue", "content/policies/data-protection.md");
    assert_eq!(overdue.len(), 1);
    // Riverside replaced it: not its finding.
    assert_eq!(
        overdue[0]["schools"],
        serde_json::json!(["oakfield", "hilltop"])
    );
    let own = find(
        "link-broken",
        "schools/riverside/content/policies/visits.md",
    );
    assert_eq!(own.len(), 1, "{findings:#?}");
    assert_eq!(own[0]["schools"], serde_json::json!(["riverside"]));
    // Each finding once; the summary counts them once.
    assert_eq!(json["summary"]["errors"], 2, "{findings:#?}");
    // For people: the place, and the schools.
    let human = trust.run(&["check", "--today", TODAY]);
    assert!(
        human
            .stderr
            .contains("--> content/policies/behaviour.md:8:"),
        "{}",
        human.stderr
    );
    assert!(
        human.stderr.contains("= schools: riverside, hilltop"),
        "{}",
        human.stderr
    );
}

#[test]
fn build_publishes_every_school_and_the_overview() {
    let trust = Trust::small();
    let run = trust.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    for (folder, _) in SCHOOLS {
        assert!(trust.school(folder).join("public/index.html").is_file());
        assert!(run.stdout.contains(&format!("{folder}: published")));
        assert!(
            run.stdout
                .contains(&format!("into schools/{folder}/public"))
        );
    }
    assert!(trust.path().join("public/index.html").is_file());
    assert!(trust.path().join("public/overview.csv").is_file());
    assert!(trust.path().join("public/theme/style.css").is_file());
    assert!(
        run.stdout.contains("overview into public"),
        "{}",
        run.stdout
    );
    // --strict: a warning in a trust policy stops the two schools that
    // publish it; Riverside replaced it and publishes.
    trust.write(
        "content/policies/data-protection.md",
        format!(
            "{}\n## Records\n\n#### Keeping them\n\nSafely.\n",
            trust.read("content/policies/data-protection.md")
        ),
    );
    let strict = trust.run(&["build", "--strict", "--today", TODAY]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    assert!(
        strict.stdout.contains("riverside: published"),
        "{}",
        strict.stdout
    );
    for school in ["oakfield", "hilltop"] {
        assert!(
            strict
                .stderr
                .contains(&format!("{school}: nothing published")),
            "{}",
            strict.stderr
        );
    }
    // A trust has no single output folder.
    let out = trust.run(&["build", "--today", TODAY, "-o", "elsewhere"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("--output cannot be used in a trust's folder")
    );
}

#[test]
fn a_school_with_errors_keeps_its_old_site_while_the_others_publish() {
    let trust = Trust::small();
    assert_eq!(trust.build().code, 0);
    let riverside_before = snapshot_of(&trust.school("riverside").join("public"));
    let overview_before = trust.read("public/overview.csv");
    // Riverside breaks; Hilltop adds a policy.
    trust.write(
        "schools/riverside/content/policies/visits.md",
        "+++\ntitle = \"Visits\"\nowners = [\"Head\"]\napproved = 2026-09-01\nreview_every = \"1 year\"\n+++\n\nSee [nothing](nowhere.md).\n",
    );
    trust.write(
        "schools/hilltop/content/policies/visits.md",
        "+++\ntitle = \"Visits\"\nowners = [\"Head\"]\napproved = 2026-09-01\nreview_every = \"1 year\"\n+++\n\nTrips out of school.\n",
    );
    let run = trust.build();
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("riverside: nothing published"),
        "{}",
        run.stderr
    );
    assert_eq!(
        snapshot_of(&trust.school("riverside").join("public")),
        riverside_before,
        "Riverside's previous site changed"
    );
    assert!(
        trust
            .school("hilltop")
            .join("public/policies/visits/index.html")
            .is_file()
    );
    assert!(run.stdout.contains("hilltop: published"));
    // No staging folder is left behind.
    let leftovers: Vec<_> = std::fs::read_dir(trust.school("riverside"))
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // The overview follows the sources: Hilltop's new policy is in it.
    let overview = trust.read("public/overview.csv");
    assert_ne!(overview, overview_before);
    assert!(overview.contains("Hilltop Primary,schools/hilltop,Visits,visits,School's own"));
}

#[test]
fn a_school_folder_finds_its_trust() {
    let trust = Trust::small();
    let run = trust.run_in("schools/hilltop", &["build", "--today", TODAY]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        trust
            .school("hilltop")
            .join("public/policies/safeguarding/index.html")
            .is_file()
    );
    assert!(
        !trust.path().join("public").exists(),
        "only the school was built"
    );
    let check = trust.run_in("schools/hilltop", &["check", "--today", TODAY]);
    assert!(
        (check.stdout.clone() + &check.stderr)
            .contains("--> ../../content/policies/data-protection.md:5:16"),
        "{}{}",
        check.stdout,
        check.stderr
    );
    // A trust.toml that does not list the school is passed over.
    trust.write(
        "trust.toml",
        common::trust::TRUST_TOML.replace("[[schools]]\nfolder = \"schools/hilltop\"\n", ""),
    );
    let alone = trust.run_in("schools/hilltop", &["build", "--today", TODAY]);
    assert_eq!(alone.code, 0, "{}", alone.stderr);
    assert!(
        alone.stderr.contains("does not list this school's folder"),
        "{}",
        alone.stderr
    );
    assert!(
        !trust
            .school("hilltop")
            .join("public/policies/safeguarding")
            .exists()
    );
}

#[test]
fn serve_previews_the_school_named() {
    let trust = Trust::small();
    let server = common::trust::serve(&trust, "riverside");
    let common::server::Response { status, body, .. } = server.get("/policies/safeguarding/");
    assert_eq!(status, 200, "{body}");
    assert!(body.contains("Safeguarding | Riverside Academy"));
    let common::server::Response { status, body, .. } = server.get("/policies/data-protection/");
    assert_eq!(status, 200);
    assert!(body.contains("Data protection at Riverside"));
    // An edit to a trust document reaches the preview.
    trust.write(
        "content/policies/safeguarding.md",
        trust
            .read("content/policies/safeguarding.md")
            .replace("keeps children safe", "keeps every child safe"),
    );
    server.wait_for("/policies/safeguarding/", "keeps every child safe");
    drop(server);
    let without = trust.run(&["serve", "--port", "0"]);
    assert_eq!(without.code, 2);
    assert!(without.stderr.contains("--school"), "{}", without.stderr);
    assert!(
        without.stderr.contains("oakfield, riverside, hilltop"),
        "{}",
        without.stderr
    );
    let unknown = trust.run(&["serve", "--port", "0", "--school", "elmwood"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("no school `elmwood`"));
}

#[test]
fn the_overview_shows_every_school_side_by_side() {
    let trust = Trust::small();
    assert_eq!(trust.build().code, 0);
    let html = trust.read("public/index.html");
    let doc = scraper::Html::parse_document(&html);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    let text = |e: scraper::ElementRef<'_>| {
        e.text()
            .collect::<String>()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    // A cell's words without its narrow-screen label (the school's name).
    let cell = |e: scraper::ElementRef<'_>| {
        let label = e
            .select(&sel(".stack-table__label"))
            .next()
            .map(text)
            .unwrap_or_default();
        let all = text(e);
        all.strip_prefix(&label).unwrap_or(&all).trim().to_string()
    };
    let table = doc
        .select(&sel("table.overview-table"))
        .next()
        .expect("the side-by-side table");
    let heads: Vec<String> = table.select(&sel("thead th")).map(text).collect();
    assert_eq!(
        heads,
        [
            "Document",
            "Oakfield Primary School",
            "Riverside Academy",
            "Hilltop Primary"
        ]
    );
    let rows: Vec<Vec<String>> = table
        .select(&sel("tbody tr"))
        .map(|tr| tr.select(&sel("th, td")).map(cell).collect())
        .collect();
    let row = |title: &str| {
        rows.iter()
            .find(|r| r[0] == title)
            .unwrap_or_else(|| panic!("{title}: {rows:?}"))
    };
    assert_eq!(row("Complaints")[1], "Excluded by the school");
    assert!(
        row("Complaints")[2].contains("Review due soon"),
        "{:?}",
        row("Complaints")
    );
    assert!(row("Data protection")[1].contains("Overdue for review"));
    assert!(
        row("Data protection")[2].contains("Replaced by the school's own: Up to date"),
        "{:?}",
        row("Data protection")
    );
    assert!(
        row("Safeguarding")[3].contains("Up to date next review 1 September 2027"),
        "{:?}",
        row("Safeguarding")
    );
    // Each school's own policies below.
    let own = doc
        .select(&sel("#own-oakfield"))
        .next()
        .map(text)
        .unwrap_or_default();
    assert!(own.contains("Oakfield Primary School"));
    assert!(html.contains(">Uniform</th>"));
    // The school's published site is linked.
    assert!(html.contains("href=\"https://oakfield.example.sch.uk/\""));
}

#[test]
fn the_overview_csv_has_a_record_per_school_and_document() {
    let trust = Trust::small();
    assert_eq!(trust.build().code, 0);
    let bytes = std::fs::read(trust.path().join("public/overview.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a BOM for spreadsheets");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        &header[..7],
        [
            "School",
            "School folder",
            "Title",
            "Id",
            "Source",
            "Type",
            "Status"
        ]
    );
    let records: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    let find = |folder: &str, id: &str| {
        records
            .iter()
            .find(|r| r[1] == folder && r[3] == id)
            .unwrap_or_else(|| panic!("{folder} {id}: {records:?}"))
    };
    // 3 schools × 3 trust documents, and Oakfield's uniform.
    assert_eq!(records.len(), 10, "{records:?}");
    assert_eq!(find("schools/oakfield", "complaints")[4], "Excluded");
    assert_eq!(find("schools/oakfield", "complaints")[6], "");
    let replaced = find("schools/riverside", "data-protection");
    assert_eq!(replaced[4], "Replaced by the school's own");
    assert_eq!(replaced[2], "Data protection at Riverside");
    assert_eq!(replaced[7], "2027-10-01");
    let overdue = find("schools/hilltop", "data-protection");
    assert_eq!(
        (
            overdue[4].as_str(),
            overdue[6].as_str(),
            overdue[7].as_str()
        ),
        ("Trust's document", "Overdue for review", "2026-06-01")
    );
    assert_eq!(overdue[0], "Hilltop Primary");
    assert_eq!(find("schools/oakfield", "uniform")[4], "School's own");
}

#[test]
fn a_single_site_is_unchanged_by_a_trust_nearby() {
    // A site with no trust.toml above it: the same output as before,
    // no notice, no trust.
    let site = Site::example();
    let run = site.build();
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(!run.stderr.contains("trust"), "{}", run.stderr);
    let json = site.run(&["check", "--format", "json", "--today", TODAY]);
    assert!(
        !json.stdout.contains("\"schools\""),
        "no schools field for a single site"
    );
}

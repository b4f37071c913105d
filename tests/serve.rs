//! `charter serve` over real HTTP on 127.0.0.1, on a port the system picks
//! (`--port 0`): pages, types and 404s; refused traversal; live reload on
//! an edit; the overlay on a broken edit while the last good site is still
//! served; bounded rebuilds on a 1,000-page site; a port already in use;
//! a clean stop on Ctrl-C; `--bind` beyond this computer warns; `--open`
//! runs the desktop's opener with the preview's address. The server,
//! its requests and its event stream: `tests/common/server.rs`.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::Site;
use common::server::{SERVE_TODAY as TODAY, Server};

/// A small site: a home page, three policies that link to each other, a
/// static file.
fn small_site() -> Site {
    let site = Site::empty();
    site.write(
        "charter.toml",
        "title = \"Test School\"\nbase_url = \"https://test.example.org/\"\n",
    );
    site.write(
        "content/_index.md",
        "+++\ntitle = \"Test School\"\n+++\n\nWelcome.\n",
    );
    for (name, title, body) in [
        (
            "alpha",
            "Alpha",
            "See [beta](@beta#scope).\n\n## Scope\n\nAlpha text.\n",
        ),
        ("beta", "Beta", "## Scope\n\nBeta text.\n"),
        ("gamma", "Gamma", "## Scope\n\nGamma text.\n"),
    ] {
        site.write(
            &format!("content/policies/{name}.md"),
            format!(
                "+++\ntitle = \"{title}\"\nowners = [\"Headteacher\"]\napproved = 2026-09-01\n\
                 review_every = \"1 year\"\naudiences = [\"staff\"]\n+++\n\n{body}"
            ),
        );
    }
    site.write("static/docs/letter.txt", "Dear parents");
    site
}

/// The served folder holds exactly what `charter build` makes of the same
/// sources: incremental rebuilds missed nothing.
fn assert_same_as_build(site: &Site) {
    let out = tempfile::tempdir().unwrap();
    let run = site.run(&[
        "build",
        "--today",
        TODAY,
        "-o",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let built = common::snapshot_of(out.path());
    let served = common::snapshot_of(&site.path().join(".charter-cache/serve"));
    let names = |s: &[(String, Vec<u8>)]| s.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&served), names(&built));
    for ((name, a), (_, b)) in served.iter().zip(&built) {
        assert!(a == b, "{name} differs from a full build");
    }
}

#[test]
fn serves_pages_with_types_folders_and_404() {
    let site = small_site();
    let server = Server::start(site.path(), &[]);
    assert!(server.addr.starts_with("127.0.0.1:"), "{}", server.addr);

    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert_eq!(home.header("content-type"), "text/html; charset=utf-8");
    assert!(home.body.contains("Test School"));
    assert!(home.body.contains("<script src=\"/__charter/reload.js\""));

    let css = server.get("/theme/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), "text/css; charset=utf-8");
    assert!(!css.body.contains("__charter"));

    let txt = server.get("/docs/letter.txt");
    assert_eq!(
        (txt.status, txt.header("content-type"), txt.body.as_str()),
        (200, "text/plain; charset=utf-8", "Dear parents")
    );
    assert_eq!(
        server.get("/sitemap.xml").header("content-type"),
        "application/xml"
    );
    let script = server.get("/__charter/reload.js");
    assert_eq!(
        script.header("content-type"),
        "text/javascript; charset=utf-8"
    );
    assert!(script.body.contains("EventSource"));

    // A folder: its index.html, after a redirect to the address with `/`.
    let folder = server.get("/policies/alpha");
    assert_eq!(folder.status, 301);
    assert_eq!(folder.header("location"), "/policies/alpha/");
    let page = server.get("/policies/alpha/");
    assert_eq!(page.status, 200);
    assert!(page.body.contains("Alpha text."));

    // A miss: the site's own 404 page, with status 404.
    let missing = server.get("/policies/nothing-here/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("There is no page at this address"));
    assert!(missing.body.contains("/__charter/reload.js"));

    // GET and HEAD only.
    let post = server.raw("POST / HTTP/1.1");
    assert_eq!(post.status, 405);
    assert_eq!(post.header("allow"), "GET, HEAD");
    assert_eq!(server.raw("DELETE /policies/alpha/ HTTP/1.1").status, 405);
    let head = server.raw("HEAD / HTTP/1.1");
    assert_eq!(head.status, 200);
    assert_eq!(head.header("content-length"), home.body.len().to_string());
    assert!(head.body.is_empty());

    // The preview never touches public/, and its files on disk carry no
    // reload script: that is added as pages are served.
    assert!(!site.path().join("public").exists());
    let built = site.read(".charter-cache/serve/index.html");
    assert!(built.contains("Test School") && !built.contains("__charter"));
}

#[test]
fn nothing_outside_the_output_is_served() {
    let site = small_site();
    // The served folder is .charter-cache/serve/, so ../../ is the site.
    site.write("secret.txt", "TOP SECRET");
    #[cfg(unix)]
    std::os::unix::fs::symlink("/etc", site.path().join("static/etc")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        site.path().join("secret.txt"),
        site.path().join("static/secret-link.txt"),
    )
    .unwrap();
    let server = Server::start(site.path(), &[]);
    for path in [
        "/../../secret.txt",
        "/../../../../../../etc/passwd",
        "/%2e%2e/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/secret.txt",
        "/..%2f..%2fsecret.txt",
        "/policies/..%2f..%2f..%2fsecret.txt",
        "/%2e%2e%2f%2e%2e%2fsecret.txt",
        "/..\\..\\secret.txt",
        "/%5c..%5c..%5csecret.txt",
        "/.charter-cache/../secret.txt",
        "/etc/passwd",
        "/etc/hostname",
        "/secret.txt",
    ] {
        let r = server.get(path);
        assert_ne!(r.status, 200, "{path} was served: {}", r.body);
        assert!(
            !r.body.contains("TOP SECRET") && !r.body.contains("root:"),
            "{path} leaked: {}",
            r.body
        );
    }
    // A link that stays inside the site is fine.
    #[cfg(unix)]
    assert_eq!(server.get("/secret-link.txt").body, "TOP SECRET");
    assert_eq!(server.get("/docs/letter.txt").status, 200);
}

#[test]
fn edits_reload_and_broken_edits_show_the_overlay() {
    let site = small_site();
    let server = Server::start(site.path(), &[]);
    let mut events = server.events();
    let alpha = site.read("content/policies/alpha.md");

    // An edit shows up and fires a reload naming the page.
    site.write(
        "content/policies/alpha.md",
        alpha.replace("Alpha text.", "Alpha text, edited."),
    );
    let reload = events
        .next("reload", Duration::from_secs(30))
        .expect("a reload event");
    let paths = reload["paths"].as_array().expect("paths");
    assert!(paths.iter().any(|p| p == "/policies/alpha/"), "{reload}");
    assert!(
        server
            .get("/policies/alpha/")
            .body
            .contains("Alpha text, edited.")
    );
    let status = server.status_json();
    assert_eq!(status["ok"], true);
    assert_eq!(status["rendered"], 1, "{status}");
    assert!(server.stdout_shows("rebuilt 1 of"), "{}", server.stdout());

    // A link to an unknown id: the overlay says where, and the last good
    // page is still served.
    site.write(
        "content/policies/alpha.md",
        alpha.replace("Alpha text.", "Broken: [x](@no-such-<b>page</b>)."),
    );
    let broken = events
        .next("broken", Duration::from_secs(30))
        .expect("a broken event");
    let overlay = broken["overlay"].as_str().unwrap();
    assert!(overlay.contains("xref-unknown"), "{overlay}");
    assert!(
        overlay.contains("content/policies/alpha.md:13:"),
        "{overlay}"
    );
    assert!(
        overlay.contains("no-such-&lt;b&gt;page&lt;/b&gt;"),
        "{overlay}"
    );
    assert!(!overlay.contains("<b>page"), "{overlay}");
    let page = server.get("/policies/alpha/").body;
    assert!(page.contains("Alpha text, edited.") && !page.contains("Broken"));
    let status = server.status_json();
    assert_eq!(status["ok"], false);
    assert_eq!(status["problems"][0]["code"], "xref-unknown");

    // Bad front matter: the page's file and line.
    site.write(
        "content/policies/alpha.md",
        alpha.replace("owners =", "ownrs ="),
    );
    let broken = events
        .next("broken", Duration::from_secs(30))
        .expect("a broken event");
    let overlay = broken["overlay"].as_str().unwrap();
    assert!(overlay.contains("frontmatter-invalid"), "{overlay}");
    assert!(
        overlay.contains("content/policies/alpha.md:3:1"),
        "{overlay}"
    );
    assert!(overlay.contains("did you mean `owners`?"), "{overlay}");
    assert!(
        server
            .get("/policies/alpha/")
            .body
            .contains("Alpha text, edited.")
    );

    // The fix recovers.
    site.write(
        "content/policies/alpha.md",
        alpha.replace("Alpha text.", "Alpha text, fixed."),
    );
    events
        .next("reload", Duration::from_secs(30))
        .expect("a reload event");
    assert!(
        server
            .get("/policies/alpha/")
            .body
            .contains("Alpha text, fixed.")
    );
    let status = server.status_json();
    assert_eq!(status["ok"], true);
    assert_eq!(status["overlay"], "");

    // A new page appears, a removed one goes; a static file updates.
    site.write(
        "content/policies/delta.md",
        "+++\ntitle = \"Delta\"\nowners = [\"Headteacher\"]\napproved = 2026-09-01\n\
         review_every = \"1 year\"\n+++\n\nDelta text.\n",
    );
    events
        .next("reload", Duration::from_secs(30))
        .expect("reload");
    assert!(server.get("/policies/delta/").body.contains("Delta text."));
    assert!(server.get("/policies/").body.contains("Delta"));
    std::fs::remove_file(site.path().join("content/policies/gamma.md")).unwrap();
    events
        .next("reload", Duration::from_secs(30))
        .expect("reload");
    assert_eq!(server.get("/policies/gamma/").status, 404);
    site.write("static/docs/letter.txt", "Dear parents and carers");
    events
        .next("reload", Duration::from_secs(30))
        .expect("reload");
    assert_eq!(
        server.get("/docs/letter.txt").body,
        "Dear parents and carers"
    );

    // Editors' swap files change nothing.
    let builds = server.status_json()["build"].clone();
    site.write("content/policies/.alpha.md.swp", "junk");
    site.write("content/policies/alpha.md~", "junk");
    site.write("content/policies/4913", "");
    std::thread::sleep(Duration::from_millis(500));
    assert_eq!(server.status_json()["build"], builds);

    // A template change re-renders every page.
    site.write(
        "themes/default/templates/404.html",
        "{% extends \"base.html\" %}{% block main %}<h1>Lost</h1>{% endblock main %}",
    );
    events
        .next("reload", Duration::from_secs(60))
        .expect("reload");
    let missing = server.get("/nowhere/");
    assert_eq!(missing.status, 404);
    assert!(missing.body.contains("<h1>Lost</h1>"));
    assert_same_as_build(&site);
}

#[test]
fn the_example_school_after_edits_is_what_build_makes() {
    let site = Site::example();
    let server = Server::start(site.path(), &[]);
    let mut events = server.events();
    assert_same_as_build(&site);
    // An agreement (its page, form and PDF) and a policy's title.
    let rel = "agreements/pupils-ks2.md";
    let text = site.read(rel);
    let edited = text.replacen(
        "5. I will never agree",
        "5. I will tell a grown-up if I feel worried. I will never agree",
        1,
    );
    assert_ne!(text, edited);
    site.write(rel, edited);
    events
        .next("reload", Duration::from_secs(60))
        .expect("reload");
    let rel = "content/policies/online-safety.md";
    let text = site.read(rel);
    site.write(rel, text.replacen("title = \"", "title = \"Our ", 1));
    events
        .next("reload", Duration::from_secs(60))
        .expect("reload");
    assert_eq!(server.status_json()["ok"], true);
    assert_same_as_build(&site);
}

#[test]
fn values_follow_page_edits_and_charter_toml_edits() {
    let site = Site::example();
    let server = Server::start(site.path(), &[]);
    let mut events = server.events();
    let rel = "content/pages/about.md";
    let text = site.read(rel);
    site.write(
        rel,
        text.replacen("+++\n\n", "+++\n\nOur DSL is {{ dsl }}.\n\n", 1),
    );
    events
        .next("reload", Duration::from_secs(60))
        .expect("reload");
    assert!(
        server
            .get("/about/")
            .body
            .contains("Our DSL is Ms Priya Raman.")
    );
    // A changed value reaches every page that uses it.
    let config = site.read("charter.toml");
    site.write(
        "charter.toml",
        config.replacen("dsl = \"Ms Priya Raman\"", "dsl = \"Mr Ash Kettle\"", 1),
    );
    events
        .next("reload", Duration::from_secs(60))
        .expect("reload");
    assert!(
        server
            .get("/about/")
            .body
            .contains("Our DSL is Mr Ash Kettle.")
    );
    assert!(server.get("/contact/").body.contains("Mr Ash Kettle"));
    assert_same_as_build(&site);
}

#[test]
fn port_in_use_is_a_clear_error() {
    let site = small_site();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let out = Command::new(env!("CARGO_BIN_EXE_charter"))
        .args(["-C", site.path().to_str().unwrap(), "serve", "--port"])
        .arg(port.to_string())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("port {port} is in use; try --port {}", port + 1)),
        "{stderr}"
    );
}

#[test]
fn ctrl_c_stops_cleanly() {
    let site = small_site();
    let mut server = Server::start(site.path(), &[]);
    // An open event stream does not hold the server up.
    let _events = server.events();
    let status = server.interrupt();
    assert!(status.success(), "{status}");
    assert!(server.stdout_shows("Stopped."), "{}", server.stdout());
}

/// A site of `n` generated policies, each linking to another one.
fn generated_site(n: usize) -> Site {
    let site = Site::empty();
    site.write(
        "charter.toml",
        "title = \"Generated Academy\"\nbase_url = \"https://gen.example.org\"\n",
    );
    site.write(
        "content/_index.md",
        "+++\ntitle = \"Generated Academy\"\n+++\n\nPolicies of a generated school.\n",
    );
    for i in 0..n {
        let other = (i * 7 + 3) % n;
        let text = format!(
            "+++\ntitle = \"Policy No. {i}\"\nsummary = \"How the school handles topic {i}.\"\n\
             owners = [\"Headteacher\"]\napproved = 2026-06-01\nreview_every = \"1 year\"\n\
             audiences = [\"staff\", \"parents\"]\n+++\n\n## 1. Purpose\n\n\
             Staff record every concern on the same day. Parents are told each year. \
             The governing body checks that this policy is applied in the same way across \
             every year group, and the headteacher reports the number of incidents to \
             governors each term, with what was learned from them.\n\n\
             ## 2. Procedures\n\nSee the [procedures of policy {other}](@policy-{other}#2-procedures).\n\n\
             ## 3. Monitoring\n\nGovernors check that the policy is applied.\n"
        );
        site.write(&format!("content/policies/policy-{i}.md"), text);
    }
    site
}

#[test]
fn one_edit_in_a_thousand_pages_rerenders_a_bounded_set() {
    let site = generated_site(1000);
    let server = Server::start(site.path(), &[]);
    let mut events = server.events();
    let total = server.status_json()["total"].as_u64().unwrap();
    assert!(total > 1000, "{total}");
    let rel = "content/policies/policy-5.md";
    let text = site.read(rel);

    // The body: that page only.
    site.write(rel, text.replace("applied.", "applied every term."));
    events
        .next("reload", Duration::from_secs(60))
        .expect("reload");
    let status = server.status_json();
    assert_eq!(status["rendered"], 1, "{status}");
    assert_eq!(
        status["rendered_files"],
        serde_json::json!(["policies/policy-5/index.html"])
    );
    assert!(
        server.stdout_shows(&format!("rebuilt 1 of {total} pages")),
        "{}",
        server.stdout()
    );
    assert!(
        server
            .get("/policies/policy-5/")
            .body
            .contains("every term")
    );

    // The opening words: the page and the search index, which holds them.
    site.write(rel, text.replace("Staff record", "Staff write down"));
    events
        .next("reload", Duration::from_secs(60))
        .expect("reload");
    let status = server.status_json();
    assert_eq!(status["rendered"], 1, "{status}");
    assert_eq!(
        status["rendered_files"],
        serde_json::json!(["policies/policy-5/index.html", "search/index.json"])
    );

    // The title: the page, the page it links to (which lists it as
    // referring to it), the policy indexes that list it, the home page, the
    // search index and the page of the A to Z list that lists it (the
    // search page itself lists letters only, which have not changed).
    site.write(rel, text.replace("Policy No. 5\"", "Policy Number Five\""));
    events
        .next("reload", Duration::from_secs(60))
        .expect("reload");
    let status = server.status_json();
    let rendered = status["rendered"].as_u64().unwrap();
    assert!((2..=12).contains(&rendered), "{status}");
    let files = status["rendered_files"].to_string();
    for f in [
        "policies/policy-5/index.html",
        "policies/policy-38/index.html",
        "policies/index.html",
        "policies/for/staff/index.html",
        "search/p/index.html",
        "search/index.json",
    ] {
        assert!(files.contains(f), "{f} not in {files}");
    }
    assert!(!files.contains("search/index.html"), "{files}");
    assert!(!files.contains("search/a/index.html"), "{files}");
    let referenced = server.get("/policies/policy-38/").body;
    assert!(referenced.contains("Policy Number Five"));
    assert_same_as_build(&site);
}

/// Latency from saving one page of a 10,000-page site to the reload event,
/// after a 50 ms debounce. A measurement, not a test of CI's speed: run it
/// with `cargo test --release --test serve -- --ignored --nocapture`.
#[test]
#[ignore]
fn latency_of_one_edit_in_ten_thousand_pages() {
    let site = generated_site(10_000);
    let server = Server::start(site.path(), &[]);
    let mut events = server.events();
    let rel = "content/policies/policy-1234.md";
    let text = site.read(rel);
    let mut times = Vec::new();
    for round in 0..10 {
        let started = Instant::now();
        site.write(
            rel,
            text.replace("applied.", &format!("applied ({round}).")),
        );
        events
            .next("reload", Duration::from_secs(60))
            .expect("a reload event");
        times.push(started.elapsed());
        std::thread::sleep(Duration::from_millis(300));
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let log = server.stdout();
    let rebuilds: Vec<&str> = log.lines().filter(|l| l.contains("rebuilt")).collect();
    println!(
        "save to reload event, 10 edits of a 10,000-page site (50 ms debounce): median {:.0} ms, min {:.0} ms, max {:.0} ms",
        ms(times[times.len() / 2]),
        ms(times[0]),
        ms(times[times.len() - 1])
    );
    println!("{}", rebuilds.join("\n"));
    let timings = server.stderr.lock().unwrap().join("\n");
    for line in timings.lines().filter(|l| l.starts_with("timings:")) {
        println!("{line}");
    }
}

#[test]
fn a_smaller_search_index_leaves_no_stale_files() {
    let site = Site::empty();
    site.write("charter.toml", "title = \"Small Academy\"\n");
    for i in 0..120 {
        site.write(
            &format!("content/policies/policy-{i}.md"),
            format!(
                "+++\ntitle = \"Policy {i}\"\nowners = [\"Headteacher\"]\napproved = 2026-06-01\n\
                 review_every = \"1 year\"\n+++\n\n## Purpose\n\nWhat topic {i} is about.\n"
            ),
        );
    }
    let server = Server::start(site.path(), &[]);
    let mut events = server.events();
    let served = site.path().join(".charter-cache/serve/search/index");
    // 120 policies, the home page and the section pages: three files of
    // results at 50 each.
    assert!(served.join("docs-2.json").is_file());
    for i in 20..120 {
        std::fs::remove_file(site.path().join(format!("content/policies/policy-{i}.md"))).unwrap();
    }
    events
        .next("reload", Duration::from_secs(60))
        .expect("reload");
    assert!(!served.join("docs-2.json").exists());
    assert!(!served.join("docs-1.json").exists());
    assert_same_as_build(&site);
}

#[test]
fn bind_beyond_this_computer_warns_and_serves() {
    let site = small_site();
    let mut server = Server::start(site.path(), &["--bind", "0.0.0.0"]);
    let port = server.addr.rsplit(':').next().unwrap().to_string();
    assert!(server.addr.starts_with("0.0.0.0:"), "{}", server.addr);
    server.addr = format!("127.0.0.1:{port}");
    assert_eq!(server.get("/").status, 200);
    // Read by another thread: wait for it.
    let warning =
        "warning: serving on 0.0.0.0: other computers that can reach this one can see the preview";
    let started = Instant::now();
    while !server.stderr.lock().unwrap().join("\n").contains(warning)
        && started.elapsed() < Duration::from_secs(10)
    {
        std::thread::sleep(Duration::from_millis(20));
    }
    let stderr = server.stderr.lock().unwrap().join("\n");
    assert!(stderr.contains(warning), "{stderr}");
    // On 127.0.0.1 (the default) there is no such warning.
    let quiet = Server::start(site.path(), &[]);
    assert_eq!(quiet.get("/").status, 200);
    assert!(
        !quiet
            .stderr
            .lock()
            .unwrap()
            .join("\n")
            .contains("warning: serving on")
    );
}

#[cfg(target_os = "linux")]
#[test]
fn open_starts_the_browser_at_the_preview() {
    use std::os::unix::fs::PermissionsExt;
    let site = small_site();
    // A stand-in for the desktop's `xdg-open` that writes down what it was
    // asked to open.
    let bin = tempfile::tempdir().unwrap();
    let opened = bin.path().join("opened.txt");
    let script = bin.path().join("xdg-open");
    std::fs::write(
        &script,
        // Written aside, then moved, so the test never reads it half written.
        format!(
            "#!/bin/sh\nprintf '%s' \"$1\" > '{0}.tmp' && mv '{0}.tmp' '{0}'\n",
            opened.display()
        ),
    )
    .unwrap();
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let server = Server::start_with(site.path(), &["--open"], &[("PATH", &path)]);
    let started = Instant::now();
    while !opened.is_file() && started.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let url = std::fs::read_to_string(&opened).expect("xdg-open was not run");
    assert_eq!(url, format!("http://{}/", server.addr));
}

#[test]
fn meeting_a_requirement_or_editing_the_register_updates_the_law_table() {
    let site = small_site();
    let config = site.read("charter.toml");
    site.write(
        "charter.toml",
        format!("{config}[statutory]\nschool_type = \"maintained\"\nphases = [\"primary\"]\nregister = \"statutory.toml\"\n"),
    );
    site.write("statutory.toml", "");
    let server = Server::start(site.path(), &[]);
    let mut events = server.events();
    assert_same_as_build(&site);
    let dashboard = || server.get("/governors/reviews/").body;
    assert!(!dashboard().contains("href=\"/\">Test School</a>"));
    // The home page (not a policy) now meets a requirement: the dashboard
    // lists it.
    let rel = "content/_index.md";
    let text = site.read(rel);
    site.write(
        rel,
        text.replacen("+++\n", "+++\nmeets = [\"contact-details\"]\n", 1),
    );
    events
        .next("reload", Duration::from_secs(60))
        .expect("reload");
    assert_same_as_build(&site);
    assert!(
        dashboard().contains("<a href=\"/\">Test School</a>"),
        "{}",
        dashboard()
    );
    // The site's own register file is followed too: a requirement it adds
    // appears in the law table.
    site.write(
        "statutory.toml",
        "[[source]]\nid = \"la\"\ntitle = \"Our local authority's list\"\nurl = \"https://la.example/list\"\nread = 2026-11-01\n\n[[requirement]]\nid = \"lettings\"\ntitle = \"Lettings policy\"\napplies_to = { types = [\"maintained\"], phases = [\"all\"] }\nkind = \"policy\"\ncycle = \"annual\"\napproval = \"full-board\"\npublish = \"not-stated\"\nsource = [\"la\"]\n",
    );
    events
        .next("reload", Duration::from_secs(60))
        .expect("reload after the register's edit");
    assert!(dashboard().contains("Lettings policy"), "{}", dashboard());
    assert_same_as_build(&site);
}

#[test]
fn editing_a_source_makes_its_translation_stale_on_the_next_rebuild() {
    let site = small_site();
    let config = site.read("charter.toml");
    site.write(
        "charter.toml",
        format!("{config}\n[[languages]]\ncode = \"pl\"\nname = \"Polski\"\n"),
    );
    site.write(
        "content/policies/beta.pl.md",
        "+++\ntitle = \"Beta po polsku\"\ntranslates = 2026-09-01\n+++\n\n## Zakres\n\nTekst.\n",
    );
    let server = Server::start(site.path(), &[]);
    let page = server.get("/pl/policies/beta/").body;
    assert!(page.contains("Beta po polsku") && !page.contains("notice--translation"));
    let beta = site.read("content/policies/beta.md");
    site.write(
        "content/policies/beta.md",
        beta.replace("approved = 2026-09-01", "approved = 2026-11-01"),
    );
    server.wait_for("/pl/policies/beta/", "notice--translation");
    let started = Instant::now();
    while !server
        .stderr
        .lock()
        .unwrap()
        .join("\n")
        .contains("warning[translation-stale]")
    {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{}",
            server.stderr.lock().unwrap().join("\n")
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

//! `charter check --external`, end to end: the real `charter` binary on a
//! site written into a temporary folder, against test servers on loopback
//! addresses (127.0.0.N) only. Nothing here touches the internet.

#[path = "external_links/server.rs"]
mod server;

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use serde_json::Value;
use server::Server;

const PROXY_VARS: [&str; 8] = [
    "ALL_PROXY",
    "all_proxy",
    "HTTP_PROXY",
    "http_proxy",
    "HTTPS_PROXY",
    "https_proxy",
    "NO_PROXY",
    "no_proxy",
];

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("{e}\nstdout: {}\nstderr: {}", self.stdout, self.stderr))
    }
}

/// Runs the real binary in `site` (no proxy: requests go straight to the
/// loopback test servers).
fn charter(site: &Path, args: &[&str]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_charter"));
    cmd.args(args)
        .current_dir(site)
        .env_remove("SOURCE_DATE_EPOCH");
    for var in PROXY_VARS {
        cmd.env_remove(var);
    }
    let started = Instant::now();
    let out = cmd.output().expect("run charter");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        elapsed: started.elapsed(),
    }
}

fn check_external(site: &Path, extra: &[&str]) -> Run {
    let mut args = vec![
        "check",
        "--external",
        "--format",
        "json",
        "--today",
        "2026-11-22",
    ];
    args.extend_from_slice(extra);
    charter(site, &args)
}

fn write(site: &Path, rel: &str, text: &str) {
    let path = site.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// `charter.toml` that silences what is not about external links.
fn config(external: &str) -> String {
    format!(
        "title = \"Link School\"\n[checks]\nignore = [\"link-insecure\", \"agreement-band-missing\"]\n[external_links]\n{external}"
    )
}

/// A page whose body is one list item per link, from line 5, column 3.
fn page(title: &str, urls: &[String]) -> String {
    let mut text = format!("+++\ntitle = \"{title}\"\n+++\n\n");
    for (i, url) in urls.iter().enumerate() {
        text.push_str(&format!("- [link {i}]({url})\n"));
    }
    text
}

/// (code, file, line, column, severity, message, hint) of each finding.
type Finding = (String, String, u64, u64, String, String, String);

fn findings(json: &Value) -> Vec<Finding> {
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap().to_string();
            (
                s("code"),
                s("file"),
                d["line"].as_u64().unwrap(),
                d["column"].as_u64().unwrap(),
                s("severity"),
                s("message"),
                s("hint"),
            )
        })
        .collect()
}

fn places(findings: &[Finding], code: &str) -> Vec<(String, u64, u64)> {
    findings
        .iter()
        .filter(|f| f.0 == code)
        .map(|f| (f.1.clone(), f.2, f.3))
        .collect()
}

#[test]
fn each_answer_gives_the_right_finding_politely() {
    let main = Server::start(1, Duration::ZERO);
    let slow = Server::start(2, Duration::ZERO);
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    write(
        site,
        "charter.toml",
        &config(&format!(
            "timeout_seconds = 0.5\nconnect_timeout_seconds = 0.5\nretry_wait_seconds = 0.2\nskip_urls = [\"{}\"]\nskip_patterns = [\"/private-[0-9]+$\"]\nskip_files = [\"content/archive/**\"]\n",
            main.url("/skipped/")
        )),
    );
    let links: Vec<String> = [
        "/ok",
        "/moved",
        "/found-elsewhere",
        "/missing",
        "/gone",
        "/no-head",
        "/busy",
        "/flaky",
        "/down",
        "/skipped/page",
        "/private-42",
    ]
    .iter()
    .map(|p| main.url(p))
    .chain([slow.url("/slow")])
    .collect();
    write(site, "content/pages/links.md", &page("Links", &links));
    // The same dead address twice more (once with a #fragment) in another file.
    write(
        site,
        "content/pages/more.md",
        &format!(
            "+++\ntitle = \"More\"\n+++\n\nSee [the old guide]({}) and\n[that part]({}#part).\n",
            main.url("/missing"),
            main.url("/missing")
        ),
    );
    write(
        site,
        "content/archive/old.md",
        &page("Old", &[main.url("/archived")]),
    );
    write(
        site,
        "guidance.toml",
        &format!(
            "[[guidance]]\nid = \"old-guide\"\ntitle = \"An old guide\"\nurl = \"{}\"\n",
            main.url("/gone")
        ),
    );

    let run = check_external(site, &[]);
    let found = findings(&run.json());
    eprintln!("{}", run.stderr);
    let line = |name: &str| 5 + links.iter().position(|l| l.ends_with(name)).unwrap() as u64;
    let at = |file: &str, line: u64, column: u64| (file.to_string(), line, column);
    let links_md = "content/pages/links.md";
    assert_eq!(
        places(&found, "link-dead"),
        [
            at(links_md, line("/missing"), 3),
            at(links_md, line("/gone"), 3),
            at("content/pages/more.md", 5, 5),
            at("content/pages/more.md", 6, 1),
            at("guidance.toml", 4, 8),
        ],
        "{found:#?}"
    );
    assert_eq!(
        places(&found, "link-unreachable"),
        [
            at(links_md, line("/down"), 3),
            at(links_md, line("/slow"), 3)
        ],
        "{found:#?}"
    );
    assert_eq!(
        places(&found, "link-redirect"),
        [at(links_md, line("/moved"), 3)]
    );
    // Nothing else: the other answers are fine.
    assert_eq!(found.len(), 8, "{found:#?}");
    let redirect = found.iter().find(|f| f.0 == "link-redirect").unwrap();
    assert_eq!(redirect.4, "notice");
    assert!(redirect.5.contains("(301)"), "{redirect:?}");
    assert_eq!(redirect.6, format!("link to {} instead", main.url("/ok")));
    let dead = found.iter().find(|f| f.5.contains("/gone")).unwrap();
    assert_eq!(dead.4, "error");
    assert!(dead.5.contains("410"), "{dead:?}");
    let unreachable: Vec<_> = found.iter().filter(|f| f.0 == "link-unreachable").collect();
    assert!(unreachable.iter().all(|f| f.4 == "warning"));
    assert!(unreachable[0].5.contains("503"), "{unreachable:?}");
    assert!(
        unreachable[1].5.contains("no answer in time"),
        "{unreachable:?}"
    );
    // SPEC: errors → exit 1; the summary counts findings by severity.
    assert_eq!(run.code, 1, "{}", run.stderr);
    let summary = &run.json()["summary"];
    assert_eq!(
        (
            summary["errors"].as_u64(),
            summary["warnings"].as_u64(),
            summary["notices"].as_u64()
        ),
        (Some(5), Some(2), Some(1))
    );
    assert!(
        run.stderr.contains("External links: 10 addresses (10 checked, 0 from the cache): 2 dead, 2 unreachable, 1 redirected; 2 skipped by [external_links]."),
        "{}",
        run.stderr
    );

    // What the servers saw.
    let methods =
        |path: &str| -> Vec<String> { main.hits(path).iter().map(|h| h.method.clone()).collect() };
    // Itself, and at the end of the 301 and of the 302.
    assert_eq!(methods("/ok"), ["HEAD", "HEAD", "HEAD"]);
    assert_eq!(
        methods("/missing"),
        ["HEAD", "GET"],
        "each address once, however many places"
    );
    assert_eq!(methods("/no-head"), ["HEAD", "GET"]);
    assert_eq!(methods("/flaky").len(), 3);
    assert_eq!(methods("/down").len(), 3);
    assert_eq!(slow.hits("/slow").len(), 3);
    let busy = main.hits("/busy");
    assert_eq!(busy.len(), 2);
    let waited = busy[1].at - busy[0].at;
    assert!(
        waited >= Duration::from_millis(950),
        "Retry-After: 1 was not honoured: {waited:?}"
    );
    for skipped in ["/skipped/page", "/private-42", "/archived"] {
        assert!(main.hits(skipped).is_empty(), "{skipped} was requested");
    }
    let log = main.log();
    assert!(
        log.iter().chain(&slow.log()).all(|h| h
            .user_agent
            .starts_with(&format!("Charter/{} (", env!("CARGO_PKG_VERSION")))),
        "{log:?}"
    );
    assert!(
        main.max_open() <= 2,
        "{} requests open at once",
        main.max_open()
    );
    assert!(slow.max_open() <= 2);
    eprintln!(
        "main host: {} requests, at most {} open at once; run took {:.2?}",
        main.requests(),
        main.max_open(),
        run.elapsed
    );
}

/// (code, file, line) of each finding, for comparing runs.
fn summary_of(run: &Run) -> Vec<(String, String, u64)> {
    findings(&run.json())
        .into_iter()
        .filter(|f| f.0 != "link-cache-invalid")
        .map(|f| (f.0, f.1, f.2))
        .collect()
}

#[test]
fn results_are_cached_on_disk() {
    let server = Server::start(1, Duration::ZERO);
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    write(site, "charter.toml", &config("retry_wait_seconds = 0.1\n"));
    let urls: Vec<String> = ["/ok", "/missing", "/moved", "/down"]
        .iter()
        .map(|p| server.url(p))
        .collect();
    write(site, "content/pages/links.md", &page("Links", &urls));

    let first = check_external(site, &[]);
    let sent = server.requests();
    assert!(sent >= 4, "{sent}");
    let expected = summary_of(&first);
    assert_eq!(
        expected.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
        ["link-dead", "link-redirect", "link-unreachable"]
    );
    let cache_file = site.join(".charter-cache/external-links.json");
    let cache: Value =
        serde_json::from_str(&std::fs::read_to_string(&cache_file).unwrap()).unwrap();
    assert_eq!(cache["version"], 1);
    assert_eq!(cache["links"].as_object().unwrap().len(), 4);
    assert_eq!(cache["links"][server.url("/ok")]["result"], "ok");

    // Within the lifetime: the same findings, and not one request.
    let second = check_external(site, &[]);
    assert_eq!(server.requests(), sent, "the second run sent requests");
    assert_eq!(summary_of(&second), expected);
    assert_eq!(second.code, 1);
    assert!(
        second.stderr.contains("(0 checked, 4 from the cache)"),
        "{}",
        second.stderr
    );

    // --no-cache checks everything again.
    let third = check_external(site, &["--no-cache"]);
    assert_eq!(
        server.requests(),
        2 * sent,
        "--no-cache must send every request again"
    );
    assert_eq!(summary_of(&third), expected);

    // Past their lifetime (7 days for good links, 1 day for failures),
    // entries are checked again; the others are still taken from the cache.
    let mut cache: Value =
        serde_json::from_str(&std::fs::read_to_string(&cache_file).unwrap()).unwrap();
    let now = cache["links"][server.url("/ok")]["checked"]
        .as_u64()
        .unwrap();
    cache["links"][server.url("/ok")]["checked"] = (now - 8 * 86_400).into();
    cache["links"][server.url("/moved")]["checked"] = (now - 6 * 86_400).into();
    cache["links"][server.url("/missing")]["checked"] = (now - 2 * 86_400).into();
    std::fs::write(&cache_file, serde_json::to_string(&cache).unwrap()).unwrap();
    let before = server.log().len();
    let fourth = check_external(site, &[]);
    let mut again: Vec<String> = server.log()[before..]
        .iter()
        .map(|h| h.path.clone())
        .collect();
    again.sort();
    assert_eq!(again, ["/missing", "/missing", "/ok"], "{}", fourth.stderr);
    assert_eq!(summary_of(&fourth), expected);

    // A damaged cache: a notice, and the run still works.
    std::fs::write(&cache_file, "{\"version\": 1,\n  \"links\": {\"oops\"").unwrap();
    let before = server.requests();
    let fifth = check_external(site, &[]);
    let notices: Vec<_> = findings(&fifth.json())
        .into_iter()
        .filter(|f| f.0 == "link-cache-invalid")
        .collect();
    assert_eq!(notices.len(), 1, "{}", fifth.stdout);
    assert_eq!(notices[0].1, ".charter-cache/external-links.json");
    assert_eq!(notices[0].2, 2);
    assert_eq!(notices[0].4, "notice");
    assert_eq!(summary_of(&fifth), expected);
    assert_eq!(fifth.code, 1);
    assert_eq!(server.requests(), before + sent);
    // … and it was written anew, whole.
    let sixth = check_external(site, &[]);
    assert_eq!(server.requests(), before + sent);
    assert_eq!(summary_of(&sixth), expected);
    let leftovers: Vec<_> = std::fs::read_dir(site.join(".charter-cache"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(leftovers, ["external-links.json"]);
}

#[test]
fn only_check_external_sends_requests() {
    let server = Server::start(1, Duration::ZERO);
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    write(site, "charter.toml", &config(""));
    write(
        site,
        "content/pages/links.md",
        &page("Links", &[server.url("/missing")]),
    );
    // build's own outcome depends on the theme; what matters is the network.
    let _ = charter(site, &["build", "--today", "2026-11-22"]);
    let plain = charter(
        site,
        &["check", "--format", "json", "--today", "2026-11-22"],
    );
    assert_eq!(plain.code, 0, "{}{}", plain.stdout, plain.stderr);
    assert_eq!(server.requests(), 0);
    // The build keeps its own cache there, but no link results.
    assert!(!site.join(".charter-cache/external-links.json").exists());
    // --no-cache means nothing without --external.
    let usage = charter(site, &["check", "--no-cache"]);
    assert_eq!(usage.code, 2, "{}", usage.stderr);
    assert_eq!(server.requests(), 0);
}

#[test]
fn two_thousand_links_on_fifty_hosts_are_checked_in_seconds() {
    let servers: Vec<Server> = (1..=50)
        .map(|n| Server::start(n, Duration::from_millis(10)))
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    // The default settings: 16 threads, 2 per host, 0.05 s between starts.
    write(site, "charter.toml", &config(""));
    let urls: Vec<String> = (0..2000)
        .map(|i| servers[i % 50].url(&format!("/fast/{i}")))
        .collect();
    for (n, chunk) in urls.chunks(100).enumerate() {
        write(
            site,
            &format!("content/pages/p{n}.md"),
            &page("Links", chunk),
        );
    }
    let run = check_external(site, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(findings(&run.json()).is_empty(), "{}", run.stdout);
    assert_eq!(servers.iter().map(Server::requests).sum::<usize>(), 2000);
    for s in &servers {
        assert!(
            s.max_open() <= 2,
            "{}: {} open at once",
            s.addr,
            s.max_open()
        );
    }
    assert!(
        run.stderr.contains("2000 addresses (2000 checked"),
        "{}",
        run.stderr
    );
    eprintln!(
        "TIMING 2000 URLs on 50 hosts ({:?} each): {:.2?}",
        servers[0].latency(),
        run.elapsed
    );
    assert!(run.elapsed < Duration::from_secs(30), "{:.2?}", run.elapsed);
}

#[test]
fn one_host_is_never_sent_more_than_its_limit() {
    let server = Server::start(1, Duration::from_millis(10));
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    // No delay between starts: only the limit of 2 at once holds it back.
    write(site, "charter.toml", &config("delay_seconds = 0\n"));
    let urls: Vec<String> = (0..400)
        .map(|i| server.url(&format!("/fast/{i}")))
        .collect();
    for (n, chunk) in urls.chunks(100).enumerate() {
        write(
            site,
            &format!("content/pages/p{n}.md"),
            &page("Links", chunk),
        );
    }
    let run = check_external(site, &[]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(server.requests(), 400);
    assert_eq!(
        server.max_open(),
        2,
        "the limit was not used, or was broken"
    );
    eprintln!(
        "TIMING 400 URLs on one host (10 ms each, 2 at once): {:.2?}",
        run.elapsed
    );
    // 400 requests × 10 ms, 2 at a time: at least 2 s.
    assert!(run.elapsed >= Duration::from_secs(2), "{:.2?}", run.elapsed);
    assert!(run.elapsed < Duration::from_secs(20), "{:.2?}", run.elapsed);
}

//! Build benchmark: generates school sites of 1,000 and 10,000 policies and
//! builds each, reporting pages per second and the time of each pipeline
//! phase (so the cost of the checks can be read against the whole build).
//!
//! `cargo bench --bench build` runs the full sizes (`-- 1000` for one size).
//! Under `cargo test` the same code builds a 40-page site once, so the
//! benchmark cannot rot unnoticed.

use std::fmt::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use charter::pipeline;

const TODAY: &str = "2026-11-23";

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let benchmarking = args.iter().any(|a| a == "--bench");
    let sizes: Vec<usize> = if benchmarking {
        let chosen: Vec<usize> = args.iter().filter_map(|a| a.parse().ok()).collect();
        if chosen.is_empty() {
            vec![1_000, 10_000]
        } else {
            chosen
        }
    } else {
        vec![40]
    };
    for n in sizes {
        let dir = tempfile::tempdir().expect("temporary folder");
        generate(dir.path(), n);
        let runs = if benchmarking { 3 } else { 1 };
        let best = (0..runs)
            .map(|_| measure(dir.path()))
            .min_by_key(|m| m.total)
            .expect("at least one run");
        best.report(n);
        let public = dir.path().join("public");
        let manifest = public.join("search/index.json");
        let mut bytes = std::fs::metadata(&manifest)
            .expect("the search index")
            .len();
        let (mut files, mut largest) = (1, 0);
        for entry in
            std::fs::read_dir(public.join("search/index/")).expect("the search index's folder")
        {
            let size = entry
                .and_then(|e| e.metadata())
                .expect("an index file")
                .len();
            bytes += size;
            largest = largest.max(size);
            files += 1;
        }
        println!(
            "        search index {:.2} MB ({bytes} bytes) in {files} files, the largest {largest} bytes",
            bytes as f64 / 1e6
        );
        assert!(best.pages > n, "every policy is published");
    }
}

struct Measurement {
    pages: usize,
    load: Duration,
    resolve: Duration,
    check: Duration,
    render: Duration,
    total: Duration,
}

impl Measurement {
    fn report(&self, n: usize) {
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        let total = self.total.as_secs_f64();
        println!(
            "{n:>6} policies: {} pages in {:.0} ms = {:.0} pages/s",
            self.pages,
            ms(self.total),
            self.pages as f64 / total,
        );
        println!(
            "        load {:.0} ms, resolve {:.0} ms, check {:.0} ms ({:.1}% of the build), render+write {:.0} ms",
            ms(self.load),
            ms(self.resolve),
            ms(self.check),
            100.0 * self.check.as_secs_f64() / total,
            ms(self.render),
        );
    }
}

/// Runs one build, timing each stage.
fn measure(root: &Path) -> Measurement {
    let today: jiff::civil::Date = TODAY.parse().expect("a date");
    let options = charter::BuildOptions {
        root: root.to_path_buf(),
        shared: None,
        output: Some(root.join("public")),
        today,
        // Every run builds from nothing, as a first build does.
        use_cache: false,
    };
    let start = Instant::now();
    let (outcome, times) = pipeline::build_timed(&options, |_| {}).expect("build");
    let total = start.elapsed();
    match outcome {
        charter::BuildOutcome::Published { pages, .. } => Measurement {
            pages,
            load: times.load,
            resolve: times.resolve,
            check: times.check,
            render: times.render,
            total,
        },
        charter::BuildOutcome::Refused { diagnostics } => {
            panic!(
                "refused: {}",
                charter::diagnostics::render_human(&diagnostics)
            )
        }
    }
}

/// A small deterministic generator (no `rand` dependency for a benchmark).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
}

const TOPICS: [&str; 12] = [
    "Online Safety",
    "Behaviour",
    "Attendance",
    "Data Protection",
    "Anti-Bullying",
    "Complaints",
    "First Aid",
    "Remote Learning",
    "Mobile Phones",
    "Visitors",
    "Educational Visits",
    "Lettings",
];
const OWNERS: [&str; 5] = [
    "Headteacher",
    "Designated Safeguarding Lead",
    "Business Manager",
    "SENCo",
    "Data Protection Officer",
];
const SENTENCES: [&str; 8] = [
    "Staff record every concern on the same day and tell the designated safeguarding lead.",
    "Parents and carers are told about this arrangement at the start of each school year.",
    "The governing body checks that the policy is applied consistently across every year group.",
    "Pupils know who they can speak to if they are worried about anything they see online.",
    "Records are kept securely and deleted when the retention period ends.",
    "Where a pupil's needs change, the class teacher reviews the support plan with the family.",
    "Visitors sign in at reception and wear a visible badge while they are on site.",
    "The headteacher reports the number of incidents to governors each term.",
];
const SECTIONS: [&str; 5] = [
    "Purpose",
    "Roles and responsibilities",
    "Procedures",
    "Training",
    "Monitoring",
];

fn generate(root: &Path, n: usize) {
    let write = |rel: &str, text: &str| {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("create folder");
        std::fs::write(path, text).expect("write file");
    };
    write(
        "charter.toml",
        "title = \"Benchmark Academy\"\nbase_url = \"https://bench.example.org\"\n",
    );
    write(
        "content/_index.md",
        "+++\ntitle = \"Benchmark Academy\"\n+++\n\nPolicies of a generated school.\n",
    );
    // A pupils' agreement per default band, and the parents' one.
    for band in ["eyfs", "ks1", "ks2", "ks3", "ks4", "sixth-form"] {
        write(
            &format!("agreements/pupils-{band}.md"),
            &format!(
                "+++\ntitle = \"Pupils {band}\"\naudience = \"pupils\"\nband = \"{band}\"\n\
                 signatures = [\"pupil\", \"parent\"]\napproved = 2026-09-01\nreview_every = \"1 year\"\n+++\n\n\
                 - I am kind online.\n- I ask a grown-up first.\n- I tell a grown-up if I see something bad.\n"
            ),
        );
    }
    write(
        "agreements/parents.md",
        "+++\ntitle = \"Parents\"\nid = \"parents-agreement\"\naudience = \"parents\"\nsignatures = [\"parent\"]\n\
         approved = 2026-09-01\nreview_every = \"1 year\"\n\
         consents = [{ id = \"photos\", label = \"Photos of my child may appear on the school website.\" }]\n+++\n\n\
         - I will support the school's approach to online safety.\n",
    );
    // A curriculum unit for every ten policies, over the strands and bands.
    const STRANDS: [&str; 4] = [
        "self-image-and-identity",
        "online-relationships",
        "privacy-and-security",
        "copyright-and-ownership",
    ];
    const BANDS: [&str; 6] = ["eyfs", "ks1", "ks2", "ks3", "ks4", "sixth-form"];
    for u in 0..n / 10 {
        write(
            &format!("content/curriculum/unit-{u}.md"),
            &format!(
                "+++\ntitle = \"Unit {u}\"\nstrand = \"{}\"\nbands = [\"{}\"]\n\
                 objectives = [\"Explain one way to stay safe online.\"]\nduration = \"2 × 45 minutes\"\n+++\n\n\
                 ## Lesson\n\n{}\n\nSee the [policy](@policy-{}).\n",
                STRANDS[u % STRANDS.len()],
                BANDS[u % BANDS.len()],
                SENTENCES[u % SENTENCES.len()],
                u * 10,
            ),
        );
    }
    let mut rng = Lcg(42);
    for i in 0..n {
        let topic = TOPICS[i % TOPICS.len()];
        let mut text = String::new();
        let month = 1 + rng.next(12);
        let _ = write!(
            text,
            "+++\ntitle = \"{topic} Policy No. {i}\"\nsummary = \"How the school handles {topic} (No. {i}).\"\n\
             owners = [\"{}\"]\napproved = 2026-{month:02}-01\nreview_every = \"1 year\"\n\
             audiences = [\"staff\", \"parents\"]\n+++\n",
            OWNERS[rng.next(OWNERS.len())],
        );
        for (s, section) in SECTIONS.iter().enumerate() {
            let _ = write!(text, "\n## {}. {section}\n\n", s + 1);
            for _ in 0..3 {
                for _ in 0..4 {
                    text.push_str(SENTENCES[rng.next(SENTENCES.len())]);
                    text.push(' ');
                }
                text.push_str("\n\n");
            }
            if s == 1 {
                let other = rng.next(n);
                let _ = write!(
                    text,
                    "- See the [policy on procedures](@policy-{other}#3-procedures).\n- {}\n- {}\n- Advice: [NSPCC](https://www.nspcc.org.uk/keeping-children-safe/online-safety/) and www.thinkuknow.co.uk.\n\n",
                    SENTENCES[rng.next(SENTENCES.len())],
                    SENTENCES[rng.next(SENTENCES.len())],
                );
                text.push_str("| Role | Duty |\n|---|---|\n| Headteacher | Approves the policy |\n| Governors | Monitor it |\n\n");
            }
            if s == 2 && i % 10 == 0 {
                text.push_str("```python\nfor pupil in register:\n    print(pupil.name)\n```\n\n");
            }
        }
        write(&format!("content/policies/policy-{i}.md"), &text);
    }
}

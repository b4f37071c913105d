//! The scheduler: a bounded pool of worker threads that runs every
//! [`Probe`] to its outcome, politely. Each request (not each link) is
//! scheduled on its own, under the host it goes to, so that:
//!
//! - no more than `per_host` requests to one host are open at once, counting
//!   redirects that lead from one host to another;
//! - two requests to one host start at least `delay` apart;
//! - a probe waiting to try again (back-off, `Retry-After`) holds no thread:
//!   its next request waits in its host's queue until it is due.
//!
//! Workers share one queue per host behind a mutex; a worker that finds
//! nothing it may send sleeps on a condition variable until the earliest
//! request is due or another worker finishes one.

use std::collections::{HashMap, VecDeque};
use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use super::client::Fetch;
use super::policy::{Outcome, Policy, Probe, Step};
use super::url;

/// How much to do at once.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// Worker threads: requests open at once, over all hosts.
    pub threads: usize,
    /// Requests open at once to one host.
    pub per_host: usize,
    /// Least time between the starts of two requests to one host.
    pub delay: Duration,
}

/// A probe waiting for its next request to be sent.
struct Job {
    probe: Probe,
    not_before: Instant,
}

#[derive(Default)]
struct Host {
    queue: VecDeque<Job>,
    open: usize,
    next_start: Option<Instant>,
}

struct State {
    hosts: HashMap<String, Host>,
    /// Probes not finished yet.
    remaining: usize,
    done: Vec<(String, Outcome)>,
}

enum Pick {
    Send(String, Job),
    WaitUntil(Instant),
    Wait,
}

impl State {
    fn push(&mut self, probe: Probe, not_before: Instant) {
        let host = url::host(&probe.request().url);
        self.hosts
            .entry(host)
            .or_default()
            .queue
            .push_back(Job { probe, not_before });
    }

    /// The first request that may be sent now, or when to look again.
    fn pick(&mut self, now: Instant, limits: &Limits) -> Pick {
        let mut earliest: Option<Instant> = None;
        let mut chosen: Option<(String, usize)> = None;
        for (name, host) in &self.hosts {
            if host.open >= limits.per_host || host.queue.is_empty() {
                continue;
            }
            let host_ready = host.next_start.unwrap_or(now);
            let job = host
                .queue
                .iter()
                .enumerate()
                .min_by_key(|(_, j)| j.not_before);
            let Some((index, job)) = job else { continue };
            let due = host_ready.max(job.not_before);
            if due <= now {
                chosen = Some((name.clone(), index));
                break;
            }
            earliest = Some(earliest.map_or(due, |e: Instant| e.min(due)));
        }
        if let Some((name, index)) = chosen
            && let Some(host) = self.hosts.get_mut(&name)
            && let Some(job) = host.queue.remove(index)
        {
            host.open += 1;
            host.next_start = Some(now + limits.delay);
            return Pick::Send(name, job);
        }
        match earliest {
            Some(t) => Pick::WaitUntil(t),
            None => Pick::Wait,
        }
    }
}

struct Shared<'a, F: Fetch> {
    state: Mutex<State>,
    wake: Condvar,
    fetch: &'a F,
    policy: &'a Policy,
    limits: Limits,
    total: usize,
    on_progress: &'a (dyn Fn(usize, usize) + Sync),
}

impl<F: Fetch> Shared<'_, F> {
    fn lock(&self) -> MutexGuard<'_, State> {
        // A worker that panicked leaves the state as consistent as any
        // other moment between two requests.
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn work(&self) {
        let mut state = self.lock();
        loop {
            if state.remaining == 0 {
                return;
            }
            let now = Instant::now();
            match state.pick(now, &self.limits) {
                Pick::Send(host, mut job) => {
                    drop(state);
                    let reply = self.fetch.fetch(&job.probe.request());
                    let step = job.probe.next(reply, self.policy);
                    state = self.lock();
                    if let Some(h) = state.hosts.get_mut(&host) {
                        h.open -= 1;
                    }
                    match step {
                        Step::Send { wait, .. } => {
                            state.push(job.probe, Instant::now() + wait);
                        }
                        Step::Done(outcome) => {
                            state.remaining -= 1;
                            state.done.push((job.probe.url, outcome));
                            let finished = self.total - state.remaining;
                            (self.on_progress)(finished, self.total);
                        }
                    }
                    self.wake.notify_all();
                }
                Pick::WaitUntil(when) => {
                    let timeout = when.saturating_duration_since(now);
                    state = self
                        .wake
                        .wait_timeout(state, timeout)
                        .unwrap_or_else(PoisonError::into_inner)
                        .0;
                }
                Pick::Wait => {
                    state = self
                        .wake
                        .wait(state)
                        .unwrap_or_else(PoisonError::into_inner);
                }
            }
        }
    }
}

/// Checks every address of `urls`; `on_progress(done, total)` is called as
/// each one finishes. Returns each address with its outcome, in no
/// particular order.
pub(crate) fn run<F: Fetch>(
    urls: Vec<String>,
    fetch: &F,
    policy: &Policy,
    limits: Limits,
    on_progress: &(dyn Fn(usize, usize) + Sync),
) -> Vec<(String, Outcome)> {
    let total = urls.len();
    if total == 0 {
        return Vec::new();
    }
    let limits = Limits {
        threads: limits.threads.max(1),
        per_host: limits.per_host.max(1),
        delay: limits.delay,
    };
    let mut state = State {
        hosts: HashMap::new(),
        remaining: total,
        done: Vec::with_capacity(total),
    };
    let start = Instant::now();
    for u in urls {
        state.push(Probe::new(u), start);
    }
    let shared = Shared {
        state: Mutex::new(state),
        wake: Condvar::new(),
        fetch,
        policy,
        limits,
        total,
        on_progress,
    };
    let workers = limits.threads.min(total);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| shared.work());
        }
    });
    shared
        .state
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner)
        .done
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::external_links::policy::{Reply, Request};
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Answers after `latency`, counting requests open at once per host.
    struct Fake {
        latency: Duration,
        open: Mutex<HashMap<String, usize>>,
        max_open: Mutex<HashMap<String, usize>>,
        starts: Mutex<HashMap<String, Vec<Instant>>>,
        requests: AtomicUsize,
        answer: fn(&str, usize) -> Reply,
    }

    impl Fake {
        fn new(latency_ms: u64, answer: fn(&str, usize) -> Reply) -> Fake {
            Fake {
                latency: Duration::from_millis(latency_ms),
                open: Mutex::default(),
                max_open: Mutex::default(),
                starts: Mutex::default(),
                requests: AtomicUsize::new(0),
                answer,
            }
        }
    }

    impl Fetch for Fake {
        fn fetch(&self, request: &Request) -> Reply {
            let host = url::host(&request.url);
            let n = self.requests.fetch_add(1, Ordering::SeqCst);
            self.starts
                .lock()
                .unwrap()
                .entry(host.clone())
                .or_default()
                .push(Instant::now());
            {
                let mut open = self.open.lock().unwrap();
                let o = open.entry(host.clone()).or_default();
                *o += 1;
                let mut max = self.max_open.lock().unwrap();
                let m = max.entry(host.clone()).or_default();
                *m = (*m).max(*o);
            }
            std::thread::sleep(self.latency);
            *self.open.lock().unwrap().get_mut(&host).unwrap() -= 1;
            (self.answer)(&request.url, n)
        }
    }

    fn ok(_: &str, _: usize) -> Reply {
        Reply::Status {
            status: 200,
            location: None,
            retry_after: None,
        }
    }

    fn policy() -> Policy {
        Policy {
            max_redirects: 5,
            retries: 2,
            retry_wait: Duration::from_millis(50),
            max_retry_after: Duration::from_secs(1),
        }
    }

    #[test]
    fn per_host_limit_holds_and_hosts_run_side_by_side() {
        let fake = Fake::new(5, ok);
        let urls: Vec<String> = (0..200)
            .map(|i| format!("https://host{}.test/{i}", i % 5))
            .collect();
        let limits = Limits {
            threads: 8,
            per_host: 2,
            delay: Duration::ZERO,
        };
        let done = AtomicUsize::new(0);
        let results = run(urls, &fake, &policy(), limits, &|n, total| {
            assert_eq!(total, 200);
            done.fetch_max(n, Ordering::SeqCst);
        });
        assert_eq!(results.len(), 200);
        assert_eq!(done.load(Ordering::SeqCst), 200);
        let max = fake.max_open.lock().unwrap();
        assert_eq!(max.len(), 5);
        assert!(max.values().all(|&m| m <= 2), "{max:?}");
        // Eight threads over five hosts at two each: hosts overlapped.
        assert!(max.values().any(|&m| m == 2), "{max:?}");
    }

    #[test]
    fn requests_to_one_host_start_at_least_the_delay_apart() {
        let fake = Fake::new(0, ok);
        let urls: Vec<String> = (0..6).map(|i| format!("https://one.test/{i}")).collect();
        let limits = Limits {
            threads: 4,
            per_host: 2,
            delay: Duration::from_millis(30),
        };
        run(urls, &fake, &policy(), limits, &|_, _| {});
        let starts = fake.starts.lock().unwrap();
        let mut times = starts["one.test"].clone();
        times.sort();
        for pair in times.windows(2) {
            assert!(pair[1] - pair[0] >= Duration::from_millis(29), "{pair:?}");
        }
    }

    #[test]
    fn retries_wait_without_holding_a_thread() {
        // One thread: the retried probe's back-off must not stop the others.
        fn flaky(url: &str, _: usize) -> Reply {
            let status = if url.ends_with("/flaky") { 503 } else { 200 };
            Reply::Status {
                status,
                location: None,
                retry_after: None,
            }
        }
        let fake = Fake::new(0, flaky);
        let mut urls = vec!["https://a.test/flaky".to_string()];
        urls.extend((0..20).map(|i| format!("https://b.test/{i}")));
        let limits = Limits {
            threads: 1,
            per_host: 2,
            delay: Duration::ZERO,
        };
        let started = Instant::now();
        let results = run(urls, &fake, &policy(), limits, &|_, _| {});
        assert!(started.elapsed() >= Duration::from_millis(150));
        let flaky = results.iter().find(|(u, _)| u.ends_with("/flaky")).unwrap();
        assert!(matches!(
            flaky.1,
            Outcome::Unreachable {
                status: Some(503),
                ..
            }
        ));
        assert_eq!(fake.requests.load(Ordering::SeqCst), 23);
    }

    #[test]
    fn nothing_to_do_is_done_at_once() {
        let fake = Fake::new(0, ok);
        let limits = Limits {
            threads: 4,
            per_host: 2,
            delay: Duration::ZERO,
        };
        assert!(run(Vec::new(), &fake, &policy(), limits, &|_, _| {}).is_empty());
    }
}

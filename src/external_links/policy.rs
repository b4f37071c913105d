//! How one address is checked, as a state machine with no I/O of its own:
//! a [`Probe`] says which request to send next; given the [`Reply`], it says
//! what to send after that (and how long to wait first), or what the link's
//! [`Outcome`] is. The scheduler sends the requests; this file holds every
//! rule:
//!
//! - `HEAD` first; `GET` when a server refuses `HEAD` (405, 403, 501), and to
//!   confirm a 404 or 410 (some servers answer `HEAD` wrongly) before a link
//!   is called dead;
//! - redirects followed one by one, up to a limit, so that a permanent one
//!   (301, 308) is told from a temporary one and its new address is known;
//! - 429, 5xx, time-outs and failed connections tried again after a pause
//!   that doubles each time, or that the server's `Retry-After` asks for
//!   (capped);
//! - 404, 410 and a host name that does not exist: the link is dead.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::url;

/// The rules' settings (from `[external_links]`).
#[derive(Debug, Clone)]
pub(crate) struct Policy {
    pub max_redirects: u32,
    /// Tries after the first, for answers that may be passing faults.
    pub retries: u32,
    /// The first pause before trying again; it doubles for each try.
    pub retry_wait: Duration,
    /// The longest `Retry-After` honoured.
    pub max_retry_after: Duration,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Method {
    Head,
    Get,
}

/// One HTTP request to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Request {
    pub url: String,
    pub method: Method,
}

/// What came back for a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Reply {
    /// The server answered.
    Status {
        status: u16,
        location: Option<String>,
        retry_after: Option<Duration>,
    },
    /// No answer.
    Failed(Failure),
}

/// Why a request got no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Failure {
    /// The host name does not exist.
    NoSuchHost,
    /// No answer within the time-out.
    Timeout,
    /// The connection failed or broke (refused, reset, a name look-up that
    /// failed for now): worth another try.
    Connection(String),
    /// A failure that trying again will not mend (TLS, a bad address).
    Permanent(String),
}

/// What a link's check found. Stored in the cache, so its form is stable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "result", rename_all = "kebab-case")]
pub(crate) enum Outcome {
    /// The address answers (2xx, or an answer that is not a fault of the
    /// link, such as 401 for a page behind a login).
    Ok { status: u16 },
    /// The address has moved permanently; `to` is the address to write.
    Redirect { status: u16, to: String },
    /// 404, 410, or no such host.
    Dead { status: Option<u16>, reason: String },
    /// Time-outs, 5xx or 429, still failing after the tries allowed.
    Unreachable { status: Option<u16>, reason: String },
}

impl Outcome {
    /// Failures are kept in the cache for less time than good links.
    pub(crate) fn is_failure(&self) -> bool {
        matches!(self, Outcome::Dead { .. } | Outcome::Unreachable { .. })
    }
}

/// The next thing to do for a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Step {
    /// Send `request`, but not before `wait` has passed.
    Send {
        request: Request,
        wait: Duration,
    },
    Done(Outcome),
}

/// The check of one address, from its first request to its outcome.
#[derive(Debug, Clone)]
pub(crate) struct Probe {
    /// The address as checked (the cache key).
    pub url: String,
    current: String,
    method: Method,
    redirects: u32,
    /// Tries of the current request so far, after the first.
    retries_used: u32,
    /// Still in the leading run of permanent redirects.
    all_permanent: bool,
    /// The first redirect's status and where the leading run of permanent
    /// redirects ended.
    moved: Option<(u16, String)>,
}

impl Probe {
    pub(crate) fn new(url: impl Into<String>) -> Probe {
        let url = url.into();
        Probe {
            current: url.clone(),
            url,
            method: Method::Head,
            redirects: 0,
            retries_used: 0,
            all_permanent: true,
            moved: None,
        }
    }

    /// The request to send now.
    pub(crate) fn request(&self) -> Request {
        Request {
            url: self.current.clone(),
            method: self.method,
        }
    }

    /// What to do after `reply` to [`Probe::request`].
    pub(crate) fn next(&mut self, reply: Reply, policy: &Policy) -> Step {
        match reply {
            Reply::Status {
                status,
                location,
                retry_after,
            } => self.on_status(status, location, retry_after, policy),
            Reply::Failed(Failure::NoSuchHost) => self.done(Outcome::Dead {
                status: None,
                reason: format!("no host has the name `{}`", url::host(&self.current)),
            }),
            Reply::Failed(Failure::Timeout) => {
                self.retry_or(policy, None, |tries| Outcome::Unreachable {
                    status: None,
                    reason: format!("no answer in time ({})", times(tries)),
                })
            }
            Reply::Failed(Failure::Connection(why)) => {
                self.retry_or(policy, None, |tries| Outcome::Unreachable {
                    status: None,
                    reason: format!("{why} ({})", times(tries)),
                })
            }
            Reply::Failed(Failure::Permanent(why)) => self.done(Outcome::Unreachable {
                status: None,
                reason: why,
            }),
        }
    }

    fn on_status(
        &mut self,
        status: u16,
        location: Option<String>,
        retry_after: Option<Duration>,
        policy: &Policy,
    ) -> Step {
        match (status, location) {
            (301 | 302 | 303 | 307 | 308, Some(location)) => self.follow(status, &location, policy),
            // Refused, or perhaps answered wrongly: ask again with GET.
            (405 | 403 | 501 | 404 | 410, _) if self.method == Method::Head => {
                self.method = Method::Get;
                self.send(Duration::ZERO)
            }
            (404 | 410, _) => self.done(Outcome::Dead {
                status: Some(status),
                reason: format!("the server answers {}", describe(status)),
            }),
            (429 | 500..=599, _) => {
                self.retry_or(policy, retry_after, |tries| Outcome::Unreachable {
                    status: Some(status),
                    reason: format!(
                        "the server answered {} ({})",
                        describe(status),
                        times(tries)
                    ),
                })
            }
            _ => self.done(Outcome::Ok { status }),
        }
    }

    fn follow(&mut self, status: u16, location: &str, policy: &Policy) -> Step {
        let Some(target) = url::resolve(&self.current, location) else {
            return self.done(Outcome::Unreachable {
                status: Some(status),
                reason: format!("the server redirects to `{location}`, which is not an address"),
            });
        };
        self.redirects += 1;
        if self.redirects > policy.max_redirects {
            return self.done(Outcome::Unreachable {
                status: Some(status),
                reason: format!(
                    "more than {} redirects (a redirect loop?)",
                    policy.max_redirects
                ),
            });
        }
        let permanent = matches!(status, 301 | 308);
        if self.all_permanent && permanent {
            let first = self.moved.as_ref().map_or(status, |(s, _)| *s);
            self.moved = Some((first, target.clone()));
        } else {
            self.all_permanent = false;
        }
        self.current = target;
        self.method = Method::Head;
        self.retries_used = 0;
        self.send(Duration::ZERO)
    }

    fn retry_or(
        &mut self,
        policy: &Policy,
        retry_after: Option<Duration>,
        give_up: impl FnOnce(u32) -> Outcome,
    ) -> Step {
        if self.retries_used >= policy.retries {
            return self.done(give_up(self.retries_used + 1));
        }
        let backoff = policy
            .retry_wait
            .saturating_mul(2u32.saturating_pow(self.retries_used));
        self.retries_used += 1;
        let wait = retry_after.map_or(backoff, |asked| asked.min(policy.max_retry_after));
        self.send(wait)
    }

    fn send(&self, wait: Duration) -> Step {
        Step::Send {
            request: self.request(),
            wait,
        }
    }

    /// The outcome, reworded when redirects led to it.
    fn done(&self, outcome: Outcome) -> Step {
        let outcome = match outcome {
            Outcome::Ok { .. } => match &self.moved {
                Some((status, to)) => Outcome::Redirect {
                    status: *status,
                    to: to.clone(),
                },
                None => outcome,
            },
            Outcome::Dead { status, reason } if self.redirects > 0 => Outcome::Dead {
                status,
                reason: format!("it redirects to `{}`, where {reason}", self.current),
            },
            Outcome::Unreachable { status, reason } if self.redirects > 0 => Outcome::Unreachable {
                status,
                reason: format!("it redirects to `{}`: {reason}", self.current),
            },
            other => other,
        };
        Step::Done(outcome)
    }
}

fn times(tries: u32) -> String {
    if tries == 1 {
        "1 try".to_string()
    } else {
        format!("{tries} tries")
    }
}

/// "404 Not Found", or the bare number for a status with no common name.
pub(crate) fn describe(status: u16) -> String {
    match ureq::http::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
    {
        Some(name) => format!("{status} {name}"),
        None => status.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn policy() -> Policy {
        Policy {
            max_redirects: 3,
            retries: 2,
            retry_wait: Duration::from_secs(1),
            max_retry_after: Duration::from_secs(10),
        }
    }

    fn status(code: u16) -> Reply {
        Reply::Status {
            status: code,
            location: None,
            retry_after: None,
        }
    }

    fn redirect(code: u16, to: &str) -> Reply {
        Reply::Status {
            status: code,
            location: Some(to.to_string()),
            retry_after: None,
        }
    }

    /// Runs a probe against scripted replies; returns the requests it sent
    /// (method, url, wait) and the outcome.
    fn run(replies: Vec<Reply>) -> (Vec<(Method, String, Duration)>, Outcome) {
        let mut probe = Probe::new("https://a.org/page");
        let mut sent = vec![(Method::Head, probe.request().url, Duration::ZERO)];
        for reply in replies {
            match probe.next(reply, &policy()) {
                Step::Send { request, wait } => sent.push((request.method, request.url, wait)),
                Step::Done(outcome) => return (sent, outcome),
            }
        }
        panic!("no outcome after the scripted replies: {sent:?}");
    }

    #[test]
    fn a_good_link_takes_one_head() {
        let (sent, outcome) = run(vec![status(200)]);
        assert_eq!(sent.len(), 1);
        assert_eq!(outcome, Outcome::Ok { status: 200 });
    }

    #[test]
    fn head_refused_falls_back_to_get() {
        for refused in [405, 403, 501] {
            let (sent, outcome) = run(vec![status(refused), status(200)]);
            assert_eq!(sent[1].0, Method::Get);
            assert_eq!(outcome, Outcome::Ok { status: 200 });
        }
    }

    #[test]
    fn not_found_is_confirmed_with_get_then_dead() {
        let (sent, outcome) = run(vec![status(404), status(404)]);
        assert_eq!(sent[1].0, Method::Get);
        assert!(matches!(
            outcome,
            Outcome::Dead {
                status: Some(404),
                ..
            }
        ));
        let (_, outcome) = run(vec![status(410), status(410)]);
        assert!(matches!(
            outcome,
            Outcome::Dead {
                status: Some(410),
                ..
            }
        ));
        // A server that answers HEAD wrongly.
        let (_, outcome) = run(vec![status(404), status(200)]);
        assert_eq!(outcome, Outcome::Ok { status: 200 });
    }

    #[test]
    fn permanent_redirects_give_the_new_address() {
        let (sent, outcome) = run(vec![redirect(301, "/new"), status(200)]);
        assert_eq!(sent[1].1, "https://a.org/new");
        assert_eq!(
            outcome,
            Outcome::Redirect {
                status: 301,
                to: "https://a.org/new".into()
            }
        );
        // The leading run of permanent redirects decides the new address.
        let (_, outcome) = run(vec![
            redirect(308, "https://b.org/"),
            redirect(302, "https://b.org/login"),
            status(200),
        ]);
        assert_eq!(
            outcome,
            Outcome::Redirect {
                status: 308,
                to: "https://b.org/".into()
            }
        );
    }

    #[test]
    fn temporary_redirects_are_fine() {
        let (_, outcome) = run(vec![
            redirect(302, "/tmp"),
            redirect(301, "/elsewhere"),
            status(200),
        ]);
        assert_eq!(outcome, Outcome::Ok { status: 200 });
    }

    #[test]
    fn redirect_loops_stop_at_the_limit() {
        let (sent, outcome) = run(vec![
            redirect(302, "/a"),
            redirect(302, "/b"),
            redirect(302, "/a"),
            redirect(302, "/b"),
        ]);
        assert_eq!(sent.len(), 4);
        assert!(
            matches!(outcome, Outcome::Unreachable { .. }),
            "{outcome:?}"
        );
    }

    #[test]
    fn a_redirect_to_a_dead_page_is_dead() {
        let (_, outcome) = run(vec![redirect(301, "/gone"), status(404), status(404)]);
        match outcome {
            Outcome::Dead { reason, .. } => {
                assert!(reason.contains("https://a.org/gone"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn server_errors_are_tried_again_with_doubling_waits() {
        let (sent, outcome) = run(vec![status(500), status(502), status(200)]);
        let waits: Vec<_> = sent.iter().map(|s| s.2.as_secs()).collect();
        assert_eq!(waits, [0, 1, 2]);
        assert_eq!(outcome, Outcome::Ok { status: 200 });
        let (sent, outcome) = run(vec![status(503), status(503), status(503)]);
        assert_eq!(sent.len(), 3);
        match outcome {
            Outcome::Unreachable { status, reason } => {
                assert_eq!(status, Some(503));
                assert!(reason.contains("3 tries"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn retry_after_is_honoured_up_to_the_cap() {
        let too_many = |secs| Reply::Status {
            status: 429,
            location: None,
            retry_after: Some(Duration::from_secs(secs)),
        };
        let (sent, _) = run(vec![too_many(5), too_many(3600), status(200)]);
        assert_eq!(sent[1].2, Duration::from_secs(5));
        assert_eq!(sent[2].2, Duration::from_secs(10));
    }

    #[test]
    fn failures_without_an_answer() {
        let (_, outcome) = run(vec![Reply::Failed(Failure::NoSuchHost)]);
        assert!(matches!(outcome, Outcome::Dead { status: None, .. }));
        let timeout = || Reply::Failed(Failure::Timeout);
        let (sent, outcome) = run(vec![timeout(), timeout(), timeout()]);
        assert_eq!(sent.len(), 3);
        assert!(matches!(outcome, Outcome::Unreachable { status: None, .. }));
        let (sent, outcome) = run(vec![Reply::Failed(Failure::Permanent(
            "bad certificate".into(),
        ))]);
        assert_eq!(sent.len(), 1);
        assert!(matches!(outcome, Outcome::Unreachable { .. }));
    }

    #[test]
    fn other_client_errors_are_not_findings() {
        let (_, outcome) = run(vec![status(401)]);
        assert_eq!(outcome, Outcome::Ok { status: 401 });
    }

    #[test]
    fn outcomes_survive_json() {
        for o in [
            Outcome::Ok { status: 200 },
            Outcome::Redirect {
                status: 301,
                to: "https://b.org/".into(),
            },
            Outcome::Dead {
                status: None,
                reason: "no host".into(),
            },
        ] {
            let text = serde_json::to_string(&o).unwrap();
            assert_eq!(serde_json::from_str::<Outcome>(&text).unwrap(), o);
        }
    }
}

//! The HTTP client: one request at a time through a shared `ureq` agent,
//! with the time-outs of `[external_links]`, an honest User-Agent, and no
//! redirect followed on its own (the [policy](super::policy) follows them
//! one by one, to tell permanent from temporary ones). Its only job is to
//! turn what happened into a [`Reply`].

use std::io;
use std::time::Duration;

use super::policy::{Failure, Method, Reply, Request};
use super::url;

/// The User-Agent every request carries: who is asking, and why.
pub(crate) fn user_agent() -> String {
    format!(
        "Charter/{} (static-site link checker; checks that the links of a school's policy site still work)",
        env!("CARGO_PKG_VERSION")
    )
}

/// Anything that can send one request: the real client, or a stand-in in
/// the scheduler's tests.
pub(crate) trait Fetch: Sync {
    fn fetch(&self, request: &Request) -> Reply;
}

/// Time-outs for one request.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Timeouts {
    /// To open the connection (name look-up, TCP and TLS).
    pub connect: Duration,
    /// For the whole request, from start to the end of the response's headers.
    pub total: Duration,
}

/// The real client.
pub(crate) struct Client {
    agent: ureq::Agent,
}

impl Client {
    /// `idle_per_host` connections to each host are kept open for reuse.
    pub(crate) fn new(timeouts: Timeouts, idle_per_host: usize, idle_total: usize) -> Client {
        let config = ureq::Agent::config_builder()
            .timeout_connect(Some(timeouts.connect))
            .timeout_global(Some(timeouts.total))
            .max_redirects(0)
            .http_status_as_error(false)
            .user_agent(user_agent())
            .max_idle_connections(idle_total.max(1))
            .max_idle_connections_per_host(idle_per_host.max(1))
            .build();
        Client {
            agent: config.into(),
        }
    }
}

impl Fetch for Client {
    fn fetch(&self, request: &Request) -> Reply {
        let target = url::encode_for_request(&request.url);
        let result = match request.method {
            Method::Head => self.agent.head(&target).call(),
            Method::Get => self.agent.get(&target).call(),
        };
        match result {
            // The body is never read: dropping it closes the connection.
            Ok(response) => {
                let header = |name: &str| {
                    response
                        .headers()
                        .get(name)
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_string)
                };
                Reply::Status {
                    status: response.status().as_u16(),
                    location: header("location"),
                    retry_after: header("retry-after").and_then(|v| retry_after(&v)),
                }
            }
            Err(e) => Reply::Failed(failure(e)),
        }
    }
}

/// `Retry-After`: a number of seconds, or an HTTP date.
pub(crate) fn retry_after(value: &str) -> Option<Duration> {
    let value = value.trim();
    if let Ok(secs) = value.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = jiff::fmt::rfc2822::DateTimeParser::new()
        .parse_timestamp(value)
        .ok()?;
    let secs = when
        .as_second()
        .saturating_sub(jiff::Timestamp::now().as_second());
    Some(Duration::from_secs(u64::try_from(secs).unwrap_or(0)))
}

fn failure(e: ureq::Error) -> Failure {
    let text = e.to_string();
    match e {
        ureq::Error::HostNotFound => Failure::NoSuchHost,
        ureq::Error::Timeout(_) => Failure::Timeout,
        ureq::Error::Io(io) => io_failure(&io),
        ureq::Error::ConnectionFailed => Failure::Connection("the connection failed".into()),
        ureq::Error::BadUri(why) => {
            Failure::Permanent(format!("the address cannot be requested: {why}"))
        }
        ureq::Error::Http(why) => {
            Failure::Permanent(format!("the address cannot be requested: {why}"))
        }
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) | ureq::Error::Pem(_) => {
            Failure::Permanent(format!("the secure connection failed: {text}"))
        }
        ureq::Error::Protocol(why) => {
            Failure::Connection(format!("the server's answer could not be read ({why})"))
        }
        _ => Failure::Connection(text),
    }
}

/// Name look-ups fail through `std` as I/O errors whose text carries the
/// resolver's reason: "Name or service not known" means no such host,
/// "Temporary failure in name resolution" a passing fault (or no network).
fn io_failure(e: &io::Error) -> Failure {
    let text = e.to_string();
    if text.contains("failed to lookup address") {
        let transient = text.contains("Temporary failure")
            || text.contains("try again")
            || text.contains("System error");
        return if transient {
            Failure::Connection("the host name could not be looked up for now".into())
        } else {
            Failure::NoSuchHost
        };
    }
    match e.kind() {
        io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => Failure::Timeout,
        io::ErrorKind::ConnectionRefused => {
            Failure::Connection("the connection was refused".into())
        }
        // How TLS failures come through the connection: trying again
        // will not mend a certificate or a server that does not speak TLS.
        io::ErrorKind::InvalidData => {
            Failure::Permanent(format!("the secure connection failed ({text})"))
        }
        io::ErrorKind::ConnectionReset | io::ErrorKind::ConnectionAborted => {
            Failure::Connection("the connection was closed before an answer".into())
        }
        _ => Failure::Connection(format!("the connection failed ({text})")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_takes_seconds_or_a_date() {
        assert_eq!(retry_after("1"), Some(Duration::from_secs(1)));
        assert_eq!(retry_after(" 120 "), Some(Duration::from_secs(120)));
        // A date in the past means "now".
        assert_eq!(
            retry_after("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(retry_after("soon"), None);
    }

    #[test]
    fn look_up_failures_are_told_apart() {
        let gone =
            io::Error::other("failed to lookup address information: Name or service not known");
        assert_eq!(io_failure(&gone), Failure::NoSuchHost);
        let offline = io::Error::other(
            "failed to lookup address information: Temporary failure in name resolution",
        );
        assert!(matches!(io_failure(&offline), Failure::Connection(_)));
        let refused = io::Error::from(io::ErrorKind::ConnectionRefused);
        assert!(matches!(io_failure(&refused), Failure::Connection(_)));
        let tls = io::Error::new(io::ErrorKind::InvalidData, "bad certificate");
        assert!(matches!(io_failure(&tls), Failure::Permanent(_)));
    }

    #[test]
    fn the_user_agent_names_charter_and_its_version() {
        assert!(user_agent().starts_with(&format!("Charter/{} (", env!("CARGO_PKG_VERSION"))));
    }
}

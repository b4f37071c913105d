//! A small HTTP/1.1 test server on a loopback address (127.0.0.N, an
//! ephemeral port), built on `std::net`: one thread per connection,
//! keep-alive, fixed routes. It counts requests and the most requests it
//! ever had open at once, and logs each one (time, method, path,
//! User-Agent) so tests can prove what the checker did.
//!
//! A request counts as open from the moment its head has been read until
//! its answer is decided (before it is written), or until the client hangs
//! up on a slow answer: so the server never sees more open requests than
//! the client has, and a count above the limit is a real breach.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, ErrorKind, Write};
use std::net::{Ipv4Addr, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

/// One logged request.
#[derive(Debug, Clone)]
pub(crate) struct Hit {
    pub at: Instant,
    pub method: String,
    pub path: String,
    pub user_agent: String,
}

#[derive(Default)]
struct Stats {
    open: AtomicUsize,
    max_open: AtomicUsize,
    log: Mutex<Vec<Hit>>,
    per_path: Mutex<HashMap<String, usize>>,
}

pub(crate) struct Server {
    pub addr: SocketAddr,
    stats: Arc<Stats>,
    stop: Arc<AtomicBool>,
    /// How long `/fast/…` takes to answer.
    latency: Duration,
}

/// The longest a slow answer is held back (the client gives up sooner).
const SLOW: Duration = Duration::from_secs(3);

impl Server {
    /// A server on 127.0.0.`n`; `/fast/…` answers after `latency`.
    pub(crate) fn start(n: u8, latency: Duration) -> Server {
        let listener = TcpListener::bind((Ipv4Addr::new(127, 0, 0, n), 0)).expect("bind loopback");
        let addr = listener.local_addr().unwrap();
        let stats = Arc::new(Stats::default());
        let stop = Arc::new(AtomicBool::new(false));
        let (s, st) = (stats.clone(), stop.clone());
        thread::spawn(move || {
            for conn in listener.incoming() {
                if st.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let s = s.clone();
                thread::spawn(move || serve(conn, &s, latency));
            }
        });
        Server {
            addr,
            stats,
            stop,
            latency,
        }
    }

    /// `http://127.0.0.N:PORT{path}`.
    pub(crate) fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    pub(crate) fn requests(&self) -> usize {
        self.stats.log.lock().unwrap().len()
    }

    pub(crate) fn max_open(&self) -> usize {
        self.stats.max_open.load(Ordering::SeqCst)
    }

    pub(crate) fn hits(&self, path: &str) -> Vec<Hit> {
        self.stats
            .log
            .lock()
            .unwrap()
            .iter()
            .filter(|h| h.path == path)
            .cloned()
            .collect()
    }

    pub(crate) fn log(&self) -> Vec<Hit> {
        self.stats.log.lock().unwrap().clone()
    }

    pub(crate) fn latency(&self) -> Duration {
        self.latency
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so that it sees the flag and ends.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
    }
}

enum Answer {
    Status(u16, Vec<(&'static str, String)>),
    /// Hold the answer back until the client gives up (or `SLOW` passes).
    Slow,
}

fn route(method: &str, path: &str, nth: usize, latency: Duration) -> Answer {
    let status = |code| Answer::Status(code, Vec::new());
    match path {
        "/ok" => status(200),
        "/moved" => Answer::Status(301, vec![("Location", "/ok".into())]),
        "/found-elsewhere" => Answer::Status(302, vec![("Location", "/ok".into())]),
        "/missing" => status(404),
        "/gone" => status(410),
        "/no-head" if method == "HEAD" => status(405),
        "/no-head" => status(200),
        "/busy" if nth == 1 => Answer::Status(429, vec![("Retry-After", "1".into())]),
        "/busy" => status(200),
        "/flaky" if nth <= 2 => status(500),
        "/flaky" => status(200),
        "/down" => status(503),
        "/slow" => Answer::Slow,
        p if p.starts_with("/fast/") => {
            thread::sleep(latency);
            status(200)
        }
        _ => status(404),
    }
}

fn serve(conn: TcpStream, stats: &Stats, latency: Duration) {
    let _ = conn.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(conn);
    loop {
        let mut request_line = String::new();
        match reader.read_line(&mut request_line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let mut user_agent = String::new();
        loop {
            let mut line = String::new();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((name, value)) = line.split_once(':')
                && name.eq_ignore_ascii_case("user-agent")
            {
                user_agent = value.trim().to_string();
            }
        }
        let mut parts = request_line.split_whitespace();
        let method = parts.next().unwrap_or("").to_string();
        let path = parts.next().unwrap_or("").to_string();
        let now_open = stats.open.fetch_add(1, Ordering::SeqCst) + 1;
        stats.max_open.fetch_max(now_open, Ordering::SeqCst);
        let nth = {
            let mut per_path = stats.per_path.lock().unwrap();
            let n = per_path.entry(path.clone()).or_default();
            *n += 1;
            *n
        };
        stats.log.lock().unwrap().push(Hit {
            at: Instant::now(),
            method: method.clone(),
            path: path.clone(),
            user_agent,
        });
        let answer = route(&method, &path, nth, latency);
        let (code, headers) = match answer {
            Answer::Status(code, headers) => {
                stats.open.fetch_sub(1, Ordering::SeqCst);
                (code, headers)
            }
            Answer::Slow => {
                let started = Instant::now();
                let stream = reader.get_ref();
                let mut hung_up = false;
                while started.elapsed() < SLOW && !hung_up {
                    thread::sleep(Duration::from_millis(5));
                    let _ = stream.set_nonblocking(true);
                    hung_up = match stream.peek(&mut [0u8; 1]) {
                        Ok(0) => true,
                        Ok(_) => false,
                        Err(e) => e.kind() != ErrorKind::WouldBlock,
                    };
                    let _ = stream.set_nonblocking(false);
                }
                stats.open.fetch_sub(1, Ordering::SeqCst);
                if hung_up {
                    return;
                }
                (200, Vec::new())
            }
        };
        let body = "ok\n";
        let mut head = format!(
            "HTTP/1.1 {code} Test\r\nContent-Length: {}\r\nContent-Type: text/plain\r\n",
            body.len()
        );
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        let stream = reader.get_mut();
        let mut out = head.into_bytes();
        if method != "HEAD" {
            out.extend_from_slice(body.as_bytes());
        }
        if stream
            .write_all(&out)
            .and_then(|()| stream.flush())
            .is_err()
        {
            return;
        }
    }
}

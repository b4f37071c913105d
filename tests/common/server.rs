//! A running `charter serve` for the tests, over real HTTP on 127.0.0.1:
//! requests written by hand on a `TcpStream` (so paths reach the server
//! exactly as written), its event stream, its output, and Ctrl-C.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// The day the served sites' review statuses are worked out for.
pub(crate) const SERVE_TODAY: &str = "2026-11-23";

/// A running `charter serve`, stopped with SIGINT when dropped.
pub(crate) struct Server {
    child: Child,
    /// `127.0.0.1:PORT`.
    pub addr: String,
    stdout: Arc<Mutex<Vec<String>>>,
    pub stderr: Arc<Mutex<Vec<String>>>,
}

/// Keeps reading a child's output so that it never blocks on a full pipe.
fn drain(r: impl Read + Send + 'static, into: Arc<Mutex<Vec<String>>>) {
    std::thread::spawn(move || {
        for line in BufReader::new(r).lines().map_while(Result::ok) {
            into.lock().unwrap().push(line);
        }
    });
}

impl Server {
    /// `charter serve` of the site in `site`, with `extra` arguments.
    pub(crate) fn start(site: &Path, extra: &[&str]) -> Server {
        Server::start_with(site, extra, &[])
    }

    /// [`Server::start`] with more environment variables.
    pub(crate) fn start_with(site: &Path, extra: &[&str], env: &[(&str, &str)]) -> Server {
        // The shared day, unless the test gives its own.
        let today: &[&str] = if extra.contains(&"--today") {
            &[]
        } else {
            &["--today", SERVE_TODAY]
        };
        let mut child = Command::new(env!("CARGO_BIN_EXE_charter"))
            .args(["-C", site.to_str().unwrap(), "serve", "--port", "0"])
            .args(["--debounce", "50"])
            .args(today)
            .args(extra)
            .env_remove("SOURCE_DATE_EPOCH")
            .envs(env.iter().copied())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = Arc::new(Mutex::new(Vec::new()));
        let stderr = Arc::new(Mutex::new(Vec::new()));
        drain(child.stdout.take().unwrap(), stdout.clone());
        drain(child.stderr.take().unwrap(), stderr.clone());
        let mut server = Server {
            child,
            addr: String::new(),
            stdout,
            stderr,
        };
        let started = Instant::now();
        loop {
            let found = server.stdout.lock().unwrap().iter().find_map(|l| {
                let url = l.split_whitespace().find(|w| w.starts_with("http://"))?;
                Some(
                    url.trim_start_matches("http://")
                        .trim_end_matches('/')
                        .to_string(),
                )
            });
            if let Some(addr) = found {
                server.addr = addr;
                return server;
            }
            if let Ok(Some(status)) = server.child.try_wait() {
                panic!(
                    "charter serve exited with {status}:\n{}",
                    server.stderr.lock().unwrap().join("\n")
                );
            }
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "no address printed"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Sends one request exactly as written and reads the whole answer.
    pub(crate) fn raw(&self, request_line: &str) -> Response {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        write!(
            stream,
            "{request_line}\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        )
        .unwrap();
        let mut bytes = Vec::new();
        let _ = stream.read_to_end(&mut bytes);
        Response::parse(&bytes)
    }

    pub(crate) fn get(&self, path: &str) -> Response {
        self.raw(&format!("GET {path} HTTP/1.1"))
    }

    pub(crate) fn status_json(&self) -> serde_json::Value {
        serde_json::from_str(&self.get("/__charter/status").body).unwrap()
    }

    /// Opens the event stream (HTTP/1.0, so the body is not chunked).
    pub(crate) fn events(&self) -> Events {
        let mut stream = TcpStream::connect(&self.addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(100)))
            .unwrap();
        write!(stream, "GET /__charter/events HTTP/1.0\r\n\r\n").unwrap();
        let mut events = Events {
            stream,
            buffer: String::new(),
        };
        let hello = events.next("hello", Duration::from_secs(10));
        assert!(hello.is_some(), "no hello event");
        events
    }

    /// Waits (up to a minute) until the page at `path` has `words`: an
    /// edit has reached the preview. Its body.
    pub(crate) fn wait_for(&self, path: &str, words: &str) -> String {
        let started = Instant::now();
        loop {
            let body = self.get(path).body;
            if body.contains(words) {
                return body;
            }
            assert!(
                started.elapsed() < Duration::from_secs(60),
                "{path} never showed {words:?}:\n{body}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    pub(crate) fn stdout(&self) -> String {
        self.stdout.lock().unwrap().join("\n")
    }

    /// Whether standard output shows `needle` within a few seconds: the log
    /// line of a rebuild may be read after its reload event arrives.
    pub(crate) fn stdout_shows(&self, needle: &str) -> bool {
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(10) {
            if self.stdout().contains(needle) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        false
    }

    pub(crate) fn interrupt(&mut self) -> std::process::ExitStatus {
        // SAFETY: sending a signal to our own child process.
        unsafe {
            libc::kill(self.child.id() as i32, libc::SIGINT);
        }
        let started = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status;
            }
            assert!(
                started.elapsed() < Duration::from_secs(15),
                "charter serve did not stop on Ctrl-C"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            unsafe {
                libc::kill(self.child.id() as i32, libc::SIGINT);
            }
            std::thread::sleep(Duration::from_millis(200));
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

#[derive(Debug)]
pub(crate) struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    pub(crate) fn parse(bytes: &[u8]) -> Response {
        let text = String::from_utf8_lossy(bytes);
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Response {
            status,
            headers,
            body: body.to_string(),
        }
    }

    pub(crate) fn header(&self, name: &str) -> &str {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map_or("", |(_, v)| v.as_str())
    }
}

/// The server-sent event stream.
pub(crate) struct Events {
    stream: TcpStream,
    buffer: String,
}

impl Events {
    /// The data of the next event called `name`, skipping others.
    pub(crate) fn next(&mut self, name: &str, timeout: Duration) -> Option<serde_json::Value> {
        let started = Instant::now();
        loop {
            while let Some(end) = self.buffer.find("\n\n") {
                let block: String = self.buffer.drain(..end + 2).collect();
                let mut event = "message";
                let mut data = String::new();
                for line in block.lines() {
                    if let Some(e) = line.strip_prefix("event:") {
                        event = e.trim();
                    } else if let Some(d) = line.strip_prefix("data:") {
                        data.push_str(d.trim_start());
                    }
                }
                if event == name {
                    return serde_json::from_str(&data).ok();
                }
            }
            if started.elapsed() > timeout {
                return None;
            }
            let mut chunk = [0u8; 65536];
            match self.stream.read(&mut chunk) {
                Ok(0) => return None,
                Ok(n) => {
                    let text = String::from_utf8_lossy(&chunk[..n]).replace("\r\n", "\n");
                    self.buffer.push_str(&text);
                    // Drop the response head.
                    if self.buffer.starts_with("HTTP/1.")
                        && let Some(end) = self.buffer.find("\n\n")
                    {
                        self.buffer.drain(..end + 2);
                    }
                }
                Err(_) => {}
            }
        }
    }
}

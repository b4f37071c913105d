//! A one-line progress report on standard error for `check --external`
//! and `import`,
//! drawn only when standard error is a terminal (silent in CI and pipes)
//! and redrawn at most ten times a second.

use std::io::Write;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use crate::external_links::Progress;

pub(super) struct Line {
    enabled: bool,
    label: &'static str,
    last: Mutex<Option<Instant>>,
}

impl Line {
    pub(super) fn new(enabled: bool) -> Line {
        Line::labelled(enabled, "Checking external links")
    }

    pub(super) fn labelled(enabled: bool, label: &'static str) -> Line {
        Line {
            enabled,
            label,
            last: Mutex::new(None),
        }
    }
}

impl Progress for Line {
    fn update(&self, done: usize, total: usize) {
        if !self.enabled {
            return;
        }
        let Ok(mut last) = self.last.lock() else {
            return;
        };
        let now = Instant::now();
        let due = last.is_none_or(|t| now.duration_since(t) >= Duration::from_millis(100));
        if due || done == total {
            *last = Some(now);
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K{}: {done}/{total}", self.label);
            let _ = err.flush();
        }
    }

    fn finish(&self) {
        if self.enabled {
            let mut err = std::io::stderr().lock();
            let _ = write!(err, "\r\x1b[2K");
            let _ = err.flush();
        }
    }
}

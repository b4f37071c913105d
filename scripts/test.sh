#!/usr/bin/env bash
# Runs every test of the project: the Rust unit and integration tests,
# including the browser tests (tests/browser.rs), whose Chromium, Node.js and
# npm packages scripts/setup-browser.sh installs first when they are missing.
# This is the README's test command, and what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup-browser.sh
cargo test --locked --all-targets

#!/usr/bin/env bash
# Runs every test of the project: the Rust unit and integration tests,
# including the browser tests (tests/browser.rs), whose Chromium, Node.js and
# npm packages scripts/setup-browser.sh installs first when they are missing.
# This is the README's test command, and what CI runs (.ci/run). Last, the
# crate is packaged as crates.io would take it (school-charter: only what
# the build needs, see `include` in Cargo.toml) and the package is built on
# its own; it reuses target/, so only the crate itself compiles again.
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup-browser.sh
cargo test --locked --all-targets
cargo package --locked

#!/usr/bin/env bash
# Runs every test of the project: the Rust unit and integration tests,
# including the print tests in headless Chromium (scripts/setup-print.sh
# installs what they need).
# This is the README's test command, and what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

./scripts/setup-print.sh
cargo test --locked --all-targets

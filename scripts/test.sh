#!/usr/bin/env bash
# Runs every test of the project: the Rust unit and integration tests.
# This is the README's test command, and what CI runs (.ci/run).
set -euo pipefail
cd "$(dirname "$0")/.."

cargo test --locked --all-targets

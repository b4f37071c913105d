#!/usr/bin/env bash
# Files over 600 lines and functions over 80 (tests excluded): issue #13.
#   scripts/sizes.sh [MAX_LINES [MAX_FN]]
cd "$(dirname "$0")/.." && exec python3 scripts/sizes.py "$@"

#!/usr/bin/env bash
# scripts/git-history-site.sh SRC DEST: for #21 benchmarks, SRC's site in a git repo with several commits (renames, re-approvals, additions).
set -euo pipefail
SRC=$1; D=$2
rm -rf "$D"; cp -a "$SRC" "$D"; cd "$D"; rm -rf .charter-cache
c() { GIT_COMMITTER_DATE="$1 +0000" GIT_AUTHOR_DATE="$1 +0000" git -c user.name=a -c user.email=a@b commit -qm "$2"; }
git init -q; git add -A; c 2024-01-01T10:00:00 init
mapfile -t P < <(ls content/policies/*.md | grep -v _index | sort)
# 2: re-approve 100 policies with a changed body
for f in "${P[@]:0:100}"; do sed -i 's/^approved = .*/approved = 2026-01-15/' "$f"; echo "Changed in 2026." >> "$f"; done
git add -A; c 2025-01-01T10:00:00 reapprove
# 3: git mv 20 of them (10 pure, 10 with an edit), plus 5 untouched ones
keep_id() { b=$(basename "${1%-moved.md}"); sed -i "0,/^title = /s//id = \"$b\"\ntitle = /" "$1"; }
for f in "${P[@]:0:10}" "${P[@]:200:5}"; do git mv "$f" "${f%.md}-moved.md"; done
for f in "${P[@]:10:10}"; do git mv "$f" "${f%.md}-moved.md"; echo "Edited after the move." >> "${f%.md}-moved.md"; done
for f in "${P[@]:0:20}" "${P[@]:200:5}"; do keep_id "${f%.md}-moved.md"; done
git add -A; c 2025-06-01T10:00:00 move
# 4: approve again 50 (some moved), add two new policies (one a copy), one approved twice later
for f in "${P[@]:0:5}" "${P[@]:15:5}"; do g="${f%.md}-moved.md"; sed -i 's/^approved = .*/approved = 2026-06-15/' "$g"; echo "Again." >> "$g"; done
for f in "${P[@]:20:40}"; do sed -i 's/^approved = .*/approved = 2026-06-15/' "$f"; echo "Again." >> "$f"; done
cp "${P[300]}" content/policies/zz-copied-policy.md; sed -i 's/^title = .*/title = "Copied"/' content/policies/zz-copied-policy.md
sed 's/^title = .*/title = "New one"/' "${P[301]}" | sed 's/^approved = .*/approved = 2025-05-05/' > content/policies/zz-new-policy.md
git add -A; c 2025-09-01T10:00:00 again
sed -i 's/^approved = .*/approved = 2026-02-02/' content/policies/zz-new-policy.md; echo "Revised." >> content/policies/zz-new-policy.md
git add -A; c 2025-10-01T10:00:00 new-revised

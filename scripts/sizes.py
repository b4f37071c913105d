#!/usr/bin/env python3
"""Lists Rust source files over MAX_LINES lines and functions whose body is
over MAX_FN lines, leaving out `#[cfg(test)]` modules (see issue #13).

    scripts/sizes.sh [MAX_LINES [MAX_FN]]     # defaults 600 and 80

Exit 1 when anything is listed. The brace matching skips strings, raw
strings, char literals and comments, which is all that Rust's braces need.
"""
import pathlib
import re
import sys

MAX_LINES = int(sys.argv[1]) if len(sys.argv) > 1 else 600
MAX_FN = int(sys.argv[2]) if len(sys.argv) > 2 else 80
FN = re.compile(r"^\s*(pub(\([^)]*\))?\s+)?((const|async|unsafe|extern\s+\"[^\"]*\")\s+)*fn\s+(\w+)")
TEST_MOD = re.compile(r"^\s*#\[cfg\(test\)\]\s*$")


def code_mask(text):
    """`text` with strings, chars and comments blanked (newlines kept), so
    braces in the result are real ones."""
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i)); i = j
        elif text.startswith("/*", i):
            depth, j = 1, i + 2
            while j < n and depth:
                if text.startswith("/*", j): depth += 1; j += 2
                elif text.startswith("*/", j): depth -= 1; j += 2
                else: j += 1
            out.append(re.sub(r"[^\n]", " ", text[i:j])); i = j
        elif (m := re.match(r'b?r(#*)"', text[i:i + 300])) and (i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_")):
            end = text.find('"' + m.group(1), i + m.end())
            j = n if end < 0 else end + 1 + len(m.group(1))
            out.append(re.sub(r"[^\n]", " ", text[i:j])); i = j
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            j += 1
            out.append(re.sub(r"[^\n]", " ", text[i:j])); i = j
        elif c == "'" and (m := re.match(r"'(\\.[^']*|[^\\'])'", text[i:i + 12])):
            out.append(" " * m.end()); i += m.end()
        else:
            out.append(c); i += 1
    return "".join(out)


def matching_line(lines, row, col):
    """Line index of the brace closing the one opened at lines[row][col]."""
    depth = 0
    for r in range(row, len(lines)):
        for ch in lines[r][col if r == row else 0:]:
            if ch == "{": depth += 1
            elif ch == "}":
                depth -= 1
                if depth == 0:
                    return r
    return len(lines) - 1


def main():
    bad = 0
    for path in sorted(pathlib.Path("src").rglob("*.rs")):
        text = path.read_text()
        lines = code_mask(text).split("\n")
        skip = set()
        for r, line in enumerate(lines):
            if TEST_MOD.match(line):
                for r2 in range(r + 1, len(lines)):
                    if "{" in lines[r2]:
                        end = matching_line(lines, r2, lines[r2].index("{"))
                        skip.update(range(r, end + 1))
                        break
                    if ";" in lines[r2]:
                        break
        count = text.count("\n")
        if count > MAX_LINES:
            bad += 1
            print(f"{path}: {count} lines")
        for r, line in enumerate(lines):
            if r in skip or not (m := FN.match(line)):
                continue
            # The body opens at the first `{` (or the declaration ends at `;`).
            for r2 in range(r, len(lines)):
                seg = lines[r2]
                b, s = seg.find("{"), seg.find(";")
                if s >= 0 and (b < 0 or s < b):
                    break
                if b >= 0:
                    end = matching_line(lines, r2, b)
                    body = end - r2 - 1
                    if body > MAX_FN:
                        bad += 1
                        print(f"{path}:{r + 1}: fn {m.group(5)} body {body} lines")
                    break
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())

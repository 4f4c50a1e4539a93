#!/usr/bin/env python3
"""Embeds the console's files (Shared/QuerentConsole/Assets) into the binaries.

    python3 Shared/QuerentConsole/embed-assets.py

Writes Shared/QuerentConsole/Generated/ConsoleAssetsContents.swift: every file under Assets/
as a raw string, keyed by its path. QuerentConsoleTests fail while the embedded copy differs
from the files, so run this after editing them (or serve them from disk while editing:
QUERENT_CONSOLE_DIR=Shared/QuerentConsole/Assets querent serve).
"""
import pathlib
import sys

here = pathlib.Path(__file__).resolve().parent
assets = here / "Assets"
files = sorted(p for p in assets.rglob("*") if p.is_file() and not p.name.startswith("."))
lines = [
    "// Generated from Shared/QuerentConsole/Assets by Shared/QuerentConsole/embed-assets.py. Do not edit.",
    "",
    "enum ConsoleAssetsContents {",
    "    /// Every file of the console: its path under Assets/ and its text.",
    "    static let files: [(path: String, text: String)] = [",
]
for index, path in enumerate(files):
    lines.append(f'        ("{path.relative_to(assets).as_posix()}", file{index}),')
lines += ["    ]", ""]
for index, path in enumerate(files):
    text = path.read_text(encoding="utf-8")
    if '"""##' in text or "\\##" in text:
        sys.exit(f"{path} contains '\"\"\"##' or '\\\\##', which would end or interpolate the Swift raw string")
    if "\r" in text:
        sys.exit(f"{path} has CR characters; save it with LF line ends")
    # A multi-line literal drops the newline before its closing delimiter: keep the file's own.
    # Content lines are indented like the closing delimiter (Swift strips that indentation).
    body = "\n".join(("        " + line) if line else "" for line in text.split("\n"))
    lines += [f"    static let file{index} = ##\"\"\"", body + "\n" + '        """##', ""]
lines[-1:] = ["}", ""]
out = here / "Generated" / "ConsoleAssetsContents.swift"
out.write_text("\n".join(lines), encoding="utf-8")
print(f"wrote {out.relative_to(here.parent.parent)} ({len(files)} files)")

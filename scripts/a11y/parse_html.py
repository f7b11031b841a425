"""Parses each HTML file with html5lib, the HTML5 parsing algorithm as browsers run it, and
reports every parse error (a stray end tag, a bad attribute, an unclosed element...). Exits 1 if
any file has one. CI runs it on ontrack's HTML reports.

    python parse_html.py FILE.html...
"""

import sys

import html5lib

failed = 0
for name in sys.argv[1:]:
    parser = html5lib.HTMLParser(strict=False)
    with open(name, "rb") as f:
        parser.parse(f, transport_encoding="utf-8")
    for (line, col), code, data in parser.errors:
        failed += 1
        print(f"{name}:{line}:{col}: {code} {data}")
    print(f"{name}: {len(parser.errors)} parse errors")
sys.exit(1 if failed else 0)

"""Inert page data and a no-network Content-Security-Policy, shared by our offline pages.

The quiz page, the review page and the item-analysis report all carry their data as
JSON inside <script type="application/json"> and allow only their own script and
style (by hash): what one page gets right, all get right.
"""

from __future__ import annotations

import base64
import hashlib
import json
from typing import Any

_SCRIPT_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def script_json(value: Any) -> str:
    """JSON that is inert inside <script>: no `</script>`, `<!--`, or line separators survive."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return "".join(_SCRIPT_ESCAPES.get(char, char) for char in text)


def csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(script: str, style: str, *extra: str) -> str:
    """No network of any kind (unless `extra` allows some); only this page's script and style."""
    return "; ".join([
        "default-src 'none'",
        f"script-src {csp_hash(script)}",
        f"style-src {csp_hash(style)}",
        "base-uri 'none'",
        "form-action 'none'",
        *extra,
    ])

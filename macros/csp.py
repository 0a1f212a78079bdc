"""Content-Security-Policy for every page: only this site's own origin, no third parties.

The theme's two small inline scripts are allowed by their SHA-256 hash, computed from the
page as written, so no 'unsafe-inline' is needed for scripts.
"""

from __future__ import annotations

import base64
import hashlib
import re

_INLINE_SCRIPT = re.compile(r"<script(?![^>]*\b(?:src|type)=)[^>]*>(.*?)</script>", re.S)
POLICY = (
    "default-src 'self'; script-src 'self' {hashes}; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'"
)


def policy(html: str) -> str:
    """The policy for one page: our origin only, plus the hashes of its inline scripts."""
    hashes = sorted({
        "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"
        for body in _INLINE_SCRIPT.findall(html)
    })  # fmt: skip
    return POLICY.format(hashes=" ".join(hashes))


def with_policy(html: str) -> str:
    """The page with a CSP meta element right after its charset, before any script."""
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return re.sub(r"(<meta charset=[^>]*>)", lambda m: m.group(1) + meta, html, count=1)

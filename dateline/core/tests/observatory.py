"""The Mozilla HTTP Observatory's header and cookie tests, scored as Mozilla documents them.

Scoring rules: https://github.com/mozilla/http-observatory/blob/main/httpobs/docs/scoring.md
(2024 edition, the MDN HTTP Observatory): every site starts at 100; each test adds its
modifier; bonuses count only when the score without them is 90 or more; 100+ is A+.
Redirection (http -> https happens at the proxy) and the preload lists are out of reach
of a response and are left out; SRI is scored from the page's own script tags.
"""

from __future__ import annotations

import re
from http.cookies import SimpleCookie
from urllib.parse import urlsplit

SESSION_COOKIE_WORDS = ("login", "sess")  # how the Observatory tells a session cookie
ANTI_CSRF_WORDS = ("csrf", "xsrf")
HSTS_SIX_MONTHS = 15_768_000
PRIVATE_REFERRERS = {
    "no-referrer",
    "same-origin",
    "strict-origin",
    "strict-origin-when-cross-origin",
}
UNSAFE_REFERRERS = {"origin", "origin-when-cross-origin", "unsafe-url"}
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
ATTRIBUTE = re.compile(r"""([a-z-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)


def parse_csp(header: str) -> dict[str, list[str]] | None:
    policy: dict[str, list[str]] = {}
    for part in header.split(";"):
        words = part.strip().split()
        if not words:
            continue
        name = words[0].lower()
        if not re.fullmatch(r"[a-z-]+", name) or name in policy:
            return None  # unparsable, or a directive given twice
        policy[name] = words[1:]
    return policy


def score_csp(headers) -> tuple[str, int]:
    header = headers.get("Content-Security-Policy")
    if not header:
        return "csp-not-implemented", -25
    policy = parse_csp(header)
    if policy is None:
        return "csp-header-invalid", -25
    default = policy.get("default-src", ["*"])
    script = policy.get("script-src", default)
    style = policy.get("style-src", default)
    active = script + policy.get("object-src", default)
    passive = [
        *style,
        *policy.get("img-src", default),
        *policy.get("media-src", default),
        *policy.get("font-src", default),
    ]

    def insecure(sources):
        return any(
            s in ("*", "http:", "ftp:") or s.startswith(("http://", "ftp://")) for s in sources
        )

    hashed = any(s.startswith(("'nonce-", "'sha256-", "'sha384-", "'sha512-")) for s in script)
    # 'unsafe-inline' is ignored by browsers next to a nonce or hash; data: is as bad
    if ("'unsafe-inline'" in script and not hashed) or "data:" in script:
        return "csp-implemented-with-unsafe-inline", -20
    if insecure(active):
        return "csp-implemented-with-insecure-scheme", -20
    if "'unsafe-eval'" in script:
        return "csp-implemented-with-unsafe-eval", -10
    if insecure(passive):
        return "csp-implemented-with-insecure-scheme-in-passive-content-only", -10
    if "'unsafe-inline'" in style:
        return "csp-implemented-with-unsafe-inline-in-style-src-only", 0
    if default == ["'none'"]:
        return "csp-implemented-with-no-unsafe-default-src-none", 10
    return "csp-implemented-with-no-unsafe", 5


def score_cookies(cookies: SimpleCookie, *, hsts: bool) -> tuple[str, int]:
    if not cookies:
        return "cookies-not-found", 0
    results = []
    for name, morsel in cookies.items():
        lowered = name.lower()
        session = any(word in lowered for word in SESSION_COOKIE_WORDS)
        samesite = morsel["samesite"]
        if samesite and samesite.lower() not in ("strict", "lax", "none"):
            return "cookies-samesite-flag-invalid", -20
        if session and not morsel["secure"]:
            results.append(
                ("cookies-session-without-secure-flag-but-protected-by-hsts", -10)
                if hsts
                else ("cookies-session-without-secure-flag", -40)
            )
        elif session and not morsel["httponly"]:
            results.append(("cookies-session-without-httponly-flag", -30))
        elif not morsel["secure"]:
            results.append(
                ("cookies-without-secure-flag-but-protected-by-hsts", -5)
                if hsts
                else ("cookies-without-secure-flag", -20)
            )
        elif any(word in lowered for word in ANTI_CSRF_WORDS) and not samesite:
            results.append(("cookies-anticsrf-without-samesite-flag", -20))
    if results:
        return min(results, key=lambda result: result[1])
    if all(morsel["samesite"] for morsel in cookies.values()):
        return "cookies-secure-with-httponly-sessions-and-samesite", 5
    return "cookies-secure-with-httponly-sessions", 0


def score_cors(headers) -> tuple[str, int]:
    allowed = headers.get("Access-Control-Allow-Origin")
    if allowed is None:
        return "cross-origin-resource-sharing-not-implemented", 0
    if allowed.strip() == "*":
        return "cross-origin-resource-sharing-implemented-with-public-access", 0
    return "cross-origin-resource-sharing-implemented-with-restricted-access", 0


def score_referrer(headers) -> tuple[str, int]:
    header = headers.get("Referrer-Policy")
    if header is None:
        return "referrer-policy-not-implemented", 0
    values = [value.strip().lower() for value in header.split(",") if value.strip()]
    known = PRIVATE_REFERRERS | UNSAFE_REFERRERS | {"no-referrer-when-downgrade"}
    if not values or any(value not in known for value in values):
        return "referrer-policy-headers-invalid", -5
    effective = values[-1]  # browsers take the last policy they understand
    if effective in PRIVATE_REFERRERS:
        return "referrer-policy-private", 5
    if effective == "no-referrer-when-downgrade":
        return "referrer-policy-no-referrer-when-downgrade", 0
    return "referrer-policy-unsafe", -5


def score_hsts(headers, *, https: bool) -> tuple[str, int]:
    if not https:
        return "hsts-not-implemented-no-https", -20
    header = headers.get("Strict-Transport-Security")
    if header is None:
        return "hsts-not-implemented", -20
    match = re.search(r"(?:^|;)\s*max-age\s*=\s*\"?(\d+)\"?\s*(?:;|$)", header, re.IGNORECASE)
    if match is None:
        return "hsts-header-invalid", -20
    if int(match.group(1)) < HSTS_SIX_MONTHS:
        return "hsts-implemented-max-age-less-than-six-months", -10
    return "hsts-implemented-max-age-at-least-six-months", 0


def score_sri(html: str, *, origin: str) -> tuple[str, int]:
    scripts = [dict(ATTRIBUTE.findall(match)) for match in SCRIPT_TAG.findall(html)]
    sources = [
        attributes["src"].strip("'\"")
        for attributes in scripts
        if "src" in {key.lower() for key in attributes}
    ]
    if not sources:
        return "sri-not-implemented-but-no-scripts-loaded", 0
    external = [src for src in sources if src.startswith(("http:", "https:", "//"))]
    foreign = [src for src in external if not src.startswith(origin)]
    if not foreign:
        return "sri-not-implemented-but-all-scripts-loaded-from-secure-origin", 0
    if any(urlsplit(src).scheme == "http" for src in foreign):
        return "sri-not-implemented-and-external-scripts-not-loaded-securely", -50
    return "sri-not-implemented-but-external-scripts-loaded-securely", -5


def score_nosniff(headers) -> tuple[str, int]:
    header = headers.get("X-Content-Type-Options")
    if header is None:
        return "x-content-type-options-not-implemented", -5
    if header.strip().lower() != "nosniff":
        return "x-content-type-options-header-invalid", -5
    return "x-content-type-options-nosniff", 0


def score_frame_options(headers) -> tuple[str, int]:
    policy = parse_csp(headers.get("Content-Security-Policy", "")) or {}
    ancestors = policy.get("frame-ancestors")
    if ancestors and "*" not in ancestors:
        return "x-frame-options-implemented-via-csp", 5
    header = headers.get("X-Frame-Options")
    if header is None:
        return "x-frame-options-not-implemented", -20
    value = header.strip().upper()
    if value in ("DENY", "SAMEORIGIN"):
        return "x-frame-options-sameorigin-or-deny", 0
    if value.startswith("ALLOW-FROM"):
        return "x-frame-options-allow-from-origin", 0
    return "x-frame-options-header-invalid", -20


def score_corp(headers) -> tuple[str, int]:
    header = headers.get("Cross-Origin-Resource-Policy")
    if header is None:
        return "corp-not-implemented", 0
    value = header.strip().lower()
    if value not in ("same-origin", "same-site", "cross-origin"):
        return "corp-header-invalid", -5
    return f"corp-implemented-with-{value}", 0


def observatory(response, *, https: bool, origin: str) -> dict:
    """Every test's result and modifier, the total score and its grade."""
    headers = response.headers
    cookies = response.cookies
    hsts_result = score_hsts(headers, https=https)
    results = {
        "content-security-policy": score_csp(headers),
        "cookies": score_cookies(cookies, hsts=hsts_result[1] >= 0),
        "cross-origin-resource-sharing": score_cors(headers),
        "referrer-policy": score_referrer(headers),
        "strict-transport-security": hsts_result,
        "subresource-integrity": score_sri(response.content.decode(), origin=origin),
        "x-content-type-options": score_nosniff(headers),
        "x-frame-options": score_frame_options(headers),
        "cross-origin-resource-policy": score_corp(headers),
    }
    penalties = sum(modifier for _result, modifier in results.values() if modifier < 0)
    bonuses = sum(modifier for _result, modifier in results.values() if modifier > 0)
    score = 100 + penalties
    if score >= 90:
        score += bonuses
    return {"results": results, "score": max(score, 0), "grade": grade(max(score, 0))}


def grade(score: int) -> str:
    bands = [
        (100, "A+"), (90, "A"), (85, "A-"), (80, "B+"), (70, "B"), (65, "B-"), (60, "C+"),
        (50, "C"), (45, "C-"), (40, "D+"), (30, "D"), (25, "D-"),
    ]  # fmt: skip
    return next((letter for floor, letter in bands if score >= floor), "F")

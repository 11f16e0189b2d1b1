"""Crawl a running site as the public and a logged-in citizen would, in both languages.

Used by `.ci/production` against the production configuration (gunicorn, manifest static
files, PostgreSQL, Redis) behind a TLS-terminating proxy, which this script plays by sending
`X-Forwarded-Proto: https`. It fails when any response is a server error, when a static
asset that a page references does not resolve, or when a security header is missing.

    python .ci/crawl.py http://127.0.0.1:8010 --login giulia.ferrari@example.org:partecipa-demo-2026
"""

import argparse
import re
import sys
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter, deque
from html.parser import HTMLParser
from http.cookies import SimpleCookie

# Pages that are not in the sitemap: forms, searches, feeds, exports, calendars, errors.
SEEDS = [
    "/",
    "/en/",
    "/cerca/?q=tetti+verdi",
    "/en/cerca/?q=school",
    "/account/login/",
    "/account/signup/",
    "/account/password/reset/",
    "/en/account/login/",
    "/eventi/",
    "/eventi/calendario.ics",
    "/eventi/calendario/municipio-1.ics",
    "/consultazioni/",
    "/risposte/",
    "/risposte/export.csv",
    "/atlante-rigenerazione/geojson/",
    "/atlante-rigenerazione/csv/",
    "/piano-strategico/zone-omogenee/geojson/",
    "/manifattura/notizie/rss/",
    "/manifattura/notizie/atom/",
    "/robots.txt",
    "/favicon.ico",
    "/pagina-che-non-esiste/",
    "/en/page-that-does-not-exist/",
]
# Never followed: they change state or belong to staff.
SKIP = re.compile(r"^/(en/)?(admin/|account/logout|documents/)|/(esci|logout)/")
QUERY_VARIANTS = 3
SECURITY_HEADERS = {
    "Content-Security-Policy": "script-src 'self'",
    "Permissions-Policy": "camera=()",
    "Strict-Transport-Security": "max-age=",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "SAMEORIGIN",
}


class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.pages, self.assets = set(), set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "a" and attrs.get("href"):
            self.pages.add(attrs["href"])
        for name in ("src", "href"):
            if tag in ("script", "link", "img") and (attrs.get(name) or "").startswith("/static/"):
                self.assets.add(attrs[name])


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Client:
    """Plays a browser behind the proxy: keeps cookies, secure ones included, by hand."""

    def __init__(self, base):
        self.base = base
        self.cookies = SimpleCookie()
        self.opener = urllib.request.build_opener(NoRedirect)

    def request(self, path, data=None, https=True):
        headers = {"X-Forwarded-Proto": "https"} if https else {}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={m.value}" for k, m in self.cookies.items())
        if data is not None:
            headers["Referer"] = "https://" + urllib.parse.urlsplit(self.base).netloc + path
            data = urllib.parse.urlencode(data).encode()
        request = urllib.request.Request(self.base + path, data=data, headers=headers)
        try:
            response = self.opener.open(request, timeout=60)
        except urllib.error.HTTPError as error:
            response = error
        for value in response.headers.get_all("Set-Cookie") or []:
            self.cookies.load(value)
        return response.status, response.headers, response.read()

    def login(self, email, password):
        status, _, body = self.request("/account/login/")
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
        form = {"csrfmiddlewaretoken": token.decode(), "login": email, "password": password}
        status, headers, _ = self.request("/account/login/", data=form)
        if status != 302:
            sys.exit(f"login as {email} failed: HTTP {status}")


def local_path(href, base):
    url = urllib.parse.urlsplit(urllib.parse.urljoin(base, href))
    if url.scheme not in ("http", "https") or url.hostname not in ("localhost", "127.0.0.1"):
        return None
    return url.path + (f"?{url.query}" if url.query else "")


def sitemap_paths(client):
    status, _, body = client.request("/sitemap.xml")
    if status != 200:
        sys.exit(f"/sitemap.xml answered HTTP {status}")
    paths = [
        urllib.parse.urlsplit(loc).path for loc in re.findall(r"<loc>([^<]+)</loc>", body.decode())
    ]
    return paths + ["/en" + path for path in paths]


def crawl(client, seeds, limit, failures):
    """Breadth first; a path is followed with at most a few query strings (list filters)."""
    queue, seen, assets, pages = deque(seeds), set(seeds), set(), 0
    variants = Counter()
    while queue and pages < limit:
        path = queue.popleft()
        status, headers, body = client.request(path)
        pages += 1
        if status >= 500:
            failures.append(f"HTTP {status} {path}")
        if "text/html" not in headers.get("Content-Type", ""):
            continue
        check_headers(path, headers, failures)
        links = Links()
        links.feed(body.decode("utf-8", "replace"))
        assets |= links.assets
        for href in links.pages:
            target = local_path(href, client.base + path)
            if not target or target in seen or SKIP.search(target):
                continue
            variants[target.split("?")[0]] += 1
            if variants[target.split("?")[0]] <= QUERY_VARIANTS:
                seen.add(target)
                queue.append(target)
    for asset in sorted(assets):
        status, _, _ = client.request(asset)
        if status != 200:
            failures.append(f"static asset HTTP {status} {asset}")
    return pages, len(assets)


def check_headers(path, headers, failures):
    for name, expected in SECURITY_HEADERS.items():
        if expected not in (headers.get(name) or ""):
            failures.append(f"header {name} lacks {expected!r} on {path}")


def check_https_redirect(client, failures):
    status, headers, _ = client.request("/", https=False)
    if status != 301 or not headers.get("Location", "").startswith("https://"):
        failures.append(f"plain HTTP is not redirected to HTTPS (HTTP {status})")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("base")
    parser.add_argument("--login", help="email:password of a citizen to crawl as")
    parser.add_argument("--limit", type=int, default=700, help="pages per crawl")
    args = parser.parse_args()
    failures = []
    anonymous = Client(args.base)
    check_https_redirect(anonymous, failures)
    seeds = list(dict.fromkeys(SEEDS + sitemap_paths(anonymous)))
    pages, assets = crawl(anonymous, seeds, args.limit, failures)
    print(f"anonymous: {pages} pages, {assets} static assets")
    if args.login:
        citizen = Client(args.base)
        citizen.login(*args.login.split(":", 1))
        pages, assets = crawl(citizen, seeds, args.limit, failures)
        print(f"citizen: {pages} pages, {assets} static assets")
    for failure in failures:
        print("FAIL", failure)
    print(f"crawl: {len(failures)} failures")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()

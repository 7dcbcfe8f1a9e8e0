"""Atomic output: a build writes into a staging folder beside the target and swaps it in only
when every edition succeeded, so an interrupted or failed build leaves the previous site whole.
A lock beside the target makes a second concurrent build into the same folder stop with one
line instead of both writing into it."""
from __future__ import annotations

import base64
import fcntl
import hashlib
import os
import re
import shutil
from pathlib import Path


class BusyError(Exception):
    pass


class AtomicSite:
    def __init__(self, target: str | os.PathLike):
        self.target = Path(target).resolve()
        self.target.parent.mkdir(parents=True, exist_ok=True)
        self._lock = open(self.target.parent / f".{self.target.name}.lock", "w")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock.close()
            raise BusyError(f"another build is writing {self.target.name}/ right now; "
                            "run this one when it has finished") from None
        # Staging folders of builds that were killed (no lock holds them any more).
        for stale in self.target.parent.glob(f".{self.target.name}.building-*"):
            shutil.rmtree(stale, ignore_errors=True)
        self.staging = self.target.parent / f".{self.target.name}.building-{os.getpid()}"
        self.staging.mkdir()
        self.done = False

    def publish(self) -> None:
        """Swap the staging folder in: two renames, so readers see the old or the new site."""
        old = self.target.parent / f".{self.target.name}.old-{os.getpid()}"
        if self.target.exists():
            os.replace(self.target, old)
        os.replace(self.staging, self.target)
        shutil.rmtree(old, ignore_errors=True)
        self._release()

    def discard(self) -> None:
        shutil.rmtree(self.staging, ignore_errors=True)
        self._release()

    def _release(self) -> None:
        if not self.done:
            self.done = True
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            self._lock.close()


BANNER = ('<div class="build-error" role="alert" style="position:sticky;top:0;z-index:1000;padding:.6rem 1rem;'
          'background:#b71c1c;color:#fff;font:14px/1.5 monospace;white-space:pre-wrap">{}</div>')


def show_banner(site_dir: str | os.PathLike, error: str = "", shown: bool = False) -> bool:
    """While serving: the build error at the top of every page, in place of what an earlier
    build put there; without one, take off what an earlier build put there (``shown``).
    Returns whether a banner is shown now."""
    if error:
        error_banner(site_dir, error)
    elif shown:
        clear_error_banner(site_dir)
    return bool(error)


def error_banner(site_dir: str | os.PathLike, message: str) -> int:
    """Put a build error at the top of every page of a served site (the last good pages stay
    readable under it), in place of any it showed before. Returns the number of pages marked."""
    from markupsafe import escape

    banner = BANNER.format(escape(f"Build error — {message}\nThe pages below are from the last good build; "
                                  "fix the file and save to rebuild."))
    count = 0
    for page in Path(site_dir).rglob("*.html"):
        html = _without_banner(page.read_text(encoding="utf-8"))
        at = html.find("<body")
        end = html.find(">", at) + 1 if at != -1 else 0
        if end:
            page.write_text(html[:end] + banner + html[end:], encoding="utf-8")
            count += 1
    return count


def clear_error_banner(site_dir: str | os.PathLike) -> int:
    """Take the error off every page that still shows it (a page a later build did not
    rebuild); the page is then byte for byte what it was. Returns the number of pages cleared."""
    count = 0
    for page in Path(site_dir).rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        clean = _without_banner(html)
        if clean != html:
            page.write_text(clean, encoding="utf-8")
            count += 1
    return count


_BANNER_START = BANNER[:BANNER.index("{}")]


def _without_banner(html: str) -> str:
    at = html.find(_BANNER_START)
    if at == -1:
        return html
    end = html.find("</div>", at)  # the message is escaped: no tag inside
    return html[:at] + html[end + len("</div>"):] if end != -1 else html


_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
_HEAD = re.compile(r"<head[^>]*>")
POLICY = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; "
          "object-src 'none'; base-uri 'self'; form-action 'self'")


def content_security_policy(site_dir: str | os.PathLike) -> int:
    """Give every built page a Content-Security-Policy that lets only the site's own script
    files and the theme's inline scripts of that very page run (by their SHA-256), so no script
    that came in through any input can run, even if it reached the HTML. Engine-neutral: it reads
    the built pages. Not used while serving (the live-reload script is injected at request time).
    Returns the number of pages given a policy."""
    count = 0
    for page in Path(site_dir).rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        head = _HEAD.search(html)
        if not head or 'http-equiv="Content-Security-Policy"' in html:
            continue
        hashes = []
        for script in _SCRIPT.finditer(html):
            attrs = script.group("attrs")
            if "src=" in attrs or re.search(r'type="(?!text/javascript|module)[^"]*"', attrs):
                continue  # a file (covered by 'self') or data such as application/json
            digest = hashlib.sha256(script.group("body").encode("utf-8")).digest()
            hashes.append(f"'sha256-{base64.b64encode(digest).decode()}'")
        policy = POLICY.format(hashes=" ".join(sorted(set(hashes))))
        meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        page.write_text(html[:head.end()] + meta + html[head.end():], encoding="utf-8")
        count += 1
    return count

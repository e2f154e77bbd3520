"""eml (RFC 5322, stdlib email): headers, text and HTML bodies, attachments extracted recursively.

A PPAP mail carries an encrypted zip: the attachment's problem is kept on the message (partial), so
the inventory says the mail holds something it could not open.
"""
from __future__ import annotations

import email
import email.policy
from html.parser import HTMLParser
from typing import BinaryIO, Iterator

from crawler.limits import Limits
from crawler.model import ExtractError, Reason, Segment

HEADERS = ("From", "To", "Cc", "Reply-To", "Subject")
MAX_PARTS = 500


class _Text(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in ("br", "p", "div", "tr", "li"):
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def html_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def _content(part) -> str:
    try:
        return part.get_content()
    except (LookupError, UnicodeError, AssertionError, KeyError):
        payload = part.get_payload(decode=True) or b""
        from crawler.extract.text import decode

        return decode(payload)[0]


class AttachmentProblem(Exception):
    pass


def extract(fp: BinaryIO, name: str, limits: Limits, depth: int = 0) -> Iterator[Segment]:
    from crawler.extract import extract_bytes, prefixed

    msg = email.message_from_binary_file(fp, policy=email.policy.default)
    for header in HEADERS:
        value = msg.get(header)
        if value:
            yield Segment(str(value), f"header {header}")
    problems = []
    for n, part in enumerate(msg.walk()):
        if n > MAX_PARTS:
            raise ExtractError(Reason.ARCHIVE_LIMIT, f"more than {MAX_PARTS} MIME parts")
        if part.is_multipart():
            continue
        filename = part.get_filename()
        ctype = part.get_content_type()
        if filename or part.get_content_disposition() == "attachment":
            label = filename or f"part {n}"
            if depth >= limits.archive_depth:
                problems.append(f"attachment {label}: nested too deeply")
                continue
            data = part.get_payload(decode=True) or b""
            inner = extract_bytes(data, label, limits, depth + 1)
            yield from prefixed(inner, f"attachment {label}")
            if inner.problem is not None:
                problems.append((inner.problem.reason, f"attachment {label}: {inner.problem.message}"))
        elif ctype == "text/plain":
            yield Segment(_content(part), "body")
        elif ctype == "text/html":
            yield Segment(html_text(_content(part)), "body (html)")
        elif ctype == "message/rfc822":
            continue  # walk() descends into it
    if problems:
        reason, message = next(((p[0], p[1]) for p in problems if isinstance(p, tuple)), (Reason.ARCHIVE_LIMIT, str(problems[0])))
        raise ExtractError(reason, message)

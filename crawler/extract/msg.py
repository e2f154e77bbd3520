"""msg (Outlook, extract-msg): sender, recipients, subject, body, attachments recursively."""
from __future__ import annotations

from typing import BinaryIO, Iterator

from crawler.limits import Limits
from crawler.model import ExtractError, Reason, Segment


def extract(fp: BinaryIO, name: str, limits: Limits, depth: int = 0) -> Iterator[Segment]:
    import extract_msg

    from crawler.extract import extract_bytes, prefixed

    data = fp.read()
    try:
        msg = extract_msg.openMsg(data)
    except Exception as exc:  # extract-msg raises many types on broken files
        raise ExtractError(Reason.CORRUPT, f"Outlook message cannot be read ({type(exc).__name__})") from None
    try:
        for label, value in (("header From", msg.sender), ("header To", msg.to), ("header Cc", msg.cc), ("header Subject", msg.subject)):
            if value:
                yield Segment(str(value), label)
        if msg.body:
            yield Segment(msg.body, "body")
        problem = None
        for att in msg.attachments:
            label = getattr(att, "longFilename", None) or getattr(att, "shortFilename", None) or "attachment"
            payload = getattr(att, "data", None)
            if not isinstance(payload, (bytes, bytearray)):
                continue
            if depth >= limits.archive_depth:
                problem = (Reason.ARCHIVE_LIMIT, f"attachment {label}: nested too deeply")
                continue
            inner = extract_bytes(bytes(payload), label, limits, depth + 1)
            yield from prefixed(inner, f"attachment {label}")
            if inner.problem is not None and problem is None:
                problem = (inner.problem.reason, f"attachment {label}: {inner.problem.message}")
        if problem:
            raise ExtractError(*problem)
    finally:
        msg.close()

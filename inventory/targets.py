"""Scan targets: a local directory or an smb:// URL, resolved before anything is written."""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable, Iterator

from crawler.model import Entry


class TargetError(ValueError):
    """A target that cannot be scanned; the message is one line for the user."""


@dataclass
class Target:
    display: str  # what the user typed, normalised (never holds a password)
    kind: str  # "local" or "smb"
    root: str  # absolute path, or the smb URL without credentials
    walker: Callable[[], Iterator[Entry]]
    smb: object | None = field(default=None, repr=False)  # crawler.sources.smb.SmbSource: how workers open files

    def walk(self) -> Iterator[Entry]:
        return self.walker()


def resolve_targets(specs: list[str], lang: str = "ja") -> list[Target]:
    from inventory.i18n import t

    targets = []
    for spec in specs:
        if spec.lower().startswith("smb://"):
            targets.append(_smb_target(spec, lang))
            continue
        if "://" in spec:
            raise TargetError(t("scan.target_unsupported", lang, target=spec))
        path = os.path.abspath(spec)
        if not os.path.exists(path):
            raise TargetError(t("scan.target_missing", lang, target=spec))
        if not os.path.isdir(path):
            raise TargetError(t("scan.target_not_dir", lang, target=spec))
        from crawler.sources.local import walk

        targets.append(Target(display=path, kind="local", root=path, walker=lambda p=path: walk(p)))
    return targets


def _smb_target(spec: str, lang: str) -> Target:
    """An smb:// target whose credentials were found and accepted by the server (checked here, before
    anything is written; a server that cannot be reached raises SmbUnavailable for the scan to report)."""
    from inventory.i18n import t
    from crawler.sources.smb import SmbLoginError, SmbSource, check_target, walk_smb
    from crawler.sources.smb_url import SmbTargetError, load_credentials, parse_smb_url

    try:
        url = parse_smb_url(spec)
        creds = load_credentials(url)
        source = SmbSource(url, creds)
        check_target(url, creds, source.retry)
    except (SmbTargetError, SmbLoginError) as exc:
        raise TargetError(t("scan.smb_target", lang, reason=str(exc))) from None
    return Target(display=url.display, kind="smb", root=url.display, walker=lambda: walk_smb(url, creds, source.retry), smb=source)

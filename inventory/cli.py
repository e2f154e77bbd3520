"""Command line: ``tanaoroshi demo|scan|report|diff|runs|detect|serve|users`` (DESIGN.md §8).

Messages are Japanese by default; ``--lang en`` (or TANAOROSHI_LANG=en) switches to English.
Exit codes: 0 done; 2 usage or input error with a one-line reason; 3 ``--fail-on`` tripped; 75 the
inventory is locked by another scan, or a scanned server went away (the run is resumable: run it again).
"""
from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path

from inventory.i18n import t

EXIT_OK = 0
EXIT_INPUT = 2
EXIT_FAIL_ON = 3
EXIT_LOCKED = 75  # EX_TEMPFAIL: another scan holds the inventory; try again later
EXIT_UNAVAILABLE = 75  # EX_TEMPFAIL too: a scanned server went away; the next scan resumes the run

log = logging.getLogger("tanaoroshi")


class _Parser(argparse.ArgumentParser):
    """argparse exits 2 on usage errors already; keep its one-line message but in our voice."""

    def error(self, message: str) -> None:  # pragma: no cover - argparse path
        self.print_usage(sys.stderr)
        self.exit(EXIT_INPUT, f"tanaoroshi: {message}\n")


def _lang(args: argparse.Namespace) -> str:
    lang = getattr(args, "lang", None) or os.environ.get("TANAOROSHI_LANG", "ja")
    return "en" if lang.lower().startswith("en") else "ja"


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(prog="tanaoroshi", description="個人情報の棚卸し / personal-data inventory")
    p.add_argument("--lang", choices=["ja", "en"], help="メッセージの言語 / message language")
    p.add_argument("--log-level", default=os.environ.get("TANAOROSHI_LOG_LEVEL", "WARNING"), help="DEBUG, INFO, WARNING")
    sub = p.add_subparsers(dest="command", required=True, parser_class=_Parser)

    d = sub.add_parser("demo", help="デモ用の共有フォルダを生成 / generate the demo share")
    d.add_argument("dir", nargs="?", default="tanaoroshi-demo")
    d.add_argument("--seed", type=int, default=None)

    s = sub.add_parser("scan", help="スキャンして台帳を作る / scan targets into the inventory")
    s.add_argument("targets", nargs="+", metavar="TARGET")
    s.add_argument("--db", default="tanaoroshi.db")
    s.add_argument("--permissions", action="append", default=[], metavar="FILE")
    s.add_argument("--roster", metavar="FILE")
    s.add_argument("--org-domain", action="append", default=[], dest="org_domains", metavar="D")
    s.add_argument("--policy", metavar="FILE")
    s.add_argument("--workers", type=int, default=None, metavar="N")
    s.add_argument("--cluster", metavar="ADDRESS")
    s.add_argument("--full", action="store_true", help="前回の結果を再利用せずすべて読み直す / re-read everything")
    s.add_argument("--verify", action="store_true", help="サイズと更新日時が同じでもハッシュを確認 / hash even unchanged files")
    s.add_argument("--fail-on", choices=["new-exposed-tier3"])
    s.add_argument("--no-ocr", action="store_false", dest="ocr", help="画像と文字情報のないPDFページをOCRしない / do not OCR images and PDF pages without a text layer")
    s.add_argument("--lang", choices=["ja", "en"], default=argparse.SUPPRESS)

    r = sub.add_parser("report", help="レポートを書き出す / write a report")
    r.add_argument("--db", default="tanaoroshi.db")
    r.add_argument("--run", type=int)
    r.add_argument("--format", required=True, choices=["html", "xlsx", "json", "csv"])
    r.add_argument("-o", "--output", metavar="OUT")
    r.add_argument("--lang", choices=["ja", "en"], default=argparse.SUPPRESS)

    df = sub.add_parser("diff", help="二つの実行の差分 / differences between two runs")
    df.add_argument("--db", default="tanaoroshi.db")
    df.add_argument("--json", action="store_true")
    df.add_argument("old", nargs="?", type=int)
    df.add_argument("new", nargs="?", type=int)
    df.add_argument("--lang", choices=["ja", "en"], default=argparse.SUPPRESS)

    rn = sub.add_parser("runs", help="実行の一覧 / list runs")
    rn.add_argument("--db", default="tanaoroshi.db")
    rn.add_argument("--lang", choices=["ja", "en"], default=argparse.SUPPRESS)

    dt = sub.add_parser("detect", help="テキストの個人情報を表示 (値を表示します) / print matches (shows values)")
    dt.add_argument("file", nargs="?", default="-", metavar="FILE|-")
    dt.add_argument("--jsonl", action="store_true")
    dt.add_argument("--entities", metavar="E,...")
    dt.add_argument("--lang", choices=["ja", "en"], default=argparse.SUPPRESS)

    sv = sub.add_parser("serve", help="レビュー画面を開く / serve the review app")
    sv.add_argument("--db", default="tanaoroshi.db")
    sv.add_argument("--host", default="127.0.0.1")
    sv.add_argument("--port", type=int, default=8765)
    sv.add_argument("--lang", choices=["ja", "en"], default=argparse.SUPPRESS)

    us = sub.add_parser("users", help="レビュー画面の利用者 / review app users")
    us.add_argument("--lang", choices=["ja", "en"], default=argparse.SUPPRESS)
    us_sub = us.add_subparsers(dest="users_command", required=True, parser_class=_Parser)
    ua = us_sub.add_parser("add", help="利用者を登録 (パスワードは入力または標準入力) / add a user (password from a prompt or stdin)")
    ua.add_argument("name")
    ua.add_argument("--role", required=True, choices=["reviewer", "viewer"])
    ua.add_argument("--db", default="tanaoroshi.db")
    ur = us_sub.add_parser("remove", help="利用者を削除 / remove a user")
    ur.add_argument("name")
    ur.add_argument("--db", default="tanaoroshi.db")
    ul = us_sub.add_parser("list", help="利用者の一覧 / list users")
    ul.add_argument("--db", default="tanaoroshi.db")
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=getattr(logging, str(args.log_level).upper(), logging.WARNING),
        format="tanaoroshi[%(process)d] %(levelname)s %(name)s: %(message)s",
        stream=sys.stderr,
    )
    lang = _lang(args)
    handler = {
        "demo": _cmd_demo,
        "scan": _cmd_scan,
        "report": _cmd_report,
        "diff": _cmd_diff,
        "runs": _cmd_runs,
        "detect": _cmd_detect,
        "serve": _cmd_serve,
        "users": _cmd_users,
    }[args.command]
    try:
        return handler(args, lang)
    except UserError as exc:
        print(f"tanaoroshi: {exc}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt as exc:
        print(t("cli.interrupted", lang), file=sys.stderr)
        return 143 if isinstance(exc, Terminated) else 130


class Terminated(KeyboardInterrupt):
    """SIGTERM (``systemctl stop``, a job scheduler's time limit) during a scan: ended as Ctrl-C ends it — what was
    read is committed, the run is recorded as incomplete and the next scan resumes it — with exit code 143."""


def _terminated(signum, frame) -> None:
    raise Terminated()


class UserError(Exception):
    """A one-line, user-facing reason for exit code 2."""


def _cmd_demo(args: argparse.Namespace, lang: str) -> int:
    from inventory.demo import generate

    out = Path(args.dir)
    kwargs = {"seed": args.seed} if args.seed is not None else {}
    manifest = generate(out, **kwargs)
    print(t("demo.written", lang, dir=str(out), files=len(manifest.files)))
    print(t("demo.next", lang, command=manifest.scan_command(str(out))))
    return EXIT_OK


def _cmd_scan(args: argparse.Namespace, lang: str) -> int:
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():  # only the main thread may set a handler
        return _cmd_scan_with_handler(args, lang)
    previous = signal.signal(signal.SIGTERM, _terminated)  # the default would end the process with nothing committed
    try:
        return _cmd_scan_with_handler(args, lang)
    finally:
        signal.signal(signal.SIGTERM, previous)  # the command's, not the caller's (main() called in-process)


def _cmd_scan_with_handler(args: argparse.Namespace, lang: str) -> int:
    if args.cluster or args.workers == 0:
        return _scan_command(args, lang)
    from crawler.isolation import start_forkserver, stop_forkserver

    if args.full or not Path(args.db).exists():
        # A scan that reads every file: the workers' forkserver starts first (its preload — the detectors and
        # GiNZA — is most of a scan's start-up), so it loads while this process imports the scan, opens the store
        # and walks. Not for a re-crawl, which may read nothing: an unchanged one would pay for a preload on the
        # other core (0.5 → 1.0 s for corpus-600 here); its pool starts the server at the first changed file.
        from inventory.preload import WORKER_PRELOAD

        start_forkserver(WORKER_PRELOAD)
    try:
        return _scan_command(args, lang)
    finally:
        # Ended with the command: a server started early for a scan that forks no worker (nothing to read, an
        # input error) would go on loading, and one left to exit by itself holds the command's output pipes
        # open through its interpreter's teardown (≈ 0.5 s after the command has exited).
        stop_forkserver()


def _scan_command(args: argparse.Namespace, lang: str) -> int:
    from inventory.lock import LockedError
    from inventory.progress import Progress
    from inventory.scan import InputError, ScanOptions, SourceUnavailable, scan

    options = ScanOptions(
        targets=args.targets,
        db=args.db,
        permissions=args.permissions,
        roster=args.roster,
        org_domains=args.org_domains,
        policy=args.policy,
        workers=args.workers,
        cluster=args.cluster,
        full=args.full,
        verify=args.verify,
        lang=lang,
        ocr=args.ocr,
    )
    try:
        with Progress(lang) as progress:
            summary = scan(options, progress=progress.update)
    except InputError as exc:
        raise UserError(str(exc)) from exc
    except LockedError as exc:
        print(t("scan.locked", lang, db=args.db, pid=str(exc) or "?"), file=sys.stderr)
        return EXIT_LOCKED
    except SourceUnavailable as exc:
        key = "scan.source_unreachable" if exc.run_id is None else "scan.source_unavailable"
        print(t(key, lang, reason=exc.reason, assets=exc.assets, db=args.db), file=sys.stderr)
        return EXIT_UNAVAILABLE
    tiers = summary.by_tier
    if summary.resumed or summary.reused:
        print(t("scan.incremental", lang, reused=summary.reused, extracted=summary.files, resumed=t("scan.resumed", lang) if summary.resumed else ""))
    print(
        t(
            "scan.done",
            lang,
            run=summary.run_id,
            assets=summary.assets,
            tier3=tiers.get("3", 0),
            tier2=tiers.get("2", 0),
            tier1=tiers.get("1", 0),
            unread=tiers.get("none", 0),
            seconds=f"{summary.seconds:.1f}",
            db=args.db,
        )
    )
    if summary.ocr_pages:
        print(t("scan.ocr_pages", lang, pages=summary.ocr_pages))
    if summary.export_only or summary.local_only:
        print(t("scan.one_side", lang, export_only=len(summary.export_only), local_only=len(summary.local_only)), file=sys.stderr)
    if args.fail_on == "new-exposed-tier3":
        from inventory.diff import new_exposed_tier3

        hits = new_exposed_tier3(args.db, summary.run_id)
        if hits:
            print(t("scan.fail_on", lang, count=len(hits)), file=sys.stderr)
            return EXIT_FAIL_ON
    return EXIT_OK


def _open_store(db: str, lang: str):
    from inventory.store import Store

    if not Path(db).exists():
        raise UserError(t("store.missing", lang, db=db))
    return Store.open(db)


def _cmd_report(args: argparse.Namespace, lang: str) -> int:
    from inventory.report_document import build_report

    with _open_store(args.db, lang) as store:
        run_id = args.run if args.run is not None else store.latest_run_id()
        if run_id is None:
            raise UserError(t("report.no_runs", lang, db=args.db))
        try:
            doc = build_report(store, run_id)
        except KeyError as exc:
            raise UserError(t("report.no_such_run", lang, run=run_id)) from exc
        diff = None
        if args.format == "xlsx":
            from inventory.diff import diff_runs

            earlier = [r["id"] for r in store.runs() if r["status"] == "complete" and r["id"] < run_id]
            if earlier:
                diff = diff_runs(store, max(earlier), run_id)
    fmt = args.format
    out = args.output
    if out is None and fmt in ("json", "csv"):
        out = "-"
    if out is None:
        out = f"tanaoroshi-report.{fmt}"
    _write_report(doc, fmt, out, lang, diff)
    if out != "-":
        print(t("report.written", lang, path=out), file=sys.stderr)
    return EXIT_OK


def _write_report(doc: dict, fmt: str, out: str, lang: str, diff: dict | None = None) -> None:
    import importlib

    # only the chosen writer: the XLSX one imports openpyxl and numpy (≈ 0.4 s of a JSON report's 0.9 s)
    writer = importlib.import_module(f"inventory.reports.{fmt}_report")
    if out == "-":
        if fmt not in ("json", "csv"):
            raise UserError(t("report.binary_stdout", lang, format=fmt))
        import tempfile

        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"report.{fmt}"
            writer.write(doc, path, lang)
            sys.stdout.write(path.read_text(encoding="utf-8-sig" if fmt == "csv" else "utf-8"))
        return
    Path(out).parent.mkdir(parents=True, exist_ok=True)
    if fmt == "xlsx":
        writer.write(doc, Path(out), lang, diff=diff)
    else:
        writer.write(doc, Path(out), lang)


def _cmd_runs(args: argparse.Namespace, lang: str) -> int:
    with _open_store(args.db, lang) as store:
        runs = store.runs()
    if not runs:
        print(t("runs.none", lang))
        return EXIT_OK
    print(t("runs.header", lang))
    for r in runs:
        tiers = r.get("tiers") or r.get("by_tier") or {}
        print(
            t(
                "runs.row",
                lang,
                id=r["id"],
                started=r.get("started_at", ""),
                status=t(f"runs.status.{r.get('status', 'unknown')}", lang),
                assets=r.get("assets", sum(tiers.values()) if tiers else 0),
                tier3=tiers.get("3", tiers.get(3, 0)),
            )
        )
    return EXIT_OK


def _cmd_diff(args: argparse.Namespace, lang: str) -> int:
    from inventory.diff import diff_runs, format_diff

    with _open_store(args.db, lang) as store:
        if (args.old is None) != (args.new is None):
            raise UserError(t("diff.two_runs", lang))
        try:
            result = diff_runs(store, args.old, args.new)
        except LookupError as exc:
            raise UserError(t("diff.not_enough_runs", lang)) from exc
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
    else:
        print(format_diff(result, lang))
    return EXIT_OK


def _cmd_detect(args: argparse.Namespace, lang: str) -> int:
    from inventory.detect import run_detect

    entities = tuple(e.strip() for e in args.entities.split(",") if e.strip()) if args.entities else None
    try:
        return run_detect(args.file, jsonl=args.jsonl, entities=entities, lang=lang)
    except (OSError, ValueError) as exc:
        raise UserError(str(exc)) from exc


def _cmd_serve(args: argparse.Namespace, lang: str) -> int:
    from inventory.web.auth import has_users, is_loopback

    with _open_store(args.db, lang) as store:
        users = has_users(store.conn)
    loopback = is_loopback(args.host)
    if not loopback and not users:
        raise UserError(t("serve.refused_no_users", lang, host=args.host, db=args.db))
    import uvicorn

    from inventory.web import create_app

    app = create_app(args.db, lang=lang, loopback=loopback, host=args.host)
    print(t("serve.start", lang, host=args.host, port=args.port), file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning", access_log=False, server_header=False)
    return EXIT_OK


def _read_password(lang: str) -> str:
    """From a prompt (twice) on a terminal, else the first line of stdin — never from the command line."""
    if sys.stdin.isatty():
        import getpass

        first = getpass.getpass(t("users.prompt", lang))
        if getpass.getpass(t("users.prompt_again", lang)) != first:
            raise UserError(t("users.mismatch", lang))
        return first
    return sys.stdin.readline().rstrip("\r\n")


def _cmd_users(args: argparse.Namespace, lang: str) -> int:
    from inventory.store import Store
    from inventory.web import auth

    if args.users_command == "add" and not Path(args.db).exists():
        raise UserError(t("store.missing", lang, db=args.db))
    with _open_store(args.db, lang) if args.users_command != "add" else Store.open(args.db) as store:
        try:
            if args.users_command == "add":
                auth.add_user(store.conn, args.name, args.role, _read_password(lang))
                print(t("users.added", lang, name=args.name, role=args.role))
            elif args.users_command == "remove":
                auth.remove_user(store.conn, args.name)
                print(t("users.removed", lang, name=args.name))
            else:
                rows = auth.list_users(store.conn)
                if not rows:
                    print(t("users.none", lang))
                for r in rows:
                    print(f"{r['name']}\t{r['role']}\t{r['created_at']}")
        except auth.UserError as exc:
            raise UserError(t(exc.code, lang, **exc.kw)) from None
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

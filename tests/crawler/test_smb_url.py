"""smb:// targets and where their credentials come from."""
from __future__ import annotations

import os

import pytest

from tests.assertions import assert_not_in, assert_same
from crawler.sources.smb_url import (
    CREDENTIALS_ENV,
    PASSWORD_ENV,
    SmbCredentials,
    SmbTargetError,
    SmbUrl,
    load_credentials,
    parse_smb_url,
)

SECRET = "Pw-" + "not-on-the-command-line"


@pytest.mark.parametrize(
    "text, host, port, share, path, user, domain",
    [
        ("smb://fs01/share", "fs01", 445, "share", "", None, None),
        ("smb://alice@fs01:4450/共有/経理/2024/", "fs01", 4450, "共有", "経理/2024", "alice", None),
        ("smb://CORP;bob@10.0.0.5/data/a%20b", "10.0.0.5", 445, "data", "a b", "bob", "CORP"),
        ("smb://[::1]:1445/s", "::1", 1445, "s", "", None, None),
        ("SMB://FS01/Share", "fs01", 445, "Share", "", None, None),
    ],
)
def test_parse(text, host, port, share, path, user, domain):
    url = parse_smb_url(text)
    assert (url.host, url.port, url.share, url.path, url.user, url.domain) == (host, port, share, path, user, domain)


def test_source_and_unc():
    url = parse_smb_url("smb://alice@fs01:4450/共有/経理")
    assert url.source == "smb://fs01:4450/共有"
    assert url.unc("2024/a.xlsx") == "\\\\fs01\\共有\\経理\\2024\\a.xlsx"
    assert parse_smb_url("smb://fs01/s").source == "smb://fs01/s"
    assert SmbUrl("::1", "s", port=1445).source == "smb://[::1]:1445/s"


@pytest.mark.parametrize(
    "text",
    ["http://fs01/share", "smb://fs01", "smb://fs01/", "smb:///share", "smb://fs01:99999/s", "smb://fs01/s/../t", "smb://fs01/s?x=1"],
)
def test_bad_targets(text):
    with pytest.raises(SmbTargetError):
        parse_smb_url(text)


def test_password_in_the_url_is_refused_without_echoing_it():
    with pytest.raises(SmbTargetError) as info:
        parse_smb_url(f"smb://alice:{SECRET}@fs01/share")
    assert_not_in(SECRET, str(info.value), "the refusal")


def test_password_from_the_environment():
    c = load_credentials(parse_smb_url("smb://alice@fs01/s"), env={PASSWORD_ENV: SECRET}, home=None)
    assert c.username == "alice"
    assert_same(c.password, SECRET, "password from the environment")
    assert_not_in(SECRET, repr(c), "repr of the credentials")


def test_credentials_file(tmp_path):
    path = tmp_path / "creds"
    path.write_text(f"# mount.cifs style\nusername=bob\npassword={SECRET}\ndomain=CORP\n", encoding="utf-8")
    os.chmod(path, 0o600)
    c = load_credentials(parse_smb_url("smb://fs01/s"), env={CREDENTIALS_ENV: str(path)})
    assert (c.username, c.domain, c.login) == ("bob", "CORP", "CORP\\bob")
    assert_same(c.password, SECRET, "password from the file")
    # the URL's user wins over the file's; the environment's password over the file's
    c2 = load_credentials(parse_smb_url("smb://carol@fs01/s"), env={CREDENTIALS_ENV: str(path), PASSWORD_ENV: "other"})
    assert c2.username == "carol"
    assert_same(c2.password, "other", "the environment over the file")


def test_default_credentials_file_under_home(tmp_path):
    path = tmp_path / ".config/tanaoroshi/smb-credentials"
    path.parent.mkdir(parents=True)
    path.write_text(f"username=dave\npassword={SECRET}\n", encoding="utf-8")
    os.chmod(path, 0o600)
    c = load_credentials(parse_smb_url("smb://fs01/s"), env={}, home=tmp_path)
    assert c.username == "dave"
    assert_same(c.password, SECRET, "password from the default file")


@pytest.mark.parametrize("mode", [0o644, 0o640, 0o604, 0o660])
def test_credentials_file_wider_than_0600_is_refused(tmp_path, mode):
    path = tmp_path / "creds"
    path.write_text(f"username=bob\npassword={SECRET}\n", encoding="utf-8")
    os.chmod(path, mode)
    with pytest.raises(SmbTargetError) as info:
        load_credentials(parse_smb_url("smb://fs01/s"), env={CREDENTIALS_ENV: str(path)})
    assert "0600" in str(info.value)
    assert_not_in(SECRET, str(info.value), "the refusal")


def test_bad_line_in_credentials_file_does_not_echo_it(tmp_path):
    path = tmp_path / "creds"
    path.write_text(f"username=bob\n{SECRET}\n", encoding="utf-8")
    os.chmod(path, 0o600)
    with pytest.raises(SmbTargetError) as info:
        load_credentials(parse_smb_url("smb://fs01/s"), env={CREDENTIALS_ENV: str(path)})
    assert ":2:" in str(info.value)
    assert_not_in(SECRET, str(info.value), "the parse error")


def test_missing_password_or_user_is_a_clear_error(tmp_path):
    with pytest.raises(SmbTargetError, match=PASSWORD_ENV):
        load_credentials(parse_smb_url("smb://alice@fs01/s"), env={}, home=tmp_path)
    with pytest.raises(SmbTargetError, match="no SMB user"):
        load_credentials(parse_smb_url("smb://fs01/s"), env={PASSWORD_ENV: SECRET}, home=tmp_path)
    with pytest.raises(SmbTargetError, match="not found"):
        load_credentials(parse_smb_url("smb://fs01/s"), env={CREDENTIALS_ENV: str(tmp_path / "none")})


def test_credentials_dataclass_keeps_password_out_of_repr():
    c = SmbCredentials("u", SECRET, "D")
    assert_not_in(SECRET, repr(c) + str(c), "repr and str of the credentials")

"""Amazon S3: ``get-bucket-acl`` and ``get-bucket-policy`` JSON (AllUsers / AuthenticatedUsers / Principal "*").

The bucket's access applies to every object of its downloaded copy (the item path is the root).
AuthenticatedUsers means any AWS account in the world, so it is PUBLIC, not ORGANIZATION.
"""
from __future__ import annotations

import json

from crawler.access.errors import ExportFormatError
from crawler.access.exports import ExportItem, line_of, shown
from crawler.model import AccessEntry

FORMAT = "s3"
ALL_USERS = "http://acs.amazonaws.com/groups/global/AllUsers"
AUTH_USERS = "http://acs.amazonaws.com/groups/global/AuthenticatedUsers"
READS = {"READ", "FULL_CONTROL"}


def sniff_json(data) -> bool:
    return isinstance(data, dict) and ("Grants" in data or "Statement" in data or "Policy" in data)


def parse_json(path: str, data) -> list[ExportItem]:
    out = []
    if "Policy" in data and isinstance(data["Policy"], str):  # get-bucket-policy wraps the document in a string
        try:
            data = dict(data, **json.loads(data["Policy"]))
        except json.JSONDecodeError as exc:
            raise ExportFormatError(path, f"Policy is not JSON: {exc.msg}", None, "Policy") from None
    for grant in data.get("Grants", []):
        grantee = grant.get("Grantee") or {}
        perm = grant.get("Permission", "")
        if perm not in READS and perm not in ("WRITE", "READ_ACP", "WRITE_ACP"):
            raise ExportFormatError(path, f"unknown value {shown(perm)}", line_of(grant), "Permission")
        right = "owner" if perm == "FULL_CONTROL" else "read" if perm == "READ" else "write"
        uri = grantee.get("URI", "")
        if uri in (ALL_USERS, AUTH_USERS):
            out.append(ExportItem("", AccessEntry("anyone", "AllUsers" if uri == ALL_USERS else "AuthenticatedUsers", "anyone", right, "acl")))
        elif grantee.get("ID") or grantee.get("EmailAddress"):
            who = grantee.get("EmailAddress") or grantee.get("ID")
            out.append(ExportItem("", AccessEntry(who, grantee.get("DisplayName") or who, "user", right, "acl")))
    for statement in data.get("Statement", []):
        if statement.get("Effect") != "Allow":
            continue
        principal = statement.get("Principal")
        actions = statement.get("Action")
        actions = [actions] if isinstance(actions, str) else actions or []
        if not any(a in ("s3:GetObject", "s3:Get*", "s3:*", "*") for a in actions):
            continue
        aws = principal.get("AWS") if isinstance(principal, dict) else None
        if principal == "*" or aws == "*" or (isinstance(aws, list) and "*" in aws):
            condition = json.dumps(statement.get("Condition") or {}).lower()
            if "aws:principalorgid" in condition:  # "*" narrowed to the accounts of one AWS Organization
                out.append(ExportItem("", AccessEntry("organization", 'Principal "*" (aws:PrincipalOrgID)', "organization", "read", "acl"), line_of(statement)))
            else:
                out.append(ExportItem("", AccessEntry("anyone", 'Principal "*"', "anyone", "read", "acl"), line_of(statement)))
    if not out:
        out.append(ExportItem("", None))
    return out

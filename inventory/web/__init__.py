"""The review app: data owners confirm, mark false positives, remediate and assign, in place (issue #13)."""
from inventory.web.app import create_app

__all__ = ["create_app"]

"""The web app and REST API over a store (``worldwire serve``, issue 8)."""

from .app import create_app

__all__ = ["create_app"]

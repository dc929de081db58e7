"""worldwire's named errors. Every rejected document carries a reason."""

from __future__ import annotations


class WorldwireError(Exception):
    """Base class of all errors worldwire raises on purpose."""


class InputError(WorldwireError):
    """A document or file that cannot become an article.

    ``path`` names the file, ``line`` the JSONL line (1-based) where relevant,
    and ``reason`` says what is wrong in words a user can act on.
    """

    def __init__(self, path: str, reason: str, line: int | None = None):
        self.path = path
        self.reason = reason
        self.line = line
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {reason}")


class NotFoundError(WorldwireError):
    """A record asked for by id that the store does not hold."""


class ModelNotFoundError(WorldwireError):
    """The configured spaCy pipeline is not installed."""

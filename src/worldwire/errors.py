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


class FetchError(InputError):
    """A URL that was not fetched: refused by the fetch policy (private address,
    robots.txt, content type, size, redirects) or failed (timeout, HTTP error).

    ``url`` is the URL asked for (``path`` too, so the pipeline reports it like
    a bad file), ``reason`` says why; ``transient`` is true when trying again
    later may succeed (timeouts, connection errors, HTTP 408, 429 and 5xx),
    ``status`` is the HTTP status where there was one.
    """

    def __init__(self, url: str, reason: str, transient: bool = False, status: int | None = None):
        super().__init__(url, reason)
        self.url = url
        self.transient = transient
        self.status = status

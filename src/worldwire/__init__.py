"""worldwire: news in, evidence-linked events, quotations and actors out.

    >>> import worldwire
    >>> coded = worldwire.process(text, date=date(2023, 3, 21))
    >>> store = worldwire.open_store("worldwire.duckdb")
    >>> store.events(actor="RUS", type="CONSULT")
"""

from .kb import load_kb
from .pipeline import Coder, process
from .store import Store, open_store

__version__ = "0.1.0"
__all__ = ["Coder", "Store", "load_kb", "open_store", "process", "__version__"]

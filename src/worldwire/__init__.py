"""worldwire: news in, evidence-linked events, quotations and actors out.

    >>> import worldwire
    >>> coded = worldwire.process(text, date=date(2023, 3, 21))
    >>> store = worldwire.open_store("worldwire.duckdb")
    >>> store.events(actor="RUS", type="CONSULT").to_pandas()
"""

from .api import Record, Results, Store, open_store
from .kb import load_kb
from .pipeline import Coder, process

__version__ = "0.1.0"
__all__ = ["Coder", "Record", "Results", "Store", "load_kb", "open_store", "process", "__version__"]

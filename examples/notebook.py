"""worldwire in a notebook, as a script: open a store coded from
examples/corpus, look at events, make the China–Russia dyad frame and a
chart, export to Parquet. Each ``# %%`` block is a notebook cell (VS Code,
Jupytext and Spyder run them as cells).

    .venv/bin/python examples/notebook.py --out /tmp/ww            # codes the corpus into /tmp/ww/corpus.duckdb
    .venv/bin/python examples/notebook.py --out /tmp/ww --db worldwire.duckdb   # use a store you have

Writes OUT/chn_rus.png (the dyad chart), OUT/chn_rus.csv (the dyad frame)
and OUT/events.parquet.
"""

# %% Set-up: where to write, which store
import argparse
import tempfile
from pathlib import Path

import worldwire

HERE = Path(__file__).resolve().parent
parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--out", help="Folder for the outputs (default: a new temporary folder).")
parser.add_argument("--db", help="An existing store; default: code examples/corpus into OUT/corpus.duckdb.")
args, _ = parser.parse_known_args()
out = Path(args.out) if args.out else Path(tempfile.mkdtemp(prefix="worldwire-notebook-"))
out.mkdir(parents=True, exist_ok=True)

# %% Open the store (coding the sample corpus the first time)
db = Path(args.db) if args.db else out / "corpus.duckdb"
if not db.exists():
    from worldwire.pipeline import ingest

    with worldwire.open_store(db) as s:
        outcomes = list(ingest([str(HERE / "corpus")], s, worldwire.Coder.load()))
    print(f"coded {sum(o.status == 'stored' for o in outcomes)} articles into {db}")
store = worldwire.open_store(db, read_only=True)

# %% Events: typed results, one call from a data frame
events = store.events(actor="CHN", type="CONSULT")
print(events)                      # in Jupyter the results render as a table
first = events[0]
print(first.type, first.mode, [a["name"] for a in first.source], "->", [a["name"] for a in first.target])
frame = events.to_pandas()
print(frame[["published", "type", "modality", "goldstein"]].head())

# %% The China–Russia dyad, week by week, as a frame and a chart
dyad = store.dyads("CHN", "RUS", by="week")
dyad_frame = dyad.to_pandas()
print(dyad_frame[["period", "events", "verbal_coop", "material_coop", "alignment", "ci_low", "ci_high"]])
dyad_frame.to_csv(out / "chn_rus.csv", index=False)

from worldwire.analysis.charts import dyad_chart, save_png  # noqa: E402

chart_path = save_png(dyad_chart(dyad, "CHN", "RUS", by="week"), out / "chn_rus.png")
print(f"chart: {chart_path}")

# %% The relation network and an export for other tools
net = store.network()
print(net.nodes.to_pandas()[["id", "events", "partners", "community"]].head())
n = store.export("events", out / "events.parquet")
print(f"exported {n} events to {out / 'events.parquet'}")
store.close()

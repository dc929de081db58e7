"""Evaluate extraction against gold data."""

from __future__ import annotations

import json

import click


@click.command()
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True,
              help="table for people; json: one object of figures per gold file.")
@click.option("--split", help="Only items whose \"split\" field has this value (e.g. dev).")
def evaluate(gold: tuple[str, ...], fmt: str, split: str | None) -> None:
    """Score events (type, source, target, modality) and quotes against gold JSONL.

    The gold format is described in the README ("Evaluation").

    Example: worldwire evaluate training/events/bank_part1.jsonl --split dev
    """
    from ..evaluate import evaluate as run
    from ..pipeline import Coder

    coder = Coder.load()
    for path in gold:
        result = run(path, coder, split=split)
        if fmt == "json":
            click.echo(json.dumps({"gold": path, **result}, ensure_ascii=False))
            continue
        click.echo(f"{path}  ({result['items']} items{', split ' + split if split else ''})")
        for key in ("type_precision", "type_recall", "type_f1", "source_f1", "target_f1", "triple_f1",
                    "modality_accuracy", "speaker_accuracy", "quote_span_f1"):
            value = result[key]
            click.echo(f"  {key:<18} {'—' if value is None else f'{value:.3f}'}")
        for kind, acc in sorted(result["speaker_accuracy_by_kind"].items()):
            click.echo(f"  speaker_accuracy[{kind}] {acc:.3f}")
        for method, fig in result["type_precision_by_method"].items():
            click.echo(f"  type_precision[{method}] {fig['precision']:.3f} ({fig['events']} events)")
        errors = {k: n for k, n in result["confusion"].items() if k.split("->")[0] != k.split("->")[1]}
        if errors:
            click.echo("  most frequent confusions (gold->predicted):")
            for k, n in sorted(errors.items(), key=lambda kv: -kv[1])[:10]:
                click.echo(f"    {k:<22} {n}")


COMMANDS = [evaluate]

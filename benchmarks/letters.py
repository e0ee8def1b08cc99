"""Renders the seed letters the naive docxtpl way and with perbup's renderer, in one run.

    python benchmarks/letters.py [--count N]

Naive: a new docxtpl.DocxTemplate per village, render, save. perbup: the template prepared once,
then per village only the changed parts rendered and written. Both write to memory, on one core,
from the same contexts; context building is outside both timings.
"""

from __future__ import annotations

import argparse
import io
import time
from pathlib import Path

from docxtpl import DocxTemplate

from perbup.documents.letters import TEMPLATE, LettersOptions, plan_letters
from perbup.docx.render import PreparedTemplate
from perbup.load.dataset import load_dataset
from perbup.load.workspace import Workspace

ROOT = Path(__file__).resolve().parent.parent


def naive(template: Path, context: dict) -> bytes:  # type: ignore[type-arg]
    document = DocxTemplate(str(template))
    document.render(context, autoescape=True)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=158, help="letters per method (default: all)")
    args = parser.parse_args()
    workspace = Workspace.load(ROOT / "seeds")
    template = workspace.template(TEMPLATE)
    # Working copies: the seeds leave what letters print to the bureau, and speed is the same.
    planned, _ = plan_letters(load_dataset(workspace), LettersOptions(final=False))
    contexts = [p.context for p in planned][: args.count]

    start = time.perf_counter()
    for context in contexts:
        naive(template, context)
    naive_ms = (time.perf_counter() - start) * 1000 / len(contexts)

    start = time.perf_counter()
    prepared = PreparedTemplate.load(template, name=TEMPLATE)  # counted: it is part of a run
    for context in contexts:
        prepared.render(context)
    ours_ms = (time.perf_counter() - start) * 1000 / len(contexts)

    print(f"letters={len(contexts)}")
    print(f"naive_ms_per_doc={naive_ms:.2f}")
    print(f"perbup_ms_per_doc={ours_ms:.2f}")
    print(f"ratio={naive_ms / ours_ms:.1f}")


if __name__ == "__main__":
    main()

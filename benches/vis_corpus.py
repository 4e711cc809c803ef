#!/usr/bin/env python3
"""Writes the corpus of the side-by-side comparison with vis-timeline.

ITEMS items in 20 groups (one native article per group, so `--lanes article` gives the
20 lanes), 30% of them ranges, dates over about 15 years with bursts, short titles:
the same data a vis-timeline page is given as a DataSet. Deterministic (fixed seed).

    python3 benches/vis_corpus.py 20000 OUT_DIR
    frise export OUT_DIR --lanes article --width 1600 --height 900 --out OUT.png
"""

import json
import random
import sys
from datetime import date, timedelta
from pathlib import Path

LANES = 20
RANGE_SHARE = 0.3
START = date(2010, 1, 1)
DAYS = 15 * 365
BURSTS = 12


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit("usage: vis_corpus.py ITEMS OUT_DIR")
    items, out = int(sys.argv[1]), Path(sys.argv[2])
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(1)
    bursts = [rng.randrange(DAYS) for _ in range(BURSTS)]
    lanes = [[] for _ in range(LANES)]
    for i in range(items):
        # Half the items fall in a burst a few weeks wide, the rest anywhere.
        if rng.random() < 0.5:
            day = min(DAYS - 1, max(0, int(rng.gauss(rng.choice(bursts), 20))))
        else:
            day = rng.randrange(DAYS)
        start = START + timedelta(days=day)
        if rng.random() < RANGE_SHARE:
            end = start + timedelta(days=rng.randint(2, 120))
            when = f"{start.isoformat()}/{end.isoformat()}"
        else:
            when = start.isoformat()
        lane = i % LANES
        lanes[lane].append({"id": f"item-{i}", "title": f"Item {i}", "date": when})
    for lane, events in enumerate(lanes):
        doc = {
            "frise": 1,
            "article": {
                "id": f"group-{lane:02}",
                "title": f"Group {lane + 1}",
                "source": f"Outlet {lane + 1}",
                "language": "en",
                "text": f"Group {lane + 1}.",
            },
            "entities": [],
            "events": events,
        }
        path = out / f"group-{lane:02}.json"
        path.write_text(json.dumps(doc, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()

"""The pre-departure orientation course (migrant track): 8 modules, 16 lessons.

Drawn from the MRC's documents (safe, orderly and regular migration; rights and
duties when crossing the border; health of migrants: STI/HIV/TB; trafficking;
repatriation, deportation and finding missing relatives; referral for training
and reintegration) and common pre-departure curricula. Rules differ by country
and change: the lessons give general guidance and send readers to official
sources, never invented legal detail.

The texts are in `data/orientation.yaml` (the structure) and
`data/orientation.<lang>.yaml` (one file per language), read by `loader.py`."""

from .common import DATA
from .loader import load

COURSE = load(DATA, "orientation")
MODULES = COURSE["modules"]

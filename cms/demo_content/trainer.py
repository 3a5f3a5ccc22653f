"""The trainer course (staff track): for ministry and Migration Service staff who
run pre-departure sessions, counsel returning migrants, reach communities
through local government offices and refer migrants to training and
reintegration support (the MRC's roles 2, 3 and 5 in its project document).

The texts are in `data/trainer.yaml` (the structure) and
`data/trainer.<lang>.yaml` (one file per language), read by `loader.py`."""

from .common import DATA
from .loader import load

COURSE = load(DATA, "trainer")
MODULES = COURSE["modules"]

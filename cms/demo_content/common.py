"""Home page, track pages, contact cards, destination countries, pictures: read
from the data files `data/common.yaml` and `data/common.<lang>.yaml`."""

from pathlib import Path

from .loader import load

DATA = Path(__file__).resolve().parent / "data"

_COMMON = load(DATA, "common")
HOME = _COMMON["home"]
TRACKS = _COMMON["tracks"]
IMAGES = _COMMON["images"]
CONTACT_CARDS = _COMMON["contact_cards"]
COUNTRIES = _COMMON["countries"]
# The track collection each picture is kept in (cms.TrackCollection).
IMAGE_TRACKS = {"journey": "migrant", "border": "migrant", "classroom": "staff"}

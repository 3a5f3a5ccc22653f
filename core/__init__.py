"""The ground every Safar app stands on: the vocabulary of the two tracks
(`core.tracks`), the abstract model base (`core.models`) and the rules of
Celery tasks (`core.tasks`). Not a Django app (no tables); imports no Safar app."""

"""Demo data for the LRS: the client `demo-lrs` / `demo-lrs-secret` with every
scope and both tracks (documented in the README). Running it again changes
nothing."""

from .models import LRSClient

DEMO_KEY = "demo-lrs"
DEMO_SECRET = "demo-lrs-secret"  # noqa: S105 (the documented demo credential)


def load_xapi() -> LRSClient:
    client = LRSClient.objects.filter(key=DEMO_KEY).first()
    if client is None:
        client = LRSClient(key=DEMO_KEY)
    if not client.secret_hash or not client.check_secret(DEMO_SECRET):
        client.set_secret(DEMO_SECRET)
    client.name = "Demo LRS client"
    client.scope = LRSClient.Scope.ALL
    client.tracks = ["migrant", "staff"]
    client.is_active = True
    client.save()
    return client

"""Demo data for the LRS: the clients `demo-lrs` (an xAPI 2.0 client) and
`demo-lrs-103` (a 1.0.3 one), both with the secret `demo-lrs-secret`, every
scope and both tracks (documented in the README). Running it again changes
nothing."""

from .models import LRSClient

DEMO_KEY = "demo-lrs"
DEMO_KEY_103 = "demo-lrs-103"
DEMO_SECRET = "demo-lrs-secret"  # noqa: S105 (the documented demo credential)


def load_xapi() -> LRSClient:
    _client(DEMO_KEY_103, "Demo LRS client (xAPI 1.0.3)", "1.0.3")
    return _client(DEMO_KEY, "Demo LRS client", "2.0.0")


def _client(key: str, name: str, version: str) -> LRSClient:
    client = LRSClient.objects.filter(key=key).first()
    if client is None:
        client = LRSClient(key=key)
    if not client.secret_hash or not client.check_secret(DEMO_SECRET):
        client.set_secret(DEMO_SECRET)
    client.name = name
    client.xapi_version = version
    client.scope = LRSClient.Scope.ALL
    client.tracks = ["migrant", "staff"]
    client.is_active = True
    client.save()
    return client

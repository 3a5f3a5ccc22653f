import base64
import json
import uuid

import pytest

from xapi.models import LRSClient

TEST_SECRET = "secret-for-tests"  # noqa: S105 (test credential)


def make_client(key="lrs-all", secret=TEST_SECRET, scope="all", tracks=("migrant", "staff")):
    client = LRSClient(name=key, key=key, scope=scope, tracks=list(tracks))
    client.set_secret(secret)
    client.save()
    return client


class LRS:
    """Django's test client speaking xAPI with one LRS client's credentials."""

    def __init__(self, django_client, key, secret, version="1.0.3"):
        self.c = django_client
        token = base64.b64encode(f"{key}:{secret}".encode()).decode()
        self.headers = {"Authorization": f"Basic {token}", "X-Experience-API-Version": version}

    def _h(self, extra):
        headers = dict(self.headers)
        headers.update(extra or {})
        return {k: v for k, v in headers.items() if v is not None}

    def get(self, path, params=None, headers=None):
        return self.c.get(path, params or {}, headers=self._h(headers))

    def head(self, path, params=None, headers=None):
        return self.c.head(path, params or {}, headers=self._h(headers))

    def post(self, path, body, params=None, headers=None, content_type="application/json"):
        if not isinstance(body, (bytes, str)):
            body = json.dumps(body)
        query = ("?" + "&".join(f"{k}={v}" for k, v in params.items())) if params else ""
        return self.c.post(path + query, body, content_type=content_type, headers=self._h(headers))

    def put(self, path, body, params=None, headers=None, content_type="application/json"):
        from urllib.parse import urlencode

        if not isinstance(body, (bytes, str)):
            body = json.dumps(body)
        query = ("?" + urlencode(params)) if params else ""
        return self.c.put(path + query, body, content_type=content_type, headers=self._h(headers))

    def delete(self, path, params=None, headers=None):
        from urllib.parse import urlencode

        query = ("?" + urlencode(params)) if params else ""
        return self.c.delete(path + query, headers=self._h(headers))


@pytest.fixture
def lrs(db, client):
    make_client()
    return LRS(client, "lrs-all", "secret-for-tests")


def statement(**overrides):
    data = {
        "actor": {"objectType": "Agent", "mbox": "mailto:learner@example.org", "name": "L"},
        "verb": {
            "id": "http://adlnet.gov/expapi/verbs/experienced",
            "display": {"en-US": "experienced"},
        },
        "object": {
            "objectType": "Activity",
            "id": "http://example.org/activities/one",
            "definition": {"name": {"en-US": "One"}},
        },
    }
    data.update(overrides)
    return data


def new_id():
    return str(uuid.uuid4())

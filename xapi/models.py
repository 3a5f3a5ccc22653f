"""The Learning Record Store: statements (the JSON as stored plus the indexed
columns every filter of the spec needs), documents, LRS clients, and the
forwarding outbox to external LRSs.

Statements are immutable: voiding sets `voided` on the target and adds the
voiding statement; nothing is ever deleted by the LRS.
"""

import hashlib
import hmac
import secrets
import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel

TRACK_CHOICES = [("migrant", _("Migrant (orientation)")), ("staff", _("Staff (trainer)"))]


class Statement(models.Model):
    # A sequence number gives a total order for `more` cursors (stored times
    # can tie); the statement id is what clients see.
    seq = models.BigAutoField(primary_key=True)
    statement_id = models.UUIDField(unique=True)
    data = models.JSONField()
    verb_id = models.CharField(max_length=512)
    actor_key = models.CharField(max_length=512)
    object_activity_id = models.CharField(max_length=1024, blank=True, default="")
    object_agent_key = models.CharField(max_length=512, blank=True, default="")
    object_statement_id = models.UUIDField(null=True, blank=True)
    registration = models.UUIDField(null=True, blank=True)
    timestamp = models.DateTimeField()
    stored = models.DateTimeField()
    voided = models.BooleanField(default=False)
    is_voiding = models.BooleanField(default=False)
    # The track whose learners the statement is about (None: unscoped, only
    # clients that may read every track see it).
    track = models.CharField(max_length=16, choices=TRACK_CHOICES, null=True, blank=True)
    # No database constraint: its check ran a query per statement at commit
    # (a batch of 100 paid for 100). Deleting a client goes through the ORM,
    # which sets its statements' client to NULL as before.
    client = models.ForeignKey(
        "LRSClient",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    has_attachments = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        indexes = [
            models.Index(fields=["stored", "seq"], name="xapi_stmt_stored"),
            models.Index(fields=["verb_id", "seq"], name="xapi_stmt_verb"),
            models.Index(fields=["actor_key", "seq"], name="xapi_stmt_actor"),
            # Partial: most statements have an activity as object and many
            # no registration; an index entry for every empty value costs inserts.
            models.Index(
                fields=["object_agent_key", "seq"],
                name="xapi_stmt_objagent",
                condition=~Q(object_agent_key=""),
            ),
            models.Index(fields=["object_activity_id", "seq"], name="xapi_stmt_activity"),
            models.Index(
                fields=["registration", "seq"],
                name="xapi_stmt_registration",
                condition=Q(registration__isnull=False),
            ),
            models.Index(
                fields=["object_statement_id"],
                name="xapi_stmt_objstmt",
                condition=Q(object_statement_id__isnull=False),
            ),
        ]

    def __str__(self):
        return str(self.statement_id)


class StatementRelation(models.Model):
    """Every activity and agent a statement mentions anywhere (object, context,
    sub-statement, authority...): what related_activities / related_agents search.

    The primary key (kind, key, statement) is also the index those lookups use,
    in statement order: one index per row, no surrogate id, no sequence."""

    class Kind(models.TextChoices):
        ACTIVITY = "activity", _("activity")
        AGENT = "agent", _("agent")

    pk = models.CompositePrimaryKey("kind", "key", "statement")
    # No foreign-key constraint in the database: only statements_store writes
    # these rows, in the transaction that inserts their statement, and the LRS
    # never deletes a statement; a constraint would lock each statement row once
    # per relation when the transaction commits.
    statement = models.ForeignKey(
        Statement,
        on_delete=models.CASCADE,
        related_name="relations",
        db_index=False,
        db_constraint=False,
    )
    kind = models.CharField(max_length=8, choices=Kind.choices)
    key = models.CharField(max_length=1024)

    def __str__(self):
        return f"{self.kind} {self.key}"


class Attachment(models.Model):
    """Attachment content received in multipart/mixed, stored once per hash."""

    sha2 = models.CharField(max_length=128, primary_key=True)
    content_type = models.CharField(max_length=255)
    content = models.BinaryField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.sha2


class ActivityDefinition(models.Model):
    """The latest definition of an activity the LRS was told about (the
    Activities resource answers with it)."""

    activity_id = models.CharField(max_length=1024, unique=True)
    definition = models.JSONField(default=dict)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.activity_id


class ActorIdentity(models.Model):
    """The opaque, stable name a Safar user has in xAPI statements (never their
    e-mail or phone)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="xapi_identity"
    )
    name = models.UUIDField(default=uuid.uuid4, unique=True)

    def __str__(self):
        return str(self.name)


class Document(TimeStampedModel):
    """A state, activity profile or agent profile document."""

    class Kind(models.TextChoices):
        STATE = "state", _("state")
        ACTIVITY_PROFILE = "activity_profile", _("activity profile")
        AGENT_PROFILE = "agent_profile", _("agent profile")

    kind = models.CharField(max_length=16, choices=Kind.choices)
    activity_id = models.CharField(max_length=1024, blank=True, default="")
    agent_key = models.CharField(max_length=512, blank=True, default="")
    registration = models.CharField(max_length=36, blank=True, default="")
    document_id = models.CharField(max_length=512)
    content_type = models.CharField(max_length=255)
    content = models.BinaryField()
    etag = models.CharField(max_length=64)
    client = models.ForeignKey(
        "LRSClient", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    track = models.CharField(max_length=16, choices=TRACK_CHOICES, null=True, blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["kind", "activity_id", "agent_key", "registration"], name="xapi_doc_lookup"
            )
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "activity_id", "agent_key", "registration", "document_id"],
                name="xapi_doc_once",
            ),
        ]


def secret_digest(salt: str, secret: str) -> str:
    """One SHA-256 of salt + secret: a client's secret is long and random, so no
    slow password hash is needed, and checking costs microseconds."""
    return hashlib.sha256(f"{salt}:{secret}".encode()).hexdigest()


class LRSClient(TimeStampedModel):
    class Scope(models.TextChoices):
        READ = "read", _("Read only")
        WRITE = "write", _("Write only")
        ALL = "all", _("Read and write")

    name = models.CharField(_("name"), max_length=200)
    key = models.CharField(_("key"), max_length=100, unique=True)
    secret_salt = models.CharField(max_length=32, editable=False)
    secret_hash = models.CharField(max_length=64, editable=False)
    scope = models.CharField(_("scope"), max_length=8, choices=Scope.choices, default=Scope.ALL)
    tracks = models.JSONField(
        _("tracks"),
        default=list,
        help_text=_("The tracks whose learners' statements and documents this client may read."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    # The version a request without X-Experience-API-Version is refused in:
    # the 400 names it in its X-Experience-API-Version header. A client built
    # for xAPI 1.0.3 expects to hear 1.0.3 there, a 2.0 client 2.0.0.
    xapi_version = models.CharField(
        _("xAPI version"),
        max_length=8,
        choices=[("1.0.3", "1.0.3"), ("2.0.0", "2.0.0")],
        default="2.0.0",
        help_text=_(
            "The version this client is built for: the LRS names it when the client's "
            "request does not say which version it speaks (and refuses the request)."
        ),
    )

    class Meta:
        verbose_name = _("LRS client")
        verbose_name_plural = _("LRS clients")
        constraints = [
            models.CheckConstraint(
                condition=Q(scope__in=["read", "write", "all"]), name="xapi_client_scope_valid"
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.key})"

    def set_secret(self, secret: str) -> None:
        self.secret_salt = secrets.token_hex(16)
        self.secret_hash = secret_digest(self.secret_salt, secret)

    def check_secret(self, secret: str) -> bool:
        return hmac.compare_digest(secret_digest(self.secret_salt, secret), self.secret_hash)

    @property
    def can_read(self) -> bool:
        return self.scope in (self.Scope.READ, self.Scope.ALL)

    @property
    def can_write(self) -> bool:
        return self.scope in (self.Scope.WRITE, self.Scope.ALL)

    @property
    def all_tracks(self) -> bool:
        return {"migrant", "staff"} <= set(self.tracks or [])


class ForwardEndpoint(TimeStampedModel):
    """An external LRS that receives a copy of every statement (of its tracks)."""

    class Version(models.TextChoices):
        V103 = "1.0.3", "1.0.3"
        V200 = "2.0.0", "2.0.0"

    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(
        _("LRS endpoint URL"), help_text=_("The xAPI endpoint, e.g. https://lrs.example.org/xapi/")
    )
    username = models.CharField(_("key (user name)"), max_length=200, blank=True)
    password = models.CharField(_("secret (password)"), max_length=200, blank=True)
    version = models.CharField(
        _("xAPI version"), max_length=8, choices=Version.choices, default=Version.V103
    )
    tracks = models.JSONField(
        _("tracks"), default=list, help_text=_("Forward the statements of these tracks.")
    )
    include_unscoped = models.BooleanField(_("also statements without a track"), default=False)
    convert_v2 = models.BooleanField(
        _("convert xAPI 2.0 content for a 1.0.3 endpoint"),
        default=True,
        help_text=_(
            "For an endpoint speaking 1.0.3: context agents and groups (new in xAPI 2.0) are "
            "sent as context extensions. Unticked, such statements are kept back and counted "
            "as refused."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    last_error = models.TextField(_("last error"), blank=True)
    last_error_at = models.DateTimeField(_("last error at"), null=True, blank=True)
    last_success_at = models.DateTimeField(_("last delivery at"), null=True, blank=True)

    class Meta:
        verbose_name = _("forwarding endpoint")
        verbose_name_plural = _("forwarding endpoints")

    def __str__(self):
        return self.name

    def wants(self, track: str | None) -> bool:
        if track is None:
            return self.include_unscoped
        return track in (self.tracks or [])


class OutboxEntry(models.Model):
    """One statement waiting to be delivered to one endpoint; written in the
    same transaction as the statement, deleted once delivered."""

    endpoint = models.ForeignKey(ForwardEndpoint, on_delete=models.CASCADE, related_name="outbox")
    # No constraint in the database, as for StatementRelation: the row is
    # written with its statement, which the LRS never deletes; the check would
    # lock the statement row at commit.
    statement = models.ForeignKey(
        Statement, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    created_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    leased_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("outbox entry")
        verbose_name_plural = _("outbox entries")
        constraints = [
            models.UniqueConstraint(fields=["endpoint", "statement"], name="xapi_outbox_once"),
        ]
        indexes = [models.Index(fields=["endpoint", "id"], name="xapi_outbox_pending")]

    def __str__(self):
        return f"{self.statement_id} → {self.endpoint_id}"

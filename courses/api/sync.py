"""`POST /api/v1/sync/`: a batch of what was recorded offline (courses/sync.py).
The envelope is validated as a whole (at most MAX_ITEMS items, each an object);
each item on its own, so one malformed item is refused and the rest applied."""

from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from core.api_fields import IdField
from media_pipeline.api.serializers import VideoEventInputSerializer

from ..sync import KINDS, MAX_ITEMS, refused, sync_item_apply


class ItemSerializer(serializers.Serializer):
    id = serializers.UUIDField(help_text="Made by the client; the same id is applied once.")
    kind = serializers.ChoiceField(choices=KINDS)
    at = serializers.DateTimeField(help_text="When it happened, by the client's clock.")
    data = serializers.DictField(help_text="The item's fields, by kind (see the README).")


class ProgressItemSerializer(serializers.Serializer):
    lesson = IdField()
    progress = serializers.FloatField(min_value=0.0, max_value=1.0)
    time_spent_seconds = serializers.IntegerField(
        min_value=0, max_value=24 * 60 * 60, required=False, default=0
    )


def _form_field():
    """The quiz form's fields as the browser would post them, [[name, value], ...]
    (the offline page sends the form it kept; read like the page's POST)."""
    pair = serializers.ListField(
        child=serializers.CharField(allow_blank=True, max_length=1000, trim_whitespace=False),
        min_length=2,
        max_length=2,
    )
    return serializers.ListField(child=pair, max_length=500, required=False)


class SubmitItemSerializer(serializers.Serializer):
    attempt = serializers.UUIDField()
    answers = serializers.DictField(child=serializers.JSONField(allow_null=True), required=False)
    form = _form_field()

    def validate(self, attrs):
        if "answers" in attrs and "form" in attrs:
            raise serializers.ValidationError("Send the answers or the form, not both.")
        return attrs


class AnswersItemSerializer(SubmitItemSerializer):
    def validate(self, attrs):
        if "answers" not in attrs and "form" not in attrs:
            raise serializers.ValidationError("Send the answers or the form.")
        return super().validate(attrs)


DATA = {
    "progress": ProgressItemSerializer,
    "video": VideoEventInputSerializer,
    "answers": AnswersItemSerializer,
    "submit": SubmitItemSerializer,
}


class BatchSerializer(serializers.Serializer):
    items = serializers.ListField(child=serializers.DictField(), min_length=1, max_length=MAX_ITEMS)


class OutcomeSerializer(serializers.Serializer):
    id = serializers.CharField(allow_null=True)
    status = serializers.ChoiceField(choices=["applied", "duplicate", "refused"])
    code = serializers.CharField(required=False)
    reason = serializers.CharField(required=False)
    fields = serializers.DictField(required=False)
    result = serializers.DictField(required=False)


class OutcomesSerializer(serializers.Serializer):
    results = OutcomeSerializer(many=True)


def _invalid(item_id, errors) -> dict:
    return {**refused("invalid", "This item is not valid."), "id": item_id, "fields": errors}


def _outcome(user, raw: dict) -> dict:
    envelope = ItemSerializer(data=raw)
    item_id = str(raw.get("id"))[:64] if raw.get("id") is not None else None
    if not envelope.is_valid():
        return _invalid(item_id, envelope.errors)
    item = envelope.validated_data
    data = DATA[item["kind"]](data=item["data"])
    if not data.is_valid():
        return _invalid(item_id, {"data": data.errors})
    at = min(item["at"], timezone.now())
    return sync_item_apply(
        user=user, client_id=item["id"], kind=item["kind"], at=at, data=data.validated_data
    )


class SyncView(APIView):
    """Apply a batch recorded offline: `{"items": [{"id", "kind", "at", "data"}]}`,
    kinds progress / video / answers / submit. The reply lists each item's
    outcome, in order: applied (with its result), duplicate (an id already
    applied: its first outcome) or refused (with a code and a reason)."""

    permission_classes = [IsAuthenticated]

    @extend_schema(request=BatchSerializer, responses={200: OutcomesSerializer})
    def post(self, request):
        batch = BatchSerializer(data=request.data)
        batch.is_valid(raise_exception=True)
        results = [_outcome(request.user, raw) for raw in batch.validated_data["items"]]
        return Response({"results": results}, status=status.HTTP_200_OK)

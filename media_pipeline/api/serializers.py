from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..viewing import VERBS

MAX_SEGMENTS = 200


class SegmentField(serializers.ListField):
    child = serializers.FloatField(min_value=None)

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if len(value) != 2:
            raise serializers.ValidationError(_("A segment is a pair [start, end] in seconds."))
        start, end = value
        if start < 0 or end < 0:
            raise serializers.ValidationError(_("Times cannot be negative."))
        if end < start:
            raise serializers.ValidationError(_("A played segment cannot end before it starts."))
        return (start, end)


class VideoEventInputSerializer(serializers.Serializer):
    video = serializers.UUIDField(help_text="The video's public id (data-video on the player).")
    session = serializers.UUIDField(help_text="A random id the player makes per viewing.")
    verb = serializers.ChoiceField(choices=VERBS)
    segments = serializers.ListField(child=SegmentField(), max_length=MAX_SEGMENTS, default=list)
    position = serializers.FloatField(required=False, min_value=0)


class VideoEventOutputSerializer(serializers.Serializer):
    watched_fraction = serializers.FloatField()
    watched_seconds = serializers.FloatField()
    completed = serializers.BooleanField()

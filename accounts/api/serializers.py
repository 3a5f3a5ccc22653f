from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import serializers

from ..models import ApiToken, LearnerProfile


class TokenRequestSerializer(serializers.Serializer):
    identifier = serializers.CharField(
        max_length=254, help_text="Phone number, e-mail address or username."
    )
    password = serializers.CharField(max_length=4096, trim_whitespace=False)
    device = serializers.CharField(max_length=100, required=False, default="", allow_blank=True)


class NewTokenSerializer(serializers.Serializer):
    token = serializers.CharField(help_text="Send it as `Authorization: Token <token>`.")
    id = serializers.IntegerField()
    expires_at = serializers.DateTimeField()


class TokenSerializer(serializers.ModelSerializer):
    device = serializers.CharField(source="name")

    class Meta:
        model = ApiToken
        fields = ["id", "device", "prefix", "created_at", "last_used_at", "expires_at"]
        read_only_fields = fields


class LearnerProfileSerializer(serializers.ModelSerializer):
    """The learner profile (the same fields and rules as the profile page)."""

    class Meta:
        model = LearnerProfile
        fields = ["full_name", "gender", "birth_year", "region", "district", "destination"]

    def validate_birth_year(self, year):
        this_year = timezone.now().year
        if not this_year - 90 <= year <= this_year - 14:
            raise serializers.ValidationError(
                _("Enter a year between %(low)d and %(high)d.")
                % {"low": this_year - 90, "high": this_year - 14}
            )
        return year


class MeSerializer(serializers.Serializer):
    username = serializers.CharField(read_only=True)
    email = serializers.EmailField(read_only=True)
    phone = serializers.CharField(read_only=True, allow_null=True)
    account_type = serializers.CharField(read_only=True)
    preferred_language = serializers.ChoiceField(choices=[], required=False)
    profile = LearnerProfileSerializer(source="learner_profile", required=False, allow_null=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preferred_language"].choices = [c for c, _n in settings.LANGUAGES]

"""The caller's certificates through the API: the list, each one's PDF and its
Open Badges 3.0 credential link (the credential itself is public, by code)."""

from uuid import UUID

from django.http import FileResponse
from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import NotFound
from rest_framework.permissions import IsAuthenticated

from ..models import Certificate
from ..selectors import certificate_for_download, certificates_for_user, verify_url


class CertificateSerializer(serializers.ModelSerializer):
    course = serializers.IntegerField(source="course_id")
    verify_url = serializers.SerializerMethodField()
    pdf_url = serializers.SerializerMethodField()
    credential_url = serializers.SerializerMethodField()

    class Meta:
        model = Certificate
        fields = [
            "uuid", "serial", "code", "course", "course_title", "holder_name", "language",
            "hours", "completed_on", "issued_at", "expires_at", "status", "revoked_at",
            "verify_url", "pdf_url", "credential_url",
        ]  # fmt: skip
        read_only_fields = fields

    def get_verify_url(self, certificate) -> str:
        return verify_url(certificate)

    def get_pdf_url(self, certificate) -> str | None:
        if not certificate.pdf or certificate.status == Certificate.Status.REVOKED:
            return None
        return reverse("api:certificate-pdf", kwargs={"uuid": certificate.uuid})

    def get_credential_url(self, certificate) -> str | None:
        if not certificate.credential_jwt:
            return None
        return reverse("certificates:credential", kwargs={"code": certificate.code})


class CertificateViewSet(viewsets.GenericViewSet, mixins.ListModelMixin, mixins.RetrieveModelMixin):
    """The caller's current certificates (a revoked one says so and has no PDF)."""

    serializer_class = CertificateSerializer
    permission_classes = [IsAuthenticated]
    lookup_field = "uuid"
    lookup_value_regex = "[0-9a-fA-F-]{32,36}"
    queryset = Certificate.objects.none()  # for the schema; get_queryset scopes it

    def get_queryset(self):
        return certificates_for_user(self.request.user).order_by("-issued_at")

    @extend_schema(responses={(200, "application/pdf"): OpenApiTypes.BINARY})
    @action(detail=True, methods=["get"])
    def pdf(self, request, uuid=None):
        try:
            wanted = UUID(str(uuid))
        except ValueError:
            raise NotFound from None  # not a uuid: found nowhere (was a 500)
        certificate = certificate_for_download(user=request.user, certificate_uuid=wanted)
        if (
            certificate is None
            or certificate.user_id != request.user.pk
            or not certificate.pdf
            or certificate.status == Certificate.Status.REVOKED
        ):
            raise NotFound
        return FileResponse(
            certificate.pdf.open("rb"),
            as_attachment=True,
            filename=f"{certificate.serial}.pdf",
            content_type="application/pdf",
        )

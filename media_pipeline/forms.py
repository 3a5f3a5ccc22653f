from django.core.exceptions import ValidationError
from wagtail.admin.forms import WagtailAdminModelForm

from . import services


class VideoAdminForm(WagtailAdminModelForm):
    """Upload/edit form: a file over SAFAR_VIDEO_MAX_BYTES is refused before it
    is stored (Django keeps the upload in a temporary file until the form saves)."""

    def clean_original(self):
        file = self.cleaned_data.get("original")
        if file is not None and "original" in self.changed_data:
            try:
                services.video_upload_validate(file=file)
            except ValidationError as error:
                raise ValidationError(error.message_dict["original"]) from error
        return file

    def save(self, commit=True):
        """A new video goes through `services.video_create` (the one upload
        path: it stores the original and schedules processing); a replaced
        original is processed again. Then the inline captions are saved."""
        replaced = self.instance.pk is not None and "original" in self.changed_data
        if commit and self.instance.pk is None:
            services.video_create(
                video=self.instance,
                title=self.instance.title,
                file=self.instance.original,
                uploaded_by=getattr(self, "for_user", None),
            )
        instance = super().save(commit=commit)
        if commit and replaced:
            services.video_processing_schedule(video=instance, force=True)
        return instance

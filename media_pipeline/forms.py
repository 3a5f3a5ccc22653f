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
        instance = super().save(commit=commit)
        # Read by the after_edit_snippet hook: a new original is processed again.
        instance._original_changed = "original" in self.changed_data
        return instance

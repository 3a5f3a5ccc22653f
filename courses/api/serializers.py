from rest_framework import serializers

from core.api_fields import IdField

from ..models import Enrollment


class CourseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    language = serializers.CharField(source="locale.language_code")
    track = serializers.CharField()
    url = serializers.CharField()
    summary = serializers.CharField()
    estimated_minutes = serializers.IntegerField()


class CourseFilterSerializer(serializers.Serializer):
    """The catalogue's filters (query parameters)."""

    language = serializers.ChoiceField(choices=[], required=False)
    track = serializers.ChoiceField(choices=[], required=False)
    destination = serializers.RegexField(r"^[A-Za-z]{2}$", required=False)

    def __init__(self, *args, **kwargs):
        from django.conf import settings

        from core.tracks import Track

        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [code for code, _name in settings.LANGUAGES]
        self.fields["track"].choices = [t.value for t in Track]


class LessonLinkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField()


class ModuleSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="page.id")
    number = serializers.IntegerField()
    title = serializers.CharField(source="page.title")
    lessons = LessonLinkSerializer(many=True)


class CourseDetailSerializer(CourseSerializer):
    modules = ModuleSerializer(many=True, source="outline.modules")


class LessonSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    language = serializers.CharField(source="locale.language_code")
    url = serializers.CharField()
    course = serializers.IntegerField(source="course_id")
    blocks = serializers.ListField(
        child=serializers.DictField(),
        help_text="The lesson's blocks in order, each {type, id, ...} (cms/api_content.py).",
    )


class EnrollmentInputSerializer(serializers.Serializer):
    course = IdField()


class EnrollmentSerializer(serializers.ModelSerializer):
    course_title = serializers.CharField(source="course.title", read_only=True)
    done = serializers.IntegerField(read_only=True, source="progress.done")
    total = serializers.IntegerField(read_only=True, source="progress.total")
    next_lesson = serializers.IntegerField(
        read_only=True, source="progress.next_lesson_id", allow_null=True
    )

    class Meta:
        model = Enrollment
        fields = [
            "id",
            "registration",
            "course",
            "course_title",
            "status",
            "source",
            "created_at",
            "done",
            "total",
            "next_lesson",
        ]
        read_only_fields = fields


class ProgressInputSerializer(serializers.Serializer):
    lesson = IdField()
    progress = serializers.FloatField(min_value=0.0, max_value=1.0)
    time_spent_seconds = serializers.IntegerField(
        min_value=0, max_value=24 * 60 * 60, required=False, default=0
    )


class ProgressSerializer(serializers.Serializer):
    lesson = serializers.IntegerField(source="lesson_id")
    progress = serializers.FloatField()
    time_spent_seconds = serializers.IntegerField()
    completed_at = serializers.DateTimeField(allow_null=True)

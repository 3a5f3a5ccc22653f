from rest_framework import serializers

from ..models import Enrollment


class CourseSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    language = serializers.CharField(source="locale.language_code")
    track = serializers.CharField()
    url = serializers.CharField()
    summary = serializers.CharField()
    estimated_minutes = serializers.IntegerField()


class EnrollmentInputSerializer(serializers.Serializer):
    course = serializers.IntegerField(min_value=1)


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
    lesson = serializers.IntegerField(min_value=1)
    progress = serializers.FloatField(min_value=0.0, max_value=1.0)
    time_spent_seconds = serializers.IntegerField(min_value=0, required=False, default=0)


class ProgressSerializer(serializers.Serializer):
    lesson = serializers.IntegerField(source="lesson_id")
    progress = serializers.FloatField()
    time_spent_seconds = serializers.IntegerField()
    completed_at = serializers.DateTimeField(allow_null=True)

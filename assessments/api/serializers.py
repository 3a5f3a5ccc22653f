from rest_framework import serializers

from core.api_fields import IdField


class AttemptStartInputSerializer(serializers.Serializer):
    lesson = IdField()


class AnswersInputSerializer(serializers.Serializer):
    """{"answers": {"<question number>": response}}; the response's shape depends
    on the question's type (see README, Assessments)."""

    answers = serializers.DictField(child=serializers.JSONField(allow_null=True))


class SubmitInputSerializer(serializers.Serializer):
    answers = serializers.DictField(child=serializers.JSONField(allow_null=True), required=False)


class ChoiceSerializer(serializers.Serializer):
    id = serializers.CharField()
    text = serializers.CharField()


class QuestionSerializer(serializers.Serializer):
    """A question as asked: nothing that gives the answer away."""

    position = serializers.IntegerField()
    kind = serializers.CharField()
    text = serializers.CharField()
    image = serializers.IntegerField(allow_null=True)
    choices = ChoiceSerializer(many=True)
    partners = ChoiceSerializer(many=True, required=False)
    response = serializers.JSONField(allow_null=True)


class ResultSerializer(serializers.Serializer):
    position = serializers.IntegerField()
    kind = serializers.CharField()
    response = serializers.JSONField(allow_null=True)
    score = serializers.FloatField()
    correct = serializers.BooleanField()


class AttemptSerializer(serializers.Serializer):
    uuid = serializers.UUIDField()
    quiz = serializers.CharField(source="quiz.title")
    number = serializers.IntegerField()
    status = serializers.CharField()
    started_at = serializers.DateTimeField()
    deadline = serializers.DateTimeField(allow_null=True)
    submitted_at = serializers.DateTimeField(allow_null=True)
    late = serializers.BooleanField()
    pass_mark = serializers.IntegerField()
    questions = QuestionSerializer(many=True, source="public_questions")
    score = serializers.FloatField(allow_null=True)
    max_score = serializers.FloatField(allow_null=True)
    percent = serializers.FloatField(allow_null=True)
    passed = serializers.BooleanField(allow_null=True)
    results = ResultSerializer(many=True)

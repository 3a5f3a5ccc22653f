"""The authored side of assessments, edited as Wagtail snippets: question banks,
questions and their versions, quizzes, rubrics. Questions, quizzes and rubrics
are translatable (one row per language, linked by translation_key)."""


from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail.snippets.blocks import SnippetChooserBlock
from wagtail_localize.fields import SynchronizedField

from core.tracks import Track

from ..grading import question_problems

# Version of the JSON kept in QuestionVersion.data and Attempt.questions/answers.
DATA_MODEL_VERSION = 1


class QuestionBank(models.Model):
    """A pool of questions on one subject, in one track; quizzes draw from it."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    track = models.CharField(_("track"), max_length=16, choices=Track.choices)
    description = models.TextField(_("description"), blank=True)

    panels = [FieldPanel("name"), FieldPanel("track"), FieldPanel("description")]

    class Meta:
        verbose_name = _("question bank")
        verbose_name_plural = _("question banks")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ChoiceBlock(blocks.StructBlock):
    """One answer option. Its block id is the choice id learners send back."""

    text = blocks.CharBlock(label=_("text"), max_length=500)
    correct = blocks.BooleanBlock(
        label=_("correct"),
        required=False,
        help_text=_("Single and multiple choice: tick the right answers."),
    )
    match = blocks.CharBlock(
        label=_("matching partner"),
        max_length=500,
        required=False,
        help_text=_("Matching pairs only: what this item must be matched with."),
    )
    feedback = blocks.CharBlock(
        label=_("feedback"),
        max_length=500,
        required=False,
        help_text=_("Shown after the attempt to learners who picked this choice."),
    )

    class Meta:
        icon = "list-ul"
        label = _("Choice")


class Question(TranslatableMixin, index.Indexed, models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        TRUE_FALSE = "true_false", _("True or false")
        MATCHING = "matching", _("Matching pairs")
        ORDERING = "ordering", _("Ordering")
        SHORT_TEXT = "short_text", _("Short answer: text")
        NUMBER = "number", _("Short answer: number")

    class PartialCredit(models.TextChoices):
        ALL_OR_NOTHING = "all_or_nothing", _("All or nothing: every right choice and no wrong one")
        PROPORTIONAL = (
            "proportional",
            _("Proportional: (right picked − wrong picked) ÷ right choices, never below 0"),
        )

    bank = models.ForeignKey(
        QuestionBank, on_delete=models.PROTECT, related_name="questions", verbose_name=_("bank")
    )
    topic = models.SlugField(
        _("topic"),
        max_length=64,
        blank=True,
        help_text=_("A tag quizzes can draw by, e.g. health."),
    )
    kind = models.CharField(_("type"), max_length=16, choices=Kind.choices, default=Kind.SINGLE)
    text = models.TextField(_("question"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    choices = StreamField(
        [("choice", ChoiceBlock())],
        verbose_name=_("choices"),
        blank=True,
        help_text=_(
            "Choice types: the options. Matching: each item with its partner. "
            "Ordering: the items in the right order (learners see them shuffled)."
        ),
    )
    partial_credit = models.CharField(
        _("multiple choice scoring"),
        max_length=16,
        choices=PartialCredit.choices,
        default=PartialCredit.PROPORTIONAL,
    )
    true_false_answer = models.BooleanField(_("the statement is true"), default=False)
    accepted_answers = models.TextField(
        _("accepted answers"),
        blank=True,
        help_text=_("Short text answers: one accepted answer per line (case and spaces ignored)."),
    )
    number_answer = models.DecimalField(
        _("number answer"), max_digits=14, decimal_places=4, null=True, blank=True
    )
    number_tolerance = models.DecimalField(
        _("tolerance"), max_digits=14, decimal_places=4, default=0
    )
    explanation = models.TextField(
        _("explanation"), blank=True, help_text=_("Shown with the correct answer.")
    )

    panels = [
        FieldPanel("bank"),
        FieldPanel("topic"),
        FieldPanel("kind"),
        FieldPanel("text"),
        FieldPanel("image"),
        FieldPanel("choices"),
        FieldPanel("partial_credit"),
        FieldPanel("true_false_answer"),
        MultiFieldPanel(
            [
                FieldPanel("accepted_answers"),
                FieldPanel("number_answer"),
                FieldPanel("number_tolerance"),
            ],
            heading=_("Short answers"),
        ),
        FieldPanel("explanation"),
    ]
    override_translatable_fields = [
        SynchronizedField("bank"),
        SynchronizedField("topic"),
        SynchronizedField("kind"),
        SynchronizedField("image"),
        SynchronizedField("partial_credit"),
        SynchronizedField("true_false_answer"),
        SynchronizedField("number_answer"),
        SynchronizedField("number_tolerance"),
    ]
    # The filters are the admin's track wall (cms.track_admin), which filters
    # searched listings too.
    search_fields = [
        index.SearchField("text"),
        index.AutocompleteField("text"),
        index.FilterField("bank"),
        index.RelatedFields("bank", [index.FilterField("track")]),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["bank", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(number_tolerance__gte=0), name="assessments_question_tolerance_positive"
            ),
        ]

    def __str__(self):
        return self.text[:80]

    def clean(self):
        super().clean()

        problems = question_problems(self)
        if problems:
            raise ValidationError(problems)


class QuestionVersion(models.Model):
    """An immutable snapshot of a question as it was asked (text, choices and the
    key, in the question's language). Created the first time a question is used
    in an attempt, and again whenever it was edited since: a question used in
    attempts is thus only ever changed as a new version."""

    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    digest = models.CharField(max_length=64)
    data = models.JSONField(default=dict)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("question version")
        verbose_name_plural = _("question versions")
        constraints = [
            models.UniqueConstraint(fields=["question", "number"], name="assessments_version_once"),
            models.UniqueConstraint(
                fields=["question", "digest"], name="assessments_version_content_once"
            ),
        ]

    def __str__(self):
        return f"{self.question} (v{self.number})"


class FixedQuestionBlock(SnippetChooserBlock):
    def __init__(self, **kwargs):
        super().__init__("assessments.Question", **kwargs)

    class Meta:
        icon = "help"
        label = _("Question")


class DrawBlock(blocks.StructBlock):
    bank = SnippetChooserBlock("assessments.QuestionBank", label=_("bank"))
    topic = blocks.CharBlock(
        label=_("topic"), required=False, max_length=64, help_text=_("Empty: any topic.")
    )
    count = blocks.IntegerBlock(label=_("how many"), min_value=1, max_value=100, default=5)

    class Meta:
        icon = "repeat"
        label = _("Questions drawn at random")


class Quiz(TranslatableMixin, index.Indexed, models.Model):
    class ShowAnswers(models.TextChoices):
        NEVER = "never", _("Never")
        AFTER_EACH = "after_each", _("After each attempt")
        AFTER_PASS = "after_pass", _("After passing")
        AFTER_LAST = "after_last", _("After the last attempt")

    title = models.CharField(_("title"), max_length=200)
    key = models.SlugField(
        _("key"), max_length=64, help_text=_("A short name that stays the same in every language.")
    )
    track = models.CharField(_("track"), max_length=16, choices=Track.choices)
    intro = models.TextField(_("introduction"), blank=True)
    questions = StreamField(
        [("question", FixedQuestionBlock()), ("draw", DrawBlock())],
        verbose_name=_("questions"),
        help_text=_("Fixed questions, and/or a number drawn at random per bank and topic."),
    )
    shuffle_questions = models.BooleanField(_("shuffle the questions"), default=True)
    shuffle_choices = models.BooleanField(_("shuffle the choices"), default=True)
    pass_mark = models.PositiveSmallIntegerField(_("pass mark (%)"), default=70)
    max_attempts = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=0, help_text=_("0: as many as the learner wants.")
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"), null=True, blank=True, help_text=_("Empty: no time limit.")
    )
    show_answers = models.CharField(
        _("show the correct answers"),
        max_length=16,
        choices=ShowAnswers.choices,
        default=ShowAnswers.AFTER_EACH,
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("key"),
        FieldPanel("track"),
        FieldPanel("intro"),
        FieldPanel("questions"),
        MultiFieldPanel(
            [
                FieldPanel("shuffle_questions"),
                FieldPanel("shuffle_choices"),
                FieldPanel("pass_mark"),
                FieldPanel("max_attempts"),
                FieldPanel("time_limit_minutes"),
                FieldPanel("show_answers"),
            ],
            heading=_("Settings"),
        ),
    ]
    override_translatable_fields = [
        SynchronizedField("key"),
        SynchronizedField("track"),
        SynchronizedField("questions"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),
        index.FilterField("track"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "key"], name="assessments_quiz_key_per_locale"
            ),
            models.CheckConstraint(
                condition=Q(pass_mark__lte=100), name="assessments_quiz_pass_mark_0_100"
            ),
        ]

    def __str__(self):
        return self.title


class LevelBlock(blocks.StructBlock):
    label = blocks.CharBlock(label=_("level"), max_length=100)
    descriptor = blocks.TextBlock(label=_("what the assessor sees at this level"))
    points = blocks.IntegerBlock(label=_("points"), min_value=0, max_value=100)

    class Meta:
        icon = "list-ol"
        label = _("Level")


class CriterionBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("criterion"), max_length=200)
    description = blocks.TextBlock(label=_("description"), required=False)
    levels = blocks.ListBlock(
        LevelBlock(),
        label=_("levels"),
        min_num=2,
        help_text=_("From the lowest to the highest level."),
    )

    class Meta:
        icon = "tick"
        label = _("Criterion")


class Rubric(TranslatableMixin, index.Indexed, models.Model):
    """How an assessor scores a trainee's practical session: criteria with levels
    (descriptors and points), and the rule to pass."""

    title = models.CharField(_("title"), max_length=200)
    key = models.SlugField(_("key"), max_length=64)
    track = models.CharField(_("track"), max_length=16, choices=Track.choices, default=Track.STAFF)
    intro = models.TextField(_("introduction"), blank=True)
    criteria = StreamField([("criterion", CriterionBlock())], verbose_name=_("criteria"))
    pass_min_total = models.PositiveSmallIntegerField(_("minimum total points to pass"), default=0)
    pass_no_lowest_level = models.BooleanField(
        _("no criterion may be at its lowest level"), default=True
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("key"),
        FieldPanel("track"),
        FieldPanel("intro"),
        FieldPanel("criteria"),
        MultiFieldPanel(
            [FieldPanel("pass_min_total"), FieldPanel("pass_no_lowest_level")],
            heading=_("Pass rule"),
        ),
    ]
    override_translatable_fields = [
        SynchronizedField("key"),
        SynchronizedField("track"),
        SynchronizedField("pass_min_total"),
        SynchronizedField("pass_no_lowest_level"),
    ]
    search_fields = [
        index.SearchField("title"),
        index.AutocompleteField("title"),  # the chooser's search as one types
        index.FilterField("track"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("rubric")
        verbose_name_plural = _("rubrics")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(
                fields=["locale", "key"], name="assessments_rubric_key_per_locale"
            ),
        ]

    def __str__(self):
        return self.title


# Migrations name this block by its historical path (assessments.models), which
# the package keeps: Wagtail's Block.deconstruct reads this alias.
DECONSTRUCT_ALIASES = {FixedQuestionBlock: "assessments.models.FixedQuestionBlock"}

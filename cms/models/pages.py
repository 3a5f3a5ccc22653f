"""The page tree, the same in every language:

    Home (one per language, the root of the site)
    ├── TrackIndexPage  track=migrant  "Pre-departure orientation"
    │   └── CoursePage → ModulePage → LessonPage
    └── TrackIndexPage  track=staff    "Trainer certification"
        └── CoursePage → ModulePage → LessonPage

`parent_page_types`/`subpage_types` make any other shape impossible; a course's
track is derived from the track index it lives under (cms.tree)."""

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.tracks import CertificateTemplate, CompletionRule, Track

from ..blocks import LessonStreamBlock
from ..search_text import FoldedSearchMixin

INTRO_FEATURES = ["bold", "italic", "link", "ul"]


def default_locale_only():
    """Snippet choices on a course: the default language's rows (translations of a
    course keep pointing at them and are shown in the reader's language)."""
    return Q(locale__language_code=settings.LANGUAGE_CODE)


class HomePage(Page):
    """The root of each language's site: what Safar is, and the two tracks."""

    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["cms.TrackIndexPage", "cms.KnowledgeIndexPage"]

    class Meta:
        verbose_name = _("home page")

    def clean(self):
        super().clean()
        root = Page.get_first_root_node()
        others = HomePage.objects.child_of(root).filter(locale_id=self.locale_id)
        if self.pk:
            others = others.exclude(pk=self.pk)
        if self.locale_id and others.exists():
            raise ValidationError(_("There is already a home page in this language."))

    def get_context(self, request, *args, **kwargs):
        from cms.knowledge import knowledge_index_for
        from cms.selectors import home_tracks

        context = super().get_context(request, *args, **kwargs)
        # Which of them the visitor sees: courses' tracks_for_visitor tag.
        context["tracks"] = home_tracks(self)
        context["knowledge"] = knowledge_index_for(self)
        return context


class TrackIndexPage(Page):
    """One per track (and language) under the home page; holds that track's courses."""

    track = models.CharField(
        _("track"),
        max_length=16,
        choices=Track.choices,
        help_text=_("Which learners this part of the site is for. Set once, when created."),
    )
    intro = RichTextField(_("introduction"), blank=True, features=INTRO_FEATURES)

    content_panels = Page.content_panels + [
        FieldPanel("track", permission="superuser"),
        FieldPanel("intro"),
    ]
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.CoursePage"]
    max_count_per_parent = len(Track.choices)

    class Meta:
        verbose_name = _("track index page")

    def clean(self):
        super().clean()
        parent = self.get_parent() if self.pk else None
        if parent is None:
            return
        siblings = TrackIndexPage.objects.child_of(parent).filter(track=self.track)
        if siblings.exclude(pk=self.pk).exists():
            raise ValidationError({"track": _("This track already has an index page here.")})

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import track_courses

        context = super().get_context(request, *args, **kwargs)
        context["courses"] = track_courses(self)
        return context


class CoursePageForm(WagtailAdminPageForm):
    """Prerequisites must be other courses of the same track."""

    def clean(self):
        from cms.tree import page_track

        cleaned_data = super().clean()
        parent = self.parent_page if self.instance.pk is None else None
        own_track = page_track(parent if parent is not None else self.instance)
        for form in self.formsets.get("prerequisites", {}).forms:
            if not form.is_valid() or form.cleaned_data.get("DELETE"):
                continue
            other = form.cleaned_data.get("prerequisite")
            if other is None:
                continue
            if self.instance.pk and other.pk == self.instance.pk:
                form.add_error("prerequisite", _("A course cannot be its own prerequisite."))
            elif page_track(other) != own_track:
                form.add_error("prerequisite", _("A prerequisite must be in the same track."))
        return cleaned_data


class CoursePage(FoldedSearchMixin, Page):
    summary = models.TextField(_("summary"), max_length=500)
    cover_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("cover image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated time (minutes)"), default=60, help_text=_("How long the whole course takes.")
    )
    destination_countries = ParentalManyToManyField(
        "cms.DestinationCountry",
        verbose_name=_("destination countries"),
        blank=True,
        related_name="courses",
        limit_choices_to=default_locale_only,
    )
    completion_rule = models.CharField(
        _("completion rule"),
        max_length=32,
        choices=CompletionRule.choices,
        default=CompletionRule.LESSONS_AND_FINAL,
    )
    certificate_template = models.CharField(
        _("certificate"),
        max_length=32,
        choices=CertificateTemplate.choices,
        default=CertificateTemplate.TRACK_DEFAULT,
        blank=True,
    )

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("cover_image"),
        FieldPanel("estimated_minutes"),
        FieldPanel("destination_countries", widget=forms.CheckboxSelectMultiple),
        InlinePanel("contacts", label=_("Contact cards shown on every lesson")),
        InlinePanel("prerequisites", label=_("Prerequisites")),
        MultiFieldPanel(
            [FieldPanel("completion_rule"), FieldPanel("certificate_template")],
            heading=_("Completion and certificate"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("search_folded"),
    ]
    folded_fields = ("summary",)
    override_translatable_fields = [SynchronizedField("destination_countries")]
    base_form_class = CoursePageForm
    parent_page_types = ["cms.TrackIndexPage"]
    subpage_types = ["cms.ModulePage"]

    class Meta:
        verbose_name = _("course")

    @property
    def track(self) -> str | None:
        from cms.tree import course_track

        return course_track(self)

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import course_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(course_page_context(self))
        return context


class CourseContact(TranslatableMixin, Orderable):
    """A contact card shown at the foot of every lesson of the course."""

    page = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="contacts")
    card = models.ForeignKey(
        "cms.ContactCard",
        verbose_name=_("contact card"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    panels = [FieldPanel("card")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("course contact")
        ordering = ["sort_order"]


class CoursePrerequisite(Orderable):
    page = ParentalKey(CoursePage, on_delete=models.CASCADE, related_name="prerequisites")
    prerequisite = models.ForeignKey(
        CoursePage,
        verbose_name=_("course"),
        on_delete=models.CASCADE,
        related_name="required_by",
    )

    panels = [FieldPanel("prerequisite")]

    class Meta:
        verbose_name = _("prerequisite")
        ordering = ["sort_order"]
        constraints = [
            models.UniqueConstraint(fields=["page", "prerequisite"], name="cms_prerequisite_once"),
            models.CheckConstraint(
                condition=~Q(page=models.F("prerequisite")), name="cms_prerequisite_not_self"
            ),
        ]


class ModulePage(FoldedSearchMixin, Page):
    summary = models.TextField(_("summary"), blank=True, max_length=500)

    content_panels = Page.content_panels + [FieldPanel("summary")]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("search_folded"),
    ]
    folded_fields = ("summary",)
    parent_page_types = ["cms.CoursePage"]
    subpage_types = ["cms.LessonPage"]

    class Meta:
        verbose_name = _("module")

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import module_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(module_page_context(self))
        return context


class LessonPage(FoldedSearchMixin, Page):
    summary = models.TextField(_("summary"), blank=True, max_length=500)
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated time (minutes)"), null=True, blank=True
    )
    body = StreamField(LessonStreamBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        FieldPanel("estimated_minutes"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("search_folded"),
    ]
    folded_fields = ("summary", "body")
    parent_page_types = ["cms.ModulePage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("lesson")

    def get_context(self, request, *args, **kwargs):
        from cms.selectors import lesson_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(lesson_page_context(self))
        return context

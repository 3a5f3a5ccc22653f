"""The knowledge base: public pages on migration questions, beside the courses.

    Home
    └── KnowledgeIndexPage "Knowledge base"
        ├── TopicPage (documents, work permits, health, trafficking...)
        │   └── ArticlePage (an article, an FAQ or a printable checklist)
        └── CountryPage (Russia, Kazakhstan...: key facts)
            └── ArticlePage

Every article and country page names its sources, an owner (who keeps it
right) and a required "review by" date; the page shows "last checked on". The
knowledge base is outside both tracks, so it is public (courses.access)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from core.tracks import Track

from ..blocks import ArticleStreamBlock, ContactCardBlock, SourceBlock
from ..search_text import FoldedSearchMixin

FACT_FEATURES = ["bold", "italic", "link", "ul", "ol"]


def default_locale_only():
    return Q(locale__language_code=settings.LANGUAGE_CODE)


def _folded_search_fields(*names):
    return [
        *Page.search_fields,
        *(index.SearchField(name) for name in names),
        index.SearchField("search_folded"),
    ]


class KnowledgeIndexPage(FoldedSearchMixin, Page):
    """The knowledge base's front page (one per language, under the home page)."""

    intro = RichTextField(_("introduction"), blank=True, features=FACT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = _folded_search_fields("intro")
    folded_fields = ("intro",)
    parent_page_types = ["cms.HomePage"]
    subpage_types = ["cms.TopicPage", "cms.CountryPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("knowledge base")

    def get_context(self, request, *args, **kwargs):
        from cms.knowledge import knowledge_index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(knowledge_index_context(self))
        return context


class TopicPage(FoldedSearchMixin, Page):
    """A topic of the knowledge base, holding its articles."""

    intro = RichTextField(_("introduction"), blank=True, features=FACT_FEATURES)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    search_fields = _folded_search_fields("intro")
    folded_fields = ("intro",)
    parent_page_types = ["cms.KnowledgeIndexPage"]
    subpage_types = ["cms.ArticlePage"]

    class Meta:
        verbose_name = _("knowledge topic")

    def get_context(self, request, *args, **kwargs):
        from cms.knowledge import knowledge_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(knowledge_page_context(self))
        return context


class ReviewedPage(FoldedSearchMixin, Page):
    """What keeps a page timely and reliable: its sources, its owner, when it was
    last checked and when it must be checked again."""

    content_owner = models.CharField(
        _("owner"),
        max_length=120,
        help_text=_("Who keeps this page right, e.g. 'MRC legal counsellor'."),
    )
    last_checked = models.DateField(
        _("last checked on"), help_text=_("When the facts were last checked against the sources.")
    )
    review_by = models.DateField(
        _("review by"),
        help_text=_("Check the page again by this date; after it, the page is listed as overdue."),
    )
    sources = StreamField(
        [("source", SourceBlock())],
        verbose_name=_("sources"),
        help_text=_("Laws, official sites and documents the page is based on."),
    )

    review_panels = [
        MultiFieldPanel(
            [
                FieldPanel("content_owner"),
                FieldPanel("last_checked"),
                FieldPanel("review_by"),
                FieldPanel("sources"),
            ],
            heading=_("Sources and review"),
        )
    ]
    override_translatable_fields = [SynchronizedField("content_owner")]

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.last_checked and self.review_by and self.review_by < self.last_checked:
            raise ValidationError(
                {"review_by": _("The review date cannot be before the date it was last checked.")}
            )

    def get_context(self, request, *args, **kwargs):
        from cms.knowledge import reviewed_page_context

        context = super().get_context(request, *args, **kwargs)
        context.update(reviewed_page_context(self, request))
        return context


class ArticlePage(ReviewedPage):
    class Kind(models.TextChoices):
        ARTICLE = "article", _("Article")
        FAQ = "faq", _("Frequently asked questions")
        CHECKLIST = "checklist", _("Printable checklist")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.ARTICLE)
    summary = models.TextField(_("summary"), max_length=400)
    body = StreamField(ArticleStreamBlock(), verbose_name=_("body"))
    related_courses = ParentalManyToManyField(
        "cms.CoursePage",
        verbose_name=_("related courses"),
        blank=True,
        related_name="knowledge_articles",
        limit_choices_to=default_locale_only,
        help_text=_("Courses of the orientation track that teach this topic."),
    )

    content_panels = (
        Page.content_panels
        + [
            FieldPanel("kind"),
            FieldPanel("summary"),
            FieldPanel("body"),
            FieldPanel("related_courses", widget=forms.CheckboxSelectMultiple),
        ]
        + ReviewedPage.review_panels
    )
    search_fields = _folded_search_fields("summary", "body")
    folded_fields = ("summary", "body")
    override_translatable_fields = [
        SynchronizedField("content_owner"),
        SynchronizedField("kind"),
        SynchronizedField("related_courses"),
    ]
    parent_page_types = ["cms.TopicPage", "cms.CountryPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("knowledge article")

    def clean(self):
        super().clean()

        from ..tree import page_track

        # Only courses of the public track: the article is public.
        for course in self.related_courses.all():
            if page_track(course) != Track.MIGRANT:
                raise ValidationError(
                    {"related_courses": _("Only courses of the orientation track can be linked.")}
                )


class CountryPage(ReviewedPage):
    """A destination country's key facts."""

    country = models.ForeignKey(
        "cms.DestinationCountry",
        verbose_name=_("country"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=default_locale_only,
    )
    summary = models.TextField(_("summary"), max_length=400)
    entry = RichTextField(_("entering the country"), features=FACT_FEATURES)
    registration = RichTextField(_("registration and its deadlines"), features=FACT_FEATURES)
    work_permit = RichTextField(_("where to get a work permit"), features=FACT_FEATURES)
    contacts = StreamField(
        [("contact", ContactCardBlock())],
        verbose_name=_("embassy, consulates and hotlines"),
        blank=True,
    )
    body = StreamField(ArticleStreamBlock(), verbose_name=_("more"), blank=True)

    content_panels = (
        Page.content_panels
        + [
            FieldPanel("country"),
            FieldPanel("summary"),
            FieldPanel("entry"),
            FieldPanel("registration"),
            FieldPanel("work_permit"),
            FieldPanel("contacts"),
            FieldPanel("body"),
        ]
        + ReviewedPage.review_panels
    )
    search_fields = _folded_search_fields("summary", "entry", "registration", "work_permit", "body")
    folded_fields = ("summary", "entry", "registration", "work_permit", "body")
    override_translatable_fields = [
        SynchronizedField("content_owner"),
        SynchronizedField("country"),
    ]
    parent_page_types = ["cms.KnowledgeIndexPage"]
    subpage_types = ["cms.ArticlePage"]

    class Meta:
        verbose_name = _("country page")

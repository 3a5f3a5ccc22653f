"""The lesson body: one shared StreamBlock. Every block renders plain server-side
HTML (no JavaScript) that reads well on a 320-px-wide phone; each has its own
template, icon, description and admin preview."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from assessments.blocks import PracticalAssessmentBlock, QuizBlock
from media_pipeline.blocks import VideoBlock

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul"]
T = "cms/blocks/"


class RichTextBlock(blocks.RichTextBlock):
    def __init__(self, **kwargs):
        kwargs.setdefault("features", RICH_TEXT_FEATURES)
        super().__init__(**kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = T + "rich_text.html"
        description = _("Paragraphs with bold, italic, links and lists.")
        preview_value = (
            "<p>Before you leave, make sure you have a <b>valid passport</b> and a "
            "written contract with your employer.</p>"
        )


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("heading"), max_length=120)
    level = blocks.ChoiceBlock(
        label=_("level"),
        choices=[("h2", _("Section heading")), ("h3", _("Sub-heading"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Heading")
        template = T + "heading.html"
        description = _("A section heading inside the lesson.")
        preview_value = {"text": "Documents to take with you", "level": "h2"}


class ImageBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("image"))
    alt = blocks.CharBlock(
        label=_("text alternative"),
        max_length=255,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    caption = blocks.CharBlock(label=_("caption"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Image")
        template = T + "image.html"
        description = _("A picture, sent in a size that fits the reader's screen.")

    def get_preview_value(self):
        from wagtail.images import get_image_model

        image = get_image_model().objects.order_by("pk").first()
        return {"image": image, "alt": "Example", "caption": "An example image"}


class AudioBlock(blocks.StructBlock):
    audio = DocumentChooserBlock(
        label=_("audio file"), help_text=_("An MP3, M4A or OGG file from the documents library.")
    )
    title = blocks.CharBlock(label=_("title"), max_length=200)
    transcript = blocks.RichTextBlock(
        label=_("transcript"), required=False, features=RICH_TEXT_FEATURES
    )

    class Meta:
        icon = "media"
        label = _("Audio")
        template = T + "audio.html"
        description = _("A recording, e.g. a talk in Tajik, with an optional transcript.")

    def get_preview_value(self):
        from wagtail.documents import get_document_model

        document = get_document_model().objects.order_by("pk").first()
        return {"audio": document, "title": "Listen: your rights at the border"}


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("document"))
    title = blocks.CharBlock(
        label=_("title"), max_length=200, required=False, help_text=_("Default: the file's title.")
    )
    description = blocks.CharBlock(label=_("description"), max_length=255, required=False)

    class Meta:
        icon = "doc-full"
        label = _("Document download")
        template = T + "document.html"
        description = _("A printable hand-out to download.")

    def get_preview_value(self):
        from wagtail.documents import get_document_model

        document = get_document_model().objects.order_by("pk").first()
        return {"document": document, "title": "Checklist to print", "description": "One page"}


class CalloutBlock(blocks.StructBlock):
    kind = blocks.ChoiceBlock(
        label=_("kind"),
        choices=[("warning", _("Warning")), ("tip", _("Tip")), ("rule", _("Rule"))],
        default="tip",
    )
    title = blocks.CharBlock(label=_("title"), max_length=120, required=False)
    text = blocks.RichTextBlock(label=_("text"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "warning"
        label = _("Callout")
        template = T + "callout.html"
        description = _("A boxed warning, tip or rule that stands out from the text.")
        preview_value = {
            "kind": "warning",
            "title": "Never hand over your passport",
            "text": "<p>An employer may not keep your passport.</p>",
        }


class ChecklistBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120)
    items = blocks.ListBlock(blocks.CharBlock(label=_("item"), max_length=255), label=_("items"))

    class Meta:
        icon = "tasks"
        label = _("Checklist")
        template = T + "checklist.html"
        description = _("Things to do or take, which readers can tick off.")
        preview_value = {
            "title": "Documents to take",
            "items": ["Passport", "Migration card", "Employment contract"],
        }


class ContactCardBlock(SnippetChooserBlock):
    def __init__(self, **kwargs):
        super().__init__("cms.ContactCard", **kwargs)

    def get_preview_value(self):
        from .models import ContactCard

        return ContactCard.objects.order_by("pk").first()

    class Meta:
        icon = "mail"
        label = _("Contact card")
        template = T + "contact_card.html"
        description = _("A hotline, embassy or the MRC: address, phone and hours.")


class FaqItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("question"), max_length=255)
    answer = blocks.RichTextBlock(label=_("answer"), features=RICH_TEXT_FEATURES)

    class Meta:
        icon = "help"
        label = _("Question")


class FaqBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("title"), max_length=120, required=False)
    items = blocks.ListBlock(FaqItemBlock(), label=_("questions"))

    class Meta:
        icon = "help"
        label = _("FAQ")
        template = T + "faq.html"
        description = _("Questions and answers that open one by one (no JavaScript needed).")
        preview_value = {
            "title": "Questions",
            "items": [
                {"question": "Do I need a contract?", "answer": "<p>Yes, always in writing.</p>"}
            ],
        }


class ArticleLinkBlock(blocks.StructBlock):
    """A link from a lesson to a knowledge-base article (shown in the reader's
    language when the article is translated)."""

    article = blocks.PageChooserBlock(label=_("article"), page_type="cms.ArticlePage")
    note = blocks.CharBlock(label=_("why read it"), max_length=200, required=False)

    class Meta:
        icon = "doc-full"
        label = _("Knowledge-base article")
        template = T + "article_link.html"
        preview_value = {"article": None, "note": "Read the registration rules before you leave."}
        description = _(
            "A link to an article of the knowledge base, with a line on why to read it."
        )


class SourceBlock(blocks.StructBlock):
    """Where a knowledge-base page's facts come from."""

    title = blocks.CharBlock(label=_("source"), max_length=255)
    url = blocks.URLBlock(label=_("web address"), required=False)

    class Meta:
        icon = "link"
        label = _("Source")


class ArticleStreamBlock(blocks.StreamBlock):
    """The body of a knowledge-base page: text blocks only (no quizzes, no
    video), so the page stays light."""

    text = RichTextBlock()
    heading = HeadingBlock()
    image = ImageBlock()
    callout = CalloutBlock()
    checklist = ChecklistBlock()
    contact = ContactCardBlock()
    faq = FaqBlock()
    document = DocumentBlock()


class LessonStreamBlock(blocks.StreamBlock):
    text = RichTextBlock()
    heading = HeadingBlock()
    image = ImageBlock()
    video = VideoBlock()
    audio = AudioBlock()
    document = DocumentBlock()
    callout = CalloutBlock()
    checklist = ChecklistBlock()
    contact = ContactCardBlock()
    faq = FaqBlock()
    quiz = QuizBlock()
    practical = PracticalAssessmentBlock()
    article = ArticleLinkBlock()

    class Meta:
        # Where text, media and quizzes may go is the same for every lesson.
        block_counts = {"quiz": {"max_num": 1}}

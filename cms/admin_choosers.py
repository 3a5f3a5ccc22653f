"""Wagtail's chooser widgets (image, document, page, snippet choosers in a form
field: a course's cover image and contact cards, a country page's country, a
session's course and place, a question's bank and image) start themselves with
an inline `<script>new ImageChooser(id, options)</script>`, which Safar's
Content-Security-Policy (script-src 'self') blocks: their "Choose" buttons did
nothing. Installed by CmsConfig.ready(), the widgets render a marker instead,
`<span hidden data-safar-init="ImageChooser" data-target=id data-config=…>`,
which cms/static/cms/admin-csp.js turns into the same `new ImageChooser(id,
options)`, also for forms added later (InlinePanel). StreamField's choosers
start through telepath and are not concerned. Tested in tests/cms/."""

from __future__ import annotations

import json

from django.utils.html import format_html
from django.utils.safestring import mark_safe
from wagtail.admin.widgets.chooser import BaseChooser


def _render(self, name, value, attrs=None, renderer=None):
    try:
        id_ = attrs["id"]
    except (KeyError, TypeError) as e:
        raise TypeError("BaseChooser cannot be rendered without an 'id' attribute") from e
    value_data = self.get_value_data(value)
    widget_html = self.render_html(name, value_data, attrs)
    options = self.get_js_init_options(id_, name, value_data)
    marker = format_html(
        '<span hidden data-safar-init="{}" data-safar-new="1" data-target="{}"'
        ' data-config="{}"></span>',
        self.js_constructor,
        id_,
        json.dumps(options),
    )
    return mark_safe(f"{widget_html}{marker}")  # noqa: S308 (widget_html is Wagtail's own, escaped)


def install() -> None:
    if getattr(BaseChooser, "_safar_csp", False):
        return
    BaseChooser.render = _render
    BaseChooser._safar_csp = True

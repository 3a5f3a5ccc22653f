from django import template
from wagtail.images import get_image_model

register = template.Library()


@register.filter
def get_item(mapping, key):
    if isinstance(mapping, dict):
        return mapping.get(str(key))
    return None


@register.filter
def place_of(order, item_id):
    """The 1-based place of `item_id` in a saved ordering answer (a list), or in
    the places the form sent ({item id: "2"}) when it is shown again after an error."""
    if isinstance(order, list) and item_id in order:
        return order.index(item_id) + 1
    if isinstance(order, dict):
        try:
            return int(order.get(item_id, ""))
        except ValueError:
            return None
    return None


@register.inclusion_tag("assessments/includes/question_image.html")
def question_image(image_id):
    image = get_image_model().objects.filter(pk=image_id).first()
    return {"image": image}

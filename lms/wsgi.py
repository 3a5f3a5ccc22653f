import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lms.settings.local")
application = get_wsgi_application()


def _refuse_an_unshared_cache():
    """gunicorn runs no system checks: production's cache check (lms.E002) is
    run here too, so a web process with a per-process cache does not start."""
    from django.conf import settings
    from django.core import checks
    from django.core.exceptions import ImproperlyConfigured

    if not settings.SAFAR_REQUIRE_SHARED_CACHE:
        return
    for message in checks.run_checks(tags=[checks.Tags.caches]):
        if message.is_serious():
            raise ImproperlyConfigured(f"{message.id}: {message.msg} {message.hint or ''}")


_refuse_an_unshared_cache()

# What is loaded by now (Django, Wagtail, the apps' modules) lives as long as
# the process: frozen, the cyclic garbage collector stops walking it on every
# full collection (about 2 ms a time in an LRS batch), and with --preload the
# forked workers share those pages instead of copying them.
gc.freeze()

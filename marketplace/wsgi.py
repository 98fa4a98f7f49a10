import gc
import os

from django.core.wsgi import get_wsgi_application

from marketplace.core.telemetry import telemetry_configure

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "marketplace.settings.base")
# Before the application: tracing (only with an OTLP endpoint) adds a middleware.
telemetry_configure()
application = get_wsgi_application()

# Load the schema now rather than on the first request, then move everything loaded so far
# out of the collector's reach: full collections no longer rescan Django and the schema.
import marketplace.graphql.api  # noqa: E402, F401

gc.collect()
gc.freeze()

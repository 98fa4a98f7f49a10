"""OpenTelemetry traces, when an OTLP collector is configured.

With ``OTEL_EXPORTER_OTLP_ENDPOINT`` (or ``OTEL_EXPORTER_OTLP_TRACES_ENDPOINT``) set, every
request becomes a trace: a server span per request from the Django instrumentation, with a
child span per SQL statement from the psycopg one, exported in batches over OTLP/HTTP to the
collector (Jaeger, Tempo, Honeycomb, an OpenTelemetry Collector...). Unset, nothing is
imported or changed. The standard ``OTEL_*`` variables apply (``OTEL_SERVICE_NAME``,
``OTEL_EXPORTER_OTLP_HEADERS``, ``OTEL_TRACES_SAMPLER``, ``OTEL_BSP_SCHEDULE_DELAY``...).
The packages come with the ``otel`` extra: ``pip install 'artisan-marketplace[otel]'``.
"""

from __future__ import annotations

import logging
import os

from django.core.exceptions import ImproperlyConfigured

logger = logging.getLogger(__name__)

DEFAULT_SERVICE_NAME = "artisan-marketplace"
# Probes and scrapes every few seconds would drown the traces people look for.
DEFAULT_EXCLUDED_URLS = "health/live,health/ready,metrics"

_configured = False


def telemetry_endpoint() -> str:
    return (
        os.environ.get("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")
        or os.environ.get("OTEL_EXPORTER_OTLP_ENDPOINT")
        or ""
    ).strip()


def telemetry_configure() -> bool:
    """Set up tracing once per process if a collector endpoint is configured; returns whether
    traces are exported. Must run before Django builds its middleware chain (in wsgi.py,
    before ``get_wsgi_application``), since the Django instrumentation adds a middleware.

    Raises ImproperlyConfigured when an endpoint is set but the packages are missing: a
    deployment that asked for traces must not run silently without them.
    """
    global _configured
    if _configured:
        return True
    if not telemetry_endpoint():
        return False
    try:
        from opentelemetry import trace
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter
        from opentelemetry.instrumentation.django import DjangoInstrumentor
        from opentelemetry.sdk.resources import SERVICE_NAME, Resource
        from opentelemetry.sdk.trace import TracerProvider
        from opentelemetry.sdk.trace.export import BatchSpanProcessor
    except ImportError as missing:
        raise ImproperlyConfigured(
            "OTEL_EXPORTER_OTLP_ENDPOINT is set but OpenTelemetry is not installed "
            f"({missing.name}): pip install 'artisan-marketplace[otel]'."
        ) from missing

    # Resource.create adds OTEL_RESOURCE_ATTRIBUTES (deployment.environment, k8s.pod.name...).
    service = os.environ.get("OTEL_SERVICE_NAME") or DEFAULT_SERVICE_NAME
    provider = TracerProvider(resource=Resource.create({SERVICE_NAME: service}))
    # The exporter reads the endpoint, headers, timeout and compression from OTEL_* itself.
    provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    trace.set_tracer_provider(provider)

    excluded = (
        os.environ.get("OTEL_PYTHON_DJANGO_EXCLUDED_URLS")
        or os.environ.get("OTEL_PYTHON_EXCLUDED_URLS")
        or DEFAULT_EXCLUDED_URLS
    )
    DjangoInstrumentor().instrument(tracer_provider=provider, excluded_urls=excluded)
    try:
        from opentelemetry.instrumentation.psycopg import PsycopgInstrumentor
    except ImportError:
        logger.info("opentelemetry-instrumentation-psycopg not installed: no SQL spans")
    else:
        PsycopgInstrumentor().instrument(tracer_provider=provider)
    _configured = True
    logger.info("OpenTelemetry traces exported to %s", telemetry_endpoint())
    return True

"""The deploy kit parses, validates and hangs together (no container engine needed here).

``docker compose config`` and a Kubernetes API server are not on every machine; what they
would check (structure, references, schemas) is checked here with the same schemas.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
SETTINGS = Path(__file__).resolve().parents[2] / "marketplace" / "settings"


def _compose() -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    return document


def _settings_source() -> str:
    return (
        "".join(path.read_text() for path in SETTINGS.glob("*.py"))
        + (DEPLOY / "gunicorn.conf.py").read_text()
    )


def test_compose_runs_migrations_once_before_two_web_processes_behind_tls() -> None:
    services = _compose()["services"]
    assert set(services) == {
        "proxy",
        "migrate",
        "web",
        "worker",
        "beat",
        "db",
        "redis",
        "minio",
        "bucket",
    }
    assert services["migrate"]["command"] == ["marketplace", "manage", "migrate", "--noinput"]
    assert services["migrate"]["restart"] == "no"
    assert services["web"]["depends_on"]["migrate"] == {
        "condition": "service_completed_successfully"
    }
    assert services["web"]["deploy"]["replicas"] == 2
    assert "replicas" not in services["beat"].get("deploy", {})
    assert services["proxy"]["ports"] == ["80:80", "443:443"]
    assert services["proxy"]["depends_on"]["web"] == {"condition": "service_healthy"}
    for name in ("db", "redis", "minio"):
        assert services[name]["healthcheck"]["test"], name
    queues = services["worker"]["command"][services["worker"]["command"].index("--queues") + 1]
    assert set(queues.split(",")) == {"celery", "mail", "media", "documents", "payouts", "webhooks"}


def test_every_variable_compose_requires_is_in_the_example_env_file() -> None:
    text = (DEPLOY / "compose.yaml").read_text()
    required = set(re.findall(r"\$\{(\w+):\?", text))
    example = {
        line.split("=", 1)[0]
        for line in (DEPLOY / ".env.example").read_text().splitlines()
        if "=" in line and not line.startswith("#")
    }
    assert required <= example, required - example
    assert required == {"POSTGRES_PASSWORD", "SECRET_KEY", "MINIO_ROOT_USER", "MINIO_ROOT_PASSWORD"}


def test_the_application_reads_every_variable_the_kit_sets() -> None:
    source = _settings_source()
    environment = _compose()["x-app"]["environment"]
    config_map = yaml.safe_load((DEPLOY / "k8s" / "configmap.yaml").read_text())["data"]
    secret = yaml.safe_load((DEPLOY / "k8s" / "secret.example.yaml").read_text())["stringData"]
    names = set(environment) | set(config_map) | set(secret)
    # Read by Django itself, boto3 or gunicorn rather than by our settings modules.
    outside = {"DJANGO_SETTINGS_MODULE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}
    unread = {name for name in names - outside if f'"{name}"' not in source}
    assert unread == set()


def test_caddy_proxies_to_the_web_service_and_checks_its_readiness() -> None:
    caddyfile = (DEPLOY / "Caddyfile").read_text()
    assert "{$SITE_ADDRESS:localhost}" in caddyfile
    assert "reverse_proxy web:8000" in caddyfile
    assert "health_uri /health/ready" in caddyfile


def test_the_image_is_multi_stage_non_root_with_static_files_and_a_healthcheck() -> None:
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    assert len(re.findall(r"^FROM ", dockerfile, flags=re.M)) == 2
    assert re.search(r"^USER marketplace$", dockerfile, flags=re.M)
    assert "collectstatic --noinput" in dockerfile
    assert "HEALTHCHECK" in dockerfile and "/health/live" in dockerfile


def _kubernetes_resources() -> list[dict[str, Any]]:
    kustomize = shutil.which("kubectl")
    if kustomize:
        rendered = subprocess.run(
            [kustomize, "kustomize", str(DEPLOY / "k8s")],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
        return [doc for doc in yaml.safe_load_all(rendered) if doc]
    listed = yaml.safe_load((DEPLOY / "k8s" / "kustomization.yaml").read_text())["resources"]
    return [
        doc
        for name in listed
        for doc in yaml.safe_load_all((DEPLOY / "k8s" / name).read_text())
        if doc
    ]


@pytest.fixture(scope="module")
def resources() -> dict[tuple[str, str], dict[str, Any]]:
    return {(doc["kind"], doc["metadata"]["name"]): doc for doc in _kubernetes_resources()}


def test_kubernetes_manifests_validate_against_the_schemas(resources: Any) -> None:
    for resource in resources.values():
        kubernetes_validate.validate(resource, "1.33", strict=True)


def test_web_has_probes_resources_autoscaling_and_a_disruption_budget(resources: Any) -> None:
    web = resources["Deployment", "marketplace-web"]["spec"]["template"]["spec"]
    container = web["containers"][0]
    assert container["readinessProbe"]["httpGet"]["path"] == "/health/ready"
    assert container["livenessProbe"]["httpGet"]["path"] == "/health/live"
    assert container["resources"]["requests"]
    assert web["securityContext"]["runAsNonRoot"] is True
    assert "migrate --check" in " ".join(web["initContainers"][0]["command"])
    assert resources["HorizontalPodAutoscaler", "marketplace-web"]["spec"]["minReplicas"] == 2
    assert resources["PodDisruptionBudget", "marketplace-web"]["spec"]["minAvailable"] == 1


def test_beat_is_one_replica_and_migrations_are_a_job(resources: Any) -> None:
    beat = resources["Deployment", "marketplace-beat"]["spec"]
    assert beat["replicas"] == 1
    assert beat["strategy"] == {"type": "Recreate"}
    jobs = [doc for (kind, _), doc in resources.items() if kind == "Job"]
    assert [job["spec"]["template"]["spec"]["containers"][0]["command"] for job in jobs] == [
        ["marketplace", "manage", "migrate", "--noinput"]
    ]
    assert resources["Ingress", "marketplace"]["spec"]["tls"][0]["secretName"] == "marketplace-tls"


def test_the_images_static_files_step_runs_with_production_settings_and_no_services(
    tmp_path: Path,
) -> None:
    import os
    import sys

    env = {
        **os.environ,
        # Exactly what deploy/Dockerfile sets for its collectstatic step.
        "DJANGO_SETTINGS_MODULE": "marketplace.settings.production",
        "SECRET_KEY": "build-only-not-a-secret-build-only-not-a-secret-0000",
        "DATABASE_URL": "postgresql://build@127.0.0.1:1/unused",
        "STATIC_ROOT": str(tmp_path / "static"),
        "MARKETPLACE_HOME": str(tmp_path / "home"),
    }
    result = subprocess.run(
        [sys.executable, "-m", "marketplace.cli", "manage", "collectstatic", "--noinput"],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert (tmp_path / "static" / "staticfiles.json").exists()  # hashed names for caching

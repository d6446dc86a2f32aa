"""The hook against a scripted HTTP server on loopback: connection settings, errors and 503 retries."""

import asyncio
import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest

from dataset_profiler_provider.hooks.dataset_profiler import DatasetProfilerError, DatasetProfilerHook
from dataset_profiler_provider.hooks.retry_policy import RetryPolicy

JOB_ID = "5f0c7a8e-1b2d-4c3e-9f40-6a7b8c9d0e1f"
UNAVAILABLE = (503, {"Retry-After": "0"}, {"detail": "runner unavailable", "message": "runner unavailable", "status": 503})
STATUS = (200, {}, {"job_id": JOB_ID, "status": "STARTING"})


class ScriptedService:
    """Answers requests with the scripted answers in order (the last one repeats) and records them."""

    def __init__(self, answers):
        self.answers = list(answers)
        self.requests = []
        service = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                service.requests.append({"method": self.command, "path": self.path,
                                         "authorization": self.headers.get("Authorization"),
                                         "body": json.loads(body) if body else None})
                status, headers, payload = service.answers.pop(0) if len(service.answers) > 1 else service.answers[0]
                data = json.dumps(payload).encode()
                self.send_response(status)
                for name, value in {"Content-Type": "application/json", **headers}.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = _answer

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def scripted(monkeypatch):
    started = []

    def start(answers, conn_id="scripted_profiler", **connection):
        service = ScriptedService(answers)
        started.append(service)
        monkeypatch.setenv(f"AIRFLOW_CONN_{conn_id.upper()}",
                           json.dumps({"conn_type": "dataset_profiler", "host": service.url, **connection}))
        return service

    yield start
    for service in started:
        service.server.shutdown()
        service.server.server_close()


def hook(conn_id="scripted_profiler", attempts=3):
    return DatasetProfilerHook(conn_id, retry_policy=RetryPolicy(max_attempts=attempts, backoff_seconds=0))


def test_sends_the_connections_token_as_a_bearer_token(scripted):
    service = scripted([(200, {}, {"job_id": JOB_ID, "status": "Job submitted"})], password="a.jwt.token")

    assert hook().trigger_profile({"id": "x"}, only_light_profile=True) == JOB_ID
    assert service.requests == [{"method": "POST", "path": "/profiler/trigger_profile", "authorization": "Bearer a.jwt.token",
                                 "body": {"profile_specification": {"id": "x"}, "only_light_profile": True}}]


def test_retries_a_503_until_the_service_answers(scripted):
    service = scripted([UNAVAILABLE, UNAVAILABLE, STATUS])

    assert hook(attempts=3).get_job_status(JOB_ID)["status"] == "STARTING"
    assert len(service.requests) == 3


def test_gives_up_after_the_bounded_attempts_with_the_services_message(scripted):
    service = scripted([UNAVAILABLE])

    with pytest.raises(DatasetProfilerError, match="runner unavailable") as raised:
        hook(attempts=4).get_job_status(JOB_ID)
    assert raised.value.status == 503
    assert len(service.requests) == 4


def test_the_async_client_retries_the_same_way(scripted):
    service = scripted([UNAVAILABLE, STATUS])

    assert asyncio.run(hook().aget_job_status(JOB_ID))["status"] == "STARTING"
    assert len(service.requests) == 2


def test_an_error_carries_the_services_message_and_is_not_retried(scripted):
    not_found = (404, {}, {"detail": "Job not found", "code": "NotFound.Job", "message": "Job not found", "status": 404})
    service = scripted([not_found])

    with pytest.raises(DatasetProfilerError, match="404: Job not found"):
        hook().get_job_status(JOB_ID)
    assert len(service.requests) == 1


def test_a_refused_connection_is_retried_then_raised(monkeypatch):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    monkeypatch.setenv("AIRFLOW_CONN_NOWHERE", json.dumps({"conn_type": "dataset_profiler", "host": "127.0.0.1", "port": port}))

    with pytest.raises(httpx.ConnectError):
        hook("nowhere", attempts=2).get_job_status(JOB_ID)


def test_clean_up_sends_the_references_body(scripted):
    service = scripted([(200, {}, {"detail": "SUCCESS"})])

    assert hook().clean_up(JOB_ID) == {"detail": "SUCCESS"}
    assert service.requests[0]["path"] == "/profiler/clean_up"
    assert service.requests[0]["body"] == {"profile_job_id": JOB_ID}

"""A hook for the Dataset Profiler HTTP API: base URL and token from an Airflow connection."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
import tenacity
from airflow.sdk import BaseHook, Connection

from dataset_profiler_provider.hooks.retry_policy import RetryPolicy, retrying_kwargs


class DatasetProfilerError(Exception):
    """The service answered with an error; ``message`` is its GError message (or FastAPI ``detail``)."""

    def __init__(self, status: int, message: str, body: Any = None) -> None:
        super().__init__(f"Dataset Profiler answered {status}: {message}")
        self.status = status
        self.message = message
        self.body = body


@dataclass(frozen=True)
class ServiceEndpoint:
    """Where the service listens and how to authenticate, read from a connection."""

    base_url: str
    token: str | None

    @classmethod
    def from_connection(cls, conn: Connection) -> ServiceEndpoint:
        host = (conn.host or "").rstrip("/")
        if not host:
            raise ValueError(f"connection {conn.conn_id!r} has no host: set it to the service's base URL")
        base_url = host if "://" in host else f"{conn.schema or 'http'}://{host}"
        if conn.port:
            base_url = f"{base_url}:{conn.port}"
        token = conn.password or conn.extra_dejson.get("token")
        return cls(base_url=base_url, token=token or None)

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}


def _answer(response: httpx.Response) -> Any:
    if response.is_success:
        return response.json()
    try:
        body = response.json()
    except ValueError:
        raise DatasetProfilerError(response.status_code, response.text or response.reason_phrase) from None
    message = (body.get("message") or body.get("detail")) if isinstance(body, dict) else None
    raise DatasetProfilerError(response.status_code, str(message or response.reason_phrase), body)


class DatasetProfilerHook(BaseHook):
    """
    Calls the Dataset Profiler service. The connection's host is the base URL (``http://host:4557`` or a
    bare host with ``schema`` and ``port``); its password, or ``extra.token``, is sent as a bearer token.
    A 503 (the runner circuit is open) or a refused connection is retried, waiting as ``Retry-After``
    says, within ``retry_policy``'s bounds.
    """

    conn_name_attr = "dataset_profiler_conn_id"
    default_conn_name = "dataset_profiler_default"
    conn_type = "dataset_profiler"
    hook_name = "Dataset Profiler"

    def __init__(
        self,
        dataset_profiler_conn_id: str = default_conn_name,
        timeout: float = 30.0,
        retry_policy: RetryPolicy | None = None,
    ) -> None:
        super().__init__()
        self.dataset_profiler_conn_id = dataset_profiler_conn_id
        self.timeout = timeout
        self.retry_policy = retry_policy or RetryPolicy()

    @classmethod
    def get_ui_field_behaviour(cls) -> dict[str, Any]:
        return {
            "hidden_fields": ["login"],
            "relabeling": {"host": "Base URL", "schema": "Scheme (when the host has none)", "password": "Token"},
            "placeholders": {"host": "http://127.0.0.1:4557", "password": "a JWT, when the service has ENABLE_AUTH=true"},
        }

    def get_conn(self) -> httpx.Client:
        endpoint = ServiceEndpoint.from_connection(self.get_connection(self.dataset_profiler_conn_id))
        return httpx.Client(base_url=endpoint.base_url, headers=endpoint.headers, timeout=self.timeout)

    async def aget_conn(self) -> httpx.AsyncClient:
        endpoint = ServiceEndpoint.from_connection(await self.aget_connection(self.dataset_profiler_conn_id))
        return httpx.AsyncClient(base_url=endpoint.base_url, headers=endpoint.headers, timeout=self.timeout)

    def request(self, method: str, path: str, json: Any = None) -> Any:
        with self.get_conn() as client:
            for attempt in tenacity.Retrying(**retrying_kwargs(self.retry_policy, self.log)):
                with attempt:
                    response = client.request(method, path, json=json)
                if not attempt.retry_state.outcome.failed:
                    attempt.retry_state.set_result(response)
        return _answer(response)

    async def arequest(self, method: str, path: str, json: Any = None) -> Any:
        async with await self.aget_conn() as client:
            async for attempt in tenacity.AsyncRetrying(**retrying_kwargs(self.retry_policy, self.log)):
                with attempt:
                    response = await client.request(method, path, json=json)
                if not attempt.retry_state.outcome.failed:
                    attempt.retry_state.set_result(response)
        return _answer(response)

    def trigger_profile(self, profile_specification: dict[str, Any], only_light_profile: bool = False) -> str:
        """Starts a profile job and returns its ``job_id``."""
        body = {"profile_specification": profile_specification, "only_light_profile": only_light_profile}
        return self.request("POST", "/profiler/trigger_profile", json=body)["job_id"]

    def get_job_status(self, job_id: str) -> dict[str, Any]:
        return self.request("GET", f"/profiler/job_status/{job_id}")

    async def aget_job_status(self, job_id: str) -> dict[str, Any]:
        return await self.arequest("GET", f"/profiler/job_status/{job_id}")

    def get_profile(self, job_id: str) -> dict[str, Any]:
        """``{"moma_profile_light", "moma_profile_heavy", "cdd_profile"}`` of a job."""
        return self.request("GET", f"/profiler/profile/{job_id}")

    def clean_up(self, job_id: str) -> dict[str, Any]:
        """Deletes the job's stored profiles; the job becomes ``CLEANED_UP``."""
        return self.request("POST", "/profiler/clean_up", json={"profile_job_id": job_id})

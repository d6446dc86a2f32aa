"""A trigger that polls a job's status asynchronously in the triggerer, so no worker slot waits."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Any

from airflow.triggers.base import BaseTrigger, TriggerEvent

from dataset_profiler_provider.hooks.dataset_profiler import DatasetProfilerError, DatasetProfilerHook
from dataset_profiler_provider.job_states import judge


class DatasetProfilerJobTrigger(BaseTrigger):
    """
    Fires once the job reaches ``target_status`` (event ``{"status": "success", …}``) or can no longer reach
    it (``{"status": "error", "message": …}``, e.g. the job FAILED, with the job's message). Only the
    connection id is serialised: the token stays in the connection.
    """

    def __init__(self, job_id: str, target_status: str, dataset_profiler_conn_id: str, poll_interval: float) -> None:
        super().__init__()
        self.job_id = job_id
        self.target_status = target_status
        self.dataset_profiler_conn_id = dataset_profiler_conn_id
        self.poll_interval = poll_interval

    def serialize(self) -> tuple[str, dict[str, Any]]:
        return (
            f"{type(self).__module__}.{type(self).__qualname__}",
            {
                "job_id": self.job_id,
                "target_status": self.target_status,
                "dataset_profiler_conn_id": self.dataset_profiler_conn_id,
                "poll_interval": self.poll_interval,
            },
        )

    async def run(self) -> AsyncIterator[TriggerEvent]:
        hook = DatasetProfilerHook(dataset_profiler_conn_id=self.dataset_profiler_conn_id)
        while True:
            try:
                job_status = await hook.aget_job_status(self.job_id)
            except DatasetProfilerError as error:
                yield TriggerEvent({"status": "error", "message": str(error), "job_id": self.job_id})
                return
            verdict = judge(job_status, self.target_status)
            if verdict.outcome != "waiting":
                status = "success" if verdict.outcome == "reached" else "error"
                yield TriggerEvent({"status": status, "message": verdict.message, "job_status": job_status})
                return
            self.log.info("%s; next look in %.1f s", verdict.message, self.poll_interval)
            await asyncio.sleep(self.poll_interval)

"""A sensor that waits for a profile job to reach LIGHT_PROFILE_READY or HEAVY_PROFILES_READY."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from airflow.sdk import BaseSensorOperator, Context
from airflow.sdk.configuration import conf
from airflow.sdk.exceptions import AirflowFailException

from dataset_profiler_provider.hooks.dataset_profiler import DatasetProfilerHook
from dataset_profiler_provider.job_states import HEAVY_PROFILES_READY, check_target, judge
from dataset_profiler_provider.triggers.dataset_profiler import DatasetProfilerJobTrigger


class DatasetProfilerJobSensor(BaseSensorOperator):
    """
    Waits until job ``job_id`` reaches ``target_status``; fails, without retrying, with the job's
    ``message`` when it is FAILED (or can never get there: cleaned up, or light-only while waiting for
    the heavy profiles). With ``deferrable=True`` the waiting happens in the triggerer
    (:class:`DatasetProfilerJobTrigger`) and frees the worker slot.
    """

    template_fields = ("job_id",)
    ui_color = "#d9ecf2"

    def __init__(
        self,
        *,
        job_id: str,
        target_status: str = HEAVY_PROFILES_READY,
        dataset_profiler_conn_id: str = DatasetProfilerHook.default_conn_name,
        deferrable: bool = conf.getboolean("operators", "default_deferrable", fallback=False),
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.job_id = job_id
        self.target_status = check_target(target_status)
        self.dataset_profiler_conn_id = dataset_profiler_conn_id
        self.deferrable = deferrable

    def poke(self, context: Context) -> bool:
        hook = DatasetProfilerHook(dataset_profiler_conn_id=self.dataset_profiler_conn_id)
        verdict = judge(hook.get_job_status(self.job_id), self.target_status)
        self.log.info(verdict.message)
        if verdict.outcome == "failed":
            raise AirflowFailException(verdict.message)
        return verdict.outcome == "reached"

    def execute(self, context: Context) -> None:
        if not self.deferrable:
            super().execute(context)
        elif not self.poke(context):
            self.defer(
                trigger=DatasetProfilerJobTrigger(
                    job_id=self.job_id,
                    target_status=self.target_status,
                    dataset_profiler_conn_id=self.dataset_profiler_conn_id,
                    poll_interval=self.poke_interval,
                ),
                method_name="execute_complete",
                timeout=timedelta(seconds=self.timeout),
            )

    def execute_complete(self, context: Context, event: dict[str, Any]) -> None:
        """Resumes on the worker after the trigger fired."""
        if event["status"] != "success":
            raise AirflowFailException(event["message"])
        self.log.info(event["message"])

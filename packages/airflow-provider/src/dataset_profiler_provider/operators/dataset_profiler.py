"""Operators that trigger a profile job, fetch its profiles and clean it up."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from airflow.sdk import BaseOperator, Context

from dataset_profiler_provider.hooks.dataset_profiler import DatasetProfilerHook


class DatasetProfilerTriggerOperator(BaseOperator):
    """
    Starts a profile job and pushes its ``job_id`` to XCom (key ``job_id``, and as the return value).

    ``profile_specification`` is the request's ``profile_specification``: a dict (its strings are Jinja
    templates) or the path of a ``.json`` file, rendered as a template and then parsed.
    """

    template_fields = ("profile_specification",)
    template_ext = (".json",)
    ui_color = "#c7e6c1"

    def __init__(
        self,
        *,
        profile_specification: dict[str, Any] | str,
        only_light_profile: bool = False,
        dataset_profiler_conn_id: str = DatasetProfilerHook.default_conn_name,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.profile_specification = profile_specification
        self.only_light_profile = only_light_profile
        self.dataset_profiler_conn_id = dataset_profiler_conn_id

    def execute(self, context: Context) -> str:
        specification = self.profile_specification
        if isinstance(specification, str):
            specification = json.loads(specification)
        hook = DatasetProfilerHook(dataset_profiler_conn_id=self.dataset_profiler_conn_id)
        job_id = hook.trigger_profile(specification, only_light_profile=self.only_light_profile)
        self.log.info("Dataset Profiler job %s submitted for dataset %s", job_id, specification.get("id"))
        context["ti"].xcom_push(key="job_id", value=job_id)
        return job_id


class DatasetProfilerFetchProfileOperator(BaseOperator):
    """
    Fetches a job's profiles (``{"moma_profile_light", "moma_profile_heavy", "cdd_profile"}``). Without
    ``output_path`` they go to XCom as the return value; with it they are written there as JSON and the
    path is returned instead — heavy profiles reach megabytes, more than an XCom backend should hold.
    """

    template_fields = ("job_id", "output_path")
    ui_color = "#f0e4c3"

    def __init__(
        self,
        *,
        job_id: str,
        output_path: str | None = None,
        dataset_profiler_conn_id: str = DatasetProfilerHook.default_conn_name,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.job_id = job_id
        self.output_path = output_path
        self.dataset_profiler_conn_id = dataset_profiler_conn_id

    def execute(self, context: Context) -> dict[str, Any] | str:
        profiles = DatasetProfilerHook(dataset_profiler_conn_id=self.dataset_profiler_conn_id).get_profile(self.job_id)
        if self.output_path is None:
            return profiles
        path = Path(self.output_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(profiles), encoding="utf-8")
        self.log.info("Profiles of job %s written to %s", self.job_id, path)
        return str(path)


class DatasetProfilerCleanUpOperator(BaseOperator):
    """Deletes a finished job's stored profiles (``POST /profiler/clean_up``); the job becomes CLEANED_UP."""

    template_fields = ("job_id",)
    ui_color = "#e8d3d3"

    def __init__(
        self,
        *,
        job_id: str,
        dataset_profiler_conn_id: str = DatasetProfilerHook.default_conn_name,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.job_id = job_id
        self.dataset_profiler_conn_id = dataset_profiler_conn_id

    def execute(self, context: Context) -> dict[str, Any]:
        answer = DatasetProfilerHook(dataset_profiler_conn_id=self.dataset_profiler_conn_id).clean_up(self.job_id)
        self.log.info("Dataset Profiler job %s cleaned up", self.job_id)
        return answer

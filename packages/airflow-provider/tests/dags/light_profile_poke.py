"""A light-only profile waited for in poke mode (on the worker), with the profiles fetched to XCom."""

from __future__ import annotations

from datetime import datetime

from airflow.sdk import DAG

from dataset_profiler_provider.job_states import LIGHT_PROFILE_READY
from dataset_profiler_provider.operators.dataset_profiler import (
    DatasetProfilerCleanUpOperator,
    DatasetProfilerFetchProfileOperator,
    DatasetProfilerTriggerOperator,
)
from dataset_profiler_provider.sensors.dataset_profiler import DatasetProfilerJobSensor

with DAG(
    dag_id="light_profile_poke",
    schedule=None,
    start_date=datetime(2026, 1, 1),
    params={"dataset_folder": "subway_data"},
) as dag:
    trigger_profile = DatasetProfilerTriggerOperator(
        task_id="trigger_profile",
        # A dict: its strings are rendered as templates too.
        profile_specification={
            "id": "0b7e5c2a-9d41-4f7e-8a63-2f5d1c9e4b70",
            "name": "Subway data ({{ dag.dag_id }})",
            "description": "Validations",
            "headline": "Subway data.",
            "fields_of_science": ["CIVIL ENGINEERING"],
            "languages": ["el"],
            "keywords": ["subway"],
            "country": "GR",
            "date_published": "2025-08-23",
            "license": "CC-BY-4.0",
            "uploaded_by": "airflow",
            "data_connectors": [{"type": "RawDataPath", "dataset_id": "{{ params.dataset_folder }}"}],
        },
        only_light_profile=True,
    )
    wait_for_light_profile = DatasetProfilerJobSensor(
        task_id="wait_for_light_profile",
        job_id=trigger_profile.output,
        target_status=LIGHT_PROFILE_READY,
        deferrable=False,
        mode="poke",
        poke_interval=1,
        timeout=120,
    )
    fetch_profiles = DatasetProfilerFetchProfileOperator(task_id="fetch_profiles", job_id=trigger_profile.output)
    clean_up = DatasetProfilerCleanUpOperator(task_id="clean_up", job_id=trigger_profile.output)

    trigger_profile >> wait_for_light_profile >> fetch_profiles >> clean_up

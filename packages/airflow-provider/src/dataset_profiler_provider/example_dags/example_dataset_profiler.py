"""
Profile a dataset folder of the service's DATA_ROOT: trigger → wait (deferred, in the triggerer) →
fetch the profiles to a file → clean up the job's stored profiles.
"""

from __future__ import annotations

from datetime import datetime

from airflow.sdk import DAG, Param

from dataset_profiler_provider.job_states import HEAVY_PROFILES_READY
from dataset_profiler_provider.operators.dataset_profiler import (
    DatasetProfilerCleanUpOperator,
    DatasetProfilerFetchProfileOperator,
    DatasetProfilerTriggerOperator,
)
from dataset_profiler_provider.sensors.dataset_profiler import DatasetProfilerJobSensor

with DAG(
    dag_id="example_dataset_profiler",
    schedule=None,
    start_date=datetime(2026, 1, 1),
    catchup=False,
    tags=["example", "dataset-profiler"],
    params={
        "dataset_folder": Param("subway_data", type="string", description="a folder below the service's DATA_ROOT"),
        "dataset_uuid": Param("7c4d20a0-33e8-471e-8a3f-a7a54aa09f68", type="string"),
        "profiles_dir": Param("/tmp/dataset-profiles", type="string", description="where the profiles are written"),
    },
) as dag:
    # A templated file: rendered with the run's params, then sent as the profile_specification.
    trigger_profile = DatasetProfilerTriggerOperator(
        task_id="trigger_profile",
        profile_specification="profile_specification.json",
    )
    wait_for_profiles = DatasetProfilerJobSensor(
        task_id="wait_for_profiles",
        job_id=trigger_profile.output,
        target_status=HEAVY_PROFILES_READY,
        deferrable=True,
        poke_interval=2,
        timeout=60 * 60,
    )
    fetch_profiles = DatasetProfilerFetchProfileOperator(
        task_id="fetch_profiles",
        job_id=trigger_profile.output,
        output_path="{{ params.profiles_dir }}/{{ ti.xcom_pull(task_ids='trigger_profile', key='job_id') }}.json",
    )
    clean_up = DatasetProfilerCleanUpOperator(task_id="clean_up", job_id=trigger_profile.output)

    trigger_profile >> wait_for_profiles >> fetch_profiles >> clean_up

"""The sensor's poke and the trigger's asynchronous run() against the live Dataset Profiler."""

import asyncio
import time

import pytest
from airflow.sdk.exceptions import AirflowFailException
from airflow.sdk.module_loading import import_string

from dataset_profiler_provider.hooks.dataset_profiler import DatasetProfilerHook
from dataset_profiler_provider.job_states import HEAVY_PROFILES_READY, LIGHT_PROFILE_READY
from dataset_profiler_provider.sensors.dataset_profiler import DatasetProfilerJobSensor
from dataset_profiler_provider.triggers.dataset_profiler import DatasetProfilerJobTrigger

pytestmark = pytest.mark.live


def first_event(trigger, timeout=120):
    """Runs the trigger as the triggerer would, after a serialise/deserialise round trip."""
    classpath, kwargs = trigger.serialize()
    rebuilt = import_string(classpath)(**kwargs)

    async def run():
        async for event in rebuilt.run():
            return event

    return asyncio.run(asyncio.wait_for(run(), timeout)).payload


def test_the_trigger_fires_when_the_heavy_profiles_are_ready(specification):
    job_id = DatasetProfilerHook().trigger_profile(specification("subway_data"))

    event = first_event(DatasetProfilerJobTrigger(job_id, HEAVY_PROFILES_READY, "dataset_profiler_default", poll_interval=0.5))

    assert event["status"] == "success"
    assert event["job_status"]["status"] == HEAVY_PROFILES_READY
    assert event["job_status"]["progress"]["files_done"] == 1


def test_the_trigger_reports_a_failed_job_with_its_message(specification):
    job_id = DatasetProfilerHook().trigger_profile(specification("no_such_dataset"))

    event = first_event(DatasetProfilerJobTrigger(job_id, LIGHT_PROFILE_READY, "dataset_profiler_default", poll_interval=0.5))

    assert event["status"] == "error"
    assert event["message"] == f"job {job_id} FAILED: Dataset folder 'no_such_dataset' does not exist"


def test_the_sensor_fails_without_retrying_on_a_missing_dataset(specification):
    job_id = DatasetProfilerHook().trigger_profile(specification("no_such_dataset"))
    sensor = DatasetProfilerJobSensor(task_id="wait", job_id=job_id, deferrable=False)

    with pytest.raises(AirflowFailException, match="FAILED: Dataset folder 'no_such_dataset' does not exist"):
        for _ in range(120):
            assert not sensor.poke({})
            time.sleep(0.5)

import pytest

from dataset_profiler_provider.job_states import judge


def status(value, **more):
    return {"job_id": "j1", "status": value, "only_light_profile": False, **more}


@pytest.mark.parametrize(
    ("job_status", "target", "outcome"),
    [
        (status("STARTING"), "LIGHT_PROFILE_READY", "waiting"),
        (status("LIGHT_PROFILE_READY"), "LIGHT_PROFILE_READY", "reached"),
        (status("HEAVY_PROFILES_READY"), "LIGHT_PROFILE_READY", "reached"),
        (status("LIGHT_PROFILE_READY"), "HEAVY_PROFILES_READY", "waiting"),
        (status("HEAVY_PROFILES_READY"), "HEAVY_PROFILES_READY", "reached"),
        (status("LIGHT_PROFILE_READY", only_light_profile=True), "HEAVY_PROFILES_READY", "failed"),
        (status("CLEANED_UP"), "LIGHT_PROFILE_READY", "failed"),
    ],
)
def test_judges_a_status_against_the_target(job_status, target, outcome):
    assert judge(job_status, target).outcome == outcome


def test_a_failed_job_fails_with_its_message():
    verdict = judge(status("FAILED", message="Dataset folder 'x' does not exist"), "HEAVY_PROFILES_READY")

    assert verdict.outcome == "failed"
    assert verdict.message == "job j1 FAILED: Dataset folder 'x' does not exist"


def test_an_unknown_target_is_refused():
    from dataset_profiler_provider.sensors.dataset_profiler import DatasetProfilerJobSensor

    with pytest.raises(ValueError, match="target_status must be one of"):
        DatasetProfilerJobSensor(task_id="t", job_id="j1", target_status="DONE")

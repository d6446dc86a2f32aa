"""DAG runs with dag.test() against the live Dataset Profiler (its DATA_ROOT holds subway_data)."""

import importlib.util
import json
import time

import pytest

from conftest import TEST_DAGS
from dataset_profiler_provider.example_dags.example_dataset_profiler import dag as example_dag
from dataset_profiler_provider.hooks.dataset_profiler import DatasetProfilerHook

pytestmark = pytest.mark.live


def load_test_dag(name):
    spec = importlib.util.spec_from_file_location(f"test_dags_{name}", TEST_DAGS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.dag


def logged(caplog, capfd):
    """What the run logged: Airflow's task logs reach the logging tree or the process's stdout, by set-up."""
    return caplog.text + "".join(capfd.readouterr())


def task_states(run):
    return {ti.task_id: str(ti.state) for ti in run.get_task_instances()}


def test_the_example_dag_triggers_waits_fetches_and_cleans_up(tmp_path, caplog, capfd, record_property):
    started = time.monotonic()
    run = example_dag.test(run_conf={"profiles_dir": str(tmp_path)})
    record_property("example_dag_test_seconds", round(time.monotonic() - started, 2))

    assert run.state == "success"
    assert task_states(run) == dict.fromkeys(["trigger_profile", "wait_for_profiles", "fetch_profiles", "clean_up"], "success")
    # The sensor deferred: its trigger ran (inline, as dag.test runs the triggerer's part).
    assert "[DAG TEST] running trigger in line" in logged(caplog, capfd)
    job_id = run.get_task_instance("trigger_profile").xcom_pull(task_ids="trigger_profile", key="job_id")
    profiles = json.loads((tmp_path / f"{job_id}.json").read_text())
    assert profiles["moma_profile_light"]["name"] == "Subway data"
    assert run.logical_date.strftime("%Y-%m-%d") in profiles["moma_profile_light"]["keywords"]
    assert [record_set["name"] for record_set in profiles["moma_profile_heavy"]["recordSet"]] == ["csv_1"]
    assert DatasetProfilerHook().get_job_status(job_id)["status"] == "CLEANED_UP"


def test_a_missing_dataset_fails_the_deferred_sensor_with_the_jobs_message(tmp_path, monkeypatch):
    failures = []
    sensor = example_dag.get_task("wait_for_profiles")
    monkeypatch.setattr(sensor, "on_failure_callback", [lambda context: failures.append(str(context["exception"]))])

    run = example_dag.test(run_conf={"dataset_folder": "no_such_dataset", "profiles_dir": str(tmp_path)})

    assert run.state == "failed"
    assert task_states(run) == {"trigger_profile": "success", "wait_for_profiles": "failed",
                                "fetch_profiles": "upstream_failed", "clean_up": "upstream_failed"}
    job_id = run.get_task_instance("trigger_profile").xcom_pull(task_ids="trigger_profile", key="job_id")
    assert failures == [f"job {job_id} FAILED: Dataset folder 'no_such_dataset' does not exist"]


def test_a_light_profile_waited_for_in_poke_mode_and_fetched_to_xcom():
    run = load_test_dag("light_profile_poke").test()

    assert run.state == "success"
    profiles = run.get_task_instance("fetch_profiles").xcom_pull(task_ids="fetch_profiles")
    assert profiles["moma_profile_light"]["name"] == "Subway data (light_profile_poke)"
    assert [entry["name"] for entry in profiles["moma_profile_light"]["distribution"]] == ["csv_1.csv"]
    assert profiles["moma_profile_heavy"] == {}

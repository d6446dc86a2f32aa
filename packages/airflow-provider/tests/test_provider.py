import json
import os
import subprocess
import sys
from pathlib import Path

from airflow.sdk.providers_manager_runtime import ProvidersManagerTaskRuntime

from dataset_profiler_provider import get_provider_info


def test_airflow_lists_the_provider_and_its_connection_type():
    airflow = Path(sys.executable).with_name("airflow")

    providers = json.loads(subprocess.run([airflow, "providers", "list", "-o", "json"], check=True,
                                          capture_output=True, text=True, env=os.environ).stdout)

    assert {"package_name": "airflow-provider-dataset-profiler", "version": "0.1.0"}.items() <= next(
        p for p in providers if p["package_name"] == "airflow-provider-dataset-profiler").items()
    hook = ProvidersManagerTaskRuntime().hooks["dataset_profiler"]
    assert hook.hook_class_name == "dataset_profiler_provider.hooks.dataset_profiler.DatasetProfilerHook"
    assert hook.package_name == "airflow-provider-dataset-profiler"


def test_provider_info_names_modules_that_import():
    import importlib

    info = get_provider_info()
    modules = [m for kind in ("hooks", "operators", "sensors", "triggers") for entry in info[kind] for m in entry["python-modules"]]
    assert [importlib.import_module(m).__name__ for m in modules] == modules

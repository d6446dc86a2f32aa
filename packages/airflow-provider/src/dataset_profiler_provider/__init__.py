"""Apache Airflow provider for the Dataset Profiler service."""

from __future__ import annotations

__version__ = "0.1.0"

_MODULE = "dataset_profiler_provider"


def get_provider_info() -> dict:
    """What Airflow's ProvidersManager reads through the ``apache_airflow_provider`` entry point."""
    return {
        "package-name": "airflow-provider-dataset-profiler",
        "name": "Dataset Profiler",
        "description": "Trigger, wait for, fetch and clean up Croissant profiles of the Dataset Profiler service.",
        "versions": [__version__],
        "integrations": [{"integration-name": "Dataset Profiler", "tags": ["service"]}],
        "hooks": [{"integration-name": "Dataset Profiler", "python-modules": [f"{_MODULE}.hooks.dataset_profiler"]}],
        "operators": [
            {"integration-name": "Dataset Profiler", "python-modules": [f"{_MODULE}.operators.dataset_profiler"]}
        ],
        "sensors": [{"integration-name": "Dataset Profiler", "python-modules": [f"{_MODULE}.sensors.dataset_profiler"]}],
        "triggers": [
            {"integration-name": "Dataset Profiler", "python-modules": [f"{_MODULE}.triggers.dataset_profiler"]}
        ],
        "connection-types": [
            {
                "connection-type": "dataset_profiler",
                "hook-class-name": f"{_MODULE}.hooks.dataset_profiler.DatasetProfilerHook",
            }
        ],
    }

"""
The tests run against a real Airflow (AIRFLOW_HOME with a migrated metadata DB) and, for the ones marked
``live``, a running Dataset Profiler whose DATA_ROOT holds the fixture dataset ``subway_data``:
DATASET_PROFILER_URL says where. test/airflow/provider.test.ts sets both up and runs this suite.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1]
EXAMPLE_DAGS = PACKAGE / "src" / "dataset_profiler_provider" / "example_dags"
TEST_DAGS = Path(__file__).resolve().parent / "dags"

# Before Airflow reads its configuration: the example DAGs and the test DAGs are two local bundles, so
# dag.test() finds them in the metadata DB.
os.environ["AIRFLOW__DAG_PROCESSOR__DAG_BUNDLE_CONFIG_LIST"] = json.dumps(
    [
        {"name": name, "classpath": "airflow.dag_processing.bundles.local.LocalDagBundle", "kwargs": {"path": str(path)}}
        for name, path in (("examples", EXAMPLE_DAGS), ("tests", TEST_DAGS))
    ]
)
os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")

SERVICE_URL = os.environ.get("DATASET_PROFILER_URL")
if SERVICE_URL:
    os.environ["AIRFLOW_CONN_DATASET_PROFILER_DEFAULT"] = json.dumps({"conn_type": "dataset_profiler", "host": SERVICE_URL})


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if SERVICE_URL:
        return
    skip = pytest.mark.skip(reason="DATASET_PROFILER_URL is not set: no Dataset Profiler to run against")
    for item in items:
        if "live" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def specification():
    """A profile_specification for a dataset folder of the service's DATA_ROOT."""

    def make(dataset_folder: str) -> dict:
        return {
            "id": "7c4d20a0-33e8-471e-8a3f-a7a54aa09f68",
            "name": "Subway data",
            "description": "Validations",
            "headline": "Subway data.",
            "fields_of_science": ["CIVIL ENGINEERING"],
            "languages": ["el"],
            "keywords": ["subway"],
            "country": "GR",
            "date_published": "2025-08-23",
            "license": "CC-BY-4.0",
            "uploaded_by": "airflow",
            "data_connectors": [{"type": "RawDataPath", "dataset_id": dataset_folder}],
        }

    return make

# Apache Airflow for the provider's tests (test/airflow/provider.test.ts runs its pytest suite).
# A venv in $CI_CACHE with Airflow, pytest and hatchling pinned by the provider's constraints file, re-used
# while that file and the Python version are unchanged; the provider itself is installed editable from
# this checkout on every run (the checkout moves between runs). A fresh sqlite metadata DB in $CI_WORK.
AIRFLOW_VERSION=3.3.2
airflow_constraints=packages/airflow-provider/constraints-airflow-$AIRFLOW_VERSION-python3.11.txt
airflow_key=$(sha256sum "$airflow_constraints" | cut -c1-12)
export AIRFLOW_VENV="$CI_CACHE/airflow-$AIRFLOW_VERSION-$airflow_key"

if [ ! -e "$AIRFLOW_VENV/.installed" ]; then
  rm -rf "$AIRFLOW_VENV"
  "$(command -v python3.11 || command -v python3)" -m venv "$AIRFLOW_VENV"
  "$AIRFLOW_VENV/bin/pip" install --quiet --disable-pip-version-check pip==25.3
  "$AIRFLOW_VENV/bin/pip" install --quiet -c "$airflow_constraints" \
    "apache-airflow==$AIRFLOW_VERSION" pytest==9.2.0 hatchling==1.33.0
  touch "$AIRFLOW_VENV/.installed"
fi
"$AIRFLOW_VENV/bin/pip" install --quiet --no-deps --no-build-isolation -e packages/airflow-provider

export AIRFLOW_HOME="$CI_WORK/airflow"
export AIRFLOW__CORE__LOAD_EXAMPLES=False
"$AIRFLOW_VENV/bin/airflow" db migrate > "$CI_WORK/airflow-db-migrate.log" 2>&1 ||
  { cat "$CI_WORK/airflow-db-migrate.log" >&2; false; }
echo "airflow $AIRFLOW_VERSION in $AIRFLOW_VENV, AIRFLOW_HOME=$AIRFLOW_HOME"

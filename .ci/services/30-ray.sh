# Ray: a real single-node head on loopback for the HttpRayJobs suites (platform-notes §1.6), sized for
# a 2-core machine. ray[default] (the dashboard, hence the Jobs API, needs the extra) goes into a venv
# in the cache; RAY_ADDRESS is the dashboard URL the tests and the service read.
RAY_VERSION=2.60.0
ray_venv="$CI_CACHE/ray-$RAY_VERSION"
if [ ! -e "$ray_venv/.installed" ]; then
  rm -rf "$ray_venv"
  python3.11 -m venv "$ray_venv"
  "$ray_venv/bin/pip" install --quiet --disable-pip-version-check "ray[default]==$RAY_VERSION"
  touch "$ray_venv/.installed"
fi

# Every port Ray opens is a free one on 127.0.0.1 (the GCS default 6379 is Redis's). The temp dir is
# short (Unix socket paths) and fresh per run; RAY_HEAD_NUM_CPUS is what the tests size their jobs by.
ray_tmp="$(mktemp -d /tmp/rayci-XXXX)"
ray_dashboard_port=$(free_port)
export RAY_HEAD_NUM_CPUS=2
# Registered first, so that a head that half started is stopped too (the CI machine's only Ray; the
# fault suites' private heads are gone by then).
on_exit "'$ray_venv/bin/ray' stop --force >/dev/null 2>&1; rm -rf '$ray_tmp'"
RAY_USAGE_STATS_ENABLED=0 "$ray_venv/bin/ray" start --head --disable-usage-stats \
  --node-ip-address=127.0.0.1 --port="$(free_port)" \
  --dashboard-host=127.0.0.1 --dashboard-port="$ray_dashboard_port" --include-dashboard=true \
  --dashboard-agent-listen-port="$(free_port)" --dashboard-agent-grpc-port="$(free_port)" \
  --runtime-env-agent-port="$(free_port)" --metrics-export-port="$(free_port)" \
  --ray-client-server-port="$(free_port)" --min-worker-port=0 --max-worker-port=0 \
  --num-cpus="$RAY_HEAD_NUM_CPUS" --num-gpus=0 --object-store-memory=100000000 --memory=2000000000 \
  --temp-dir="$ray_tmp" --log-style=record >"$CI_WORK/ray-start.log" 2>&1 \
  || { cat "$CI_WORK/ray-start.log" >&2; false; }
# `ray start` returns before the dashboard serves the Jobs API (platform-notes §1.6): poll it.
ray_deadline=$((SECONDS + 90))
until curl -sf "http://127.0.0.1:$ray_dashboard_port/api/gcs_healthz" >/dev/null \
  && curl -sf "http://127.0.0.1:$ray_dashboard_port/api/jobs/" >/dev/null; do
  ((SECONDS < ray_deadline)) || { echo "the Ray Jobs API did not answer within 90 s" >&2; false; }
  sleep 1
done
export RAY_ADDRESS="http://127.0.0.1:$ray_dashboard_port"
# The fault suites start a private head of their own with the same installation.
export RAY_BIN="$ray_venv/bin/ray"

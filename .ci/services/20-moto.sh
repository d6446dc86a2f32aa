# moto in server mode: DynamoDB, SQS and S3 on one loopback port, for the AWS adapters' suites
# (contract suites, the full flow with PROFILER_BACKEND=aws). Sourced by .ci/run.
MOTO_VERSION=5.2.5
moto_venv="$CI_CACHE/moto-$MOTO_VERSION"
if [ ! -x "$moto_venv/bin/moto_server" ]; then
  rm -rf "$moto_venv"
  python3 -m venv "$moto_venv"
  "$moto_venv/bin/pip" install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION"
fi
moto_port=$(free_port)
# moto_server.py: moto_server with DynamoDB requests one at a time (why: see that file).
"$moto_venv/bin/python" .ci/services/moto_server.py -H 127.0.0.1 -p "$moto_port" >"$CI_WORK/moto.log" 2>&1 &
moto_pid=$!
on_exit "kill $moto_pid"
wait_for_port "$moto_port" 60
export AWS_ENDPOINT_URL="http://127.0.0.1:$moto_port"
export AWS_REGION=us-east-1
# moto accepts any credentials; the SDK only needs some to sign with.
export AWS_ACCESS_KEY_ID=testing
export AWS_SECRET_ACCESS_KEY=testing

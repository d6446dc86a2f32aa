# Schemathesis, the OpenAPI fuzzer, for test/fuzz/openapi.test.ts: it starts the local stack itself
# and runs schemathesis against /openapi.json. Only the CLI is installed here; nothing is started.
SCHEMATHESIS_VERSION=4.32.5
schemathesis_venv="$CI_CACHE/schemathesis-$SCHEMATHESIS_VERSION"
if [ ! -e "$schemathesis_venv/.installed" ]; then
  rm -rf "$schemathesis_venv"
  python3 -m venv "$schemathesis_venv"
  "$schemathesis_venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
  touch "$schemathesis_venv/.installed"
fi
export SCHEMATHESIS_BIN="$schemathesis_venv/bin/schemathesis"
echo "$("$SCHEMATHESIS_BIN" --version) in $schemathesis_venv"

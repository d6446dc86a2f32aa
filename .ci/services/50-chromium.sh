# Chromium for the profile viewer's browser test (test/e2e/profileViewer.test.ts): Debian's build,
# driven by playwright-core (which downloads no browser of its own). Nothing to start: the test
# launches it headless.
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi
CHROMIUM_PATH="$(command -v chromium)"
export CHROMIUM_PATH
echo "chromium: $("$CHROMIUM_PATH" --version 2>/dev/null | tail -n 1)"

"""Schemathesis hooks for test/fuzz/openapi.test.ts: a check that no response body holds a stack trace."""
import re

import schemathesis

# A V8 frame ("    at fn (/app/x.js:12:5)" or "    at /app/x.js:12:5"), a Python traceback, or Node's internals.
STACK_TRACE = re.compile(
    r"^\s+at (?:.+ \()?(?:file://|node:|/)[^\s()]+:\d+:\d+\)?$|Traceback \(most recent call last\)|node:internal/",
    re.MULTILINE,
)


@schemathesis.check
def no_stack_trace(ctx, response, case):
    """Fails when the body looks like it carries a stack trace: errors must say what, never where in the code."""
    match = STACK_TRACE.search(response.text or "")
    if match:
        raise AssertionError(f"The response body holds a stack trace: {match.group(0).strip()[:200]!r}")

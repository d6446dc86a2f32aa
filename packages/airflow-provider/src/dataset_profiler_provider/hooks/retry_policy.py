"""When to retry a call to the service and how long to wait: 503s honour ``Retry-After``, bounded."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from email.utils import parsedate_to_datetime
from typing import Any

import httpx
import tenacity

RETRYABLE_STATUS = 503


@dataclass(frozen=True)
class RetryPolicy:
    """``max_attempts`` calls at most; no wait longer than ``max_wait_seconds``, whatever ``Retry-After`` asks."""

    max_attempts: int = 5
    max_wait_seconds: float = 60.0
    # Without a Retry-After header (a refused connection): exponential back-off from this.
    backoff_seconds: float = 1.0


def retry_after_seconds(response: httpx.Response, now: datetime | None = None) -> float | None:
    """The wait a ``Retry-After`` header asks for (delta-seconds or an HTTP date), or None without one."""
    value = response.headers.get("Retry-After")
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, (when - (now or datetime.now(timezone.utc))).total_seconds())


def wait_seconds(policy: RetryPolicy, outcome: Any, attempt_number: int) -> float:
    """How long to wait before the next attempt, given the last attempt's future."""
    hinted = None if outcome.failed else retry_after_seconds(outcome.result())
    if hinted is None:
        hinted = policy.backoff_seconds * 2 ** (attempt_number - 1)
    return min(hinted, policy.max_wait_seconds)


def _is_unavailable(response: Any) -> bool:
    return isinstance(response, httpx.Response) and response.status_code == RETRYABLE_STATUS


def retrying_kwargs(policy: RetryPolicy, log: logging.Logger) -> dict[str, Any]:
    """Arguments for ``tenacity.Retrying``/``AsyncRetrying``; the last 503 is returned, not raised."""

    def wait(state: tenacity.RetryCallState) -> float:
        return wait_seconds(policy, state.outcome, state.attempt_number)

    def log_before_sleep(state: tenacity.RetryCallState) -> None:
        outcome = state.outcome
        reason = repr(outcome.exception()) if outcome.failed else f"HTTP {outcome.result().status_code}"
        log.warning("Dataset Profiler: %s, attempt %d of %d; retrying in %.1f s",
                    reason, state.attempt_number, policy.max_attempts, state.upcoming_sleep)

    return {
        # Only failures where the request surely had no effect: a POST is never sent twice otherwise.
        "retry": tenacity.retry_if_exception_type(httpx.ConnectError) | tenacity.retry_if_result(_is_unavailable),
        "stop": tenacity.stop_after_attempt(policy.max_attempts),
        "wait": wait,
        "before_sleep": log_before_sleep,
        "retry_error_callback": lambda state: state.outcome.result(),
    }

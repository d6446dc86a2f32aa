from datetime import datetime, timezone

import httpx
import tenacity

from dataset_profiler_provider.hooks.retry_policy import RetryPolicy, retry_after_seconds, wait_seconds

NOW = datetime(2026, 12, 3, 8, 0, 0, tzinfo=timezone.utc)


def answer(headers=None):
    return httpx.Response(503, headers=headers or {})


def outcome_of(response):
    future = tenacity.Future(attempt_number=1)
    future.set_result(response)
    return future


def test_reads_delta_seconds_and_http_dates():
    assert retry_after_seconds(answer({"Retry-After": "7"})) == 7.0
    assert retry_after_seconds(answer({"Retry-After": "Thu, 03 Dec 2026 08:00:30 GMT"}), now=NOW) == 30.0
    assert retry_after_seconds(answer({"Retry-After": "Thu, 03 Dec 2026 07:59:00 GMT"}), now=NOW) == 0.0
    assert retry_after_seconds(answer()) is None
    assert retry_after_seconds(answer({"Retry-After": "soon"})) is None


def test_waits_as_retry_after_says_but_never_past_the_bound():
    policy = RetryPolicy(max_wait_seconds=20)

    assert wait_seconds(policy, outcome_of(answer({"Retry-After": "3"})), attempt_number=1) == 3.0
    assert wait_seconds(policy, outcome_of(answer({"Retry-After": "300"})), attempt_number=1) == 20.0


def test_backs_off_exponentially_without_retry_after():
    policy = RetryPolicy(backoff_seconds=1.5, max_wait_seconds=10)

    assert [wait_seconds(policy, outcome_of(answer()), n) for n in (1, 2, 3, 4)] == [1.5, 3.0, 6.0, 10.0]

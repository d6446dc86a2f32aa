"""Whether a job has reached the status a task waits for: one pure function for the sensor and the trigger."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

LIGHT_PROFILE_READY = "LIGHT_PROFILE_READY"
HEAVY_PROFILES_READY = "HEAVY_PROFILES_READY"
FAILED = "FAILED"
CLEANED_UP = "CLEANED_UP"

TARGET_STATUSES = (LIGHT_PROFILE_READY, HEAVY_PROFILES_READY)
# The states at or past each target.
_REACHED = {LIGHT_PROFILE_READY: {LIGHT_PROFILE_READY, HEAVY_PROFILES_READY}, HEAVY_PROFILES_READY: {HEAVY_PROFILES_READY}}


@dataclass(frozen=True)
class Verdict:
    outcome: Literal["reached", "waiting", "failed"]
    message: str = ""


def check_target(target_status: str) -> str:
    if target_status not in TARGET_STATUSES:
        raise ValueError(f"target_status must be one of {', '.join(TARGET_STATUSES)}, not {target_status!r}")
    return target_status


def judge(job_status: dict[str, Any], target_status: str) -> Verdict:
    """Reads a ``job_status`` answer: reached the target, still on the way, or never going to get there."""
    status = job_status["status"]
    job_id = job_status.get("job_id")
    if status in _REACHED[target_status]:
        return Verdict("reached", f"job {job_id} is {status}")
    if status == FAILED:
        return Verdict("failed", f"job {job_id} FAILED: {job_status.get('message') or 'no message'}")
    if status == CLEANED_UP:
        return Verdict("failed", f"job {job_id} was cleaned up before reaching {target_status}")
    if status == LIGHT_PROFILE_READY and job_status.get("only_light_profile"):
        return Verdict("failed", f"job {job_id} is light-only: it ends at {LIGHT_PROFILE_READY}, never {target_status}")
    return Verdict("waiting", f"job {job_id} is {status}")

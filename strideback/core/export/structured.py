"""JSON: the plan and the verdict as data, for other programs."""

from __future__ import annotations

import json

from strideback.core.programme import Plan
from strideback.core.readiness import Readiness

__all__ = ["plan_json", "readiness_json"]

_DISCLAIMER_KEY = "disclaimer"


def plan_json(plan: Plan) -> str:
    return json.dumps(plan.model_dump(mode="json"), indent=2, ensure_ascii=False) + "\n"


def readiness_json(readiness: Readiness, disclaimer: str) -> str:
    data = readiness.model_dump(mode="json")
    data[_DISCLAIMER_KEY] = disclaimer
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"

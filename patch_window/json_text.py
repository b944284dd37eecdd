"""How task payloads and inputs are sent: compact JSON, or base64 JSON for a client context.

Pure (no aws-cdk-lib), so the config reader checks lengths on exactly what the tasks send.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Mapping
from typing import Any


def compact_json(value: Mapping[str, Any]) -> str:
    """A Lambda payload or Step Functions input as sent: JSON without spaces."""
    return json.dumps(value, separators=(",", ":"))


def base64_json(value: Mapping[str, Any]) -> str:
    """A Lambda client context as sent: base64 of its JSON."""
    return base64.b64encode(json.dumps(value).encode()).decode()

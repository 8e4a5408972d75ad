"""Per-key rate limiting: a token bucket per API key, in memory (one process).

Several workers would each keep their own buckets; behind a load balancer, put the limit in
the proxy or a shared store instead.
"""

from __future__ import annotations

import threading
import time


class RateLimiter:
    """``per_minute`` requests per key, with bursts up to the same number."""

    def __init__(self, per_minute: int) -> None:
        self.per_minute = per_minute
        self._rate = per_minute / 60.0
        self._buckets: dict[int, tuple[float, float]] = {}
        self._lock = threading.Lock()

    def allow(self, key: int) -> tuple[bool, float]:
        """(allowed, seconds until the next token when refused)."""
        if self.per_minute <= 0:
            return True, 0.0
        now = time.monotonic()
        with self._lock:
            tokens, last = self._buckets.get(key, (float(self.per_minute), now))
            tokens = min(float(self.per_minute), tokens + (now - last) * self._rate)
            if tokens >= 1.0:
                self._buckets[key] = (tokens - 1.0, now)
                return True, 0.0
            self._buckets[key] = (tokens, now)
            return False, (1.0 - tokens) / self._rate

"""Per-user rate limits kept in the cache: `(count, seconds)` per action from settings."""

from django.core.cache import cache

from proposals import conf


def allow(user, action):
    """Count one attempt; False when the user already used up the allowance for this window."""
    limit, window = conf.get("PROPOSALS_RATE_LIMITS")[action]
    key = f"proposals:rate:{action}:{user.pk}"
    if cache.add(key, 1, timeout=window):
        return True
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=window)
        return True
    return count <= limit

"""Signed, single-purpose tokens for the links emailed to registrants.

A token carries the registration's random public id, never its database id, and is signed with
a salt per purpose, so a confirmation link cannot be used to cancel and ids cannot be guessed.
"""

from datetime import timedelta

from django.core import signing

CONFIRM_SALT = "events.registration.confirm"
MANAGE_SALT = "events.registration.manage"
CONFIRM_MAX_AGE = timedelta(days=14)


def make_confirm_token(registration):
    return signing.dumps(str(registration.public_id), salt=CONFIRM_SALT, compress=True)


def make_manage_token(registration):
    return signing.dumps(str(registration.public_id), salt=MANAGE_SALT, compress=True)


def read_confirm_token(token):
    """The public id in a confirmation token, or None if forged, altered or expired."""
    return _read(token, CONFIRM_SALT, CONFIRM_MAX_AGE)


def read_manage_token(token):
    return _read(token, MANAGE_SALT, None)


def _read(token, salt, max_age):
    try:
        return signing.loads(token, salt=salt, max_age=max_age)
    except signing.BadSignature:
        return None

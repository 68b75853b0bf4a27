"""Credentials at rest (V7): a third party's secret is stored sealed (Fernet: AES-128-CBC with an
HMAC-SHA256, from the `cryptography` library) and opened only to call that party.

The key is `CP_CREDENTIALS_KEY` (a Fernet key) or, when it is not set, derived from the JWT
secret with HKDF-SHA256 (its own `info`, so neither key can be computed from the other's use).
A sealed value names no key: rotating the key means re-sealing (not needed yet).
"""

from __future__ import annotations

import base64

from cryptography.fernet import Fernet, InvalidToken
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

HKDF_INFO = b"campaign-platform credentials at rest"


class CannotOpen(ValueError):
    """The sealed value was made with another key, or was changed."""


class Sealer:
    def __init__(self, key: str, fallback_secret: str) -> None:
        if not key:
            derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=HKDF_INFO).derive(
                fallback_secret.encode()
            )
            key = base64.urlsafe_b64encode(derived).decode()
        self._fernet = Fernet(key)

    def seal(self, secret: str) -> bytes:
        return self._fernet.encrypt(secret.encode())

    def open(self, sealed: bytes) -> str:
        try:
            return self._fernet.decrypt(bytes(sealed)).decode()
        except InvalidToken:
            raise CannotOpen("the stored credentials cannot be opened with this key") from None

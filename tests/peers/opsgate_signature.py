"""The signature `opsgate serve` requires on every request (RFC 9421, Ed25519,
over @method, @target-uri and content-digest), made with the PyPI
`http-message-signatures` package. Shared by the test peers."""

import datetime
import secrets

from cryptography.hazmat.primitives.asymmetric import ed25519
from http_message_signatures import HTTPMessageSigner, HTTPSignatureKeyResolver, algorithms


class Key(HTTPSignatureKeyResolver):
    """A private key, and the key id opsgate accepts for it (its public key in hex)."""

    def __init__(self, private_key_hex, key_id=None):
        self.private = ed25519.Ed25519PrivateKey.from_private_bytes(bytes.fromhex(private_key_hex))
        self.key_id = key_id or self.private.public_key().public_bytes_raw().hex()

    def resolve_private_key(self, key_id):
        return self.private

    def resolve_public_key(self, key_id):
        return None


class _Message:
    def __init__(self, method, url):
        self.method, self.url, self.headers = method, url, {}


def signature_headers(key, method, url, body):
    """The content-digest, signature-input and signature headers for one request."""
    message = _Message(method, url)
    HTTPMessageSigner(signature_algorithm=algorithms.ED25519, key_resolver=key).sign(
        message,
        key_id=key.key_id,
        created=datetime.datetime.now(tz=datetime.timezone.utc),
        nonce=secrets.token_hex(16),
        label="sig1",
        covered_component_ids=("@method", "@target-uri"),
        body=body,
    )
    return message.headers

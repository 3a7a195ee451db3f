"""RFC 9421 cross-check with the PyPI `http-message-signatures` package.

    python3 httpsig_crosscheck.py verify < request.json   # verify a request opsgate signed
    python3 httpsig_crosscheck.py sign   < request.json   # sign a request for opsgate to verify

JSON in: method, url, body (text), headers (verify), public_key_hex (verify),
private_key_hex + key_id + created + nonce (sign). JSON out on stdout; a
failure is one line on stderr and exit 1.
"""

import datetime
import json
import sys

from cryptography.hazmat.primitives.asymmetric import ed25519
from http_message_signatures import (
    HTTPMessageSigner,
    HTTPMessageVerifier,
    HTTPSignatureKeyResolver,
    algorithms,
)


class Message:
    def __init__(self, method, url, headers):
        self.method = method
        self.url = url
        self.headers = dict(headers)


class Keys(HTTPSignatureKeyResolver):
    def __init__(self, key_id, public=None, private=None):
        self.key_id, self.public, self.private = key_id, public, private

    def resolve_public_key(self, key_id):
        return self.public if key_id == self.key_id else None

    def resolve_private_key(self, key_id):
        if key_id != self.key_id:
            raise KeyError(key_id)
        return self.private


def verify(spec):
    public = ed25519.Ed25519PublicKey.from_public_bytes(bytes.fromhex(spec["public_key_hex"]))
    message = Message(spec["method"], spec["url"], spec["headers"])
    verifier = HTTPMessageVerifier(signature_algorithm=algorithms.ED25519, key_resolver=Keys(spec["key_id"], public=public))
    results = verifier.verify(
        message,
        max_age=None,
        require_components=("@method", "@target-uri", "content-digest"),
        body=spec["body"].encode(),
    )
    params = results[0].parameters
    return {"label": results[0].label, "keyid": params["keyid"], "created": params["created"], "nonce": params["nonce"]}


def sign(spec):
    private = ed25519.Ed25519PrivateKey.from_private_bytes(bytes.fromhex(spec["private_key_hex"]))
    message = Message(spec["method"], spec["url"], {})
    signer = HTTPMessageSigner(signature_algorithm=algorithms.ED25519, key_resolver=Keys(spec["key_id"], private=private))
    signer.sign(
        message,
        key_id=spec["key_id"],
        created=datetime.datetime.fromtimestamp(spec["created"], tz=datetime.timezone.utc),
        nonce=spec["nonce"],
        label="sig1",
        covered_component_ids=("@method", "@target-uri"),
        body=spec["body"].encode(),
    )
    return {name.lower(): value for name, value in message.headers.items()}


if __name__ == "__main__":
    try:
        spec = json.load(sys.stdin)
        out = verify(spec) if sys.argv[1] == "verify" else sign(spec)
    except Exception as error:  # one line for the test to show
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)
    json.dump(out, sys.stdout, default=str)

"""A loopback HTTP proxy that signs every request for `opsgate serve`.

    python3 signing_proxy.py UPSTREAM_ORIGIN PRIVATE_KEY_HEX [ACTING_FOR]

Clients that cannot sign (the MCP conformance suite, the MCP Inspector) talk
to it; it adds an RFC 9421 signature (PyPI `http-message-signatures`) made
with the given key — an agent's credential acting for ACTING_FOR, or a
person's key — and streams the answer back, event streams included. It
prints `listening on http://127.0.0.1:PORT` once ready and serves until
killed. Loopback only, for tests.
"""

import http.client
import http.server
import sys
import urllib.parse

from opsgate_signature import Key, signature_headers

UPSTREAM = urllib.parse.urlsplit(sys.argv[1])
KEY = Key(sys.argv[2])
ACTING_FOR = sys.argv[3] if len(sys.argv) > 3 else None
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "te", "trailer", "upgrade", "proxy-connection"}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def forward(self):
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length) if length else b""
        path = self.path
        if ACTING_FOR:
            path += ("&" if "?" in path else "?") + urllib.parse.urlencode({"acting_for": ACTING_FOR})
        signed = signature_headers(KEY, self.command, f"{UPSTREAM.scheme}://{UPSTREAM.netloc}{path}", body)
        # The client's Host goes through unchanged: the server checks it (DNS rebinding).
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP | {"content-length"}}
        headers.update(signed)
        if body:
            headers["Content-Length"] = str(len(body))
        upstream = http.client.HTTPConnection(UPSTREAM.hostname, UPSTREAM.port, timeout=300)
        upstream.putrequest(self.command, path, skip_host=True, skip_accept_encoding=True)
        for name, value in headers.items():
            upstream.putheader(name, value)
        upstream.endheaders(body or None)
        response = upstream.getresponse()
        self.send_response(response.status, response.reason)
        for name, value in response.getheaders():
            if name.lower() not in HOP_BY_HOP | {"content-length"}:
                self.send_header(name, value)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        try:
            while True:
                chunk = response.read1(65536)
                if not chunk:
                    break
                self.wfile.write(f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n")
                self.wfile.flush()
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            pass
        finally:
            upstream.close()

    do_GET = do_POST = do_DELETE = do_PUT = do_PATCH = forward


if __name__ == "__main__":
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    print(f"listening on http://127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()

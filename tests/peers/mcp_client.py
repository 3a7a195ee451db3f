"""A real MCP client (the official Python SDK, `pip install mcp`) for opsgate's tests.

    python3 mcp_client.py stdio CMD ARG... < script.json
    python3 mcp_client.py http URL < script.json

The script is JSON: {"steps": [...], "sign": {...}} where each step is one of
  {"op": "list_tools"} | {"op": "call", "tool": NAME, "arguments": {...}}
  {"op": "list_resources"} | {"op": "read", "uri": URI}
  {"op": "list_prompts"} | {"op": "prompt", "name": NAME, "arguments": {...}}
and "sign" (http only) holds private_key_hex, optionally key_id (default: the
public key in hex) and acting_for (an agent's person):
every HTTP request is then signed (RFC 9421, with the PyPI
`http-message-signatures` package), as `opsgate serve` requires.
"elicit" (optional) is what the client answers to an elicitation request:
{"action": "accept", "content": {...}} or {"action": "decline"}.

Prints one JSON document: {"protocol": VERSION, "server": NAME, "results": [...]},
each result {"ok": ...} or {"error": "…"} (a protocol error), and
"elicitations": the messages the server asked the person.
"""

import asyncio
import json
import os
import sys

import httpx2
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

from opsgate_signature import Key, signature_headers


def dump(model):
    return model.model_dump(mode="json", by_alias=True, exclude_none=True)



class Signer(httpx2.Auth):
    """An httpx2 auth flow that signs each request for opsgate serve."""

    requires_request_body = True
    requires_response_body = False

    def __init__(self, sign):
        self.key = Key(sign["private_key_hex"], sign.get("key_id"))
        self.acting_for = sign.get("acting_for")

    def sign(self, request):
        if self.acting_for:
            request.url = request.url.copy_merge_params({"acting_for": self.acting_for})
        for name, value in signature_headers(self.key, request.method, str(request.url), bytes(request.content)).items():
            request.headers[name] = value

    # httpx2's Auth protocol
    def sync_auth_flow(self, request):
        self.sign(request)
        yield request

    async def async_auth_flow(self, request):
        request.read()
        self.sign(request)
        yield request


async def run_steps(session, steps):
    results = []
    for step in steps:
        op = step["op"]
        try:
            if op == "list_tools":
                out = dump(await session.list_tools())
            elif op == "call":
                out = dump(await session.call_tool(step["tool"], step.get("arguments", {})))
            elif op == "list_resources":
                out = dump(await session.list_resources())
            elif op == "read":
                out = dump(await session.read_resource(step["uri"]))
            elif op == "list_prompts":
                out = dump(await session.list_prompts())
            elif op == "prompt":
                out = dump(await session.get_prompt(step["name"], step.get("arguments")))
            else:
                raise ValueError(f"unknown op {op}")
            results.append({"ok": out})
        except Exception as error:  # a protocol error the test looks at
            results.append({"error": f"{type(error).__name__}: {error}"})
    return results


def elicitation_callback(script, asked):
    answer = script.get("elicit")
    if answer is None:
        return None

    async def callback(context, params):
        from mcp.types import ElicitResult

        asked.append(params.message)
        return ElicitResult(action=answer["action"], content=answer.get("content"))

    return callback


async def main():
    mode = sys.argv[1]
    script = json.load(sys.stdin)
    asked = []
    kwargs = {}
    callback = elicitation_callback(script, asked)
    if callback is not None:
        kwargs["elicitation_callback"] = callback
    if mode == "stdio":
        params = StdioServerParameters(command=sys.argv[2], args=sys.argv[3:], env=dict(os.environ))
        transport = stdio_client(params)
    else:
        from mcp.client.streamable_http import streamable_http_client
        from mcp.shared._httpx_utils import create_mcp_http_client

        auth = Signer(script["sign"]) if script.get("sign") else None
        client = create_mcp_http_client(auth=auth)
        transport = streamable_http_client(sys.argv[2], http_client=client)
    async with transport as streams:
        read, write = streams[0], streams[1]
        async with ClientSession(read, write, **kwargs) as session:
            init = await session.initialize()
            results = await run_steps(session, script["steps"])
    print(json.dumps({
        "protocol": init.protocol_version,
        "server": init.server_info.name,
        "results": results,
        "elicitations": asked,
    }))


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except BaseException as error:  # one line for the test to show
        while isinstance(error, BaseExceptionGroup) and error.exceptions:
            error = error.exceptions[0]
        print(f"{type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(1)

"""gRPC's C core (Python grpcio, grpc.aio) as a test client for attache's transports.

Run with Debian's /usr/bin/python3 (python3-grpcio). It reads JSON scenarios from stdin, one a
line, until stdin ends (one process serves many scenarios: Python and grpcio take a few hundred
ms to start). Each scenario's steps run in order on a channel of its own; it prints one JSON line
per event and a last line {"results": [...]}, one result per step. Messages are hex bytes: the
test encodes and decodes them with attache's own codec, so no generated protobuf code is needed.

Scenario: {"target": "127.0.0.1:port" | "unix:/path", "tls": null | {"ca", "cert"?, "key"?}
(PEM texts), "channelArgs": {...C core channel arguments...}, "steps": [...]}. Steps:
  {"call": "stream", "path", "timeoutMs"?, "compress"?, "actions": [...]}: a bidi call driven by
      actions {"send": hex}, {"recv": n} (until n replies in all), {"halfClose": true},
      {"cancel": true}, {"event": name}; then its replies are read to the end.
  {"call": "unary", "path", "message": hex, "timeoutMs"?}
  {"call": "serverStream", "path", "message": hex, "replies": n}: reads n replies, then cancels.
  {"call": "many", "path", "messages": [hex...], "count", "concurrency", "metadataPad"?}: `count`
      bidi calls (call i with metadata x-seq: i and x-pad: pad(i, metadataPad) when given),
      at most `concurrency` at once, each sending one message at a time and reading its reply
      before the next, then half-closing: as Envoy does, which half-closes only when it needs
      nothing more (and attache ends a call at the client's half-close).
  {"call": "sleep", "ms"}
  {"call": "event", "name"}
An event prints {"event": name} and waits for any line on stdin: the test acts on the server
(closes it, reads its counters) at that exact point of the scenario.
"""

import asyncio
import json
import sys
import time

import grpc


def code_name(code):
    return code.name if code is not None else None


def metadata_dict(metadata):
    return {key: (value.hex() if isinstance(value, bytes) else value) for key, value in (metadata or ())}


async def read_line():
    """The next line of stdin, read off the event loop ("" at its end)."""
    return await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline)


async def wait_for_line(name):
    """Tells the test we reached `name`, then waits until it answers with a line."""
    print(json.dumps({"event": name}), flush=True)
    await read_line()


async def finish(call, replies, started):
    """Reads the call's status (and what replies are left unless it was cancelled)."""
    return {
        "code": code_name(await call.code()),
        "details": await call.details(),
        "trailers": metadata_dict(await call.trailing_metadata()),
        "replies": replies,
        "ms": round((time.monotonic() - started) * 1000),
    }


def timeout_of(step):
    return step["timeoutMs"] / 1000 if "timeoutMs" in step else None


async def run_stream(channel, step):
    started = time.monotonic()
    call = channel.stream_stream(step["path"])(
        timeout=timeout_of(step),
        compression=grpc.Compression.Gzip if step.get("compress") else None,
    )
    replies = []
    cancelled = False

    async def read():
        reply = await call.read()
        if reply is grpc.aio.EOF:
            return False
        replies.append(reply.hex())
        return True

    try:
        for action in step.get("actions", ()):
            if "send" in action:
                await call.write(bytes.fromhex(action["send"]))
            elif "recv" in action:
                while len(replies) < action["recv"] and await read():
                    pass
            elif action.get("halfClose"):
                await call.done_writing()
            elif action.get("cancel"):
                call.cancel()
                cancelled = True
                break
            elif "event" in action:
                await wait_for_line(action["event"])
        while not cancelled and await read():
            pass
    except grpc.aio.AioRpcError:
        pass  # the status below says why
    return await finish(call, replies, started)


async def run_unary(channel, step):
    started = time.monotonic()
    call = channel.unary_unary(step["path"])(bytes.fromhex(step["message"]), timeout=timeout_of(step))
    replies = []
    try:
        replies.append((await call).hex())
    except grpc.aio.AioRpcError:
        pass
    return await finish(call, replies, started)


async def run_server_stream(channel, step):
    started = time.monotonic()
    call = channel.unary_stream(step["path"])(bytes.fromhex(step["message"]), timeout=timeout_of(step))
    replies = []
    try:
        while len(replies) < step["replies"]:
            reply = await call.read()
            if reply is grpc.aio.EOF:
                break
            replies.append(reply.hex())
    except grpc.aio.AioRpcError:
        pass
    call.cancel()
    return await finish(call, replies, started)


def pad(i, n):
    """`n` characters that only call `i` sends: its number repeated ("7-7-7-..."), cut to n."""
    return (f"{i}-" * n)[:n]


async def run_many(channel, step):
    """Counts statuses and distinct reply sequences over `count` calls: a lost one shows."""
    started = time.monotonic()
    messages = [bytes.fromhex(m) for m in step["messages"]]
    gate = asyncio.Semaphore(step["concurrency"])
    codes, outputs = {}, {}
    method = channel.stream_stream(step["path"])

    padding = step.get("metadataPad")

    async def one(i):
        async with gate:
            metadata = None if padding is None else (("x-seq", str(i)), ("x-pad", pad(i, padding)))
            call = method(metadata=metadata)
            replies = []
            try:
                for message in messages:
                    await call.write(message)
                    reply = await call.read()
                    if reply is grpc.aio.EOF:
                        break
                    replies.append(reply.hex())
                await call.done_writing()
                while (reply := await call.read()) is not grpc.aio.EOF:
                    replies.append(reply.hex())
            except grpc.aio.AioRpcError:
                pass
            code = code_name(await call.code())
            codes[code] = codes.get(code, 0) + 1
            key = ",".join(replies)
            outputs[key] = outputs.get(key, 0) + 1

    await asyncio.gather(*(one(i) for i in range(step["count"])))
    return {"codes": codes, "outputs": outputs, "ms": round((time.monotonic() - started) * 1000)}


async def run_step(channel, step):
    kind = step["call"]
    if kind == "stream":
        return await run_stream(channel, step)
    if kind == "unary":
        return await run_unary(channel, step)
    if kind == "serverStream":
        return await run_server_stream(channel, step)
    if kind == "many":
        return await run_many(channel, step)
    if kind == "sleep":
        await asyncio.sleep(step["ms"] / 1000)
        return {}
    if kind == "event":
        await wait_for_line(step["name"])
        return {}
    raise ValueError(f"unknown step {kind!r}")


def open_channel(scenario):
    options = list((scenario.get("channelArgs") or {}).items())
    tls = scenario.get("tls")
    if tls is None:
        return grpc.aio.insecure_channel(scenario["target"], options=options)
    credentials = grpc.ssl_channel_credentials(
        root_certificates=tls["ca"].encode(),
        private_key=tls["key"].encode() if "key" in tls else None,
        certificate_chain=tls["cert"].encode() if "cert" in tls else None,
    )
    return grpc.aio.secure_channel(scenario["target"], credentials, options=options)


async def main():
    while line := await read_line():
        scenario = json.loads(line)
        results = []
        async with open_channel(scenario) as channel:
            for step in scenario["steps"]:
                results.append(await run_step(channel, step))
        print(json.dumps({"results": results}), flush=True)


if __name__ == "__main__":
    asyncio.run(main())

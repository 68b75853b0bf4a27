"""The carrier's HTTP client: keep-alive, a closed idle connection, chunked and close-delimited
answers, timeouts — against a tiny asyncio server."""
import asyncio

import pytest

from campaign_platform.integrations.http_client import HttpClient, HttpError


async def serve(handler):
    server = await asyncio.start_server(handler, "127.0.0.1", 0)
    return server, f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"


async def read_request(reader):
    head = await reader.readuntil(b"\r\n\r\n")
    length = next((int(line.split(b":")[1]) for line in head.split(b"\r\n")
                   if line.lower().startswith(b"content-length:")), 0)
    return head, await reader.readexactly(length)


def ok(body: bytes) -> bytes:
    return b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\n\r\n%s" % (len(body), body)


def run(coro):
    return asyncio.run(coro)


def test_connections_are_kept_alive_and_reused():
    connections = []

    async def handler(reader, writer):
        connections.append(writer)
        while True:
            try:
                _, body = await read_request(reader)
            except asyncio.IncompleteReadError:
                return
            writer.write(ok(b"echo:" + body))

    async def main():
        server, url = await serve(handler)
        client = HttpClient(url, {"Authorization": "Bearer k"}, 1, 1)
        answers = [await client.request("POST", "/x", b"%d" % n) for n in range(3)]
        await client.close()
        server.close()
        return answers

    assert run(main()) == [(200, b"echo:0"), (200, b"echo:1"), (200, b"echo:2")]
    assert len(connections) == 1


def test_a_request_a_reused_connection_dropped_unanswered_is_sent_once_more_on_a_new_one():
    served = []

    async def handler(reader, writer):
        await read_request(reader)
        served.append(1)
        writer.write(ok(b"fine"))
        await writer.drain()
        try:
            await read_request(reader)  # the next request on this connection: dropped unanswered
        except asyncio.IncompleteReadError:
            pass
        writer.close()

    async def main():
        server, url = await serve(handler)
        client = HttpClient(url, {}, 1, 1)
        answers = [await client.request("GET", "/a"), await client.request("GET", "/b")]
        server.close()
        return answers

    assert run(main()) == [(200, b"fine"), (200, b"fine")] and len(served) == 2


def test_a_new_connection_dropped_unanswered_is_not_retried():
    async def handler(reader, writer):
        await read_request(reader)
        writer.close()

    async def main():
        server, url = await serve(handler)
        with pytest.raises(HttpError):
            await HttpClient(url, {}, 1, 1).request("POST", "/calls", b"{}")
        server.close()

    run(main())


def test_chunked_and_close_delimited_answers_are_read_whole():
    async def chunked(reader, writer):
        await read_request(reader)
        writer.write(b"HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nabcd\r\n2\r\nef\r\n0\r\n\r\n")

    async def close_delimited(reader, writer):
        await read_request(reader)
        writer.write(b"HTTP/1.0 200 OK\r\n\r\nuntil the end")
        await writer.drain()
        writer.close()

    async def main():
        answers = []
        for handler in (chunked, close_delimited):
            server, url = await serve(handler)
            answers.append(await HttpClient(url, {}, 1, 1).request("GET", "/"))
            server.close()
        return answers

    assert run(main()) == [(201, b"abcdef"), (200, b"until the end")]


def test_no_answer_in_time_or_no_server_is_an_http_error():
    async def silent(reader, writer):
        await asyncio.sleep(5)

    async def main():
        server, url = await serve(silent)
        with pytest.raises(HttpError):
            await HttpClient(url, {}, 1, 0.05).request("GET", "/")
        server.close()
        await server.wait_closed()
        with pytest.raises(HttpError):
            await HttpClient(url, {}, 0.5, 0.5).request("GET", "/")

    run(main())

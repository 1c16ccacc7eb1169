#!/usr/bin/python3
"""Latency relay: this kernel has no netem qdisc, so delay is added in user space.

usage: relay.py ROUTES.json   (started by the world's supervisor)

Each route is {proto: tcp|udp, listen, port, target, delay_ms}: the relay owns the
host's public address and forwards to the real server on a 127.77.0.x address.
Every chunk (TCP) or datagram (UDP) is held `delay_ms` in each direction, with
its own timestamp so that a burst is not serialised: a request/answer exchange
costs 2 x delay, like a link with that one-way delay.

What differs from a real slow link: the TCP handshake with the relay completes
at once (the kernel answers the SYN), so connect() is fast; the relay waits one
delay before connecting upstream, so the server's greeting reaches the client
2 x delay after connect().  Connection refusals and resets are not delayed.
"""
import asyncio
import json
import sys


async def pipe(src, dst, delay, loop):
    """Copy src to dst, each chunk `delay` seconds after it was read; EOF follows in order."""
    q = asyncio.Queue()

    async def read():
        while True:
            try:
                data = await src.read(65536)
            except (ConnectionError, OSError):
                data = None   # reset: forward as an abort
            q.put_nowait((loop.time() + delay, data))
            if not data:
                return

    reader = asyncio.ensure_future(read())
    try:
        while True:
            due, data = await q.get()
            await asyncio.sleep(max(0.0, due - loop.time()))
            if data is None:
                dst.transport.abort()
                return
            if not data:
                if dst.can_write_eof():
                    dst.write_eof()
                return
            dst.write(data)
            await dst.drain()
    except (ConnectionError, OSError):
        pass
    finally:
        reader.cancel()


def tcp_route(route, loop):
    delay = route["delay_ms"] / 1000

    async def handle(cr, cw):
        await asyncio.sleep(delay)      # the SYN travelling to the server
        try:
            ur, uw = await asyncio.open_connection(route["target"], route["port"])
        except OSError:
            cw.transport.abort()
            return
        await asyncio.gather(pipe(cr, uw, delay, loop), pipe(ur, cw, delay, loop))
        for w in (cw, uw):
            w.close()

    return asyncio.start_server(handle, route["listen"], route["port"], reuse_address=True)


class UdpFront(asyncio.DatagramProtocol):
    """One upstream socket per client address; both directions delayed."""

    def __init__(self, route, loop):
        self.route, self.loop = route, loop
        self.delay = route["delay_ms"] / 1000
        self.up = {}

    def connection_made(self, transport):
        self.t = transport

    def datagram_received(self, data, client):
        self.loop.call_later(self.delay, lambda: asyncio.ensure_future(self.forward(data, client)))

    async def forward(self, data, client):
        if client not in self.up:
            front = self

            class Back(asyncio.DatagramProtocol):
                def datagram_received(self, answer, _):
                    front.loop.call_later(front.delay, front.t.sendto, answer, client)

            # a future, so that two datagrams arriving together share one socket
            self.up[client] = asyncio.ensure_future(self.loop.create_datagram_endpoint(
                Back, remote_addr=(self.route["target"], self.route["port"])))
        transport, _ = await self.up[client]
        transport.sendto(data)


async def main():
    with open(sys.argv[1]) as f:
        routes = json.load(f)
    loop = asyncio.get_running_loop()
    for r in routes:
        if r["proto"] == "tcp":
            await tcp_route(r, loop)
        else:
            await loop.create_datagram_endpoint(lambda r=r: UdpFront(r, loop),
                                                local_addr=(r["listen"], r["port"]))
    await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main())

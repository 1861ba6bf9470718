#!/usr/bin/env python3
"""An AsyncSSH server that asks the client about XON/XOFF, for @ssh/channels' coverage2 test.

Usage: coverage2_xon_server.py AUTHORIZED_KEYS. Prints "PORT <port> <host public key>" once
listening on 127.0.0.1. Command "xon 1" or "xon 0" sends the xon-xoff request with that flag,
writes "sent" and exits with status 0. Runs with AsyncSSH 2.10 and 2.20.
"""
import asyncio
import sys

import asyncssh


def handle(process):
    process.channel.set_xon_xoff(process.command == 'xon 1')
    process.stdout.write('sent\n')
    process.exit(0)


async def main():
    host_key = asyncssh.generate_private_key('ssh-ed25519')
    server = await asyncssh.listen('127.0.0.1', 0, server_host_keys=[host_key],
                                   authorized_client_keys=sys.argv[1], process_factory=handle)
    port = server.sockets[0].getsockname()[1]
    print('PORT', port, host_key.export_public_key().decode().strip(), flush=True)
    await asyncio.Future()


if __name__ == '__main__':
    asyncio.run(main())

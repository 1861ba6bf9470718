#!/usr/bin/env python3
"""A private AsyncSSH server for @ssh's interop tests.

Listens on 127.0.0.1 (port 0 picks one), prints "LISTENING <port>" once it
accepts connections, runs each exec request with /bin/sh (stdin, stdout,
stderr and the exit status passed through), and serves SFTP.
Runs with AsyncSSH 2.10 (Debian 12) and 2.20 (Debian 13).
"""
import argparse
import asyncio
import sys

import asyncssh


CHUNK = 65536


async def copy_out(source, channel_writer):
    """Child output to the channel, waiting on drain() so the SSH window paces the child."""
    while True:
        data = await source.read(CHUNK)
        if not data:
            return
        channel_writer.write(data)
        await channel_writer.drain()


async def copy_in(channel_reader, child_stdin):
    """Channel input to the child; EOF on the channel closes the child's stdin."""
    try:
        while True:
            data = await channel_reader.read(CHUNK)
            if not data:
                break
            child_stdin.write(data)
            await child_stdin.drain()
    except (BrokenPipeError, ConnectionResetError):
        pass
    finally:
        child_stdin.close()


async def run_command(process):
    # The pipes are copied by hand rather than with process.redirect(): AsyncSSH's
    # redirect of asyncio StreamReaders can start a second reader on a pipe when
    # the channel pauses and resumes (RuntimeError, connection dropped), and it
    # sends EOF when the first of stdout/stderr ends.
    command = process.command if process.command is not None else '/bin/sh -i'
    child = await asyncio.create_subprocess_shell(
        command, stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE)
    feeder = asyncio.ensure_future(copy_in(process.stdin, child.stdin))
    await asyncio.gather(copy_out(child.stdout, process.stdout),
                         copy_out(child.stderr, process.stderr))
    status = await child.wait()
    feeder.cancel()
    process.exit(status)


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--port', type=int, default=0)
    parser.add_argument('--host-key', action='append', required=True)
    parser.add_argument('--authorized-keys', required=True)
    parser.add_argument('--option', action='append', default=[],
                        help='extra listen() option as name=python-literal')
    args = parser.parse_args()
    extra = {}
    for opt in args.option:
        name, _, value = opt.partition('=')
        extra[name] = eval(value)  # test-only: values come from our own test code
    server = await asyncssh.listen(
        '127.0.0.1', args.port, server_host_keys=args.host_key,
        authorized_client_keys=args.authorized_keys, process_factory=run_command,
        sftp_factory=True, allow_scp=True, encoding=None, **extra)
    port = server.sockets[0].getsockname()[1]
    print(f'LISTENING {port}', flush=True)
    await asyncio.Event().wait()


if __name__ == '__main__':
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)

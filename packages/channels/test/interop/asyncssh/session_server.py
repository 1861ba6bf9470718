#!/usr/bin/env python3
"""An AsyncSSH server whose sessions are written with AsyncSSH's own stream API.

Used by @ssh/channels' interop tests (our client against AsyncSSH's server).
Commands are handled in Python, not by a shell, so every byte goes through
AsyncSSH's SSHReader/SSHWriter with drain(), and nothing is redirected through
asyncio subprocess pipes. Prints "LISTENING <port>" once it accepts connections.

Commands: cat (stdin to stdout, bytes), split (stdout, stderr, exit 4),
signal (exit-signal TERM), env (prints FOO_A), tty (reports the PTY, then each
window change, signal and break from stdin until a break). Subsystem "echo"
writes back each line it reads. Runs with AsyncSSH 2.10 and 2.20.
"""
import argparse
import asyncio
import sys

import asyncssh


async def cat(process):
    while True:
        data = await process.stdin.read(65536)
        if not data:
            break
        process.stdout.write(data)
        await process.stdout.drain()
    process.exit(0)


async def tty(process):
    width, height, _, _ = process.term_size
    process.stdout.write(f'term={process.term_type} size={width}x{height}\n'.encode())
    while True:
        try:
            data = await process.stdin.read(4096)
            if not data:
                break
            process.stdout.write(b'data ' + data + b'\n')
        except asyncssh.TerminalSizeChanged as exc:
            process.stdout.write(f'resize {exc.width}x{exc.height}\n'.encode())
        except asyncssh.SignalReceived as exc:
            process.stdout.write(f'signal {exc.signal}\n'.encode())
        except asyncssh.BreakReceived as exc:
            process.stdout.write(f'break {exc.msec}\n'.encode())
            break
    await process.stdout.drain()
    process.exit(0)


async def handle(process):
    if process.subsystem == 'echo':
        async for line in process.stdin:
            process.stdout.write(line)
        process.exit(0)
        return
    command = process.command or ''
    if command == 'cat':
        await cat(process)
    elif command == 'split':
        process.stdout.write(b'out\n')
        process.stderr.write(b'err\n')
        process.exit(4)
    elif command == 'signal':
        process.exit_with_signal('TERM', False, 'terminated')
    elif command == 'env':
        process.stdout.write(f"{process.env.get('FOO_A')}\n".encode())
        process.exit(0)
    elif command == 'tty':
        await tty(process)
    else:
        process.stderr.write(f'unknown command {command}\n'.encode())
        process.exit(127)


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--host-key', required=True)
    parser.add_argument('--authorized-keys', required=True)
    args = parser.parse_args()
    server = await asyncssh.listen(
        '127.0.0.1', 0, server_host_keys=[args.host_key],
        authorized_client_keys=args.authorized_keys, process_factory=handle,
        encoding=None)
    print(f'LISTENING {server.sockets[0].getsockname()[1]}', flush=True)
    await asyncio.Event().wait()


if __name__ == '__main__':
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)

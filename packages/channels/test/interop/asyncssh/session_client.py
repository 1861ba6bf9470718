#!/usr/bin/env python3
"""Drive a server with AsyncSSH's client for @ssh/channels' interop tests.

Runs the commands of session_server.py's protocol (split, signal, env, cat,
tty, subsystem echo) and prints one JSON object with what it saw.
Runs with AsyncSSH 2.10 and 2.20.
"""
import argparse
import asyncio
import hashlib
import json

import asyncssh


async def main():
    p = argparse.ArgumentParser()
    p.add_argument('--port', type=int, required=True)
    p.add_argument('--known-hosts', required=True)
    p.add_argument('--key', required=True)
    a = p.parse_args()
    out = {}
    async with asyncssh.connect('127.0.0.1', a.port, known_hosts=a.known_hosts, username='alice',
                                client_keys=[a.key], agent_path=None) as conn:
        r = await conn.run('split')
        out['split'] = [r.stdout, r.stderr, r.exit_status]
        r = await conn.run('signal')
        out['signal'] = [list(r.exit_signal) if r.exit_signal else None, r.returncode]
        r = await conn.run('env', env={'FOO_A': 'yes'})
        out['env'] = r.stdout
        data = bytes(range(256)) * (16 << 10)
        r = await conn.run('cat', input=data, encoding=None)
        out['cat'] = [len(r.stdout), hashlib.sha256(r.stdout).hexdigest() == hashlib.sha256(data).hexdigest()]
        proc = await conn.create_process('tty', term_type='vt100', term_size=(90, 33))
        first = await proc.stdout.readline()
        proc.change_terminal_size(120, 50)
        proc.send_signal('INT')
        proc.send_break(300)
        rest = await proc.stdout.read()
        done = await proc.wait()
        out['tty'] = [first, rest, done.exit_status]
        proc = await conn.create_process(subsystem='echo')
        proc.stdin.write('ping\n')
        line = await proc.stdout.readline()
        proc.stdin.write_eof()
        done = await proc.wait()
        out['subsystem'] = [line, done.exit_status]
        r = await conn.run('upper', input='hello\n')
        out['upper'] = [r.stdout, r.exit_status]
        got = asyncio.get_running_loop().create_future()

        async def shout(reader, writer):
            data = await reader.read(100)
            writer.write(data.upper())
            writer.write_eof()
            got.set_result([data.decode(), writer.get_extra_info('remote_peername')])

        listener = await conn.start_server(lambda host, port: shout, '127.0.0.1', 0)
        seen = await asyncio.wait_for(got, 10)
        out['listen'] = [listener.get_port(), seen[0], list(seen[1])]
        listener.close()
    print(json.dumps(out))


if __name__ == '__main__':
    asyncio.run(main())

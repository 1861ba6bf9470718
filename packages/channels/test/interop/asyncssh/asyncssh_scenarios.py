#!/usr/bin/env python3
"""Drive sessions of AsyncSSH's client against a server, step by step.

Used by @ssh/channels' coverage tests of our server. Reads a JSON object on
stdin: {"known_hosts": path, "key": path, "scenarios": [...]}; each scenario
names a "port" and what to open ("command" or "subsystem", optional
"term_type", "term_size", "term_modes" (opcode -> value), "env") and a list of
"steps": {"write": text}, {"wait": text} (until stdout shows it),
{"resize": [w, h, pw, ph]}, {"break": msec}, {"signal": name}, {"eof": true},
{"drain": true} (wait until stdin's buffer empties). Prints a JSON list, one
result per scenario: stdout and stderr (latin-1), exit_status, or error.
Runs with AsyncSSH 2.10 and 2.20.
"""
import asyncio
import json
import sys

import asyncssh


async def pump(stream, sink):
    while True:
        data = await stream.read(65536)
        if not data:
            return
        sink.append(data)


async def scenario(conns, cfg, s):
    port = s['port']
    if port not in conns:
        conns[port] = await asyncssh.connect(
            '127.0.0.1', port, known_hosts=cfg['known_hosts'], username='root',
            client_keys=[cfg['key']], agent_path=None, preferred_auth='publickey')
    conn = conns[port]
    kwargs = {'encoding': None}
    for name in ('term_type', 'env'):
        if name in s:
            kwargs[name] = s[name]
    if 'term_size' in s:
        kwargs['term_size'] = tuple(s['term_size'])
    if 'term_modes' in s:
        kwargs['term_modes'] = {int(k): v for k, v in s['term_modes'].items()}
    if 'subsystem' in s:
        kwargs['subsystem'] = s['subsystem']
    try:
        process = await conn.create_process(s.get('command'), **kwargs)
    except asyncssh.Error as exc:
        return {'error': f'{type(exc).__name__}: {exc.reason}'}
    out, err = [], []
    readers = [asyncio.ensure_future(pump(process.stdout, out)),
               asyncio.ensure_future(pump(process.stderr, err))]
    mark = 0
    for step in s.get('steps', []):
        if 'write' in step:
            process.stdin.write(step['write'].encode('latin-1'))
        elif 'wait' in step:
            want = step['wait'].encode('latin-1')
            while True:
                got = b''.join(out)
                at = got.find(want, mark)
                if at >= 0:
                    mark = at + len(want)
                    break
                await asyncio.sleep(0.02)
        elif 'resize' in step:
            process.change_terminal_size(*step['resize'])
        elif 'break' in step:
            process.send_break(step['break'])
        elif 'signal' in step:
            process.send_signal(step['signal'])
        elif 'eof' in step:
            process.stdin.write_eof()
        elif 'drain' in step:
            await process.stdin.drain()
    await asyncio.gather(*readers)
    await process.wait_closed()
    return {'stdout': b''.join(out).decode('latin-1'), 'stderr': b''.join(err).decode('latin-1'),
            'exit_status': process.exit_status}


async def main():
    cfg = json.load(sys.stdin)
    conns = {}
    results = []
    try:
        for s in cfg['scenarios']:
            results.append(await asyncio.wait_for(scenario(conns, cfg, s), 20))
    finally:
        for conn in conns.values():
            conn.close()
    print(json.dumps(results))


if __name__ == '__main__':
    asyncio.run(main())

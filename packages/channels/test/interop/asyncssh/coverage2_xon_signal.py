#!/usr/bin/env python3
"""AsyncSSH's client against our server for @ssh/channels' coverage2 test.

Reads {"port", "known_hosts", "key", "runs": [[name, command, signal or null]]}
on stdin. For each run it opens a session with the command; with a signal it
waits for "ready" on stdout and sends that signal. Prints one JSON object:
name -> {"out": stdout text, "events": [["xon-xoff", flag] | ["exit", status]]}.
Runs with AsyncSSH 2.10 and 2.20.
"""
import asyncio
import json
import sys

import asyncssh


class Recorder(asyncssh.SSHClientSession):
    def __init__(self):
        self.out = ''
        self.events = []

    def data_received(self, data, datatype):
        self.out += data

    def xon_xoff_requested(self, client_can_do):
        self.events.append(['xon-xoff', client_can_do])

    def exit_status_received(self, status):
        self.events.append(['exit', status])


async def main():
    cfg = json.load(sys.stdin)
    results = {}
    async with asyncssh.connect('127.0.0.1', cfg['port'], known_hosts=cfg['known_hosts'],
                                username='root', client_keys=[cfg['key']], agent_path=None,
                                preferred_auth='publickey') as conn:
        for name, command, sig in cfg['runs']:
            chan, session = await conn.create_session(Recorder, command)
            if sig:
                while 'ready' not in session.out:
                    await asyncio.sleep(0.02)
                chan.send_signal(sig)
            await asyncio.wait_for(chan.wait_closed(), 15)
            results[name] = {'out': session.out, 'events': session.events}
    print(json.dumps(results))


if __name__ == '__main__':
    asyncio.run(main())

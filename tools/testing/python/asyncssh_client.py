#!/usr/bin/env python3
"""Connect AsyncSSH's client to a server for @ssh's interop tests.

Prints one line: "OK <extra>" when the command ran, "AUTHFAIL" when the
transport completed and authentication was refused, "UNSUPPORTED <msg>" when
this AsyncSSH lacks a requested algorithm, or "ERROR <class>: <msg>".
"""
import argparse
import asyncio
import json
import sys

import asyncssh


async def attempt(a, opts):
    try:
        async with asyncssh.connect('127.0.0.1', a.port, known_hosts=a.known_hosts, username=a.user,
                                    client_keys=a.key or None, password=a.password,
                                    agent_path=None, preferred_auth='publickey,password' if a.password else 'publickey',
                                    **opts) as conn:
            if a.command is not None:
                result = await conn.run(a.command)
                return f'OK {result.exit_status} {result.stdout!r}'
            return 'OK'
    except asyncssh.PermissionDenied:
        return 'AUTHFAIL'
    except ValueError as exc:
        return f'UNSUPPORTED {exc}'
    except Exception as exc:  # noqa: BLE001 - the test reads the class name
        return f'ERROR {type(exc).__name__}: {exc}'


def algorithm_options(spec):
    names = {'kex': 'kex_algs', 'encryption': 'encryption_algs', 'mac': 'mac_algs',
             'server-host-key': 'server_host_key_algs', 'compression': 'compression_algs'}
    return {names[k]: v.split(',') for k, v in spec.items() if v}


async def main():
    p = argparse.ArgumentParser()
    p.add_argument('--batch', default=None, help='JSON list of algorithm specs: one connection and one line each')
    p.add_argument('--port', type=int, required=True)
    p.add_argument('--known-hosts', required=True)
    p.add_argument('--user', default='root')
    p.add_argument('--key', action='append', default=[])
    p.add_argument('--password', default=None)
    p.add_argument('--command', default=None)
    for kind in ('kex', 'encryption', 'mac', 'server-host-key', 'compression'):
        p.add_argument(f'--{kind}', default=None)
    a = p.parse_args()
    if a.batch:
        for spec in json.loads(a.batch):
            print(await attempt(a, algorithm_options(spec)), flush=True)
        return
    spec = {k: getattr(a, k.replace('-', '_')) for k in ('kex', 'encryption', 'mac', 'server-host-key', 'compression')}
    print(await attempt(a, algorithm_options(spec)))


if __name__ == '__main__':
    asyncio.run(main())

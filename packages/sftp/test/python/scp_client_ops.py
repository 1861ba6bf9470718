"""Drive asyncssh.scp against a server and print one JSON object of results.

Usage: scp_client_ops.py PORT KNOWN_HOSTS KEY WORKDIR PREFIX
The server is expected to serve SCP chrooted to an empty directory; files go under '/PREFIX'.
"""
import asyncio
import hashlib
import json
import os
import sys

import asyncssh


def digest(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


async def main():
    port, known_hosts, key, workdir, prefix = sys.argv[1:6]
    out = {}
    big = os.path.join(workdir, 'big.bin')
    with open(big, 'wb') as f:
        f.write(os.urandom(2 * 1024 * 1024 + 3))
    tree = os.path.join(workdir, 'tree', 'sub')
    os.makedirs(tree)
    with open(os.path.join(tree, 'x.txt'), 'w') as f:
        f.write('x')
    os.chmod(os.path.join(tree, 'x.txt'), 0o640)
    os.utime(os.path.join(tree, 'x.txt'), (1000000000, 1100000000))
    async with asyncssh.connect('127.0.0.1', int(port), known_hosts=known_hosts, client_keys=[key],
                                username='tester') as conn:
        root = '/' + prefix
        await asyncssh.scp(big, (conn, root + '/big.bin'))
        back = os.path.join(workdir, 'back.bin')
        await asyncssh.scp((conn, root + '/big.bin'), back)
        out['roundtrip'] = digest(back) == digest(big)
        await asyncssh.scp(os.path.join(workdir, 'tree'), (conn, root + '/tree'), recurse=True, preserve=True)
        down = os.path.join(workdir, 'down')
        await asyncssh.scp((conn, root + '/tree'), down, recurse=True, preserve=True)
        st = os.stat(os.path.join(down, 'sub', 'x.txt'))
        out['mode'] = st.st_mode & 0o777
        out['mtime'] = int(st.st_mtime)
        os.mkdir(os.path.join(workdir, 'glob'))
        await asyncssh.scp((conn, root + '/tree/sub/*.txt'), os.path.join(workdir, 'glob'))
        out['glob'] = sorted(os.listdir(os.path.join(workdir, 'glob')))
        try:
            await asyncssh.scp((conn, root + '/missing.txt'), os.path.join(workdir, 'missing'))
            out['missing'] = None
        except asyncssh.SFTPError as exc:
            out['missing'] = [type(exc).__name__, exc.reason]
        try:
            await asyncssh.scp((conn, '/../../etc/hostname'), os.path.join(workdir, 'escape'))
            out['escape'] = os.path.exists(os.path.join(workdir, 'escape'))
        except asyncssh.SFTPError as exc:
            out['escape'] = type(exc).__name__
    print(json.dumps(out), flush=True)


asyncio.run(main())

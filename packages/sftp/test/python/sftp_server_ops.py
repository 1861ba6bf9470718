"""Drive AsyncSSH's SFTP client against a server and print one JSON object of results per SFTP version.

Usage: sftp_server_ops.py PORT KNOWN_HOSTS KEY WORKDIR PREFIX VERSION...
Each version works under '/PREFIX-vN' of the server (expected to be chrooted).
"""
import asyncio
import time
import hashlib
import json
import os
import sys
import traceback

import asyncssh


def digest(path):
    with open(path, 'rb') as f:
        return hashlib.sha256(f.read()).hexdigest()


async def error_name(coro):
    try:
        await coro
        return None
    except asyncssh.SFTPError as exc:
        return type(exc).__name__


async def run(port, known_hosts, key, workdir, prefix, version):
    out = {'version_asked': version}
    big = os.path.join(workdir, 'big-%d.bin' % version)
    with open(big, 'wb') as f:
        f.write(os.urandom(1024 * 1024 + 5))
    async with asyncssh.connect('127.0.0.1', port, known_hosts=known_hosts, client_keys=[key],
                                username='tester') as conn:
        async with conn.start_sftp_client(sftp_version=version) as sftp:
            root = '/%s-v%d' % (prefix, version)
            out['version'] = sftp.version
            limits = getattr(sftp, 'limits', None)
            if limits is not None:
                out['limits'] = [limits.max_packet_len, limits.max_read_len,
                                 limits.max_write_len, limits.max_open_handles]
            out['cwd'] = await sftp.realpath('.')
            await sftp.mkdir(root)
            started = time.monotonic()
            await sftp.put(big, root + '/up.bin')
            back = os.path.join(workdir, 'back-%d.bin' % version)
            await sftp.get(root + '/up.bin', back)
            out['roundtrip'] = digest(back) == digest(big)
            out['seconds'] = round(time.monotonic() - started, 2)
            await sftp.makedirs(root + '/d/e/f')
            out['listdir'] = sorted(await sftp.listdir(root + '/d'))
            out['isdir'] = await sftp.isdir(root + '/d/e')
            out['size'] = await sftp.getsize(root + '/up.bin')
            await sftp.symlink(root + '/up.bin', root + '/d/link')
            out['readlink'] = await sftp.readlink(root + '/d/link')
            out['islink'] = await sftp.islink(root + '/d/link')
            await sftp.link(root + '/up.bin', root + '/d/hard')
            out['hard_size'] = await sftp.getsize(root + '/d/hard')
            await sftp.chmod(root + '/up.bin', 0o640)
            out['mode'] = (await sftp.stat(root + '/up.bin')).permissions & 0o7777
            if sftp.version >= 4:
                await sftp.chown(root + '/up.bin', owner='root', group='root')
                st = await sftp.stat(root + '/up.bin')
                out['owner'] = [st.owner, st.group]
                out['chown_unknown'] = await error_name(sftp.chown(root + '/up.bin', owner='no-such-user-x', group='root'))
            await sftp.utime(root + '/up.bin', (1000000000, 1100000000))
            out['mtime'] = await sftp.getmtime(root + '/up.bin')
            out['atime'] = await sftp.getatime(root + '/up.bin')
            try:
                await sftp.utime(root + '/d/link', (1200000000, 1300000000), follow_symlinks=False)
                out['link_mtime'] = (await sftp.lstat(root + '/d/link')).mtime
            except TypeError:
                pass  # AsyncSSH before 2.13 has no follow_symlinks (lsetstat)
            out['target_mtime_kept'] = await sftp.getmtime(root + '/up.bin')
            vfs = await sftp.statvfs(root)
            out['statvfs'] = vfs.bsize > 0 and vfs.blocks > 0
            await sftp.truncate(root + '/d/hard', 10)
            out['truncated'] = await sftp.getsize(root + '/up.bin')
            async with sftp.open(root + '/w.txt', 'w') as f:
                await f.write('hello world')
                await f.fsync()
                out['fstatvfs'] = (await f.statvfs()).bsize > 0
                if sftp.version >= 6:
                    out['lock'] = await error_name(f.lock(0, 5, 0))
                    out['unlock'] = await error_name(f.unlock(0, 5))
            if getattr(sftp, 'supports_remote_copy', False):
                await sftp.remote_copy(root + '/w.txt', root + '/copy.txt')
                async with sftp.open(root + '/copy.txt') as f:
                    out['remote_copy'] = await f.read()
                await sftp.remove(root + '/copy.txt')
            async with sftp.open(root + '/x.txt', 'w') as f:
                await f.write('hello world')
            await sftp.posix_rename(root + '/x.txt', root + '/w.txt')
            out['rename_existing'] = await error_name(sftp.rename(root + '/w.txt', root + '/up.bin'))
            out['stat_missing'] = await error_name(sftp.stat(root + '/missing'))
            out['mkdir_existing'] = await error_name(sftp.mkdir(root + '/d'))
            out['rmdir_nonempty'] = await error_name(sftp.rmdir(root + '/d'))
            out['open_dir'] = await error_name(sftp.open(root + '/d'))
            out['glob'] = sorted(await sftp.glob(root + '/d/*'))
            out['escape'] = await sftp.realpath('/../../..')
            await sftp.remove(root + '/d/hard')
            await sftp.rmtree(root + '/d')
            out['after'] = sorted(await sftp.listdir(root))
    print(json.dumps(out), flush=True)


async def main():
    port, known_hosts, key, workdir, prefix = sys.argv[1:6]
    for version in sys.argv[6:]:
        try:
            await run(int(port), known_hosts, key, workdir, prefix, int(version))
        except Exception as exc:
            where = [l.strip() for l in traceback.format_exc().splitlines() if 'sftp_server_ops' in l or 'await sftp' in l]
            print(json.dumps({'version_asked': int(version), 'error': '%s: %s' % (type(exc).__name__, exc),
                              'where': where[-2:]}), flush=True)


asyncio.run(main())

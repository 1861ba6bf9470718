import { copyFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { type Generation, peerHost } from '../generation.js';
import { type KeyFiles, sshKeygen } from '../keys.js';
import { startProcess } from '../process.js';
import { makePeerWorkdir } from '../workdir.js';
import { knownHostsLines, type RunningServer } from './running-server.js';

const SCRIPT = fileURLToPath(new URL('../../python/asyncssh_server.py', import.meta.url));

/** The Python that has Debian's python3-asyncssh (not a pyenv one on PATH). */
export const SYSTEM_PYTHON = '/usr/bin/python3';

/** Options for a private AsyncSSH server. */
export interface AsyncSshServerOptions {
  generation?: Generation;
  /** Extra `asyncssh.listen()` keyword arguments as Python literals, e.g. `{ kex_algs: "['curve25519-sha256']" }`. */
  listenOptions?: Readonly<Record<string, string>>;
}

/** Whether AsyncSSH is installed for a generation. */
export function hasAsyncSsh(generation: Generation): boolean {
  const host = peerHost(generation);
  return (
    !!host &&
    (host.has('/usr/lib/python3/dist-packages/asyncssh/__init__.py') ||
      host.has('/usr/lib/python3/dist-packages/asyncssh'))
  );
}

/**
 * Start a private AsyncSSH server (Debian's python3-asyncssh) on 127.0.0.1
 * with a port the kernel picks, ed25519/ECDSA/RSA host keys made now by
 * `ssh-keygen`, exec requests run by /bin/sh and SFTP enabled.
 */
export async function startAsyncSshServer(opts: AsyncSshServerOptions = {}): Promise<RunningServer> {
  const generation = opts.generation ?? 'debian12';
  const host = peerHost(generation);
  if (!host || !hasAsyncSsh(generation)) throw new Error(`AsyncSSH (${generation}) is not installed`);
  const wd = makePeerWorkdir(host, 'asyncssh');
  copyFileSync(SCRIPT, wd.file('server.py').local);
  const hostKeys: KeyFiles[] = (['ed25519', 'ecdsa', 'rsa'] as const).map((t) =>
    sshKeygen(t, wd.file(`ssh_host_${t}_key`).local, t === 'rsa' ? { bits: 2048 } : {}),
  );
  const clientKey = sshKeygen('ed25519', wd.file('id_ed25519').local);
  writeFileSync(wd.file('authorized_keys').local, `${clientKey.publicLine}\n`);
  const argv = [
    SYSTEM_PYTHON,
    '-W',
    'ignore',
    wd.file('server.py').peer,
    '--authorized-keys',
    wd.file('authorized_keys').peer,
  ];
  for (const k of hostKeys) argv.push('--host-key', wd.file(`ssh_host_${k.type}_key`).peer);
  for (const [name, value] of Object.entries(opts.listenOptions ?? {}))
    argv.push('--option', `${name}=${value}`);
  const cmd = host.command(argv);
  const proc = startProcess(cmd.file, cmd.args, `asyncssh (${generation})`);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`asyncssh did not start: ${proc.output()}`)), 20_000);
    const check = () => {
      const m = /LISTENING (\d+)/.exec(proc.output());
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
        return;
      }
      const dead = proc.exitReason();
      if (dead) {
        clearTimeout(timer);
        reject(new Error(dead));
      }
    };
    proc.child.stdout?.on('data', check);
    proc.child.once('exit', () => setImmediate(check));
  }).catch(async (err: unknown) => {
    await proc.stop();
    wd.remove();
    throw err;
  });
  const knownHostsPath = wd.file('known_hosts').local;
  writeFileSync(knownHostsPath, knownHostsLines(port, hostKeys));
  return {
    kind: 'asyncssh',
    generation,
    host: '127.0.0.1',
    port,
    user: 'root',
    hostKeys,
    clientKey,
    knownHostsPath,
    workdir: wd,
    process: proc,
    log: proc.output,
    async stop() {
      await proc.stop();
      wd.remove();
    },
  };
}

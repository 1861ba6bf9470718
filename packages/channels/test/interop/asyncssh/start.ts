import { copyFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import {
  type Generation,
  knownHostsLines,
  makePeerWorkdir,
  peerHost,
  type RunningServer,
  SYSTEM_PYTHON,
  sshKeygen,
  startProcess,
} from '@ssh/testing';

const SCRIPT = fileURLToPath(new URL('./session_server.py', import.meta.url));

/**
 * Start session_server.py (AsyncSSH's server with sessions written in AsyncSSH's
 * stream API) on 127.0.0.1 for `generation`; stop it with `stop()`.
 */
export async function startAsyncSshSessionServer(generation: Generation): Promise<RunningServer> {
  const host = peerHost(generation);
  if (!host) throw new Error(`AsyncSSH (${generation}) is not installed`);
  const wd = makePeerWorkdir(host, 'asyncssh-sessions');
  copyFileSync(SCRIPT, wd.file('server.py').local);
  const hostKey = sshKeygen('ed25519', wd.file('host_key').local);
  const clientKey = sshKeygen('ed25519', wd.file('id_ed25519').local);
  writeFileSync(wd.file('authorized_keys').local, `${clientKey.publicLine}\n`);
  const cmd = host.command([
    SYSTEM_PYTHON,
    '-W',
    'ignore',
    wd.file('server.py').peer,
    '--host-key',
    wd.file('host_key').peer,
    '--authorized-keys',
    wd.file('authorized_keys').peer,
  ]);
  const proc = startProcess(cmd.file, cmd.args, `asyncssh sessions (${generation})`);
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no LISTENING line: ${proc.output()}`)), 20_000);
    const check = () => {
      const m = /LISTENING (\d+)/.exec(proc.output());
      const dead = proc.exitReason();
      if (m || dead) clearTimeout(timer);
      if (m) resolve(Number(m[1]));
      else if (dead) reject(new Error(dead));
    };
    proc.child.stdout?.on('data', check);
    proc.child.once('exit', () => setImmediate(check));
  }).catch(async (err: unknown) => {
    await proc.stop();
    wd.remove();
    throw err;
  });
  const knownHostsPath = wd.file('known_hosts').local;
  writeFileSync(knownHostsPath, knownHostsLines(port, [hostKey]));
  return {
    kind: 'asyncssh',
    generation,
    host: '127.0.0.1',
    port,
    user: 'root',
    hostKeys: [hostKey],
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

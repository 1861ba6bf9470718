import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { type Generation, peerHost } from '../generation.js';
import { type KeyFiles, sshKeygen } from '../keys.js';
import { freePort, waitForPort } from '../ports.js';
import { startProcess } from '../process.js';
import { authorizeForTestUser, TEST_USER } from '../test-user.js';
import { makePeerWorkdir } from '../workdir.js';
import { knownHostsLines, type RunningServer } from './running-server.js';

/** Options for a private Dropbear server. */
export interface DropbearOptions {
  generation?: Generation;
  /** Extra command-line flags for `dropbear`. */
  args?: readonly string[];
}

/**
 * Start a private Dropbear server in the foreground on 127.0.0.1 with a port
 * it picks, an ed25519 and an ECDSA host key made now by `dropbearkey`, and
 * its own authorized_keys folder (`-D`).
 */
export async function startDropbear(opts: DropbearOptions = {}): Promise<RunningServer> {
  const generation = opts.generation ?? 'debian12';
  const host = peerHost(generation);
  if (!host?.has('/usr/sbin/dropbear')) throw new Error(`Dropbear (${generation}) is not installed`);
  const wd = makePeerWorkdir(host, 'dropbear');
  const hostKeys: KeyFiles[] = [];
  for (const [type, alg] of [
    ['ed25519', 'ed25519'],
    ['ecdsa', 'ecdsa'],
  ] as const) {
    const f = wd.file(`dropbear_${type}_host_key`);
    const kg = host.command(['dropbearkey', '-t', alg, '-f', f.peer]);
    execFileSync(kg.file, kg.args, { stdio: 'ignore' });
    const py = host.command(['dropbearkey', '-y', '-f', f.peer]);
    const line = execFileSync(py.file, py.args, { encoding: 'utf8' })
      .split('\n')
      .find((l) => /^(ssh-|ecdsa-)/.test(l));
    if (!line) throw new Error(`dropbearkey printed no public key for ${type}`);
    hostKeys.push({ type, path: f.local, publicLine: line.trim() });
  }
  const clientKey = sshKeygen('ed25519', wd.file('id_ed25519').local);
  // Dropbear 2025 takes an authorized_keys folder (-D); Debian 12's build lacks -D,
  // so there the client key is authorised for a local test account instead.
  const ownKeysDir = generation !== 'debian12';
  let user = 'root';
  if (ownKeysDir)
    writeFileSync(wd.file('authorized_keys').local, `${clientKey.publicLine}\n`, { mode: 0o600 });
  else {
    authorizeForTestUser(clientKey.publicLine);
    user = TEST_USER;
  }
  const knownHostsPath = wd.file('known_hosts').local;

  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const argv = [
      '/usr/sbin/dropbear',
      '-F',
      '-E',
      '-s',
      '-p',
      `127.0.0.1:${port}`,
      '-P',
      `${wd.peer}/dropbear.pid`,
    ];
    for (const k of hostKeys) argv.push('-r', `${wd.peer}/dropbear_${k.type}_host_key`);
    if (ownKeysDir) argv.push('-D', wd.peer);
    argv.push(...(opts.args ?? []));
    const cmd = host.command(argv);
    const proc = startProcess(cmd.file, cmd.args, `dropbear (${generation})`);
    try {
      await waitForPort(port, 15_000, proc.exitReason);
    } catch (err) {
      await proc.stop();
      if (attempt < 4 && /bind|in use/i.test(proc.output())) continue;
      wd.remove();
      throw err;
    }
    writeFileSync(knownHostsPath, knownHostsLines(port, hostKeys));
    return {
      kind: 'dropbear',
      generation,
      host: '127.0.0.1',
      port,
      user,
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
}

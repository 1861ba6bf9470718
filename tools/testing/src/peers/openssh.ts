import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { type Generation, peerHost } from '../generation.js';
import { type KeyFiles, type KeygenType, sshKeygen } from '../keys.js';
import { freePort, waitForPort } from '../ports.js';
import { startProcess } from '../process.js';
import { makePeerWorkdir } from '../workdir.js';
import { knownHostsLines, type RunningServer } from './running-server.js';

/** Options for a private OpenSSH `sshd`. */
export interface SshdOptions {
  generation?: Generation;
  /** Host key types to generate (default ed25519, ecdsa, rsa). */
  hostKeyTypes?: readonly KeygenType[];
  /** Extra sshd_config lines; they come before the defaults, so they win (sshd keeps the first value). */
  config?: readonly string[];
  /** Sign the host keys with this CA (a private key file on this machine) and serve the certificates. */
  hostCertificateCa?: { keyPath: string; principals: string };
  /** `Match` blocks, placed at the end of the file. */
  matchBlocks?: readonly string[];
  /** Enable every kex, cipher, MAC and host key algorithm this sshd supports (`ssh -Q`), not only its defaults. */
  allAlgorithms?: boolean;
}

/** The algorithms of one kind this generation's OpenSSH supports (`ssh -Q kind`). */
export function opensshAlgorithms(
  generation: Generation,
  kind: 'kex' | 'cipher' | 'mac' | 'HostKeyAlgorithms',
): string[] {
  const host = peerHost(generation);
  if (!host) return [];
  const cmd = host.command(['ssh', '-Q', kind]);
  return execFileSync(cmd.file, cmd.args, { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.length > 0);
}

function allAlgorithmLines(generation: Generation): string[] {
  const list = (kind: Parameters<typeof opensshAlgorithms>[1]) =>
    opensshAlgorithms(generation, kind).join(',');
  return [
    `KexAlgorithms ${list('kex')}`,
    `Ciphers ${list('cipher')}`,
    `MACs ${list('mac')}`,
    `HostKeyAlgorithms ${list('HostKeyAlgorithms')}`,
  ];
}

/**
 * Start a private OpenSSH `sshd -D` as root on 127.0.0.1 with a port it
 * picks, host keys made now by `ssh-keygen`, and its own sshd_config; nothing
 * in /etc/ssh is read. Throws when sshd is not installed for the generation.
 */
export async function startOpenSshd(opts: SshdOptions = {}): Promise<RunningServer> {
  const generation = opts.generation ?? 'debian12';
  const host = peerHost(generation);
  if (!host?.has('/usr/sbin/sshd')) throw new Error(`OpenSSH sshd (${generation}) is not installed`);
  mkdirSync(host.hostPath('/run/sshd'), { recursive: true, mode: 0o755 });
  const wd = makePeerWorkdir(host, 'sshd');
  const hostKeys: KeyFiles[] = (opts.hostKeyTypes ?? ['ed25519', 'ecdsa', 'rsa']).map((t) =>
    sshKeygen(t, wd.file(`ssh_host_${t}_key`).local, t === 'rsa' ? { bits: 2048 } : {}),
  );
  if (opts.hostCertificateCa) {
    for (const k of hostKeys) {
      const ca = opts.hostCertificateCa;
      execFileSync('ssh-keygen', [
        '-q',
        '-s',
        ca.keyPath,
        '-h',
        '-I',
        'test-host',
        '-n',
        ca.principals,
        `${k.path}.pub`,
      ]);
    }
  }
  const clientKey = sshKeygen('ed25519', wd.file('id_ed25519').local);
  writeFileSync(wd.file('authorized_keys').local, `${clientKey.publicLine}\n`);
  const knownHostsPath = wd.file('known_hosts').local;

  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const config = [
      ...(opts.config ?? []),
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      ...hostKeys.map((k) => `HostKey ${wd.peer}/ssh_host_${k.type}_key`),
      ...(opts.hostCertificateCa
        ? hostKeys.map((k) => `HostCertificate ${wd.peer}/ssh_host_${k.type}_key-cert.pub`)
        : []),
      `PidFile ${wd.peer}/sshd.pid`,
      `AuthorizedKeysFile ${wd.peer}/authorized_keys`,
      'PermitRootLogin yes',
      'StrictModes no',
      'UsePAM no',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'Subsystem sftp internal-sftp',
      'LogLevel VERBOSE',
      // OpenSSH 9.8+ penalises sources whose connections end before auth; tests make many such.
      ...(generation === 'debian12' ? [] : ['PerSourcePenalties no']),
      ...(opts.allAlgorithms ? allAlgorithmLines(generation) : []),
      ...(opts.matchBlocks ?? []),
    ];
    writeFileSync(wd.file('sshd_config').local, `${config.join('\n')}\n`);
    const cmd = host.command(['/usr/sbin/sshd', '-D', '-e', '-f', `${wd.peer}/sshd_config`]);
    const proc = startProcess(cmd.file, cmd.args, `sshd (${generation})`);
    try {
      await waitForPort(port, 15_000, proc.exitReason);
    } catch (err) {
      await proc.stop();
      if (attempt < 4 && /Bind|Address already in use/i.test(proc.output())) continue;
      wd.remove();
      throw err;
    }
    writeFileSync(knownHostsPath, knownHostsLines(port, hostKeys));
    return {
      kind: 'openssh',
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
}

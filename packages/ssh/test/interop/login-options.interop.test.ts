import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { missingPeer, peerHost, runOpenSshClient, sshKeygen } from '@ssh/testing';
import { afterAll, describe, expect, it } from 'vitest';
import { generatePrivateKey, listen, type SSHServerConnection } from '../../src/index.js';

const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const skip = peerHost('debian12')?.has('/usr/bin/ssh')
  ? false
  : missingPeer('OpenSSH ssh', 'apt-get install openssh-client; pnpm peers').skip;
const dir = mkdtempSync(path.join(tmpdir(), 'ssh-login-options-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const hostKey = generatePrivateKey('ssh-ed25519');
const knownHosts = (port: number) =>
  `[127.0.0.1]:${port} ${dec(hostKey.exportPublicKey('openssh')).trim()}\n`;

/** A server that reports what its session saw: the command, SSH_ORIGINAL_COMMAND, FOO and the terminal. */
function report(proc: {
  command: string | null;
  env: Record<string, string>;
  termType: string | null;
  stdout: { write(s: string): void };
  exit(code: number): void;
}) {
  proc.stdout.write(
    `command=${proc.command} original=${proc.env.SSH_ORIGINAL_COMMAND ?? '-'} foo=${proc.env.FOO ?? '-'} term=${proc.termType ?? '-'}\n`,
  );
  proc.exit(0);
}

describe.skipIf(skip)(
  'authorized_keys options and certificate options applied to the session, with OpenSSH ssh',
  () => {
    it('command=, environment= and no-pty from authorized_keys', async () => {
      const user = sshKeygen('ed25519', path.join(dir, 'id_opts'));
      const accepted: SSHServerConnection[] = [];
      await using acceptor = await listen({
        host: '127.0.0.1',
        port: 0,
        serverHostKeys: [hostKey],
        authorizedClientKeys: `command="forced one",environment="FOO=bar",no-pty ${user.publicLine}\n`,
        processFactory: report,
        acceptor: (c) => {
          accepted.push(c);
        },
      });
      const port = acceptor.getPort();
      const run = await runOpenSshClient({
        generation: 'debian12',
        port,
        knownHosts: knownHosts(port),
        identity: readFileSync(user.path, 'utf8'),
        command: 'what I asked',
      });
      expect(run.stdout, run.stderr.slice(-1500)).toBe(
        'command=forced one original=what I asked foo=bar term=-\n',
      );
      // ssh -tt gives up when the pty it insists on is refused, as it does with sshd.
      const tty = await runOpenSshClient({
        generation: 'debian12',
        port,
        knownHosts: knownHosts(port),
        identity: readFileSync(user.path, 'utf8'),
        extraArgs: ['-tt'],
        command: 'x',
      });
      expect(tty.stderr).toMatch(/PTY allocation request failed/);
      expect(tty.code).not.toBe(0);
      expect(accepted[0]?.getKeyOption('command')).toBe('forced one');
      expect(accepted[0]?.checkKeyPermission('pty')).toBe(false);
    });

    it("a user certificate's force-command and missing permit-pty", async () => {
      const ca = sshKeygen('ed25519', path.join(dir, 'ca'));
      const user = sshKeygen('ed25519', path.join(dir, 'id_cert'));
      execFileSync(
        'ssh-keygen',
        [
          '-q',
          '-s',
          ca.path,
          '-I',
          'u',
          '-n',
          'root',
          '-O',
          'clear',
          '-O',
          'force-command=cert forced',
          `${user.path}.pub`,
        ],
        { stdio: 'pipe' },
      );
      await using acceptor = await listen({
        host: '127.0.0.1',
        port: 0,
        serverHostKeys: [hostKey],
        authorizedClientKeys: `cert-authority ${ca.publicLine}\n`,
        processFactory: report,
      });
      const port = acceptor.getPort();
      const run = await runOpenSshClient({
        generation: 'debian12',
        port,
        knownHosts: knownHosts(port),
        identity: readFileSync(user.path, 'utf8'),
        options: [`CertificateFile=${user.path}-cert.pub`],
        command: 'anything',
      });
      expect(run.stdout, run.stderr.slice(-1500)).toBe(
        'command=cert forced original=anything foo=- term=-\n',
      );
      const tty = await runOpenSshClient({
        generation: 'debian12',
        port,
        knownHosts: knownHosts(port),
        identity: readFileSync(user.path, 'utf8'),
        options: [`CertificateFile=${user.path}-cert.pub`],
        extraArgs: ['-tt'],
        command: 'x',
      });
      expect(tty.stderr).toMatch(/PTY allocation request failed/);
    });
  },
);

import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import net, { type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  freePort,
  type KeyFiles,
  missingPeer,
  peerHost,
  type RunningServer,
  runOpenSshClient,
  sshKeygen,
  startOpenSshd,
} from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Every example under examples/ runs here as a user would run it (tsx on the
// TypeScript file), against real OpenSSH: client examples against a private
// sshd, server examples with OpenSSH's ssh as their client.
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const examplesDir = path.join(root, 'examples');
const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const scratch = mkdtempSync(path.join(tmpdir(), 'ssh-examples-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The SHA-256 of a file's bytes, to compare copies by. */
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A hang guard for waits on a peer; never a timing assertion. */
const HANG_MS = 60_000;

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** A running child whose output we watch. */
interface Watched {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves once stdout matches `pattern`; rejects if the process ends first. */
  waitFor(pattern: RegExp): Promise<RegExpExecArray>;
  /** Resolves when the process has exited, with everything it printed. */
  readonly done: Promise<Run>;
}

function watch(child: ChildProcess, name: string): Watched {
  let out = '';
  let err = '';
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const l of [...listeners]) l();
  };
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString();
    notify();
  });
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 120_000);
  const done = new Promise<Run>((resolve) => {
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout: out, stderr: err });
      notify();
    });
  });
  let exited = false;
  void done.then(() => {
    exited = true;
  });
  return {
    child,
    stdout: () => out,
    stderr: () => err,
    done,
    waitFor(pattern) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(out);
          if (m) {
            cleanup();
            resolve(m);
          } else if (exited) {
            cleanup();
            reject(new Error(`${name} ended before printing ${pattern}:\n${out}\n${err}`));
          }
        };
        const guard = setTimeout(() => {
          cleanup();
          reject(new Error(`${name} never printed ${pattern}:\n${out}\n${err}`));
        }, HANG_MS);
        const cleanup = () => {
          clearTimeout(guard);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
  };
}

/** Start an example file with tsx, on the sources (the `@ssh/source` condition). */
function startExample(file: string, args: readonly string[], env: Record<string, string>) {
  const child = spawn(
    process.execPath,
    ['--conditions=@ssh/source', '--import', tsxLoader, path.join(examplesDir, file), ...args],
    { cwd: scratch, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return watch(child, file);
}

/** Stop a child we started, by its pid, and wait for it. */
async function stopChild(w: Watched) {
  if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill('SIGTERM');
  await w.done;
}

/** A line of a known_hosts file for `pattern` and the key of a `type base64 comment` public line. */
function knownHostsLine(pattern: string, publicLine: string): string {
  return `${pattern} ${publicLine.split(' ').slice(0, 2).join(' ')}\n`;
}

/** A TCP listener on 127.0.0.1 and its port. */
async function tcpListener(): Promise<[net.Server, number]> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return [server, (server.address() as AddressInfo).port];
}

/** A web server on 127.0.0.1 whose answers carry `X-Example: forwarded`, and its port. */
async function webServer(): Promise<[http.Server, number]> {
  const web = http.createServer((_req, res) => {
    res.setHeader('X-Example', 'forwarded');
    res.end('through the tunnel\n');
  });
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  return [web, (web.address() as AddressInfo).port];
}

/** What a TCP exchange got back, and the local port it used. */
interface Exchange {
  reply: string;
  localPort: number;
}

/**
 * Connect to 127.0.0.1:port (from `localAddress` when given), send `text`,
 * half-close and read until the peer closes. While nothing listens there yet
 * it tries again, until `owner` (the process that is to listen) ends.
 */
async function exchange(
  port: number,
  text: string,
  owner: Watched,
  localAddress?: string,
): Promise<Exchange> {
  const giveUp = Date.now() + HANG_MS;
  for (;;) {
    const sock = net.connect({ host: '127.0.0.1', port, localAddress });
    try {
      await once(sock, 'connect');
    } catch (err) {
      const ended = owner.child.exitCode !== null || owner.child.signalCode !== null;
      if ((err as NodeJS.ErrnoException).code !== 'ECONNREFUSED' || ended || Date.now() > giveUp) {
        throw new Error(`nothing answered on port ${port}: ${err}\n${owner.stdout()}\n${owner.stderr()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
      continue;
    }
    const localPort = sock.localPort as number;
    const chunks: Buffer[] = [];
    sock.on('error', () => undefined); // a reset ends the reply as a close does
    sock.on('data', (d: Buffer) => chunks.push(d));
    const closed = new Promise((resolve) => sock.once('close', resolve));
    sock.end(text);
    await closed;
    return { reply: Buffer.concat(chunks).toString(), localPort };
  }
}

/** An HTTP/1.0 request for "/"; the answer ends when the server closes. */
const GET = 'GET / HTTP/1.0\r\n\r\n';

/** Whether `reply` is the web server's answer. */
function expectWebAnswer(reply: string): void {
  expect(reply).toMatch(/^HTTP\/1\.[01] 200 OK\r\n/);
  expect(reply).toMatch(/\r\nX-Example: forwarded\r\n/i);
  expect(reply).toMatch(/\r\n\r\nthrough the tunnel\n$/);
}

const sshdPresent = peerHost('debian12')?.has('/usr/sbin/sshd');
const sshPresent = peerHost('debian12')?.has('/usr/bin/ssh');

const skipClients =
  !sshdPresent && missingPeer('OpenSSH sshd', 'apt-get install openssh-server; pnpm peers').skip;
const skipServers =
  !sshPresent && missingPeer('OpenSSH ssh', 'apt-get install openssh-client; pnpm peers').skip;

describe.skipIf(skipClients)(
  'client examples against OpenSSH sshd',
  { concurrent: true, timeout: 90_000 },
  () => {
    let server: RunningServer;
    let env: Record<string, string>;
    let dest: string;
    beforeAll(async () => {
      server = await startOpenSshd({ config: ['AcceptEnv LANG LC_*'] });
      env = { SSH_CLIENT_KEY: server.clientKey.path, SSH_KNOWN_HOSTS: server.knownHostsPath };
      dest = `${server.user}@127.0.0.1:${server.port}`;
    });
    afterAll(async () => {
      await server?.stop();
    });
    const run = (file: string, ...args: string[]) =>
      startExample(`client/${file}`, [dest, ...args], env).done;

    it('simple-client runs echo', async () => {
      expect(await run('simple-client.ts')).toEqual({ code: 0, stdout: 'Hello!\n', stderr: '' });
    });

    it('simple-client reports a failed connection', async () => {
      const port = await freePort();
      const r = await startExample('client/simple-client.ts', [`${server.user}@127.0.0.1:${port}`], env).done;
      expect(r.code).toBe(1);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^SSH connection failed: /);
    });

    it('callback-client follows the connection with an SSHClient', async () => {
      const r = await run('callback-client.ts');
      expect(r.stdout).toMatch(
        /^Connection made to 127\.0\.0\.1\.\nAuthentication successful\.\nls: cannot access '?abc'?: No such file or directory\n$/,
      );
      expect(r.code).toBe(0);
    });

    it('callback-client2 gets all output through dataReceived', async () => {
      const r = await run('callback-client2.ts');
      expect(r.stdout).toMatch(/^ls: cannot access '?abc'?: No such file or directory\n$/);
      expect(r.code).toBe(0);
    });

    it('callback-client3 tells stderr from stdout', async () => {
      const r = await run('callback-client3.ts');
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(/^ls: cannot access '?abc'?: No such file or directory\n$/);
      expect(r.code).toBe(0);
    });

    it('math-client talks to bc', async () => {
      const r = await run('math-client.ts');
      expect(r.stdout).toBe('2+2 = 4\n1*2*3*4 = 24\n2^32 = 4294967296\n');
      expect(r.code).toBe(0);
    });

    it('redirect-input writes the reversed lines to a local file', async () => {
      const out = path.join(scratch, 'redirect-input.out');
      const r = await run('redirect-input.ts', out);
      expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
      expect(readFileSync(out, 'utf8')).toBe('3\n2\n1\n');
    });

    it('redirect-local-pipe pipes a local process into a remote one', async () => {
      expect(await run('redirect-local-pipe.ts')).toEqual({ code: 0, stdout: '3\n2\n1\n', stderr: '' });
    });

    it('redirect-remote-pipe pipes one remote process into another', async () => {
      expect(await run('redirect-remote-pipe.ts')).toEqual({ code: 0, stdout: '3\n2\n1\n', stderr: '' });
    });

    it('check-exit-status reports the exit status and stderr', async () => {
      const r = await run('check-exit-status.ts');
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(
        /^ls: cannot access '?abc'?: No such file or directory\nProgram exited with status 2\n$/,
      );
      expect(r.code).toBe(0);
    });

    it('gather-results runs on several servers and reports each', async () => {
      const dead = `${server.user}@127.0.0.1:${await freePort()}`;
      const r = await startExample('client/gather-results.ts', [dest, dead, dest], env).done;
      const rule = '-'.repeat(75);
      const lsError = "ls: cannot access '?abc'?: No such file or directory";
      expect(r.stdout).toMatch(
        new RegExp(
          `^Task 1 exited with status 2:\n${lsError}\n${rule}\nTask 2 failed: .+\n${rule}\nTask 3 exited with status 2:\n${lsError}\n${rule}\n$`,
        ),
      );
      expect(r.code).toBe(0);
    });

    it('set-environment sends LANG and LC_COLLATE', async () => {
      const r = await run('set-environment.ts');
      expect(r.stdout.split('\n')).toEqual(expect.arrayContaining(['LANG=en_GB', 'LC_COLLATE=C']));
      expect(r.code).toBe(0);
    });

    for (const file of ['direct-client.ts', 'stream-direct-client.ts']) {
      it(`${file} sends HEAD over a TCP connection sshd opens`, async () => {
        const web = http.createServer((_req, res) => {
          res.setHeader('X-Example', 'direct');
          res.end();
        });
        await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
        try {
          const r = await run(file, `127.0.0.1:${(web.address() as AddressInfo).port}`);
          expect(r.stdout).toMatch(/^HTTP\/1\.[01] 200 OK\r\n/);
          expect(r.stdout).toMatch(/\r\nX-Example: direct\r\n/i);
          expect(r.code).toBe(0);
        } finally {
          web.close();
        }
      });
    }

    describe('port forwarding', () => {
      let web: http.Server;
      let webPort: number;
      beforeAll(async () => {
        [web, webPort] = await webServer();
      });
      afterAll(() => {
        web?.close();
      });

      it('local-forwarding-client carries connections to its port through sshd to the web server', async () => {
        const port = await freePort();
        const w = startExample(
          'client/local-forwarding-client.ts',
          [dest, `127.0.0.1:${webPort}`, `127.0.0.1:${port}`],
          env,
        );
        try {
          expectWebAnswer((await exchange(port, GET, w)).reply);
        } finally {
          await stopChild(w);
        }
        expect(w.stderr()).toBe('');
      });

      it('local-forwarding-client2 prints the port it was given and forwards it', async () => {
        const w = startExample('client/local-forwarding-client2.ts', [dest, `127.0.0.1:${webPort}`], env);
        try {
          const port = Number((await w.waitFor(/^Listening on port (\d+)\.\.\.$/m))[1]);
          expect(port).toBeGreaterThan(0);
          expectWebAnswer((await exchange(port, GET, w)).reply);
        } finally {
          await stopChild(w);
        }
      });

      it('remote-forwarding-client has sshd listen and carries connections back to the web server', async () => {
        const w = startExample(
          'client/remote-forwarding-client.ts',
          [dest, `127.0.0.1:${webPort}`, '0'],
          env,
        );
        try {
          const port = Number((await w.waitFor(/^Listening on port (\d+)\.\.\.$/m))[1]);
          expectWebAnswer((await exchange(port, GET, w)).reply);
        } finally {
          await stopChild(w);
        }
        expect(w.stderr()).toBe('');
      });

      it('remote-forwarding-client2 forwards connections from 127.0.0.1 and refuses those from 127.0.0.2', async () => {
        const w = startExample(
          'client/remote-forwarding-client2.ts',
          [dest, `127.0.0.1:${webPort}`, '0'],
          env,
        );
        try {
          const port = Number((await w.waitFor(/^Listening on port (\d+)\.\.\.$/m))[1]);
          expectWebAnswer((await exchange(port, GET, w)).reply);
          // sshd closes a connection whose channel the client refused, unanswered.
          expect((await exchange(port, GET, w, '127.0.0.2')).reply).toBe('');
          expectWebAnswer((await exchange(port, GET, w)).reply);
        } finally {
          await stopChild(w);
        }
        expect(w.stderr()).toBe('');
      });
    });

    for (const file of ['listening-client.ts', 'stream-listening-client.ts']) {
      it(`${file} echoes connections to the port sshd listens on`, async () => {
        const w = startExample(`client/${file}`, [dest, '0'], env);
        try {
          const port = Number((await w.waitFor(/^Listening on port (\d+)\.\.\.$/m))[1]);
          const first = await exchange(port, 'hello through sshd\n', w);
          expect(first.reply).toBe('hello through sshd\n');
          const second = await exchange(port, 'and again\n', w);
          expect(second.reply).toBe('and again\n');
          await w.waitFor(/(?:.*\n){3}/);
          expect(w.stdout()).toBe(
            `Listening on port ${port}...\n` +
              `Connection received from 127.0.0.1, port ${first.localPort}\n` +
              `Connection received from 127.0.0.1, port ${second.localPort}\n`,
          );
        } finally {
          await stopChild(w);
        }
      });
    }

    it('listening-client says so when sshd cannot listen on the port', async () => {
      // Taken on every address, so sshd's bind fails and it refuses the tcpip-forward.
      const taken = net.createServer();
      await new Promise<void>((resolve) => taken.listen(0, '::', resolve));
      try {
        const port = (taken.address() as AddressInfo).port;
        const r = await startExample('client/listening-client.ts', [dest, String(port)], env).done;
        expect(r).toEqual({ code: 1, stdout: '', stderr: "Listener couldn't be opened.\n" });
      } finally {
        taken.close();
      }
    });

    it('reverse-server runs commands on an sshd -i that dialled in to it', async () => {
      const kh = path.join(scratch, 'trusted_client_host_keys');
      writeFileSync(kh, server.hostKeys.map((k) => knownHostsLine('[127.0.0.1]:*', k.publicLine)).join(''));
      const w = startExample(
        'server/reverse-server.ts',
        ['127.0.0.1:0', 'echo hello', 'echo oops >&2; exit 3'],
        {
          SSH_CLIENT_KEY: server.clientKey.path,
          SSH_KNOWN_HOSTS: kh,
        },
      );
      try {
        const port = Number((await w.waitFor(/^Listening on port (\d+)$/m))[1]);
        // sshd in inetd mode on a TCP connection to the example, opened by bash.
        const config = path.join(server.workdir.local, 'sshd_config');
        const sshd = spawn(
          'bash',
          ['-c', `exec 3<>/dev/tcp/127.0.0.1/${port}; exec /usr/sbin/sshd -i -f ${config} <&3 >&3 3<&-`],
          {
            stdio: ['ignore', 'ignore', 'pipe'],
          },
        );
        const rule = '-'.repeat(75);
        await w.waitFor(new RegExp(`^${rule}$[\\s\\S]*^${rule}$`, 'm'));
        expect(w.stdout()).toContain(
          `Command: echo hello\nReturn code: 0\nStdout:\nhello\nStderr:\n${rule}\n`,
        );
        expect(w.stdout()).toContain(
          `Command: echo oops >&2; exit 3\nReturn code: 3\nStdout:\nStderr:\noops\n${rule}\n`,
        );
        if (sshd.exitCode === null) await once(sshd, 'exit');
      } finally {
        await stopChild(w);
      }
    });

    describe('file transfer', () => {
      // The files sshd's user reads: the scratch folder is opened up to it.
      const remoteDir = path.join(scratch, 'remote');
      beforeAll(() => {
        chmodSync(scratch, 0o755);
        mkdirSync(remoteDir, { recursive: true, mode: 0o755 });
      });

      for (const [file, name] of [
        ['sftp-client.ts', 'sftp-example.bin'],
        ['scp-client.ts', 'scp-example.bin'],
      ] as const) {
        it(`${file} downloads a file into the current folder`, async () => {
          const bytes = randomBytes(200_000);
          writeFileSync(path.join(remoteDir, name), bytes, { mode: 0o644 });
          const r = await run(file, path.join(remoteDir, name));
          expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
          expect(sha256(readFileSync(path.join(scratch, name)))).toBe(sha256(bytes));
        });

        it(`${file} reports a file that is not there`, async () => {
          const r = await run(file, path.join(remoteDir, `missing-${name}`));
          expect(r.code).toBe(1);
          expect(r.stdout).toBe('');
          expect(r.stderr).toMatch(/^S(?:FTP|CP) operation failed: .*No such file/);
          expect(existsSync(path.join(scratch, `missing-${name}`))).toBe(false);
        });
      }
    });

    it('set-terminal gets a terminal of that type and size', async () => {
      expect(await run('set-terminal.ts')).toEqual({
        code: 0,
        stdout: 'xterm-color\r\n24 80\r\n',
        stderr: '',
      });
    });
  },
);

describe.skipIf(skipServers)(
  'server examples with OpenSSH ssh as the client',
  { concurrent: true, timeout: 90_000 },
  () => {
    const dir = path.join(scratch, 'server');
    let hostKey: KeyFiles;
    let userKey: KeyFiles;
    let env: Record<string, string>;
    beforeAll(() => {
      mkdirSync(dir, { recursive: true });
      hostKey = sshKeygen('ed25519', path.join(dir, 'ssh_host_key'));
      userKey = sshKeygen('ed25519', path.join(dir, 'id_user'));
      writeFileSync(path.join(dir, 'authorized_keys'), `${userKey.publicLine}\n`);
      env = { SSH_HOST_KEY: hostKey.path, SSH_AUTHORIZED_KEYS: path.join(dir, 'authorized_keys') };
    });

    /** Start a server example on a port it picks; stop() ends it by its pid. */
    async function serve(file: string, extraEnv: Record<string, string> = {}, args: string[] = []) {
      const w = startExample(`server/${file}`, ['127.0.0.1:0', ...args], { ...env, ...extraEnv });
      try {
        const port = Number((await w.waitFor(/^Listening on port (\d+)$/m))[1]);
        const knownHosts = `[127.0.0.1]:${port} ${hostKey.publicLine.split(' ').slice(0, 2).join(' ')}\n`;
        return { port, knownHosts, output: w.stdout, stop: () => stopChild(w) };
      } catch (err) {
        await stopChild(w);
        throw err;
      }
    }

    /** Options of OpenSSH's ssh, sftp and scp to log in to 127.0.0.1:port with the user key. */
    function loginArgs(portFlag: '-p' | '-P', port: number): string[] {
      const kh = path.join(dir, `known_hosts-${port}`);
      writeFileSync(kh, `[127.0.0.1]:${port} ${hostKey.publicLine.split(' ').slice(0, 2).join(' ')}\n`);
      return [
        '-F',
        '/dev/null',
        portFlag,
        String(port),
        '-i',
        userKey.path,
        '-o',
        'BatchMode=yes',
        '-o',
        'IdentitiesOnly=yes',
        '-o',
        'StrictHostKeyChecking=yes',
        '-o',
        `UserKnownHostsFile=${kh}`,
        '-o',
        'GlobalKnownHostsFile=/dev/null',
      ];
    }

    /** OpenSSH's `sftp -b -` running `commands` as `user`, until it exits. */
    function sftpBatch(port: number, commands: string, user = 'alice'): Promise<Run> {
      const child = spawn('sftp', [...loginArgs('-P', port), '-b', '-', `${user}@127.0.0.1`], {
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      child.stdin.end(commands);
      return watch(child, 'sftp').done;
    }

    /** OpenSSH's `scp -O` (the SCP protocol, not SFTP) with these paths, until it exits. */
    function scpLegacy(port: number, ...paths: string[]): Promise<Run> {
      const child = spawn('scp', [...loginArgs('-P', port), '-O', ...paths], {
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      return watch(child, 'scp').done;
    }

    /** OpenSSH ssh with stdin from us (runOpenSshClient gives it none), logging in with the user key. */
    function ssh(
      port: number,
      opts: {
        user?: string;
        tty?: boolean;
        command?: string;
        env?: Record<string, string>;
        /** More options, e.g. -W, -L, -R. */
        extra?: string[];
      },
    ) {
      const args = [
        ...loginArgs('-p', port),
        opts.tty ? '-tt' : '-T',
        ...(opts.extra ?? []),
        `${opts.user ?? 'alice'}@127.0.0.1`,
        ...(opts.command ? [opts.command] : []),
      ];
      const child = spawn('ssh', args, {
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { ...process.env, ...opts.env },
      });
      return watch(child, 'ssh');
    }

    it('simple-server lets guest in without a password and user123 with one', async () => {
      const srv = await serve('simple-server.ts');
      try {
        const base = { port: srv.port, knownHosts: srv.knownHosts };
        const guest = await runOpenSshClient({ ...base, user: 'guest' });
        expect(guest.stdout).toBe('Welcome to my SSH server, guest!\n');
        expect(guest.code).toBe(0);
        const user = await runOpenSshClient({ ...base, user: 'user123', password: 'secretpw' });
        expect(user.stdout).toBe('Welcome to my SSH server, user123!\n');
        expect(user.code).toBe(0);
        const wrong = await runOpenSshClient({
          ...base,
          user: 'user123',
          password: 'guessed',
          options: ['NumberOfPasswordPrompts=1'],
        });
        expect(wrong.stdout).toBe('');
        expect(wrong.code).not.toBe(0);
      } finally {
        await srv.stop();
      }
    });

    it("simple-keyed-server checks each user's own authorized_keys file", async () => {
      const keysDir = path.join(dir, 'keys');
      mkdirSync(keysDir, { recursive: true });
      writeFileSync(path.join(keysDir, 'alice'), `${userKey.publicLine}\n`);
      const srv = await serve('simple-keyed-server.ts', { SSH_AUTHORIZED_KEYS_DIR: keysDir });
      try {
        const identity = readFileSync(userKey.path, 'utf8');
        const base = { port: srv.port, knownHosts: srv.knownHosts, identity };
        const alice = await runOpenSshClient({ ...base, user: 'alice' });
        expect(alice.stdout, alice.stderr.slice(-2500)).toBe('Welcome to my SSH server, alice!\n');
        expect(alice.code).toBe(0);
        const bob = await runOpenSshClient({ ...base, user: 'bob' });
        expect(bob.stdout).toBe('');
        expect(bob.stderr).toMatch(/Permission denied/);
      } finally {
        await srv.stop();
      }
    });

    it('simple-cert-server shows its host certificate and lets in user certificates for their principal only', async () => {
      const ca = sshKeygen('ed25519', path.join(dir, 'user_ca'));
      writeFileSync(path.join(dir, 'ssh_user_ca'), `cert-authority ${ca.publicLine}\n`);
      const certKey = sshKeygen('ed25519', path.join(dir, 'id_cert'));
      execFileSync('ssh-keygen', ['-q', '-s', ca.path, '-I', 'alice', '-n', 'alice', `${certKey.path}.pub`]);
      const hostCa = sshKeygen('ed25519', path.join(dir, 'host_ca'));
      execFileSync('ssh-keygen', [
        '-q',
        '-s',
        hostCa.path,
        '-h',
        '-I',
        'host',
        '-n',
        '127.0.0.1',
        `${hostKey.path}.pub`,
      ]);
      const srv = await serve('simple-cert-server.ts', {
        SSH_USER_CA: path.join(dir, 'ssh_user_ca'),
        SSH_HOST_CERT: `${hostKey.path}-cert.pub`,
      });
      try {
        const base = {
          port: srv.port,
          // Only the host CA is trusted: ssh gets in only if the server shows its host certificate.
          knownHosts: knownHostsLine(`@cert-authority [127.0.0.1]:${srv.port}`, hostCa.publicLine),
          identity: readFileSync(certKey.path, 'utf8'),
          options: [`CertificateFile=${certKey.path}-cert.pub`],
        };
        const alice = await runOpenSshClient({ ...base, user: 'alice' });
        expect(alice.stdout, alice.stderr.slice(-2500)).toBe('Welcome to my SSH server, alice!\n');
        expect(alice.code).toBe(0);
        const bob = await runOpenSshClient({ ...base, user: 'bob' });
        expect(bob.stdout).toBe('');
        expect(bob.stderr).toMatch(/Permission denied/);
      } finally {
        await srv.stop();
      }
    });

    for (const file of ['math-server.ts', 'callback-math-server.ts']) {
      it(`${file} adds up the numbers it reads`, async () => {
        const srv = await serve(file);
        try {
          const s = ssh(srv.port, {});
          s.child.stdin?.end('1\n2\nthree\n39\n');
          const r = await s.done;
          expect(r.stdout).toBe('Enter numbers one per line, or EOF when done:\nTotal = 42\n');
          expect(r.stderr).toMatch(/Invalid number: three\n/);
          expect(r.code).toBe(0);
        } finally {
          await srv.stop();
        }
      });
    }

    it('redirect-server connects the client to bc on the server', async () => {
      const srv = await serve('redirect-server.ts');
      try {
        const s = ssh(srv.port, { command: 'bc' });
        s.child.stdin?.end('2+2\n2^10\n');
        expect(await s.done).toMatchObject({ code: 0, stdout: '4\n1024\n' });
      } finally {
        await srv.stop();
      }
    });

    it('chat-server passes lines between two clients', async () => {
      const srv = await serve('chat-server.ts');
      try {
        const alice = ssh(srv.port, {});
        await alice.waitFor(/Enter your name: /);
        alice.child.stdin?.write('alice\n');
        await alice.waitFor(/0 other users are connected/);
        const bob = ssh(srv.port, { user: 'bob' });
        await bob.waitFor(/Enter your name: /);
        bob.child.stdin?.write('bob\n');
        await bob.waitFor(/1 other users are connected/);
        await alice.waitFor(/\*\*\* bob has entered chat \*\*\*\n/);
        bob.child.stdin?.write('hello alice\n');
        await alice.waitFor(/bob: hello alice\n/);
        alice.child.stdin?.write('hi bob\n');
        await bob.waitFor(/alice: hi bob\n/);
        bob.child.stdin?.end();
        await alice.waitFor(/\*\*\* bob has left chat \*\*\*\n/);
        alice.child.stdin?.end();
        const [a, b] = await Promise.all([alice.done, bob.done]);
        expect(a.code).toBe(0);
        expect(b.code).toBe(0);
        expect(b.stdout).not.toMatch(/hello alice/);
      } finally {
        await srv.stop();
      }
    });

    it('editor turns echo off for the secret, then reads a single key', async () => {
      const srv = await serve('editor.ts');
      try {
        const s = ssh(srv.port, { tty: true });
        await s.waitFor(/Tell me a secret: /);
        s.child.stdin?.write('hunter2\r');
        await s.waitFor(/Press any key to exit\.\.\./);
        s.child.stdin?.write('x');
        const r = await s.done;
        expect(r.stdout).toMatch(/^Welcome to my SSH server, alice!\r\n\r\nTell me a secret: /);
        expect(r.stdout).not.toMatch(/hunter2/);
        expect(r.code).toBe(0);
      } finally {
        await srv.stop();
      }
    });

    it('show-environment lists what ssh sent with SetEnv, and fails without any', async () => {
      const srv = await serve('show-environment.ts');
      try {
        const base = {
          port: srv.port,
          knownHosts: srv.knownHosts,
          identity: readFileSync(userKey.path, 'utf8'),
        };
        const set = await runOpenSshClient({
          ...base,
          user: 'alice',
          options: ['SetEnv=LANG=en_GB LC_COLLATE=C'],
        });
        expect(set.stdout).toBe('Environment:\n  LANG:       en_GB\n  LC_COLLATE: C\n');
        expect(set.code).toBe(0);
        const none = await runOpenSshClient({ ...base, user: 'alice' });
        expect(none.stdout).toBe('');
        expect(none.stderr).toMatch(/No environment sent\./);
        expect(none.code).toBe(1);
      } finally {
        await srv.stop();
      }
    });

    it('reverse-client dials out, then runs what OpenSSH ssh asks', async () => {
      const [inbound, inboundPort] = await tcpListener();
      const [relay, relayPort] = await tcpListener();
      try {
        const dialled = once(inbound, 'connection') as Promise<[net.Socket]>;
        const w = startExample('client/reverse-client.ts', [`127.0.0.1:${inboundPort}`], {
          SSH_HOST_KEY: hostKey.path,
          SSH_AUTHORIZED_KEYS: path.join(dir, 'authorized_keys'),
        });
        try {
          // ssh reaches the example's connection through a relay, with a Node one-liner as its ProxyCommand.
          const [fromExample] = await dialled;
          relay.once('connection', (fromSsh: net.Socket) => {
            fromExample.pipe(fromSsh);
            fromSsh.pipe(fromExample);
          });
          const r = await runOpenSshClient({
            port: relayPort,
            knownHosts: knownHostsLine(`[127.0.0.1]:${relayPort}`, hostKey.publicLine),
            identity: readFileSync(userKey.path, 'utf8'),
            command: 'echo hello; echo oops >&2; exit 3',
            // The proxy half-closes the relay when ssh is done, so the example sees EOF and exits.
            options: [
              `ProxyCommand=${process.execPath} -e 'const s = require("net").connect(%p, "127.0.0.1"); process.stdin.pipe(s); s.pipe(process.stdout)'`,
            ],
          });
          expect(r.stdout).toBe('hello\n');
          expect(r.stderr).toMatch(/^oops$/m);
          expect(r.code).toBe(3);
          expect(await w.done).toMatchObject({ code: 0, stderr: '' });
        } finally {
          await stopChild(w);
        }
      } finally {
        inbound.close();
        relay.close();
      }
    });

    for (const file of ['direct-server.ts', 'stream-direct-server.ts']) {
      it(`${file} echoes ssh -W connections to port 7 and refuses other ports`, async () => {
        const srv = await serve(file);
        try {
          const echo = ssh(srv.port, { extra: ['-W', 'localhost:7'] });
          echo.child.stdin?.end('hello, echo\nsecond line\n');
          expect(await echo.done).toMatchObject({ code: 0, stdout: 'hello, echo\nsecond line\n' });
          const web = ssh(srv.port, { extra: ['-W', 'localhost:80'] });
          web.child.stdin?.end(GET);
          const r = await web.done;
          expect(r.stdout).toBe('');
          expect(r.stderr).toMatch(/open failed: administratively prohibited: Only echo connections allowed/);
          expect(r.code).toBe(255);
        } finally {
          await srv.stop();
        }
      });
    }

    describe('port forwarding', () => {
      let web: http.Server;
      let webPort: number;
      beforeAll(async () => {
        [web, webPort] = await webServer();
      });
      afterAll(() => {
        web?.close();
      });

      it('local-forwarding-server carries ssh -L to the allowed port only', async () => {
        const srv = await serve('local-forwarding-server.ts', {}, [String(webPort)]);
        const [allowed, other] = [await freePort(), await freePort()];
        const s = ssh(srv.port, {
          extra: ['-N', '-L', `${allowed}:127.0.0.1:${webPort}`, '-L', `${other}:127.0.0.1:9`],
        });
        try {
          expectWebAnswer((await exchange(allowed, GET, s)).reply);
          expect((await exchange(other, GET, s)).reply).toBe('');
        } finally {
          await stopChild(s);
          await srv.stop();
        }
        expect(s.stderr()).toMatch(
          new RegExp(
            `open failed: administratively prohibited: Only connections to port ${webPort} are allowed`,
          ),
        );
      });

      it('remote-forwarding-server listens for ssh -R on the allowed port only', async () => {
        const [allowed, other] = [await freePort(), await freePort()];
        const srv = await serve('remote-forwarding-server.ts', {}, [String(allowed)]);
        try {
          const refused = ssh(srv.port, {
            extra: ['-N', '-o', 'ExitOnForwardFailure=yes', '-R', `${other}:127.0.0.1:${webPort}`],
          });
          const r = await refused.done;
          expect(r.stderr).toMatch(new RegExp(`remote port forwarding failed for listen port ${other}`));
          expect(r.code).toBe(255);
          const s = ssh(srv.port, {
            extra: ['-N', '-o', 'ExitOnForwardFailure=yes', '-R', `${allowed}:127.0.0.1:${webPort}`],
          });
          try {
            expectWebAnswer((await exchange(allowed, GET, s)).reply);
          } finally {
            await stopChild(s);
          }
        } finally {
          await srv.stop();
        }
      });
    });

    describe('file transfer', () => {
      const files = path.join(dir, 'files');
      const source = path.join(files, 'payload.bin');
      const payload = randomBytes(300_000);
      beforeAll(() => {
        mkdirSync(files, { recursive: true });
        writeFileSync(source, payload);
      });

      it('simple-sftp-server serves OpenSSH sftp from the local disk, and no scp', async () => {
        const srv = await serve('simple-sftp-server.ts');
        try {
          const up = path.join(files, 'sftp-up.bin');
          const back = path.join(files, 'sftp-back.bin');
          const r = await sftpBatch(srv.port, `put ${source} ${up}\nget ${up} ${back}\nls ${files}\n`);
          expect(r.code, r.stderr).toBe(0);
          expect(sha256(readFileSync(up))).toBe(sha256(payload));
          expect(sha256(readFileSync(back))).toBe(sha256(payload));
          expect(r.stdout).toMatch(/sftp-up\.bin/);
          // Without allowScp the scp command is another session request, which this server refuses.
          const scp = await scpLegacy(srv.port, `alice@127.0.0.1:${up}`, path.join(files, 'not-copied.bin'));
          expect(scp.code).not.toBe(0);
          expect(scp.stderr).toMatch(/this server only provides SFTP/);
          expect(existsSync(path.join(files, 'not-copied.bin'))).toBe(false);
        } finally {
          await srv.stop();
        }
      });

      it('chroot-sftp-server gives each user a folder of their own as /', async () => {
        const root = path.join(dir, 'sftp-root');
        const srv = await serve('chroot-sftp-server.ts', { SFTP_ROOT: root });
        try {
          const back = path.join(files, 'chroot-back.bin');
          const alice = await sftpBatch(
            srv.port,
            `pwd\nput ${source} /upload.bin\ncd ..\npwd\nls -1 /\nget /upload.bin ${back}\n`,
          );
          expect(alice.code, alice.stderr).toBe(0);
          expect(alice.stdout).toMatch(
            /^Remote working directory: \/\n[\s\S]*^Remote working directory: \/\n/m,
          );
          expect(alice.stdout).toMatch(/^sftp> ls -1 \/\n\/upload\.bin\n/m);
          expect(sha256(readFileSync(path.join(root, 'alice', 'upload.bin')))).toBe(sha256(payload));
          expect(sha256(readFileSync(back))).toBe(sha256(payload));
          // bob's folder is another one: alice's file is not in it, and outside paths fail.
          const bob = await sftpBatch(srv.port, 'ls -1 /\nget /upload.bin\n', 'bob');
          expect(bob.stdout).toBe('sftp> ls -1 /\nsftp> get /upload.bin\n');
          expect(bob.stderr).toMatch(/not found|No such file/);
          expect(bob.code).toBe(1);
          expect(readdirSync(root).sort()).toEqual(['alice', 'bob']);
          expect(readdirSync(path.join(root, 'bob'))).toEqual([]);
          // A user name that would lead out of the root gets no SFTP session.
          const dots = await sftpBatch(srv.port, 'ls /\n', '..');
          expect(dots.code).not.toBe(0);
          expect(readdirSync(root).sort()).toEqual(['alice', 'bob']);
        } finally {
          await srv.stop();
        }
      });

      it('simple-scp-server copies files and folders both ways with OpenSSH scp -O, and serves sftp', async () => {
        const srv = await serve('simple-scp-server.ts');
        try {
          const up = path.join(files, 'scp-up.bin');
          const down = path.join(files, 'scp-down.bin');
          let r = await scpLegacy(srv.port, source, `alice@127.0.0.1:${up}`);
          expect(r.code, r.stderr).toBe(0);
          expect(sha256(readFileSync(up))).toBe(sha256(payload));
          r = await scpLegacy(srv.port, `alice@127.0.0.1:${up}`, down);
          expect(r.code, r.stderr).toBe(0);
          expect(sha256(readFileSync(down))).toBe(sha256(payload));
          const tree = path.join(files, 'tree');
          mkdirSync(path.join(tree, 'sub'), { recursive: true });
          writeFileSync(path.join(tree, 'a.txt'), 'first file\n');
          writeFileSync(path.join(tree, 'sub', 'b.txt'), 'second file\n');
          r = await scpLegacy(srv.port, '-r', tree, `alice@127.0.0.1:${path.join(files, 'tree-copy')}`);
          expect(r.code, r.stderr).toBe(0);
          expect(readFileSync(path.join(files, 'tree-copy', 'a.txt'), 'utf8')).toBe('first file\n');
          expect(readFileSync(path.join(files, 'tree-copy', 'sub', 'b.txt'), 'utf8')).toBe('second file\n');
          const sftp = await sftpBatch(srv.port, `get ${up} ${path.join(files, 'scp-sftp.bin')}\n`);
          expect(sftp.code, sftp.stderr).toBe(0);
          expect(sha256(readFileSync(path.join(files, 'scp-sftp.bin')))).toBe(sha256(payload));
        } finally {
          await srv.stop();
        }
      });
    });

    it('show-terminal reports the terminal type ssh asked for', async () => {
      const srv = await serve('show-terminal.ts');
      try {
        const s = ssh(srv.port, { tty: true, env: { TERM: 'xterm-example' } });
        await s.waitFor(/Try resizing your window!/);
        s.child.stdin?.end('\x04');
        const r = await s.done;
        expect(r.stdout).toMatch(
          /^Terminal type: xterm-example, size: \d+x\d+\r\nTry resizing your window!\r\n/,
        );
        expect(r.code).toBe(0);
      } finally {
        await srv.stop();
      }
    });
  },
);

// The typecheck runs alongside the examples (root tsconfig.json does not cover examples/).
const buildInfo = path.join(tmpdir(), 'ssh-examples-tsc', 'tsbuildinfo');
const typecheck = new Promise<Run>((resolve) => {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFile(
    process.execPath,
    // --incremental keeps what it learnt in the temp folder, halving later runs.
    [
      tsc,
      '-p',
      path.join(examplesDir, 'tsconfig.json'),
      '--noEmit',
      '--incremental',
      '--tsBuildInfoFile',
      buildInfo,
    ],
    { cwd: root },
    (err, stdout, stderr) => resolve({ code: err ? 1 : 0, stdout, stderr }),
  );
});

describe('the examples', () => {
  it('typecheck (examples/tsconfig.json)', async () => {
    const result = await typecheck;
    expect(result.stdout).toBe('');
    expect(result.code).toBe(0);
  }, 120_000);

  it('appear in the README exactly as in their files', () => {
    const readme = readFileSync(path.join(root, 'packages/ssh/README.md'), 'utf8');
    const blocks = new Map<string, string>();
    for (const m of readme.matchAll(
      /\[`(examples\/[\w/.-]+\.ts)`\]\([^)]*\)[^\n]*\n+```ts\n([\s\S]*?)```\n/g,
    )) {
      blocks.set(m[1] as string, m[2] as string);
    }
    const files = ['client', 'server'].flatMap((d) =>
      readdirSync(path.join(examplesDir, d))
        .filter((f) => f.endsWith('.ts'))
        .map((f) => `examples/${d}/${f}`),
    );
    expect([...blocks.keys()].sort()).toEqual(files.sort());
    for (const file of files)
      expect(blocks.get(file), file).toBe(readFileSync(path.join(root, file), 'utf8'));
  });
});

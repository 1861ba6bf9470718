import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { generatePrivateKey } from '@ssh/crypto';
import { hasAsyncSsh, missingPeer, peerHost, type RunningServer, startOpenSshd } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LISTEN_REVERSE, runPython } from './python.js';

// Hostname canonicalization looks names up with the system resolver. So that
// the names are ours and nothing on the machine changes, each run gets a
// private mount namespace (`unshare --mount`) with our hosts file bind-mounted
// over /etc/hosts; OpenSSH's `ssh -G` / `ssh` and a child node process running
// our sources (through tsx) then see the same names. glibc's hosts file only
// answers a name ending in `.` (as ssh looks suffixed names up) when the file
// lists it with the dot, so each name is listed both ways.

const HOSTS = [
  '127.0.0.1 localhost',
  '127.0.0.1 vm.example.test vm.example.test. vm',
  '127.0.0.1 real.example.test real.example.test. alias.example.test alias.example.test.',
  '127.0.0.1 other.sub.example.test other.sub.example.test.',
  '',
].join('\n');

const here = path.dirname(fileURLToPath(import.meta.url));
const pkg = path.resolve(here, '../..');
const configNode = pathToFileURL(path.resolve(pkg, '../config/src/node.ts')).href;
const umbrella = pathToFileURL(path.resolve(pkg, 'src/index.ts')).href;

// The child: for each case, what `ssh -G` prints and what we resolve; for a
// connect case, what a real `ssh` and our `connect` get from the server.
const CHILD = `
import { spawnSync } from 'node:child_process';
const { loadClientConfigCanonical } = await import(${JSON.stringify(configNode)});
const { connect, connectReverse } = await import(${JSON.stringify(umbrella)});
const cases = JSON.parse(process.env.CANON_CASES);
const out = [];
for (const c of cases) {
  if (c.kind === 'resolve') {
    const g = spawnSync('ssh', ['-G', '-F', c.config, c.host], { encoding: 'utf8' });
    const pick = (k) => g.stdout.split('\\n').find((l) => l.startsWith(k + ' '))?.slice(k.length + 1);
    const openssh = g.status === 0 ? { hostname: pick('hostname'), port: Number(pick('port')), user: pick('user') } : { error: g.status };
    let ours;
    try {
      const r = await loadClientConfigCanonical(c.host, { config: [c.config] });
      ours = { hostname: r.hostname, port: r.port, user: r.user };
    } catch (e) {
      ours = { error: e.name === 'ConfigParseError' ? 'ConfigParseError' : e.name };
    }
    out.push({ name: c.name, openssh, ours });
  } else if (c.kind === 'options') {
    // No config file: the canonicalize* options alone; known_hosts names only the canonical host.
    let ours;
    try {
      const conn = await connect(c.host, { config: null, ...c.options });
      try {
        ours = { out: (await conn.run('echo from-options')).stdout };
      } finally {
        conn.close();
      }
    } catch (e) {
      ours = { error: e.name };
    }
    out.push({ name: c.name, openssh: {}, ours });
  } else if (c.kind === 'reverse') {
    // connectReverse with the server's canonicalize* options: AsyncSSH listen_reverse waits on the canonical name.
    let ours;
    try {
      const conn = await connectReverse(c.host, {
        ...c.options,
        processFactory: (p) => {
          p.stdout.write('reverse ' + p.command + '\\n');
          p.exit(0);
        },
      });
      await conn.waitClosed();
      ours = { out: 'closed' };
    } catch (e) {
      ours = { error: e.name };
    }
    out.push({ name: c.name, openssh: {}, ours });
  } else {
    const s = spawnSync('ssh', ['-F', c.config, c.host, 'echo from-openssh'], { encoding: 'utf8', timeout: 20000 });
    let ours;
    try {
      const conn = await connect(c.host, { config: c.config });
      try {
        ours = { out: (await conn.run('echo from-ours')).stdout };
      } finally {
        conn.close();
      }
    } catch (e) {
      ours = { error: e.name + ': ' + e.message };
    }
    out.push({ name: c.name, openssh: { code: s.status, out: s.stdout }, ours });
  }
}
console.log(JSON.stringify(out));
`;

interface Case {
  kind: 'resolve' | 'connect' | 'options' | 'reverse';
  name: string;
  host: string;
  config?: string;
  options?: Record<string, unknown>;
}

const canUnshare = () => spawnSync('unshare', ['--mount', 'true']).status === 0;
const present = peerHost('debian12')?.has('/usr/sbin/sshd') && canUnshare();
const skip = present
  ? false
  : missingPeer('OpenSSH ssh/sshd and unshare(1)', 'apt-get install openssh-server util-linux').skip;

const dir = mkdtempSync(path.join(tmpdir(), 'ssh-config-canon-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function conf(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

type Result = { name: string; openssh: Record<string, unknown>; ours: Record<string, unknown> };

/** Run the cases in a child node process in a mount namespace with our /etc/hosts. */
function runCases(cases: Case[]): Promise<Result[]> {
  const hosts = path.join(dir, 'hosts');
  writeFileSync(hosts, HOSTS);
  const child = path.join(dir, 'child.mjs');
  writeFileSync(child, CHILD);
  const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const script = `mount --bind ${q(hosts)} /etc/hosts && exec ${q(process.execPath)} --conditions=@ssh/source --import tsx ${q(child)}`;
  return new Promise((resolve, reject) => {
    const p = spawn('unshare', ['--mount', 'sh', '-c', script], {
      cwd: pkg,
      env: { ...process.env, CANON_CASES: JSON.stringify(cases) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
    });
    p.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    const timer = setTimeout(() => p.kill('SIGKILL'), 60_000);
    p.on('close', (code) => {
      clearTimeout(timer);
      const last = stdout.trim().split('\n').pop() ?? '';
      if (code !== 0 || !last.startsWith('[')) reject(new Error(`child failed (${code}): ${stderr}`));
      else resolve(JSON.parse(last) as Result[]);
    });
  });
}

describe.skipIf(skip)(
  'hostname canonicalization, compared with OpenSSH ssh in a namespace with our /etc/hosts',
  () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startOpenSshd({ generation: 'debian12' });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('resolves the same host name, port and user as ssh -G for each canonicalization rule', async () => {
      const canonicalPort = [
        'Match canonical host vm.example.test,real.example.test,other.sub.example.test',
        '  Port 2200',
        'Match canonical',
        '  User canon',
        '',
      ].join('\n');
      const cases: Case[] = [
        ['suffix', 'vm', 'CanonicalizeHostname yes\nCanonicalDomains nowhere.invalid example.test\n'],
        ['domains-none', 'vm', 'CanonicalizeHostname yes\nCanonicalDomains none\n'],
        ['domains-none-not-alone', 'vm', 'CanonicalizeHostname yes\nCanonicalDomains example.test none\n'],
        ['no-suffix-resolves', 'vm', 'CanonicalizeHostname yes\nCanonicalDomains nowhere.invalid\n'],
        ['off', 'vm', 'CanonicalizeHostname no\nCanonicalDomains example.test\n'],
        ['max-dots', 'other.sub', 'CanonicalizeHostname yes\nCanonicalDomains example.test\n'],
        [
          'max-dots-raised',
          'other.sub',
          'CanonicalizeHostname yes\nCanonicalizeMaxDots 2\nCanonicalDomains example.test\n',
        ],
        ['fqdn', 'vm.example.test.', 'CanonicalizeHostname yes\n'],
        [
          'cname-permitted',
          'alias',
          'CanonicalizeHostname yes\nCanonicalDomains example.test\nCanonicalizePermittedCNAMEs *.example.test:real.*\n',
        ],
        [
          'cname-not-permitted',
          'alias',
          'CanonicalizeHostname yes\nCanonicalDomains example.test\nCanonicalizePermittedCNAMEs *.example.test:other.*\n',
        ],
        [
          'cname-without-suffix',
          'alias.example.test',
          'CanonicalizeHostname yes\nCanonicalizePermittedCNAMEs *:*.example.test\n',
        ],
        [
          'proxied-yes',
          'vm',
          'CanonicalizeHostname yes\nCanonicalDomains example.test\nProxyJump jump.invalid\n',
        ],
        [
          'proxied-always',
          'vm',
          'CanonicalizeHostname always\nCanonicalDomains example.test\nProxyCommand nc %h %p\n',
        ],
        [
          'hostname-then-suffix',
          'nick',
          'Host nick\n  HostName VM\nCanonicalizeHostname yes\nCanonicalDomains example.test\n',
        ],
        ['address', '127.0.0.1', 'CanonicalizeHostname yes\nCanonicalDomains example.test\n'],
        [
          'fallback-off',
          'nosuch',
          'CanonicalizeHostname yes\nCanonicalizeFallbackLocal no\nCanonicalDomains example.test\n',
        ],
      ].map(([name = '', host = '', text = '']) => ({
        kind: 'resolve' as const,
        name,
        host,
        config: conf(`${name}.conf`, text + canonicalPort),
      }));
      const results = await runCases(cases);
      expect(results.map((r) => r.name)).toEqual(cases.map((c) => c.name));
      // ssh exits with 255 both on a bad config line and on a name it must canonicalize and cannot.
      const errors: Record<string, string> = {
        'domains-none-not-alone': 'ConfigParseError',
        'fallback-off': 'CanonicalizeError',
      };
      for (const r of results) {
        if ('error' in r.openssh)
          expect({ [r.name]: r.ours }).toEqual({ [r.name]: { error: errors[r.name] } });
        else expect({ [r.name]: r.ours }).toEqual({ [r.name]: r.openssh });
      }
      expect(results.filter((r) => 'error' in r.openssh).map((r) => r.name)).toEqual(Object.keys(errors));
      // The oracle did canonicalize: not every case kept its name.
      const byName = Object.fromEntries(results.map((r) => [r.name, r.ours]));
      expect(byName.suffix).toEqual({ hostname: 'vm.example.test', port: 2200, user: 'canon' });
      expect(byName['cname-permitted']).toMatchObject({ hostname: 'real.example.test' });
      expect(byName['fallback-off']).toEqual({ error: 'CanonicalizeError' });
    });

    it('connect reaches sshd through a port only the canonical name gets, as ssh does', async () => {
      const hostLine = server.hostKeys[0]?.publicLine.split(' ').slice(0, 2).join(' ');
      const kh = path.join(dir, 'canon_known_hosts');
      writeFileSync(kh, `vm.example.test,real.example.test ${hostLine}\n`);
      const body = [
        'BatchMode yes',
        'CanonicalizeHostname yes',
        'CanonicalDomains nowhere.invalid example.test',
        'CanonicalizePermittedCNAMEs *.example.test:*.example.test',
        'Match canonical host vm.example.test,real.example.test',
        `  Port ${server.port}`,
        `  User ${server.user}`,
        `  IdentityFile ${server.clientKey.path}`,
        `  UserKnownHostsFile ${kh}`,
        '  GlobalKnownHostsFile /dev/null',
        '  StrictHostKeyChecking yes',
        '  IdentitiesOnly yes',
        '',
      ].join('\n');
      const config = conf('connect.conf', body);
      const results = await runCases([
        { kind: 'connect', name: 'suffix', host: 'vm', config },
        { kind: 'connect', name: 'cname', host: 'alias', config },
      ]);
      for (const r of results) {
        expect({ [r.name]: r.openssh }).toEqual({ [r.name]: { code: 0, out: 'from-openssh\n' } });
        expect({ [r.name]: r.ours }).toMatchObject({ [r.name]: { out: 'from-ours\n' } });
      }
    });

    it('the canonicalize* options of connect work without a config file, and the canonical name is checked in known_hosts', async () => {
      const hostLine = server.hostKeys[0]?.publicLine.split(' ').slice(0, 2).join(' ');
      const kh = path.join(dir, 'options_known_hosts');
      writeFileSync(kh, `[vm.example.test]:${server.port} ${hostLine}\n`);
      const options = {
        port: server.port,
        username: server.user,
        clientKeys: [server.clientKey.path],
        knownHosts: kh,
        canonicalDomains: ['nowhere.invalid', 'example.test'],
      };
      const results = await runCases([
        { kind: 'options', name: 'on', host: 'vm', options: { ...options, canonicalizeHostname: true } },
        { kind: 'options', name: 'off', host: 'vm', options },
        {
          kind: 'options',
          name: 'fallback-off',
          host: 'nosuch',
          options: { ...options, canonicalizeHostname: true, canonicalizeFallbackLocal: false },
        },
      ]);
      expect(Object.fromEntries(results.map((r) => [r.name, r.ours]))).toEqual({
        on: { out: 'from-options\n' },
        off: { error: 'HostKeyNotVerifiable' },
        'fallback-off': { error: 'CanonicalizeError' },
      });
    });

    it('canonicalizeMaxDots and canonicalizePermittedCnames options decide the name connect checks and dials', async () => {
      const hostLine = server.hostKeys[0]?.publicLine.split(' ').slice(0, 2).join(' ');
      const kh = path.join(dir, 'dots_cname_known_hosts');
      writeFileSync(
        kh,
        `[other.sub.example.test]:${server.port},[real.example.test]:${server.port} ${hostLine}\n`,
      );
      const options = {
        port: server.port,
        username: server.user,
        clientKeys: [server.clientKey.path],
        knownHosts: kh,
        canonicalizeHostname: true,
        canonicalDomains: ['example.test'],
      };
      const results = await runCases([
        {
          kind: 'options',
          name: 'max-dots-0',
          host: 'other.sub',
          options: { ...options, canonicalizeMaxDots: 0 },
        },
        { kind: 'options', name: 'max-dots-default', host: 'other.sub', options },
        {
          kind: 'options',
          name: 'cname-permitted',
          host: 'alias',
          options: { ...options, canonicalizePermittedCnames: [[['*.example.test'], ['real.*']]] },
        },
        {
          kind: 'options',
          name: 'cname-not-permitted',
          host: 'alias',
          options: { ...options, canonicalizePermittedCnames: [[['*.example.test'], ['other.*']]] },
        },
      ]);
      expect(Object.fromEntries(results.map((r) => [r.name, r.ours]))).toEqual({
        // 'other.sub' has more dots than 0: it is dialled as given, and no such host exists.
        'max-dots-0': { error: 'ConnectionLost' },
        'max-dots-default': { out: 'from-options\n' },
        'cname-permitted': { out: 'from-options\n' },
        // alias.example.test stays the name, and known_hosts lists only real.example.test.
        'cname-not-permitted': { error: 'HostKeyNotVerifiable' },
      });
    });

    it.skipIf(!hasAsyncSsh('debian12'))(
      "connectReverse's canonicalize* options: AsyncSSH listen_reverse is reached through the canonical name",
      async () => {
        const hostKey = generatePrivateKey('ssh-ed25519');
        const userKey = generatePrivateKey('ssh-ed25519');
        const userKeyFile = path.join(dir, 'reverse_user_key');
        const hostKeyFile = path.join(dir, 'reverse_host_key');
        const authorized = path.join(dir, 'reverse_authorized_keys');
        writeFileSync(userKeyFile, userKey.exportPrivateKey('openssh'), { mode: 0o600 });
        writeFileSync(hostKeyFile, hostKey.exportPrivateKey('openssh'), { mode: 0o600 });
        writeFileSync(authorized, userKey.exportPublicKey('openssh'));
        let gotPort!: (p: number) => void;
        const portP = new Promise<number>((r) => {
          gotPort = r;
        });
        const lines: string[] = [];
        const py = runPython(dir, LISTEN_REVERSE, [userKeyFile], (line) => {
          if (line.startsWith('PORT ')) gotPort(Number(line.slice(5)));
          else lines.push(line);
        });
        const port = await Promise.race([
          portP,
          py.exited.then((code) => {
            throw new Error(`AsyncSSH exited (${code}) before listening: ${py.stderr()}`);
          }),
        ]);
        const options = {
          port,
          serverHostKeys: [hostKeyFile],
          authorizedClientKeys: authorized,
          canonicalizeHostname: true,
          canonicalDomains: ['nowhere.invalid', 'example.test'],
        };
        const results = await runCases([
          {
            kind: 'reverse',
            name: 'fallback-off',
            host: 'nosuch',
            options: { ...options, canonicalizeFallbackLocal: false },
          },
          {
            kind: 'reverse',
            name: 'max-dots-0',
            host: 'other.sub',
            options: { ...options, canonicalizeMaxDots: 0, connectTimeout: 10 },
          },
          {
            kind: 'reverse',
            name: 'max-dots-default',
            host: 'other.sub',
            options,
          },
        ]);
        expect(Object.fromEntries(results.map((r) => [r.name, r.ours]))).toEqual({
          'fallback-off': { error: 'CanonicalizeError' },
          'max-dots-0': { error: 'ConnectionLost' },
          'max-dots-default': { out: 'closed' },
        });
        expect(await py.exited).toBe(0);
        expect(lines).toEqual(['RESULT reverse hello reverse 0']);
      },
    );
  },
);

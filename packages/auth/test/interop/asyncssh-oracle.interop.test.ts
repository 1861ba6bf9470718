import { copyFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generatePrivateKey, type SSHKey } from '@ssh/crypto';
import {
  DEBIAN13_HINT,
  GENERATIONS,
  missingPeer,
  type PeerHost,
  type PeerWorkdir,
  peerHost,
} from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type AuthorizedKeyOptions,
  importAuthorizedKeys,
  importKnownHosts,
  type KnownHostsMatch,
} from '../../src/index.js';
import { run, workdir } from './openssh-tools.js';

const SCRIPT = fileURLToPath(new URL('./asyncssh-oracle.py', import.meta.url));
const ASYNCSSH = '/usr/lib/python3/dist-packages/asyncssh/__init__.py';

const keys = Array.from({ length: 4 }, (_, i) => generatePrivateKey('ssh-ed25519', { comment: `k${i}` }));
const pub = (k: SSHKey) => new TextDecoder().decode(k.convertToPublic().exportPublicKey()).trim();
const [a, b, c, d] = keys.map(pub) as [string, string, string, string];

// Only forms where OpenSSH and AsyncSSH agree: lower-case names, no CIDR in
// known_hosts, port 22 written as null (AsyncSSH's "default port").
const KNOWN_HOSTS = [
  `alpha.test,beta.test,192.0.2.10 ${a}`,
  `*.dev.test,!secret.dev.test ${b}`,
  `[alpha.test]:2222,[192.0.2.10]:2222 ${c}`,
  `@cert-authority *.test ${d}`,
  `@revoked beta.test ${b}`,
  `host?.test ${d}`,
  `[*.dev.test]:2200 ${a}`,
  `198.51.100.* ${c}`,
].join('\n');

const KH_QUERIES: [string, string, number | null][] = [];
for (const host of [
  'alpha.test',
  'beta.test',
  'x.dev.test',
  'secret.dev.test',
  'host1.test',
  'nope.example',
  '',
]) {
  for (const addr of ['', '192.0.2.10', '198.51.100.7', '203.0.113.1']) {
    for (const port of [null, 2222, 2200]) if (host || addr) KH_QUERIES.push([host, addr, port]);
  }
}

const AUTHORIZED_KEYS = [
  `from="10.0.0.0/8,!10.1.2.3,*.example.com",command="run \\"this\\"",no-pty ${a}`,
  `permitopen="192.0.2.1:80",permitopen="[::1]:*",environment="A=1",environment="B=x=y" ${b}`,
  `cert-authority,principals="adm-*,root,!adm-x",x-custom="1",x-custom="2",x-flag ${c}`,
  `from="192.0.2.0/24",from="!192.0.2.9,*" ${d}`,
  `restrict,pty,from="2001:db8::/32" ${d}`,
].join('\n');

const AK_QUERIES: [string, string, string, string[] | null, boolean][] = [];
for (const key of [a, b, c, d]) {
  for (const [host, addr] of [
    ['h.example.com', '10.1.2.3'],
    ['h.example.com', '11.0.0.1'],
    ['h.other', '10.9.9.9'],
    ['h.other', '192.0.2.9'],
    ['h.other', '192.0.2.8'],
    ['h.other', '2001:db8::5'],
  ] as const) {
    AK_QUERIES.push([key, host, addr, null, false]);
    for (const principals of [['root'], ['adm-x'], ['bob', 'adm-1']])
      AK_QUERIES.push([key, host, addr, principals, true]);
  }
}

// AsyncSSH lists a line twice when both the name and the address hit it; compare sets.
const fps = (ks: readonly SSHKey[]) => [...new Set(ks.map((k) => k.getFingerprint()))].sort();
const khAnswer = (m: KnownHostsMatch) => ({
  host: fps(m.hostKeys),
  ca: fps(m.caKeys),
  revoked: fps(m.revokedKeys),
});

function plainOptions(options: AuthorizedKeyOptions | null): unknown {
  if (!options) return null;
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(options)) {
    if (name === 'from' || name === 'principals') continue;
    out[name] =
      name === 'permitopen' || name === 'permitlisten'
        ? (value as { host: string; port: number | null }[]).map((t) => [t.host, t.port]).sort()
        : value;
  }
  return out;
}

for (const generation of GENERATIONS) {
  const peer = peerHost(generation);
  const present = peer?.has(ASYNCSSH) && peer.has('/usr/bin/python3');
  const hint = generation === 'debian12' ? 'apt-get install python3-asyncssh' : DEBIAN13_HINT;
  const skip = present ? false : missingPeer(`AsyncSSH (${generation})`, hint).skip;
  describe.skipIf(skip)(`known_hosts and authorized_keys against AsyncSSH (${generation})`, () => {
    const host = peer as PeerHost;
    let tmp: PeerWorkdir;
    beforeAll(() => {
      tmp = workdir(host, 'auth-asyncssh');
    });
    afterAll(() => tmp?.remove());

    it('gives the same matches and options as our parsers', () => {
      const script = tmp.file('oracle.py');
      copyFileSync(SCRIPT, script.local);
      const questions = tmp.file('questions.json');
      writeFileSync(
        questions.local,
        JSON.stringify({
          knownHosts: KNOWN_HOSTS,
          khQueries: KH_QUERIES,
          authorizedKeys: AUTHORIZED_KEYS,
          akQueries: AK_QUERIES,
        }),
      );
      const r = run(host, ['/usr/bin/python3', script.peer, questions.peer]);
      expect(r.status, r.err).toBe(0);
      const theirs = JSON.parse(r.out) as { version: string; kh: unknown[]; ak: unknown[] };
      const kh = importKnownHosts(KNOWN_HOSTS);
      const ours = KH_QUERIES.map(([h, addr, port]) => khAnswer(kh.match(h, addr, port)));
      KH_QUERIES.forEach((q, i) => {
        expect({ q, m: ours[i] }).toEqual({ q, m: theirs.kh[i] });
      });
      const ak = importAuthorizedKeys(AUTHORIZED_KEYS);
      const byLine = new Map(keys.map((k) => [pub(k), k]));
      AK_QUERIES.forEach(([line, h, addr, principals, ca], i) => {
        const options = ak.validate(byLine.get(line) as SSHKey, h, addr, principals, ca);
        expect({ i, h, addr, principals, ca, o: plainOptions(options) }).toEqual({
          i,
          h,
          addr,
          principals,
          ca,
          o: theirs.ak[i],
        });
      });
      expect(ours.some((m) => m.host.length > 0)).toBe(true);
      expect(theirs.ak.filter((o) => o !== null).length).toBeGreaterThan(10);
    });
  });
}

import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cipherRegistry, generatePrivateKey, type SSHKey } from '@ssh/crypto';
import {
  GENERATIONS,
  hasAsyncSsh,
  missingPeer,
  type RunningServer,
  runAsyncSshClient,
  startAsyncSshServer,
} from '@ssh/testing';
import { DISC_NO_MORE_AUTH_METHODS_AVAILABLE, MSG_IGNORE, PacketWriter } from '@ssh/wire';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NegotiatedAlgorithms } from '../../src/kex/negotiate.js';
import { fromNodeStream } from '../../src/node/socket-stream.js';
import { Transport } from '../../src/transport.js';
import { type OurServer, startOurServer } from '../our-server.js';

// The legacy ciphers (supported, off by default) against the peers that still speak them:
// - AsyncSSH 2.10 (Debian 12) and 2.20 (Debian 13), both roles: all six, through pyca/cryptography's
//   Blowfish, CAST5, SEED and ARC4 (deprecated there, still present).
// - PuTTY 0.78 plink (client): blowfish-cbc, arcfour256 and arcfour128 (its "blowfish" and "arcfour"
//   settings); it has no cast128-cbc, no seed-cbc@ssh.com and no plain arcfour (PuTTY only ever did the
//   RFC 4345 variants that discard 1536 bytes).
// - OpenSSH 9.2 / 10: none: blowfish-cbc, cast128-cbc and arcfour* were removed in 7.6 and
//   seed-cbc@ssh.com was never there. Dropbear 2022.83: none (chacha20-poly1305 and aes-ctr only).
// So AsyncSSH checks every one both ways, plink three, and our client against our server all six.

const LEGACY = ['blowfish-cbc', 'cast128-cbc', 'seed-cbc@ssh.com', 'arcfour256', 'arcfour128', 'arcfour'];
/** Encrypt-then-MAC (length in the clear) and encrypt-and-MAC (the first block decrypted on its own). */
const MACS = ['hmac-sha2-256-etm@openssh.com', 'hmac-sha2-256'];

function ignorePayload(size: number, fill: number): Uint8Array {
  return new PacketWriter(size + 8)
    .writeByte(MSG_IGNORE)
    .writeString(new Uint8Array(size).fill(fill))
    .toBytes();
}

/**
 * Connect our transport client with only `cipher` and `mac`, then push traffic
 * through the negotiated cipher both ways: SSH_MSG_IGNORE packets of sizes
 * around every block boundary, a key re-exchange (fresh keys, a new CBC chain
 * or RC4 keystream), and a service request the peer must answer.
 */
async function exercise(
  port: number,
  trusted: (key: SSHKey) => boolean,
  cipher: string,
  mac: string,
): Promise<NegotiatedAlgorithms | undefined> {
  const sock = net.connect({ host: '127.0.0.1', port });
  await new Promise<void>((resolve, reject) => {
    sock.once('connect', resolve);
    sock.once('error', reject);
  });
  sock.setNoDelay(true);
  let drained: (() => void) | undefined;
  const t = new Transport(
    fromNodeStream(sock),
    { role: 'client', encryptionAlgs: [cipher], macAlgs: [mac], verifyHostKey: trusted },
    { drain: () => drained?.(), closed: () => drained?.() },
  );
  // A broken cipher shows as a peer that stops answering: give up on the connection after 20 s.
  const deadline = setTimeout(() => t.abort(), 20_000);
  try {
    await t.ready;
    const send = async (payload: Uint8Array) => {
      if (!t.send(payload)) await new Promise<void>((r) => (drained = r));
    };
    const sizes = [0, 1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 100, 255, 1000, 4093, 32_768];
    for (const [i, size] of sizes.entries()) await send(ignorePayload(size, i));
    const before = t.keyExchanges;
    t.rekey();
    for (const [i, size] of sizes.entries()) await send(ignorePayload(size, 0x80 + i));
    while (t.keyExchanges === before && !t.isClosed) await new Promise((r) => setTimeout(r, 5));
    if (t.isClosed) throw new Error('the connection closed during the key re-exchange');
    await t.requestService('ssh-userauth');
    expect(t.keyExchanges).toBe(2);
    return t.algorithms;
  } finally {
    clearTimeout(deadline);
    t.disconnect();
  }
}

/** Run `check` for every cipher x MAC, collecting failures so one run names every broken pair. */
async function everyPair(
  check: (cipher: string, mac: string) => Promise<NegotiatedAlgorithms | undefined>,
): Promise<void> {
  const failures: string[] = [];
  for (const cipher of LEGACY) {
    for (const mac of MACS) {
      try {
        const algs = await check(cipher, mac);
        const got = [algs?.encryptionCtoS, algs?.encryptionStoC, algs?.macCtoS, algs?.macStoC];
        if (got.join() !== [cipher, cipher, mac, mac].join())
          failures.push(`${cipher} + ${mac}: negotiated ${got.join(', ')}`);
      } catch (err) {
        failures.push(`${cipher} + ${mac}: ${(err as Error).message}`);
      }
    }
  }
  expect(failures).toEqual([]);
}

it('the legacy ciphers are supported and not offered by default', () => {
  for (const name of LEGACY) {
    expect(cipherRegistry.supported).toContain(name);
    expect(cipherRegistry.defaults).not.toContain(name);
  }
});

describe('our transport client against our transport server', () => {
  let server: OurServer;
  beforeAll(async () => {
    server = await startOurServer();
  });
  afterAll(() => server?.close());

  it('every legacy cipher with an EtM and an encrypt-and-MAC MAC', { timeout: 60_000 }, async () => {
    const trusted = new Set(server.hostKeys.map((k) => k.getFingerprint()));
    await everyPair((cipher, mac) =>
      exercise(server.port, (k) => trusted.has(k.getFingerprint()), cipher, mac),
    );
  });
});

for (const generation of GENERATIONS) {
  const skip = hasAsyncSsh(generation)
    ? false
    : missingPeer(`AsyncSSH (${generation})`, 'apt-get install python3-asyncssh; pnpm peers').skip;

  describe.skipIf(skip)(`our transport client against the AsyncSSH server (${generation})`, () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startAsyncSshServer({
        generation,
        listenOptions: { encryption_algs: JSON.stringify(LEGACY) },
      });
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('every legacy cipher, enabled explicitly on the server', { timeout: 120_000 }, async () => {
      const trusted = new Set(server.hostKeys.map((k) => k.publicLine.split(' ')[1]));
      const known = (k: SSHKey) => trusted.has(Buffer.from(k.publicData).toString('base64'));
      await everyPair((cipher, mac) => exercise(server.port, known, cipher, mac));
      expect(server.log()).not.toMatch(/Traceback|MAC|protocol error/i);
    });
  });

  describe.skipIf(skip)(`the AsyncSSH client (${generation}) against our transport server`, () => {
    let server: OurServer;
    beforeAll(async () => {
      server = await startOurServer();
    });
    afterAll(() => server?.close());

    it('every legacy cipher, enabled explicitly on the client', { timeout: 120_000 }, async () => {
      // Our server refuses auth: AUTHFAIL means kex, NEWKEYS, the service request and the
      // first auth request all went through the cipher in both directions.
      const batch = LEGACY.flatMap((encryption) => MACS.map((mac) => ({ encryption, mac })));
      const before = server.negotiated.length;
      const verdicts = (
        await runAsyncSshClient({
          generation,
          port: server.port,
          knownHosts: server.knownHosts(),
          batch,
          timeoutMs: 60_000,
        })
      ).split('\n');
      const attempted = server.negotiated.slice(before);
      const failures: string[] = [];
      batch.forEach(({ encryption, mac }, i) => {
        const got = attempted[i];
        const verdict = verdicts[i] ?? '(no verdict)';
        if (verdict !== 'AUTHFAIL' || got?.encryptionCtoS !== encryption || got?.macCtoS !== mac)
          failures.push(
            `${encryption} + ${mac}: ${verdict} (negotiated ${got?.encryptionCtoS} ${got?.macCtoS})`,
          );
      });
      expect(failures).toEqual([]);
    });
  });
}

/** A transport server offering only `cipher`; it records what it negotiated and ends the connection at the first auth request. */
async function startSingleCipherServer(cipher: string) {
  const hostKey = generatePrivateKey('ssh-ed25519');
  const seen: { algs?: NegotiatedAlgorithms; authRequests: number; error?: Error } = { authRequests: 0 };
  const server = net.createServer((sock) => {
    const t: Transport = new Transport(
      fromNodeStream(sock),
      { role: 'server', serverHostKeys: [hostKey], encryptionAlgs: [cipher] },
      {
        message: () => {
          seen.authRequests++;
          t.disconnect(DISC_NO_MORE_AUTH_METHODS_AVAILABLE, 'legacy cipher test server stops at auth');
        },
      },
    );
    t.ready.then(
      () => {
        seen.algs = t.algorithms;
      },
      (err: Error) => {
        seen.error = err;
      },
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    fingerprint: hostKey.getFingerprint(),
    seen,
    close: () => server.close(),
  };
}

const PLINK = '/usr/bin/plink';
const plinkSkip = existsSync(PLINK) ? false : missingPeer('PuTTY plink', 'apt-get install putty-tools').skip;

/** Run plink non-interactively with PuTTY's cipher preference `ciphers` (a saved session in a private HOME). */
function runPlink(
  port: number,
  fingerprint: string,
  ciphers: string,
): Promise<{ code: number | null; output: string }> {
  const home = mkdtempSync(join(tmpdir(), 'plink-legacy-'));
  const sessions = join(home, '.putty', 'sessions');
  mkdirSync(sessions, { recursive: true });
  writeFileSync(join(sessions, 'legacy'), `Cipher=${ciphers}\nProtocol=ssh\n`);
  const args = [
    '-batch',
    '-noagent',
    '-load',
    'legacy',
    '-P',
    String(port),
    '-l',
    'nobody',
    '-hostkey',
    fingerprint,
  ];
  return new Promise((resolve) => {
    const child = spawn(PLINK, [...args, '127.0.0.1', 'true'], {
      env: { ...process.env, HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => {
      output += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      output += d.toString();
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      rmSync(home, { recursive: true, force: true });
      resolve({ code, output });
    });
  });
}

describe.skipIf(plinkSkip)('PuTTY plink against our transport server', () => {
  // PuTTY warns (and in batch mode gives up) below its WARN line: every cipher goes above it.
  const cases: [string, string][] = [
    ['blowfish-cbc', 'blowfish,aes,3des,chacha20,aesgcm,arcfour,des,WARN'],
    ['arcfour256', 'arcfour,aes,3des,chacha20,aesgcm,blowfish,des,WARN'],
    ['arcfour128', 'arcfour,aes,3des,chacha20,aesgcm,blowfish,des,WARN'],
  ];
  it.each(cases)(
    '%s: kex, service request and first auth request, and plink reads our disconnect',
    { timeout: 30_000 },
    async (cipher, ciphers) => {
      const server = await startSingleCipherServer(cipher);
      try {
        const run = await runPlink(server.port, server.fingerprint, ciphers);
        expect(server.seen.error).toBeUndefined();
        expect(server.seen.algs?.encryptionCtoS).toBe(cipher);
        expect(server.seen.algs?.encryptionStoC).toBe(cipher);
        expect(server.seen.authRequests).toBe(1);
        // Our SSH_MSG_DISCONNECT went out under the cipher; plink could only print its text by decrypting it.
        expect(run.output).toMatch(/legacy cipher test server stops at auth/);
      } finally {
        server.close();
      }
    },
  );
});

import { generatePrivateKey } from '@ssh/crypto';
import { missingPeer, peerHost, runOpenSshClient } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, type SSHAcceptor } from '../../src/index.js';

// A server's signatureAlgs (a list, or '-'/'+' edits of the defaults) limits
// the user key signatures it accepts, as AsyncSSH's signature_algs does.

const present = peerHost('debian12')?.has('/usr/bin/ssh');
const skip = present ? false : missingPeer('OpenSSH ssh', 'apt-get install openssh-client').skip;

const dec = (b: Uint8Array) => new TextDecoder().decode(b);
const hostKey = generatePrivateKey('ssh-ed25519');
const edKey = generatePrivateKey('ssh-ed25519');
const ecKey = generatePrivateKey('ecdsa-sha2-nistp256');

describe.skipIf(skip)('server signatureAlgs with OpenSSH ssh', () => {
  const acceptors: SSHAcceptor[] = [];
  const serve = async (signatureAlgs?: string | string[]) => {
    const acc = await listen({
      host: '127.0.0.1',
      port: 0,
      serverHostKeys: [hostKey],
      authorizedClientKeys: [edKey, ecKey].map((k) => dec(k.exportPublicKey('openssh'))).join(''),
      ...(signatureAlgs !== undefined ? { signatureAlgs } : {}),
      processFactory: (proc) => {
        proc.stdout.write('in\n');
        proc.exit(0);
      },
    });
    acceptors.push(acc);
    return acc;
  };
  let listOnly: SSHAcceptor;
  let minusEcdsa: SSHAcceptor;
  let defaults: SSHAcceptor;
  beforeAll(async () => {
    listOnly = await serve(['ssh-ed25519']);
    minusEcdsa = await serve('-ecdsa-sha2-nistp256');
    defaults = await serve();
  });
  afterAll(() => {
    for (const a of acceptors) a.close();
  });
  const ssh = (acc: SSHAcceptor, key: typeof edKey) =>
    runOpenSshClient({
      port: acc.getPort(),
      knownHosts: `[127.0.0.1]:${acc.getPort()} ${dec(hostKey.exportPublicKey('openssh')).trim()}\n`,
      identity: dec(key.exportPrivateKey('openssh')),
      command: 'x',
    });

  it('a list admits only its algorithms', async () => {
    expect((await ssh(listOnly, edKey)).stdout).toBe('in\n');
    const refused = await ssh(listOnly, ecKey);
    expect(refused.code).toBe(255);
    expect(refused.stderr).toMatch(/Permission denied/);
  });

  it("'-name' removes one algorithm from the defaults", async () => {
    expect((await ssh(minusEcdsa, edKey)).stdout).toBe('in\n');
    expect((await ssh(minusEcdsa, ecKey)).code).toBe(255);
    expect((await ssh(defaults, ecKey)).stdout).toBe('in\n');
  });
});

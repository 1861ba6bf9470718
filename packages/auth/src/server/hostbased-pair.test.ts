import { generatePrivateKey, type SSHKey, SSHKeyPair } from '@ssh/crypto';
import { PermissionDenied } from '@ssh/wire';
import { describe, expect, it } from 'vitest';
import { readyPair } from '../../test/auth-pair.js';
import { authenticateClient } from '../client/authenticate.js';
import type { ClientAuthOptions } from '../client/options.js';
import { importKnownHosts } from '../known-hosts/known-hosts.js';
import { authenticateServer, type ServerAuthOptions } from './authenticate.js';

const hostKey = generatePrivateKey('ssh-ed25519');
const otherHostKey = generatePrivateKey('ecdsa-sha2-nistp256');
const ca = generatePrivateKey('ssh-ed25519');
const pub = (k: SSHKey) => new TextDecoder().decode(k.convertToPublic().exportPublicKey()).trim();

async function attempt(
  client: Omit<ClientAuthOptions, 'username'> & { username?: string },
  server: ServerAuthOptions,
) {
  const { client: c, server: s } = await readyPair();
  const server$ = authenticateServer(s, server);
  server$.catch(() => undefined);
  try {
    await authenticateClient(c, { username: 'kim', ...client });
    return await server$;
  } finally {
    c.abort();
  }
}

const base = { clientHostKeys: [hostKey], clientHost: 'client.test', preferredAuth: ['hostbased'] };

describe('hostbased auth (RFC 4252 §9), our client against our server', () => {
  it('a host key listed in knownClientHosts logs in, with the host name trusted as sent', async () => {
    const r = await attempt(base, {
      hooks: {},
      trustClientHost: true,
      knownClientHosts: importKnownHosts(`client.test ${pub(hostKey)}\n`),
    });
    expect(r).toMatchObject({ username: 'kim', method: 'hostbased' });
    expect(r.key?.getFingerprint()).toBe(hostKey.getFingerprint());
  });

  it('the host name must match what the client address resolves to unless trustClientHost', async () => {
    const known = importKnownHosts(`client.test,192.0.2.7 ${pub(hostKey)}\n`);
    const resolving = { clientAddress: '192.0.2.7', knownClientHosts: known };
    await expect(
      attempt(base, { hooks: {}, ...resolving, resolveClientHost: () => 'elsewhere.test' }),
    ).rejects.toThrow(PermissionDenied);
    const r = await attempt(base, { hooks: {}, ...resolving, resolveClientHost: async () => 'CLIENT.test' });
    expect(r.method).toBe('hostbased');
    // Without a resolver the address stands for itself.
    const r2 = await attempt({ ...base, clientHost: '192.0.2.7' }, { hooks: {}, ...resolving });
    expect(r2.method).toBe('hostbased');
  });

  it('the hooks: validateHostPublicKey gets host, address, port and key; validateHostBasedUser maps users', async () => {
    const calls: unknown[] = [];
    const r = await attempt(
      { ...base, clientHostKeys: [otherHostKey, hostKey], clientUsername: 'kim-remote' },
      {
        trustClientHost: true,
        clientAddress: '127.0.0.1',
        clientPort: 40000,
        hooks: {
          validateHostPublicKey: (h, a, p, k) => {
            calls.push([h, a, p, k.getFingerprint()]);
            return k.getFingerprint() === hostKey.getFingerprint();
          },
          validateHostBasedUser: (user, h, remote) =>
            user === 'kim' && h === 'client.test' && remote === 'kim-remote',
        },
      },
    );
    expect(r.method).toBe('hostbased');
    expect(calls).toEqual([
      ['client.test', '127.0.0.1', 40000, otherHostKey.getFingerprint()],
      ['client.test', '127.0.0.1', 40000, hostKey.getFingerprint()],
    ]);
  });

  it('another client user is refused by default', async () => {
    await expect(
      attempt(
        { ...base, clientUsername: 'someone-else' },
        { hooks: { validateHostPublicKey: () => true }, trustClientHost: true },
      ),
    ).rejects.toThrow(PermissionDenied);
  });

  it('an unknown or revoked host key is refused', async () => {
    await expect(
      attempt(base, {
        hooks: {},
        trustClientHost: true,
        knownClientHosts: importKnownHosts(`client.test ${pub(otherHostKey)}\n`),
      }),
    ).rejects.toThrow(PermissionDenied);
    await expect(
      attempt(base, {
        hooks: {},
        trustClientHost: true,
        knownClientHosts: importKnownHosts(`client.test ${pub(hostKey)}\n@revoked * ${pub(hostKey)}\n`),
      }),
    ).rejects.toThrow(PermissionDenied);
  });

  it('a signature over other data is refused', async () => {
    const forger = {
      publicData: hostKey.publicData,
      sigAlgorithms: hostKey.sigAlgorithms,
      sign: (d: Uint8Array, a: string) => hostKey.sign(Uint8Array.of(...d, 1), a),
    };
    await expect(
      attempt(
        { ...base, clientHostKeys: [forger] },
        { hooks: { validateHostPublicKey: () => true }, trustClientHost: true },
      ),
    ).rejects.toThrow(PermissionDenied);
  });

  it('a host certificate from a CA in knownClientHosts, for that host only', async () => {
    const cert = ca.generateHostCertificate(hostKey, 'client-host', { principals: ['client.test'] });
    const pair = new SSHKeyPair(hostKey, cert);
    const server = {
      hooks: {},
      trustClientHost: true,
      knownClientHosts: importKnownHosts(`@cert-authority *.test ${pub(ca)}\n`),
    };
    const r = await attempt({ ...base, clientHostKeys: [pair] }, server);
    expect(r.method).toBe('hostbased');
    // The same, with the certificate given apart (clientHostCerts).
    const r2 = await attempt({ ...base, clientHostKeys: [hostKey], clientHostCerts: [cert] }, server);
    expect(r2.method).toBe('hostbased');
    // Without it, the plain key is unknown to the server.
    await expect(attempt(base, server)).rejects.toThrow(PermissionDenied);
    await expect(
      attempt({ ...base, clientHost: 'other.test', clientHostKeys: [pair] }, server),
    ).rejects.toThrow(PermissionDenied);
  });

  it('a server with no way to check host keys does not offer hostbased', async () => {
    const { client, server } = await readyPair();
    const server$ = authenticateServer(server, { hooks: { validatePassword: () => false } });
    server$.catch(() => undefined);
    await expect(authenticateClient(client, { username: 'kim', ...base })).rejects.toThrow(PermissionDenied);
    client.abort();
  });
});

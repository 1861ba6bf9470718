import { generatePrivateKey, type SSHKey } from '@ssh/crypto';
import { PermissionDenied } from '@ssh/wire';
import { beforeAll, describe, expect, it } from 'vitest';
import { readyPair } from '../test/auth-pair.js';
import { authenticateClient } from './client/authenticate.js';
import { authenticateServer, type ServerAuthOptions } from './server/authenticate.js';

let keys: Record<string, SSHKey>;
beforeAll(() => {
  keys = {
    ed25519: generatePrivateKey('ssh-ed25519'),
    ecdsa: generatePrivateKey('ecdsa-sha2-nistp384'),
    rsa: generatePrivateKey('ssh-rsa', { keySize: 2048 }),
    stranger: generatePrivateKey('ssh-ed25519'),
  };
});

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

function trusting(...trusted: SSHKey[]): ServerAuthOptions {
  return {
    hooks: {
      validatePublicKey: (user, key) =>
        user === 'alice' && trusted.some((k) => same(k.publicData, key.publicData)),
    },
  };
}

describe('user authentication, our client against our server', () => {
  for (const type of ['ed25519', 'ecdsa', 'rsa']) {
    it(`publickey with ${type} (query, then sign)`, async () => {
      const { client, server } = await readyPair();
      const key = keys[type] as SSHKey;
      const [, result] = await Promise.all([
        authenticateClient(client, { username: 'alice', clientKeys: [keys.stranger as SSHKey, key] }),
        authenticateServer(server, trusting(key)),
      ]);
      expect(result.method).toBe('publickey');
      expect(result.key?.getFingerprint()).toBe(key.getFingerprint());
      client.disconnect();
    });
  }

  it('password, with a banner', async () => {
    const { client, server } = await readyPair();
    const banners: string[] = [];
    const [, result] = await Promise.all([
      authenticateClient(client, {
        username: 'bob',
        password: 's3cret',
        authBannerReceived: (m) => banners.push(m),
      }),
      authenticateServer(server, {
        banner: 'Authorised use only\r\n',
        hooks: { validatePassword: (u, p) => u === 'bob' && p === 's3cret' },
      }),
    ]);
    expect(result).toMatchObject({ username: 'bob', method: 'password' });
    expect(banners).toEqual(['Authorised use only\r\n']);
    client.disconnect();
  });

  it('keyboard-interactive with two rounds, and a password answering one echo-off prompt', async () => {
    const { client, server } = await readyPair();
    let round = 0;
    const hooks = {
      getKbdintChallenge: () => ({
        name: '',
        instructions: '',
        lang: '',
        prompts: [{ prompt: 'Password: ', echo: false }],
      }),
      validateKbdintResponse: (_u: string, r: readonly string[]) => {
        round++;
        if (round === 1 && r[0] === 'pw')
          return { name: 'OTP', instructions: 'code', lang: '', prompts: [{ prompt: 'Code: ', echo: true }] };
        return round === 2 && r[0] === '123456';
      },
    };
    const [, result] = await Promise.all([
      authenticateClient(client, {
        username: 'carol',
        preferredAuth: ['keyboard-interactive'],
        kbdintResponses: (c) => (c.name === 'OTP' ? ['123456'] : ['pw']),
      }),
      authenticateServer(server, { hooks }),
    ]);
    expect(result.method).toBe('keyboard-interactive');
    client.disconnect();

    const p2 = await readyPair();
    const [, r2] = await Promise.all([
      authenticateClient(p2.client, {
        username: 'carol',
        password: 'pw',
        preferredAuth: ['keyboard-interactive'],
      }),
      authenticateServer(p2.server, {
        hooks: {
          getKbdintChallenge: hooks.getKbdintChallenge,
          validateKbdintResponse: (_u, r) => r[0] === 'pw',
        },
      }),
    ]);
    expect(r2.method).toBe('keyboard-interactive');
    p2.client.disconnect();
  });

  it('beginAuth returning false lets the client in with none', async () => {
    const { client, server } = await readyPair();
    const [, r] = await Promise.all([
      authenticateClient(client, { username: 'guest' }),
      authenticateServer(server, { hooks: { beginAuth: () => false } }),
    ]);
    expect(r.method).toBe('none');
    client.disconnect();
  });

  it('a wrong password and an unknown key end in PermissionDenied, never access', async () => {
    const { client, server } = await readyPair();
    const server$ = authenticateServer(server, {
      ...trusting(keys.ed25519 as SSHKey),
      hooks: { ...trusting(keys.ed25519 as SSHKey).hooks, validatePassword: () => false },
    });
    server$.catch(() => undefined);
    await expect(
      authenticateClient(client, {
        username: 'alice',
        password: 'wrong',
        clientKeys: [keys.stranger as SSHKey],
      }),
    ).rejects.toThrow(PermissionDenied);
    client.disconnect();
  });

  it('too many attempts disconnect the client', async () => {
    const { client, server } = await readyPair();
    const server$ = authenticateServer(server, {
      maxAuthAttempts: 2,
      hooks: { validatePassword: () => false, validatePublicKey: () => false },
    });
    const many = Array.from({ length: 5 }, () => generatePrivateKey('ssh-ed25519'));
    const client$ = authenticateClient(client, { username: 'mallory', clientKeys: many });
    await expect(server$).rejects.toThrow(/too many authentication failures/);
    await expect(client$).rejects.toThrow(PermissionDenied);
  });

  it('a signature over the wrong data is refused', async () => {
    const { client, server } = await readyPair();
    const key = keys.ed25519 as SSHKey;
    const forger = {
      publicData: key.publicData,
      sigAlgorithms: key.sigAlgorithms,
      sign: (d: Uint8Array, a: string) => key.sign(Uint8Array.of(...d, 0), a),
    };
    const server$ = authenticateServer(server, { maxAuthAttempts: 1, ...trusting(key) });
    server$.catch(() => undefined);
    await expect(authenticateClient(client, { username: 'alice', clientKeys: [forger] })).rejects.toThrow(
      PermissionDenied,
    );
    await expect(server$).rejects.toThrow();
  });
});

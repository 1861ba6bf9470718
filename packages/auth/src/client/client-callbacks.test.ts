import { generatePrivateKey, type SSHKey } from '@ssh/crypto';
import { PermissionDenied } from '@ssh/wire';
import { describe, expect, it } from 'vitest';
import { readyPair } from '../../test/auth-pair.js';
import { authenticateServer } from '../server/authenticate.js';
import { PasswordChangeRequired } from '../userauth/password-change.js';
import { authenticateClient } from './authenticate.js';
import type { ClientAuthHooks } from './hooks.js';

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** A server whose password for `user` has expired: 'old' must be changed to 'new'. */
function expiring(accept: (newPassword: string) => boolean) {
  let current = 'old';
  return {
    validatePassword: (_u: string, p: string) => {
      if (p === current && current === 'old')
        throw new PasswordChangeRequired('Password expired, pick a new one');
      return p === current;
    },
    changePassword: (_u: string, oldPw: string, newPw: string) => {
      if (oldPw !== current) return false;
      if (newPw.length < 3) throw new PasswordChangeRequired('Too short, try again');
      if (!accept(newPw)) return false;
      current = newPw;
      return true;
    },
  };
}

describe('client auth callbacks (SSHClient) against our server', () => {
  it('passwordChangeRequested changes an expired password, then passwordChanged and authCompleted', async () => {
    const { client, server } = await readyPair();
    const events: string[] = [];
    const hooks: ClientAuthHooks = {
      passwordChangeRequested: (prompt, lang) => {
        events.push(`asked: ${prompt} (${lang})`);
        return events.length === 1 ? ['old', 'no'] : ['old', 'new-one'];
      },
      passwordChanged: () => events.push('changed'),
      passwordChangeFailed: () => events.push('failed'),
      authCompleted: () => events.push('completed'),
    };
    const [, result] = await Promise.all([
      authenticateClient(client, { username: 'dave', password: 'old', client: hooks }),
      authenticateServer(server, { hooks: expiring(() => true) }),
    ]);
    expect(result.method).toBe('password');
    expect(events).toEqual([
      'asked: Password expired, pick a new one (en-US)',
      'failed',
      'asked: Too short, try again (en-US)',
      'changed',
      'completed',
    ]);
    client.disconnect();
  });

  it('a refused password change calls passwordChangeFailed and ends in PermissionDenied', async () => {
    const { client, server } = await readyPair();
    const events: string[] = [];
    const server$ = authenticateServer(server, { hooks: expiring(() => false) });
    server$.catch(() => undefined);
    await expect(
      authenticateClient(client, {
        username: 'dave',
        password: 'old',
        client: {
          passwordChangeRequested: () => ['old', 'rejected'],
          passwordChanged: () => events.push('changed'),
          passwordChangeFailed: () => events.push('failed'),
        },
      }),
    ).rejects.toThrow(PermissionDenied);
    expect(events).toEqual(['failed']);
  });

  it('without passwordChangeRequested an expired password is a failure', async () => {
    const { client, server } = await readyPair();
    const server$ = authenticateServer(server, { hooks: expiring(() => true) });
    server$.catch(() => undefined);
    await expect(authenticateClient(client, { username: 'dave', password: 'old' })).rejects.toThrow(
      PermissionDenied,
    );
  });

  it('passwordAuthRequested is asked after the password option, until it returns null', async () => {
    const { client, server } = await readyPair();
    const offered = ['first', 'second', 'right'];
    const tried: string[] = [];
    const [, result] = await Promise.all([
      authenticateClient(client, {
        username: 'erin',
        password: 'option',
        preferredAuth: ['password'],
        client: { passwordAuthRequested: () => offered.shift() ?? null },
      }),
      authenticateServer(server, {
        hooks: {
          validatePassword: (_u, p) => {
            tried.push(p);
            return p === 'right';
          },
        },
      }),
    ]);
    expect(result.method).toBe('password');
    expect(tried).toEqual(['option', 'first', 'second', 'right']);
    client.disconnect();
  });

  it('password may be a function, called once; hostbased and publickey can be switched off', async () => {
    const { client, server } = await readyPair();
    let calls = 0;
    const methods: string[] = [];
    const [, result] = await Promise.all([
      authenticateClient(client, {
        username: 'erin',
        password: async () => {
          calls++;
          return 'from-function';
        },
        clientKeys: [generatePrivateKey('ssh-ed25519')],
        publicKeyAuth: false,
        kbdintAuth: false,
      }),
      authenticateServer(server, {
        hooks: {
          validatePublicKey: () => {
            methods.push('publickey');
            return true;
          },
          getKbdintChallenge: () => {
            methods.push('keyboard-interactive');
            return true;
          },
          validatePassword: (_u, p) => p === 'from-function',
        },
      }),
    ]);
    expect(result.method).toBe('password');
    expect(calls).toBe(1);
    expect(methods).toEqual([]);
    client.disconnect();
  });

  it('publicKeyAuthRequested supplies keys after clientKeys; null moves on to the password', async () => {
    const good = generatePrivateKey('ssh-ed25519');
    const others = [generatePrivateKey('ssh-ed25519'), generatePrivateKey('ecdsa-sha2-nistp256')];
    let asked = 0;
    const run = async (extra: SSHKey[]) => {
      const { client, server } = await readyPair();
      const [, result] = await Promise.all([
        authenticateClient(client, {
          username: 'frank',
          clientKeys: [others[0] as SSHKey],
          password: 'pw',
          client: {
            publicKeyAuthRequested: async () => {
              asked++;
              return extra.shift() ?? null;
            },
          },
        }),
        authenticateServer(server, {
          hooks: {
            validatePublicKey: (_u, k) => same(k.publicData, good.publicData),
            validatePassword: (_u, p) => p === 'pw',
          },
        }),
      ]);
      client.disconnect();
      return result;
    };
    const r1 = await run([others[1] as SSHKey, good]);
    expect(r1.method).toBe('publickey');
    expect(r1.key?.getFingerprint()).toBe(good.getFingerprint());
    expect(asked).toBe(2);
    asked = 0;
    const r2 = await run([others[1] as SSHKey]);
    expect(r2.method).toBe('password');
    expect(asked).toBe(2);
  });

  it('kbdintAuthRequested picks submethods and kbdintChallengeReceived answers', async () => {
    const { client, server } = await readyPair();
    const seen: unknown[] = [];
    const [, result] = await Promise.all([
      authenticateClient(client, {
        username: 'gina',
        client: {
          kbdintAuthRequested: () => 'otp',
          kbdintChallengeReceived: (name, instructions, lang, prompts) => {
            seen.push({ name, instructions, lang, prompts });
            return prompts.map(([p]) => (p.startsWith('Code') ? '424242' : 'x'));
          },
        },
      }),
      authenticateServer(server, {
        hooks: {
          getKbdintChallenge: (_u, _lang, submethods) =>
            submethods === 'otp' && {
              name: 'OTP',
              instructions: 'Enter the code',
              lang: 'en',
              prompts: [
                { prompt: 'Code: ', echo: true },
                { prompt: 'PIN: ', echo: false },
              ],
            },
          validateKbdintResponse: (_u, r) => r[0] === '424242' && r[1] === 'x',
        },
      }),
    ]);
    expect(result.method).toBe('keyboard-interactive');
    expect(seen).toEqual([
      {
        name: 'OTP',
        instructions: 'Enter the code',
        lang: 'en',
        prompts: [
          ['Code: ', true],
          ['PIN: ', false],
        ],
      },
    ]);
    client.disconnect();
  });

  it('kbdintAuthRequested returning null skips keyboard-interactive', async () => {
    const { client, server } = await readyPair();
    let challenged = 0;
    const server$ = authenticateServer(server, {
      hooks: {
        getKbdintChallenge: () => {
          challenged++;
          return true;
        },
      },
    });
    server$.catch(() => undefined);
    await expect(
      authenticateClient(client, {
        username: 'hank',
        password: 'pw',
        client: { kbdintAuthRequested: () => null },
      }),
    ).rejects.toThrow(PermissionDenied);
    expect(challenged).toBe(0);
  });

  it('disableTrivialAuth refuses a server that lets the client in without a challenge', async () => {
    const { client, server } = await readyPair();
    const server$ = authenticateServer(server, { hooks: { beginAuth: () => false } });
    server$.catch(() => undefined);
    await expect(authenticateClient(client, { username: 'ivy', disableTrivialAuth: true })).rejects.toThrow(
      /without a real challenge/,
    );
    client.abort();
  });

  it('banners reach both the option and the client object', async () => {
    const { client, server } = await readyPair();
    const got: string[] = [];
    await Promise.all([
      authenticateClient(client, {
        username: 'jo',
        password: 'pw',
        authBannerReceived: (m) => got.push(`option: ${m}`),
        client: { authBannerReceived: (m, lang) => got.push(`client: ${m} ${lang}`) },
      }),
      authenticateServer(server, { banner: 'hello', hooks: { validatePassword: () => true } }),
    ]);
    expect(got).toEqual(['option: hello', 'client: hello en-US']);
    client.disconnect();
  });
});

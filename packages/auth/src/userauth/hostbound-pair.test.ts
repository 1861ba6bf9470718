import { generatePrivateKey } from '@ssh/crypto';
import {
  MSG_USERAUTH_FAILURE,
  MSG_USERAUTH_PK_OK,
  MSG_USERAUTH_REQUEST,
  SERVICE_CONNECTION,
  SERVICE_USERAUTH,
} from '@ssh/wire';
import { describe, expect, it } from 'vitest';
import { readyPair } from '../../test/auth-pair.js';
import { authenticateClient } from '../client/authenticate.js';
import { authenticateServer } from '../server/authenticate.js';
import { EXT_PUBLICKEY_HOSTBOUND, hostboundSignedData, METHOD_PUBLICKEY_HOSTBOUND } from './hostbound.js';
import { authRequest, readAuthRequest } from './messages.js';

const userKey = generatePrivateKey('ssh-ed25519');
const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
const hooks = {
  validatePublicKey: (_u: string, k: { publicData: Uint8Array }) => same(k.publicData, userKey.publicData),
};

// Our transport does not put publickey-hostbound@openssh.com in its EXT_INFO yet, so these
// tests record the server's offer on the client side as if it had; the real offer is
// exercised against OpenSSH sshd in test/interop/hostbound-openssh.interop.test.ts.
describe('publickey-hostbound-v00@openssh.com (OpenSSH PROTOCOL §2.5)', () => {
  it('when offered, the client binds its request to the host key and the server accepts it', async () => {
    const { client, server } = await readyPair();
    client.peerExtensions.set(EXT_PUBLICKEY_HOSTBOUND, new TextEncoder().encode('0'));
    const methods: string[] = [];
    const send = client.send.bind(client);
    client.send = (p: Uint8Array) => {
      if (p[0] === MSG_USERAUTH_REQUEST) methods.push(readAuthRequest(p).head.method);
      return send(p);
    };
    const [, r] = await Promise.all([
      authenticateClient(client, { username: 'lee', clientKeys: [userKey] }),
      authenticateServer(server, { hooks }),
    ]);
    expect(r).toMatchObject({ username: 'lee', method: 'publickey' });
    expect(methods).toEqual(['none', METHOD_PUBLICKEY_HOSTBOUND, METHOD_PUBLICKEY_HOSTBOUND]);
    client.disconnect();
  });

  it('an extension value other than "0" is not taken as the offer', async () => {
    const { client, server } = await readyPair();
    client.peerExtensions.set(EXT_PUBLICKEY_HOSTBOUND, new TextEncoder().encode('1'));
    const [, r] = await Promise.all([
      authenticateClient(client, { username: 'lee', clientKeys: [userKey] }),
      authenticateServer(server, { hooks }),
    ]);
    expect(r.method).toBe('publickey');
    client.disconnect();
  });

  it('the server refuses a request bound to another host key, even with a good signature', async () => {
    const { client, server } = await readyPair();
    const server$ = authenticateServer(server, { hooks });
    server$.catch(() => undefined);
    const replies: Uint8Array[] = [];
    let wake = () => {};
    client.setMessageHandler((p) => {
      replies.push(p.slice());
      wake();
    });
    const next = async () => {
      while (replies.length === 0) await new Promise<void>((r) => (wake = r));
      return replies.shift() as Uint8Array;
    };
    await client.requestService(SERVICE_USERAUTH);
    const otherHost = generatePrivateKey('ssh-ed25519').publicData;
    const head = { username: 'lee', service: SERVICE_CONNECTION, method: METHOD_PUBLICKEY_HOSTBOUND };
    const request = (hostKey: Uint8Array, signed: boolean) => {
      const w = authRequest(head)
        .writeBoolean(signed)
        .writeString('ssh-ed25519')
        .writeString(userKey.publicData)
        .writeString(hostKey);
      if (signed) {
        const data = hostboundSignedData(
          client.sessionId as Uint8Array,
          head,
          'ssh-ed25519',
          userKey.publicData,
          hostKey,
        );
        w.writeString(userKey.sign(data, 'ssh-ed25519'));
      }
      return w.toBytes();
    };
    client.send(request(otherHost, false));
    expect((await next())[0]).toBe(MSG_USERAUTH_FAILURE);
    client.send(request(otherHost, true));
    expect((await next())[0]).toBe(MSG_USERAUTH_FAILURE);
    // The same request bound to the right key is fine.
    const ours = client.hostKey?.publicData as Uint8Array;
    client.send(request(ours, false));
    expect((await next())[0]).toBe(MSG_USERAUTH_PK_OK);
    client.send(request(ours, true));
    await expect(server$).resolves.toMatchObject({ username: 'lee', method: 'publickey' });
    client.disconnect();
  });
});

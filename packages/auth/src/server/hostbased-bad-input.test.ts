import { generatePrivateKey } from '@ssh/crypto';
import {
  MSG_USERAUTH_FAILURE,
  MSG_USERAUTH_PASSWD_CHANGEREQ,
  MSG_USERAUTH_REQUEST,
  SERVICE_CONNECTION,
  SERVICE_USERAUTH,
  WireError,
} from '@ssh/wire';
import { describe, expect, it } from 'vitest';
import { readyPair } from '../../test/auth-pair.js';
import { authenticateClient } from '../client/authenticate.js';
import { importKnownHosts } from '../known-hosts/known-hosts.js';
import { authRequest, readAuthRequest } from '../userauth/messages.js';
import { authenticateServer } from './authenticate.js';

const hostKey = generatePrivateKey('ssh-ed25519');
const pub = new TextDecoder().decode(hostKey.convertToPublic().exportPublicKey()).trim();

/** A client transport that sends raw auth requests and reads raw replies. */
async function rawClient() {
  const { client, server } = await readyPair();
  const replies: Uint8Array[] = [];
  let wake = () => {};
  client.setMessageHandler((p) => {
    replies.push(p.slice());
    wake();
  });
  await client.requestService(SERVICE_USERAUTH);
  const next = async () => {
    while (replies.length === 0) await new Promise<void>((r) => (wake = r));
    return replies.shift() as Uint8Array;
  };
  return { client, server, next };
}

const head = { username: 'kim', service: SERVICE_CONNECTION, method: 'hostbased' };
const serverOptions = {
  hooks: {},
  trustClientHost: true,
  knownClientHosts: importKnownHosts(`client.test ${pub}\n`),
};

describe('hostbased and password change: bad input', () => {
  it('a truncated hostbased request ends authentication with a WireError, never access', async () => {
    const { client, server } = await rawClient();
    const server$ = authenticateServer(server, serverOptions);
    client.send(authRequest(head).writeString('ssh-ed25519').writeString(hostKey.publicData).toBytes());
    await expect(server$).rejects.toBeInstanceOf(WireError);
    expect(server.isClosed).toBe(true);
    client.abort();
  });

  it('garbage for a key, a signature or an algorithm is a failure, and the server goes on', async () => {
    const { client, server, next } = await rawClient();
    const server$ = authenticateServer(server, serverOptions);
    server$.catch(() => undefined);
    const request = (alg: string, blob: Uint8Array, signature: Uint8Array) =>
      authRequest(head)
        .writeString(alg)
        .writeString(blob)
        .writeString('client.test.')
        .writeString('kim')
        .writeString(signature)
        .toBytes();
    const junk = Uint8Array.of(0, 0, 0, 3, 1, 2);
    for (const payload of [
      request('ssh-ed25519', junk, junk),
      request('ssh-ed25519', hostKey.publicData, junk),
      request('ssh-ed25519-cert-v01@openssh.com', hostKey.publicData, junk),
      request('no-such-alg', hostKey.publicData, hostKey.sign(Uint8Array.of(1), 'ssh-ed25519')),
    ]) {
      client.send(payload);
      expect((await next())[0]).toBe(MSG_USERAUTH_FAILURE);
    }
    client.abort();
  });

  it('a truncated SSH_MSG_USERAUTH_PASSWD_CHANGEREQ makes the client fail with a WireError', async () => {
    const { client, server } = await readyPair();
    server.setMessageHandler((p) => {
      if (p[0] !== MSG_USERAUTH_REQUEST) return;
      const { head: h } = readAuthRequest(p);
      if (h.method === 'none')
        server.send(
          Uint8Array.of(MSG_USERAUTH_FAILURE, 0, 0, 0, 8, ...new TextEncoder().encode('password'), 0),
        );
      else server.send(Uint8Array.of(MSG_USERAUTH_PASSWD_CHANGEREQ, 0, 0, 0, 9, 65));
    });
    await expect(
      authenticateClient(client, {
        username: 'kim',
        password: 'pw',
        client: { passwordChangeRequested: () => ['pw', 'new'] },
      }),
    ).rejects.toBeInstanceOf(WireError);
    client.abort();
  });
});

import type { SSHConnection } from '@ssh/channels';
import { decodeSSHPublicKey, type SSHKey } from '@ssh/crypto';
import type { Transport } from '@ssh/transport';
import { MSG_IGNORE, PacketReader } from '@ssh/wire';
import { knownHostsMatch } from '../client/host-key-check.js';
import {
  decodeBlobList,
  encodeBlobList,
  HOSTKEYS_PROVE_REQUEST,
  HOSTKEYS_REQUEST,
  hostKeyProofData,
} from './messages.js';

/** Called with what the server's host key list says against known_hosts (AsyncSSH's server_host_keys_handler). */
export type ServerHostKeysHandler = (
  added: SSHKey[],
  removed: SSHKey[],
  retained: SSHKey[],
  revoked: SSHKey[],
) => unknown;

const same = (a: SSHKey, b: SSHKey) =>
  a.publicData.length === b.publicData.length && a.publicData.every((x, i) => x === b.publicData[i]);

/** Whether a proof signature is acceptable: it verifies, and RSA keys use SHA-2. */
function proves(key: SSHKey, data: Uint8Array, sig: Uint8Array): boolean {
  try {
    const alg = new PacketReader(sig).readUtf8('signature algorithm');
    if (alg === 'ssh-rsa') return false;
  } catch {
    return false;
  }
  return key.verify(data, sig);
}

/** Where the client's known hosts come from, to compare the announcement with. */
export interface HostKeysWatch {
  knownHosts: string | readonly string[] | undefined;
  host: string;
  port: number;
  handler?: ServerHostKeysHandler | undefined;
}

/**
 * Answer the server's hostkeys-00@openssh.com. The announcement is
 * acknowledged at once with SSH_MSG_IGNORE: sshd does not set TCP_NODELAY for
 * non-interactive sessions, so otherwise its next small reply (our first
 * channel's confirmation) waits ~40 ms for our delayed ACK. With a handler,
 * the keys are compared with known_hosts: new ones are proven by the server
 * (hostkeys-prove-00@openssh.com) before they count as added.
 */
export function watchHostKeys(transport: Transport, mux: SSHConnection, watch: HostKeysWatch): void {
  mux.registerGlobalRequest(HOSTKEYS_REQUEST, (r) => {
    transport.send(Uint8Array.of(MSG_IGNORE, 0, 0, 0, 0));
    const handler = watch.handler;
    if (handler) {
      const keys: SSHKey[] = [];
      for (const blob of decodeBlobList(r, 'host key')) {
        try {
          keys.push(decodeSSHPublicKey(blob));
        } catch {
          // A key type we do not know is ignored, as OpenSSH does.
        }
      }
      void compare(transport, mux, watch, keys)
        .then(([a, rm, rt, rv]) => handler(a, rm, rt, rv))
        .catch((err: Error) => transport.logger.debug1('Host key update failed: %s', err.message));
    }
    return true;
  });
}

async function compare(
  transport: Transport,
  mux: SSHConnection,
  watch: HostKeysWatch,
  keys: SSHKey[],
): Promise<[SSHKey[], SSHKey[], SSHKey[], SSHKey[]]> {
  const m = knownHostsMatch(watch.knownHosts, watch.host, watch.port);
  const revoked = keys.filter((k) => m.revokedKeys.some((r) => same(r, k)));
  const retained = keys.filter((k) => m.hostKeys.some((t) => same(t, k)));
  const removed = m.hostKeys.filter((t) => !keys.some((k) => same(t, k)));
  const candidates = keys.filter((k) => !revoked.includes(k) && !retained.includes(k));
  let added: SSHKey[] = [];
  if (candidates.length > 0) {
    const reply = await mux.globalRequest(
      HOSTKEYS_PROVE_REQUEST,
      encodeBlobList(candidates.map((k) => k.publicData)),
    );
    if (reply) {
      const sigs = decodeBlobList(reply, 'signature');
      const sessionId = transport.sessionId as Uint8Array;
      added = candidates.filter((k, i) => {
        const sig = sigs[i];
        return sig !== undefined && proves(k, hostKeyProofData(sessionId, k.publicData), sig);
      });
    }
  }
  return [added, removed, retained, revoked];
}

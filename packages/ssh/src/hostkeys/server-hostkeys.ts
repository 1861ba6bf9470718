import type { SSHConnection } from '@ssh/channels';
import type { SSHKey } from '@ssh/crypto';
import type { Transport } from '@ssh/transport';
import { ProtocolError } from '@ssh/wire';
import {
  decodeBlobList,
  encodeBlobList,
  HOSTKEYS_PROVE_REQUEST,
  HOSTKEYS_REQUEST,
  hostKeyProofData,
} from './messages.js';

const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** The algorithm a host key proves itself with: rsa-sha2-512 for RSA, as sshd does, else the key's own. */
function proofAlgorithm(key: SSHKey): string {
  return key.sigAlgorithms.includes('rsa-sha2-512')
    ? 'rsa-sha2-512'
    : (key.sigAlgorithms[0] ?? key.algorithm);
}

/**
 * Tell the client every host key we have (hostkeys-00@openssh.com, AsyncSSH's
 * send_server_host_keys) and answer its hostkeys-prove-00@openssh.com with a
 * signature by each key it asks about, so that it can learn them (OpenSSH's
 * UpdateHostKeys). A key we do not hold is refused.
 */
export function announceHostKeys(
  transport: Transport,
  mux: SSHConnection,
  hostKeys: readonly SSHKey[],
): void {
  mux.registerGlobalRequest(HOSTKEYS_PROVE_REQUEST, (r) => {
    const sessionId = transport.sessionId as Uint8Array;
    const sigs = decodeBlobList(r, 'host key').map((blob) => {
      const key = hostKeys.find((k) => same(k.publicData, blob));
      if (!key) throw new ProtocolError('asked to prove a host key this server does not have');
      return key.sign(hostKeyProofData(sessionId, blob), proofAlgorithm(key));
    });
    return encodeBlobList(sigs);
  });
  void mux
    .globalRequest(HOSTKEYS_REQUEST, encodeBlobList(hostKeys.map((k) => k.publicData)), false)
    .catch(() => undefined);
}

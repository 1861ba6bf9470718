import { MSG_USERAUTH_REQUEST, PacketWriter } from '@ssh/wire';
import type { AuthRequestHead } from './messages.js';

/** The publickey variant bound to the server's host key (OpenSSH PROTOCOL §2.5). */
export const METHOD_PUBLICKEY_HOSTBOUND = 'publickey-hostbound-v00@openssh.com';

/** The ext-info name a server uses to offer it (OpenSSH PROTOCOL §1.9); its value is "0". */
export const EXT_PUBLICKEY_HOSTBOUND = 'publickey-hostbound@openssh.com';

/**
 * The data a publickey-hostbound signature covers (OpenSSH PROTOCOL §2.5):
 * as RFC 4252 §7, followed by the server host key blob.
 */
export function hostboundSignedData(
  sessionId: Uint8Array,
  head: AuthRequestHead,
  algorithm: string,
  blob: Uint8Array,
  hostKeyBlob: Uint8Array,
): Uint8Array {
  return new PacketWriter(sessionId.length + blob.length + hostKeyBlob.length + 160)
    .writeString(sessionId)
    .writeByte(MSG_USERAUTH_REQUEST)
    .writeString(head.username)
    .writeString(head.service)
    .writeString(head.method)
    .writeBoolean(true)
    .writeString(algorithm)
    .writeString(blob)
    .writeString(hostKeyBlob)
    .toBytes();
}

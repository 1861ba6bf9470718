import { MSG_USERAUTH_REQUEST, PacketWriter } from '@ssh/wire';
import type { AuthRequestHead } from './messages.js';

/** The fields of a hostbased request after the method name (RFC 4252 §9). */
export interface HostBasedFields {
  /** The host key's signature algorithm. */
  readonly algorithm: string;
  /** The client host key blob (or host certificate blob). */
  readonly blob: Uint8Array;
  /** The client host name (OpenSSH sends it with a trailing dot). */
  readonly clientHost: string;
  /** The user name on the client host. */
  readonly clientUsername: string;
}

/** The data a hostbased signature covers (RFC 4252 §9): session id, then the request up to the client user. */
export function hostBasedSignedData(
  sessionId: Uint8Array,
  head: AuthRequestHead,
  f: HostBasedFields,
): Uint8Array {
  return new PacketWriter(sessionId.length + f.blob.length + 256)
    .writeString(sessionId)
    .writeByte(MSG_USERAUTH_REQUEST)
    .writeString(head.username)
    .writeString(head.service)
    .writeString(head.method)
    .writeString(f.algorithm)
    .writeString(f.blob)
    .writeString(f.clientHost)
    .writeString(f.clientUsername)
    .toBytes();
}

import { PacketReader, PacketWriter } from '@ssh/wire';

/** The server's announcement of all its host keys (OpenSSH PROTOCOL §2.5). */
export const HOSTKEYS_REQUEST = 'hostkeys-00@openssh.com';
/** The client's request that the server prove it holds some of them (OpenSSH PROTOCOL §2.5). */
export const HOSTKEYS_PROVE_REQUEST = 'hostkeys-prove-00@openssh.com';

/** A list of `string` blobs, as both requests and the proof reply carry them. */
export function encodeBlobList(blobs: readonly Uint8Array[]): Uint8Array {
  const w = new PacketWriter(64);
  for (const b of blobs) w.writeString(b);
  return w.toBytes();
}

/** Read `string` blobs until the data ends. */
export function decodeBlobList(r: PacketReader | Uint8Array, what: string): Uint8Array[] {
  const reader = r instanceof PacketReader ? r : new PacketReader(r);
  const out: Uint8Array[] = [];
  while (reader.remaining > 0) out.push(reader.readString(what).slice());
  return out;
}

/** What a hostkeys-prove-00 signature covers: the request name, the session id and the host key blob. */
export function hostKeyProofData(sessionId: Uint8Array, hostKeyBlob: Uint8Array): Uint8Array {
  return new PacketWriter(128 + hostKeyBlob.length)
    .writeString(HOSTKEYS_PROVE_REQUEST)
    .writeString(sessionId)
    .writeString(hostKeyBlob)
    .toBytes();
}

import { PacketReader, PacketWriter } from '@ssh/wire';
import { SignatureError } from '../errors.js';

/** A decoded SSH signature blob: `string algorithm, string signature` (RFC 4253 §6.6). */
export interface SignatureBlob {
  readonly algorithm: string;
  readonly signature: Uint8Array;
}

/**
 * Security-key signatures (PROTOCOL.u2f) carry flags and a counter (and
 * WebAuthn data) after the signature string: for them `signature` holds
 * every byte after the algorithm name.
 */
const isSkSignature = (algorithm: string) =>
  algorithm.startsWith('sk-') || algorithm.startsWith('webauthn-sk-');

/** Encode an SSH signature blob. */
export function encodeSignatureBlob(algorithm: string, signature: Uint8Array): Uint8Array {
  if (isSkSignature(algorithm)) {
    return new PacketWriter(signature.length + 64)
      .writeString(algorithm)
      .writeBytes(signature)
      .toBytes()
      .slice();
  }
  return new PacketWriter(signature.length + algorithm.length + 8)
    .writeString(algorithm)
    .writeString(signature)
    .toBytes()
    .slice();
}

/** Decode an SSH signature blob; throws SignatureError when malformed. */
export function decodeSignatureBlob(blob: Uint8Array): SignatureBlob {
  try {
    const r = new PacketReader(blob);
    const algorithm = r.readName('signature algorithm');
    if (isSkSignature(algorithm)) return { algorithm, signature: r.readRemaining().slice() };
    const signature = r.readString('signature');
    r.expectEnd('signature blob');
    return { algorithm, signature };
  } catch (e) {
    throw new SignatureError(`malformed signature blob: ${e instanceof Error ? e.message : String(e)}`, {
      cause: e,
    });
  }
}

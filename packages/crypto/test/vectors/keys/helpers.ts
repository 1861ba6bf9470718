// Helpers shared by the key tests: hex, key construction from raw fields, both backends.
import { PacketReader, PacketWriter } from '@ssh/wire';
import { portableBackend } from '../../../src/keys/backend.js';
import { nodeBackend } from '../../../src/keys/backend.node.js';
import { getKeyFactory } from '../../../src/keys/registry.js';
import { SSHKey } from '../../../src/keys/ssh-key.js';
import type { KeyBackend } from '../../../src/keys/types.js';

export const BACKENDS: readonly KeyBackend[] = [portableBackend, nodeBackend];

export const hex = (s: string): Uint8Array =>
  Uint8Array.from(s.match(/../g) ?? [], (h) => Number.parseInt(h, 16));
export const toHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
export const big = (s: string): bigint => BigInt(`0x${s}`);
export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Build a private SSHKey from its OpenSSH private key fields, through the real parser. */
export function privateKeyFromFields(
  backend: KeyBackend,
  keyType: string,
  write: (w: PacketWriter) => void,
): SSHKey {
  const w = new PacketWriter();
  write(w);
  const r = new PacketReader(w.toBytes());
  const impl = getKeyFactory(keyType).decodePrivate(r, backend);
  r.expectEnd();
  return new SSHKey(impl, backend);
}

/** The SSHKey of a public key blob built by `write` (after the type name). */
export function publicKeyFromFields(backend: KeyBackend, keyType: string, write: (w: PacketWriter) => void): SSHKey {
  const w = new PacketWriter();
  write(w);
  const r = new PacketReader(w.toBytes());
  return new SSHKey(getKeyFactory(keyType).decodePublic(r, backend), backend);
}

/** Split an SSH signature blob into algorithm and raw signature. */
export function splitSig(blob: Uint8Array): { alg: string; raw: Uint8Array } {
  const r = new PacketReader(blob);
  return { alg: r.readName(), raw: r.readString().slice() };
}

/** Build an SSH signature blob. */
export function sigBlob(alg: string, raw: Uint8Array): Uint8Array {
  return new PacketWriter().writeString(alg).writeString(raw).toBytes().slice();
}

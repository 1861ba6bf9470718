import { PacketReader, PacketWriter } from '@ssh/wire';
import { KeyImportError } from '../errors.js';
import { asImportError } from './import-error.js';
import type { KeyImpl } from './key-impl.js';
import { getKeyFactory } from './registry.js';
import type { KeyBackend } from './types.js';

/** Encode the SSH public key blob of a key (RFC 4253 §6.6): string type, then the type's fields. */
export function encodePublicBlob(impl: KeyImpl): Uint8Array {
  const w = new PacketWriter(128);
  w.writeString(impl.keyType);
  impl.writePublic(w);
  return w.toBytes().slice();
}

/** Decode an SSH public key blob; throws KeyImportError on unknown types, bad keys or trailing bytes. */
export function decodePublicBlob(blob: Uint8Array, backend: KeyBackend): KeyImpl {
  let keyType = '';
  try {
    const r = new PacketReader(blob);
    keyType = r.readName('key type');
    let factory: ReturnType<typeof getKeyFactory>;
    try {
      factory = getKeyFactory(keyType);
    } catch {
      throw new KeyImportError(`unknown public key type '${keyType}'`);
    }
    const impl = factory.decodePublic(r, backend);
    r.expectEnd('public key blob');
    return impl;
  } catch (e) {
    throw asImportError(e, keyType ? `invalid ${keyType} public key` : 'invalid public key blob');
  }
}

import { createHash } from 'node:crypto';
import { HASH_SIZES, type HashAlgorithm, type HashContext, type HashName } from './types.js';

function asU8(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

function nodeHash(name: HashName): HashAlgorithm {
  const create = (): HashContext => {
    const ctx = createHash(name);
    const wrapped: HashContext = {
      update(data) {
        ctx.update(data);
        return wrapped;
      },
      digest: () => asU8(ctx.digest()),
    };
    return wrapped;
  };
  return {
    name,
    ...HASH_SIZES[name],
    digest(...chunks) {
      const ctx = createHash(name);
      for (const c of chunks) ctx.update(c);
      return asU8(ctx.digest());
    },
    create,
  };
}

/** The node:crypto implementation of every registered hash. */
export const NODE_HASHES: Readonly<Record<HashName, HashAlgorithm>> = {
  md5: nodeHash('md5'),
  sha1: nodeHash('sha1'),
  sha224: nodeHash('sha224'),
  sha256: nodeHash('sha256'),
  sha384: nodeHash('sha384'),
  sha512: nodeHash('sha512'),
};

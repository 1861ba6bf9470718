import { md5, sha1 } from '@noble/hashes/legacy.js';
import { sha224, sha256, sha384, sha512 } from '@noble/hashes/sha2.js';
import type { CHash } from '@noble/hashes/utils.js';
import { HASH_SIZES, type HashAlgorithm, type HashContext, type HashName } from './types.js';

const NOBLE: Readonly<Record<HashName, CHash>> = { md5, sha1, sha224, sha256, sha384, sha512 };

function nobleHash(name: HashName): HashAlgorithm {
  const h = NOBLE[name];
  const create = (): HashContext => {
    const ctx = h.create();
    const wrapped: HashContext = {
      update(data) {
        ctx.update(data);
        return wrapped;
      },
      digest: () => ctx.digest(),
    };
    return wrapped;
  };
  return {
    name,
    ...HASH_SIZES[name],
    digest(...chunks) {
      if (chunks.length === 1) return h(chunks[0] as Uint8Array);
      const ctx = h.create();
      for (const c of chunks) ctx.update(c);
      return ctx.digest();
    },
    create,
  };
}

/** The portable (@noble/hashes) implementation of every registered hash. */
export const NOBLE_HASHES: Readonly<Record<HashName, HashAlgorithm>> = {
  md5: nobleHash('md5'),
  sha1: nobleHash('sha1'),
  sha224: nobleHash('sha224'),
  sha256: nobleHash('sha256'),
  sha384: nobleHash('sha384'),
  sha512: nobleHash('sha512'),
};

import { createCipheriv } from 'node:crypto';
import { nodeBlockAlgorithm } from '../block.node.js';
import type { BlockCipherAlgorithm, BlockStream, CipherDirection } from '../types.js';
import { portableLegacyAlgorithm } from './algorithms.js';
import { LEGACY_CIPHER_SPECS, type LegacyCipherSpec } from './specs.js';

const available = new Map<string, boolean>();

/**
 * Whether node:crypto can run `spec`'s OpenSSL cipher in this process: only
 * when OpenSSL's legacy provider is loaded (`node --openssl-legacy-provider`,
 * or an OPENSSL_CONF that activates it). Probed once per cipher.
 */
export function nodeHasLegacyCipher(spec: LegacyCipherSpec): boolean {
  let ok = available.get(spec.openssl);
  if (ok === undefined) {
    try {
      createCipheriv(
        spec.openssl,
        new Uint8Array(spec.keyLength),
        spec.ivLength ? new Uint8Array(spec.ivLength) : null,
      );
      ok = true;
    } catch {
      ok = false;
    }
    available.set(spec.openssl, ok);
  }
  return ok;
}

/** OpenSSL's cipher for `spec` when the legacy provider is loaded, our portable one otherwise. */
export function nodeLegacyAlgorithm(spec: LegacyCipherSpec): BlockCipherAlgorithm {
  const portable = portableLegacyAlgorithm(spec);
  const node = nodeBlockAlgorithm(spec.name, spec.openssl, spec.keyLength, spec.ivLength, spec.blockSize);
  return {
    ...portable,
    createStream(key: Uint8Array, iv: Uint8Array, direction: CipherDirection): BlockStream {
      if (!nodeHasLegacyCipher(spec)) return portable.createStream(key, iv, direction);
      const stream = node.createStream(key, iv, direction);
      if (spec.discard) stream.process(new Uint8Array(spec.discard), 0, spec.discard);
      return stream;
    },
  };
}

/** The legacy ciphers on Node: OpenSSL where its legacy provider is loaded, else our own code. */
export const NODE_LEGACY_CIPHERS: readonly BlockCipherAlgorithm[] =
  LEGACY_CIPHER_SPECS.map(nodeLegacyAlgorithm);

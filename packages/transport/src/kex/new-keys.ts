import {
  type CipherAlgorithm,
  cipherRegistry,
  createPacketOpener,
  createPacketSealer,
  deriveKey,
  type KexMethod,
  type MacAlgorithm,
  macRegistry,
  type PacketOpener,
  type PacketSealer,
} from '@ssh/crypto';
import type { NegotiatedAlgorithms } from './negotiate.js';

/** The packet crypto of both directions after a key exchange. */
export interface DirectionalCrypto {
  readonly sealer: PacketSealer;
  readonly opener: PacketOpener;
}

function keyFor(
  method: KexMethod,
  k: Uint8Array,
  h: Uint8Array,
  sessionId: Uint8Array,
  cipher: CipherAlgorithm,
  mac: MacAlgorithm | null,
  letters: [string, string, string],
) {
  const derive = (letter: string, len: number) =>
    len === 0
      ? new Uint8Array(0)
      : deriveKey(method.hash, k, h, letter, sessionId, len, method.secretEncoding);
  return {
    iv: derive(letters[0], cipher.ivLength),
    key: derive(letters[1], cipher.keyLength),
    macKey: mac ? derive(letters[2], mac.keyLength) : new Uint8Array(0),
  };
}

/**
 * Derive the six keys of RFC 4253 §7.2 (IVs 'A'/'B', keys 'C'/'D', MAC keys
 * 'E'/'F') and key the packet crypto of each direction for `role`.
 */
export function newKeys(
  role: 'client' | 'server',
  method: KexMethod,
  algs: NegotiatedAlgorithms,
  sharedSecret: Uint8Array,
  exchangeHash: Uint8Array,
  sessionId: Uint8Array,
): DirectionalCrypto {
  const cCs = cipherRegistry.get(algs.encryptionCtoS);
  const cSc = cipherRegistry.get(algs.encryptionStoC);
  const mCs = algs.macCtoS ? macRegistry.get(algs.macCtoS) : null;
  const mSc = algs.macStoC ? macRegistry.get(algs.macStoC) : null;
  const cs = keyFor(method, sharedSecret, exchangeHash, sessionId, cCs, mCs, ['A', 'C', 'E']);
  const sc = keyFor(method, sharedSecret, exchangeHash, sessionId, cSc, mSc, ['B', 'D', 'F']);
  return role === 'client'
    ? { sealer: createPacketSealer(cCs, mCs, cs), opener: createPacketOpener(cSc, mSc, sc) }
    : { sealer: createPacketSealer(cSc, mSc, sc), opener: createPacketOpener(cCs, mCs, cs) };
}

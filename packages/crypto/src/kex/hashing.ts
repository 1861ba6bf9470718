import { makeKexHashing } from './exchange-hash.js';
import { kexHash } from './hash.js';

const portable = makeKexHashing(kexHash);

/** The exchange hash H of a key exchange (portable hashes). */
export const exchangeHash = portable.exchangeHash;
/** Key derivation, RFC 4253 §7.2 (portable hashes). */
export const deriveKey = portable.deriveKey;

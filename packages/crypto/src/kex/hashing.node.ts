import { makeKexHashing } from './exchange-hash.js';
import { kexHash } from './hash.node.js';

const fast = makeKexHashing(kexHash);

/** The exchange hash H of a key exchange (node:crypto hashes). */
export const exchangeHash = fast.exchangeHash;
/** Key derivation, RFC 4253 §7.2 (node:crypto hashes). */
export const deriveKey = fast.deriveKey;

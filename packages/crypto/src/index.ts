/** @ssh/crypto: Ciphers, MACs, key exchange math, hashes, keys, signatures, certificates, key formats. */
export {};

/** A key encapsulation mechanism used by the hybrid kex methods. */
export interface KemPrimitive {
  /** Name of the KEM ('mlkem768', 'mlkem1024', 'sntrup761'). */
  readonly name: string;
  /** Encoded public key length. */
  readonly publicKeyLength: number;
  /** Ciphertext length. */
  readonly ciphertextLength: number;
  /** Create a key pair; `decapsulate` throws KeyExchangeFailed on a malformed ciphertext length. */
  generate(): { publicKey: Uint8Array; decapsulate(ciphertext: Uint8Array): Uint8Array };
  /** Encapsulate to a public key; throws KeyExchangeFailed on a bad public key. */
  encapsulate(publicKey: Uint8Array): { ciphertext: Uint8Array; sharedSecret: Uint8Array };
}

import { kexFail } from '../bytes.js';
import type { KemPrimitive } from '../kem-primitive.js';
import { sntrup761Decapsulate, sntrup761Encapsulate, sntrup761Keygen } from './kem.js';
import { CIPHERTEXT_BYTES, PUBLIC_KEY_BYTES } from './params.js';

export {
  type RandomSource,
  type Sntrup761KeyPair,
  sntrup761Decapsulate,
  sntrup761Encapsulate,
  sntrup761Keygen,
} from './kem.js';

/** sntrup761 (Streamlined NTRU Prime, our own implementation) as a hybrid-kex KEM. */
export const sntrup761: KemPrimitive = {
  name: 'sntrup761',
  publicKeyLength: PUBLIC_KEY_BYTES,
  ciphertextLength: CIPHERTEXT_BYTES,
  generate() {
    const { publicKey, secretKey } = sntrup761Keygen();
    return {
      publicKey,
      decapsulate(ct) {
        if (ct.length !== CIPHERTEXT_BYTES) {
          kexFail('sntrup761', `ciphertext has ${ct.length} bytes, expected ${CIPHERTEXT_BYTES}`);
        }
        return sntrup761Decapsulate(ct, secretKey);
      },
    };
  },
  encapsulate(pk) {
    if (pk.length !== PUBLIC_KEY_BYTES)
      kexFail('sntrup761', `public key has ${pk.length} bytes, expected ${PUBLIC_KEY_BYTES}`);
    return sntrup761Encapsulate(pk);
  },
};

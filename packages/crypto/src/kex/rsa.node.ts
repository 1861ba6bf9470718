import { Buffer } from 'node:buffer';
import { constants, createPublicKey, generateKeyPairSync, privateDecrypt, publicEncrypt } from 'node:crypto';
import { bigIntToBytes, bytesToBigInt } from './bytes.js';
import type { RsaEngine } from './rsa-kex.js';

function b64url(v: bigint): string {
  return Buffer.from(bigIntToBytes(v)).toString('base64url');
}

function fromB64url(s: string | undefined): bigint {
  return bytesToBigInt(Buffer.from(s ?? '', 'base64url'));
}

function view(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}

/** The node:crypto RSA engine: OpenSSL key generation and RSAES-OAEP. */
export const nodeRsa: RsaEngine = {
  generate(bits) {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', {
      modulusLength: bits,
      publicExponent: 0x10001,
    });
    const jwk = publicKey.export({ format: 'jwk' });
    return {
      n: fromB64url(jwk.n),
      e: fromB64url(jwk.e),
      decrypt(ciphertext, hash) {
        return view(
          privateDecrypt(
            { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash },
            Buffer.from(ciphertext.buffer, ciphertext.byteOffset, ciphertext.length),
          ),
        );
      },
    };
  },
  encrypt(n, e, message, hash) {
    const key = createPublicKey({ key: { kty: 'RSA', n: b64url(n), e: b64url(e) }, format: 'jwk' });
    return view(
      publicEncrypt(
        { key, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: hash },
        Buffer.from(message.buffer, message.byteOffset, message.length),
      ),
    );
  },
};

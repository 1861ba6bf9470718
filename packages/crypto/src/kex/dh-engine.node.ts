import { Buffer } from 'node:buffer';
import {
  createDiffieHellman,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  type KeyObject,
} from 'node:crypto';
import { bigIntToBytes, stripLeadingZeros } from './bytes.js';
import { checkPeerValue, type DHEngine, exponentBits, randomExponent } from './dh-engine.js';
import { DH_GROUP14, DH_GROUP15, DH_GROUP16, DH_GROUP17, DH_GROUP18 } from './dh-groups.js';
import type { DHGroup } from './types.js';

// Two ways into OpenSSL, picked per group:
// - createDiffieHellman(prime) is fastest for the RFC 3526 groups 14-18, which
//   OpenSSL recognises, but runs a full safe-prime test on any other prime on
//   every call (50 ms for group 1, 0.3 s for a 2048-bit moduli prime, 37 s for 8192);
// - for the others (group 1, group-exchange primes) DH keys are built as
//   KeyObjects from DER: PKCS#3 dhKeyAgreement (1.2.840.113549.1.3.1)
//   parameters in PKCS#8 / SubjectPublicKeyInfo. (For the named groups that
//   path would check y^q = 1 on every derivation: 0.25 s for group 18.)
const NAMED = new Set([DH_GROUP14.p, DH_GROUP15.p, DH_GROUP16.p, DH_GROUP17.p, DH_GROUP18.p]);

const DH_OID = Uint8Array.from([0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x03, 0x01]);

function tlv(tag: number, body: Uint8Array): Buffer {
  const n = body.length;
  const len = n < 0x80 ? [n] : n < 0x100 ? [0x81, n] : [0x82, n >> 8, n & 0xff];
  return Buffer.concat([Uint8Array.of(tag, ...len), body]);
}

function derInteger(v: bigint): Buffer {
  const mag = bigIntToBytes(v);
  return tlv(0x02, (mag[0] ?? 0x80) & 0x80 ? Buffer.concat([Uint8Array.of(0), mag]) : mag);
}

function algorithm(group: DHGroup): Buffer {
  return tlv(
    0x30,
    Buffer.concat([DH_OID, tlv(0x30, Buffer.concat([derInteger(group.p), derInteger(group.g)]))]),
  );
}

function publicKeyObject(group: DHGroup, y: bigint): KeyObject {
  const bits = tlv(0x03, Buffer.concat([Uint8Array.of(0), derInteger(y)]));
  return createPublicKey({
    key: tlv(0x30, Buffer.concat([algorithm(group), bits])),
    format: 'der',
    type: 'spki',
  });
}

/** Read one DER TLV at `at`: returns [tag, body start, body end]. */
function readTlv(der: Uint8Array, at: number): [number, number, number] {
  const tag = der[at] as number;
  let len = der[at + 1] as number;
  let start = at + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (der[start + i] as number);
    start += n;
  }
  return [tag, start, start + len];
}

/** y from a DH SubjectPublicKeyInfo: SEQUENCE { AlgorithmIdentifier, BIT STRING { 0, INTEGER y } }. */
function publicValueOf(spki: Uint8Array): Uint8Array {
  const [, seqStart] = readTlv(spki, 0);
  const [, , algEnd] = readTlv(spki, seqStart);
  const [, bitsStart] = readTlv(spki, algEnd);
  const [, yStart, yEnd] = readTlv(spki, bitsStart + 1);
  return stripLeadingZeros(spki.subarray(yStart, yEnd));
}

function view(b: Buffer): Uint8Array {
  return new Uint8Array(b.buffer, b.byteOffset, b.length);
}

const namedGroupDH: DHEngine = {
  generate(group) {
    const dh = createDiffieHellman(Buffer.from(bigIntToBytes(group.p)), Buffer.from(bigIntToBytes(group.g)));
    dh.setPrivateKey(Buffer.from(bigIntToBytes(randomExponent(exponentBits(group)))));
    const pub = dh.generateKeys();
    return {
      publicValue: stripLeadingZeros(view(pub)),
      agree(peerValue) {
        checkPeerValue('dh', group, peerValue);
        return stripLeadingZeros(view(dh.computeSecret(Buffer.from(peerValue))));
      },
    };
  },
};

const keyObjectDH: DHEngine = {
  generate(group) {
    const x = randomExponent(exponentBits(group));
    const pkcs8 = tlv(
      0x30,
      Buffer.concat([Uint8Array.of(0x02, 0x01, 0x00), algorithm(group), tlv(0x04, derInteger(x))]),
    );
    const privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
    const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
    return {
      publicValue: publicValueOf(view(spki)),
      agree(peerValue) {
        const y = checkPeerValue('dh', group, peerValue);
        const k = diffieHellman({ privateKey, publicKey: publicKeyObject(group, y) });
        return stripLeadingZeros(view(k));
      },
    };
  },
};

/** The node:crypto DH engine: OpenSSL does the modular exponentiations. */
export const nodeDH: DHEngine = {
  generate: (group) => (NAMED.has(group.p) ? namedGroupDH : keyObjectDH).generate(group),
};

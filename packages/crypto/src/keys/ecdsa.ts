import { PacketReader, PacketWriter } from '@ssh/wire';
import { KeyExportError, KeyGenerationError, KeyImportError, SignatureError } from '../errors.js';
import { bigToBytes, bytesToBig } from './bigint.js';
import { EC_CURVES, type EcCurveInfo } from './ec-curves.js';
import type { KeyFactory, KeyImpl } from './key-impl.js';
import type { EcCurve, EcMaterial, KeyBackend } from './types.js';

/** An ECDSA key (RFC 5656). */
class EcKey implements KeyImpl {
  readonly keyType: string;
  readonly bits: number;
  private readonly curve: EcCurveInfo;
  constructor(
    readonly material: EcMaterial,
    private readonly backend: KeyBackend,
  ) {
    this.curve = EC_CURVES[material.curve];
    this.keyType = this.curve.keyType;
    this.bits = this.curve.bits;
  }

  get isPrivate(): boolean {
    return this.material.d !== undefined;
  }

  writePublic(w: PacketWriter): void {
    w.writeString(this.curve.id).writeString(this.material.point);
  }

  writePrivate(w: PacketWriter): void {
    const { d } = this.material;
    if (d === undefined) throw new KeyExportError('a public key has no private fields to write');
    this.writePublic(w);
    w.writeMpint(d);
  }

  sign(sigAlg: string, data: Uint8Array): Uint8Array {
    if (sigAlg !== this.keyType) throw new SignatureError(`${this.keyType} key cannot sign with ${sigAlg}`);
    const rs = this.backend.ecdsa.sign(this.material, data);
    const n = this.curve.fieldBytes;
    return new PacketWriter(2 * n + 16)
      .writeMpintBytes(rs.subarray(0, n))
      .writeMpintBytes(rs.subarray(n))
      .toBytes();
  }

  verify(sigAlg: string, data: Uint8Array, sig: Uint8Array): boolean {
    if (sigAlg !== this.keyType) return false;
    const n = this.curve.fieldBytes;
    const rs = new Uint8Array(2 * n);
    try {
      const rd = new PacketReader(sig);
      const r = rd.readMpintBytes('r');
      const s = rd.readMpintBytes('s');
      rd.expectEnd('ECDSA signature');
      if (r.length > n || s.length > n) return false;
      rs.set(r, n - r.length);
      rs.set(s, 2 * n - s.length);
    } catch {
      return false;
    }
    const order = this.curve.order;
    const r = bytesToBig(rs.subarray(0, n));
    const s = bytesToBig(rs.subarray(n));
    if (r === 0n || s === 0n || r >= order || s >= order) return false;
    return this.backend.ecdsa.verify(this.material, data, rs);
  }

  toPublic(): KeyImpl {
    return new EcKey({ curve: this.material.curve, point: this.material.point }, this.backend);
  }
}

/** Check that `point` is an uncompressed point on the curve (not infinity). */
function checkPoint(curve: EcCurveInfo, point: Uint8Array): void {
  if (point.length !== 1 + 2 * curve.fieldBytes || point[0] !== 4) {
    throw new KeyImportError(`${curve.keyType} public key is not an uncompressed point`);
  }
  try {
    curve.noble.Point.fromBytes(point).assertValidity();
  } catch (e) {
    throw new KeyImportError(`${curve.keyType} public key is not a valid curve point`, { cause: e });
  }
}

function readCurve(r: PacketReader, curve: EcCurveInfo): Uint8Array {
  const id = r.readString('curve name');
  const name = new TextDecoder().decode(id);
  if (name !== curve.id) throw new KeyImportError(`${curve.keyType} key names curve '${name}'`);
  const point = r.readString('public point').slice();
  checkPoint(curve, point);
  return point;
}

/** Build the factory of one ECDSA curve. */
function ecFactory(id: EcCurve): KeyFactory {
  const curve = EC_CURVES[id];
  return {
    keyType: curve.keyType,
    sigAlgorithms: [curve.keyType],
    decodePublic(r, backend) {
      return new EcKey({ curve: id, point: readCurve(r, curve) }, backend);
    },
    decodePrivate(r, backend) {
      const point = readCurve(r, curve);
      const d = r.readPositiveMpint('private scalar');
      if (d === 0n || d >= curve.order)
        throw new KeyImportError(`${curve.keyType} private scalar is out of range`);
      const derived = curve.noble.getPublicKey(bigToBytes(d, curve.fieldBytes), false);
      if (bytesToBig(derived) !== bytesToBig(point)) {
        throw new KeyImportError(`${curve.keyType} public point does not match the private scalar`);
      }
      return new EcKey({ curve: id, point, d }, backend);
    },
    generate(backend, options) {
      if (options.keySize !== undefined || options.exponent !== undefined) {
        throw new KeyGenerationError(
          `${curve.keyType} keys take no key size or exponent (the curve fixes it)`,
        );
      }
      return new EcKey(backend.ecdsa.generate(id), backend);
    },
  };
}

/** ecdsa-sha2-nistp256 keys. */
export const nistp256Factory: KeyFactory = ecFactory('nistp256');
/** ecdsa-sha2-nistp384 keys. */
export const nistp384Factory: KeyFactory = ecFactory('nistp384');
/** ecdsa-sha2-nistp521 keys. */
export const nistp521Factory: KeyFactory = ecFactory('nistp521');
/** ecdsa-sha2-1.3.132.0.10 (secp256k1) keys. */
export const secp256k1Factory: KeyFactory = ecFactory('1.3.132.0.10');

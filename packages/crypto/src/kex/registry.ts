import { UnknownAlgorithmError } from '../errors.js';
import { dhMethod, gexMethod } from './dh.js';
import type { DHEngine } from './dh-engine.js';
import { ecdhMethod } from './ecdh.js';
import type { EcdhProvider } from './ecdh-primitive.js';
import type { KexHashFunction } from './hash.js';
import { hybridMethod } from './hybrid.js';
import type { KemPrimitive } from './kem-primitive.js';
import { KEX_DEFAULT_ALGORITHMS, KEX_INSECURE_ALGORITHMS, KEX_SUPPORTED_ALGORITHMS } from './lists.js';
import { type RsaEngine, rsaKexMethod } from './rsa-kex.js';
import { KEX_SPECS, type KemName, type KexSpec } from './specs.js';
import type { KexHashName, KexMethod } from './types.js';

/** The primitives one implementation path brings to the registry. */
export interface KexProviders {
  /** ECDH on every curve. */
  readonly ecdh: EcdhProvider;
  /** Finite-field modular exponentiation. */
  readonly dh: DHEngine;
  /** RSA for RFC 4432 key transport. */
  readonly rsa: RsaEngine;
  /** The hash used to combine hybrid secrets. */
  readonly hash: (name: KexHashName) => KexHashFunction;
  /** The KEMs; a hybrid whose KEM is missing is not registered. */
  readonly kems: Partial<Record<KemName, KemPrimitive>>;
}

/** Key exchange methods by name, with the three lists of the transport. */
export interface KexRegistry {
  /** The method called `name`; throws UnknownAlgorithmError if there is none. */
  get(name: string): KexMethod;
  /** Whether `name` is implemented. */
  has(name: string): boolean;
  /** Every supported method, defaults first, in preference order. */
  readonly supported: readonly string[];
  /** The methods offered when the user names none. */
  readonly defaults: readonly string[];
  /** Supported methods considered insecure. */
  readonly insecure: readonly string[];
}

function build(name: string, spec: KexSpec, p: KexProviders): KexMethod | undefined {
  switch (spec.kind) {
    case 'ecdh':
      return ecdhMethod(name, spec.hash, p.ecdh[spec.curve]);
    case 'dh':
      return dhMethod(name, spec.hash, spec.group, p.dh);
    case 'dh-gex':
      return gexMethod(name, spec.hash, p.dh);
    case 'rsa':
      return rsaKexMethod(name, spec.hash, spec.bits, p.rsa);
    case 'kem-hybrid': {
      const kem = p.kems[spec.kem];
      return kem ? hybridMethod(name, spec.hash, kem, p.ecdh[spec.curve], p.hash(spec.hash)) : undefined;
    }
  }
}

/** Build a registry over one path's primitives. */
export function createKexRegistry(providers: KexProviders): KexRegistry {
  const methods = new Map<string, KexMethod>();
  for (const [name, spec] of Object.entries(KEX_SPECS)) {
    const m = build(name, spec, providers);
    if (m) methods.set(name, m);
  }
  const known = (list: readonly string[]) => Object.freeze(list.filter((n) => methods.has(n)));
  return {
    get(name) {
      const m = methods.get(name);
      if (!m) throw new UnknownAlgorithmError('kex', name);
      return m;
    },
    has: (name) => methods.has(name),
    supported: known(KEX_SUPPORTED_ALGORITHMS),
    defaults: known(KEX_DEFAULT_ALGORITHMS),
    insecure: known(KEX_INSECURE_ALGORITHMS),
  };
}

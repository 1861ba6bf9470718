import {
  cipherRegistry,
  DEFAULT_PUBLIC_KEY_ALGORITHMS,
  kexRegistry,
  macRegistry,
  type SSHCertificate,
  type SSHKey,
  SUPPORTED_CERT_PUBLIC_KEY_ALGORITHMS,
  SUPPORTED_PUBLIC_KEY_ALGORITHMS,
} from '@ssh/crypto';
import {
  COMPRESSION_DEFAULT,
  COMPRESSION_NONE,
  COMPRESSION_SUPPORTED,
  COMPRESSION_ZLIB_DELAYED,
} from '../compression/zlib-stream.js';
import { certAlgorithms } from '../kex/host-certs.js';
import { AlgorithmOptionError, type AlgorithmSpec, expandAlgorithms } from './expand.js';

const sameBlob = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** OpenSSH host certificate algorithms (PROTOCOL.certkeys) a client may accept. */
export const HOST_CERT_ALGORITHMS: readonly string[] = SUPPORTED_CERT_PUBLIC_KEY_ALGORITHMS.filter(
  (a) => a.endsWith('-cert-v01@openssh.com') && !a.startsWith('sk-'),
);

/** The algorithm options of a connection, as AsyncSSH names them. */
export interface AlgorithmOptions {
  /** Key exchange methods (`kex_algs`). */
  kexAlgs?: AlgorithmSpec;
  /** Ciphers (`encryption_algs`). */
  encryptionAlgs?: AlgorithmSpec;
  /** MACs (`mac_algs`). */
  macAlgs?: AlgorithmSpec;
  /** Compression (`compression_algs`): zlib@openssh.com, zlib, none; null disables it. */
  compressionAlgs?: AlgorithmSpec | null;
  /** Host key algorithms the client accepts (`server_host_key_algs`). */
  serverHostKeyAlgs?: AlgorithmSpec;
  /** Signature algorithms a server signs with / offers in server-sig-algs (`signature_algs`). */
  signatureAlgs?: AlgorithmSpec;
}

/** The lists this side puts in its KEXINIT, one per kind, both directions the same. */
export interface LocalAlgorithmLists {
  readonly kex: readonly string[];
  readonly hostKey: readonly string[];
  readonly encryption: readonly string[];
  readonly mac: readonly string[];
  readonly compression: readonly string[];
  readonly signature: readonly string[];
}

/**
 * Resolve the algorithm options against the registries. A server offers the
 * host key algorithms its keys can sign with; option errors are typed
 * (`AlgorithmOptionError`) and raised before any connection is made.
 */
export function resolveAlgorithms(
  opts: AlgorithmOptions,
  hostKeys?: readonly SSHKey[],
  hostCerts: readonly SSHCertificate[] = [],
): LocalAlgorithmLists {
  const signature = expandAlgorithms(
    'signatureAlgs',
    opts.signatureAlgs,
    DEFAULT_PUBLIC_KEY_ALGORITHMS,
    SUPPORTED_PUBLIC_KEY_ALGORITHMS,
  );
  let hostKey: string[];
  if (hostKeys) {
    hostKey = [];
    // Certificates first, as sshd offers them: a client that trusts the CA picks one.
    for (const cert of hostCerts) {
      if (!hostKeys.some((k) => sameBlob(k.publicData, cert.key.publicData)))
        throw new AlgorithmOptionError('serverHostCerts: a certificate has no matching host key');
      for (const alg of certAlgorithms(cert, signature, HOST_CERT_ALGORITHMS))
        if (!hostKey.includes(alg)) hostKey.push(alg);
    }
    for (const key of hostKeys) {
      for (const alg of key.sigAlgorithms)
        if (signature.includes(alg) && !hostKey.includes(alg)) hostKey.push(alg);
    }
    if (hostKey.length === 0)
      throw new AlgorithmOptionError('serverHostKeys: no host key can sign with an allowed algorithm');
  } else {
    hostKey = expandAlgorithms('serverHostKeyAlgs', opts.serverHostKeyAlgs, DEFAULT_PUBLIC_KEY_ALGORITHMS, [
      ...HOST_CERT_ALGORITHMS,
      ...SUPPORTED_PUBLIC_KEY_ALGORITHMS,
    ]);
  }
  return {
    kex: expandAlgorithms('kexAlgs', opts.kexAlgs, kexRegistry.defaults, kexRegistry.supported),
    hostKey,
    encryption: expandAlgorithms(
      'encryptionAlgs',
      opts.encryptionAlgs,
      cipherRegistry.defaults,
      cipherRegistry.supported,
    ),
    mac: expandAlgorithms('macAlgs', opts.macAlgs, macRegistry.defaults, macRegistry.supported),
    compression:
      opts.compressionAlgs === null
        ? [COMPRESSION_NONE]
        : expandAlgorithms(
            'compressionAlgs',
            opts.compressionAlgs,
            // A client prefers no compression unless the server insists; a server allows what the client asks.
            hostKeys ? COMPRESSION_DEFAULT : [COMPRESSION_NONE, COMPRESSION_ZLIB_DELAYED],
            COMPRESSION_SUPPORTED,
          ),
    signature,
  };
}

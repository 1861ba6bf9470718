import { DEFAULT_PUBLIC_KEY_ALGORITHMS, SUPPORTED_PUBLIC_KEY_ALGORITHMS } from '@ssh/crypto';
import { type AlgorithmSpec, expandAlgorithms } from '@ssh/transport';

/**
 * The signature algorithms a CA may have signed a certificate with
 * (`caSignatureAlgs`, OpenSSH's CASignatureAlgorithms), with the usual
 * `+`, `-`, `^` editing of the default list; undefined when not given (any).
 */
export function caSignatureAlgorithms(spec: AlgorithmSpec | undefined): string[] | undefined {
  if (spec === undefined) return undefined;
  return expandAlgorithms(
    'caSignatureAlgs',
    spec,
    DEFAULT_PUBLIC_KEY_ALGORITHMS,
    SUPPORTED_PUBLIC_KEY_ALGORITHMS,
  );
}

import { type AlgorithmSpec, resolveAlgorithms } from '@ssh/transport';

const TRANSPORT_OPTIONS = [
  'kexAlgs',
  'encryptionAlgs',
  'macAlgs',
  'compressionAlgs',
  'signatureAlgs',
  'serverHostKeyAlgs',
  'rekeyBytes',
  'rekeySeconds',
] as const;

/** The transport's options among a connection's options (algorithm lists, rekey limits), those given only. */
export function pickTransportOptions(
  o: Partial<Record<(typeof TRANSPORT_OPTIONS)[number], unknown>>,
): Record<string, unknown> {
  return pickDefined(o, TRANSPORT_OPTIONS);
}

/** The named options that were given (not undefined). */
export function pickDefined<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Pick<T, K> {
  const out: Partial<T> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out as Pick<T, K>;
}

/**
 * `signatureAlgs` (a list, or '+'/'-'/'^' edits of the defaults) as the list
 * user authentication accepts or signs with; nothing when not given.
 */
export function signatureList(spec: AlgorithmSpec | undefined): { signatureAlgs?: readonly string[] } {
  return spec === undefined ? {} : { signatureAlgs: resolveAlgorithms({ signatureAlgs: spec }).signature };
}

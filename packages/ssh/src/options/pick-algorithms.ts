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
  const out: Record<string, unknown> = {};
  for (const k of TRANSPORT_OPTIONS) if (o[k] !== undefined) out[k] = o[k];
  return out;
}

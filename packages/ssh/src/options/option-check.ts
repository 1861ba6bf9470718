/** The type an option's value must have (one or several). */
export type OptionKind =
  | 'number'
  | 'integer'
  | 'string'
  | 'boolean'
  | 'function'
  | 'object'
  | 'array'
  | 'null';

/** Option names with the types their values may take. */
export type OptionSpec = Readonly<Record<string, readonly OptionKind[]>>;

const ALGS = ['string', 'array'] as const;

/** The options client and server connections share, with the types they accept. */
export const COMMON_OPTION_SPEC: OptionSpec = {
  host: ['string'],
  port: ['integer'],
  family: ['integer'],
  flags: ['integer'],
  localAddr: ['array'],
  config: ['string', 'array', 'null'],
  options: ['object'],
  connectTimeout: ['number'],
  tcpKeepalive: ['boolean'],
  keepaliveInterval: ['number'],
  keepaliveCountMax: ['integer'],
  signal: ['object'],
  encoding: ['string', 'null'],
  errors: ['string'],
  window: ['integer'],
  maxPktsize: ['integer'],
  rekeyBytes: ['number'],
  rekeySeconds: ['number'],
  kexAlgs: ALGS,
  encryptionAlgs: ALGS,
  macAlgs: ALGS,
  compressionAlgs: ALGS,
  signatureAlgs: ALGS,
  serverHostKeyAlgs: ALGS,
};

function is(kind: OptionKind, v: unknown): boolean {
  switch (kind) {
    case 'number':
      return typeof v === 'number' && Number.isFinite(v) && v >= 0;
    case 'integer':
      return typeof v === 'number' && Number.isInteger(v) && v >= 0;
    case 'string':
      return typeof v === 'string';
    case 'boolean':
      return typeof v === 'boolean';
    case 'function':
      return typeof v === 'function';
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'array':
      return Array.isArray(v);
    case 'null':
      return v === null;
  }
}

const describe = (kinds: readonly OptionKind[]) =>
  kinds
    .map((k) => (k === 'number' ? 'a non-negative number' : k === 'null' ? 'null' : `a ${k}`))
    .join(' or ');

/**
 * Reject unknown options and wrongly typed values with a TypeError naming the
 * option, before anything is opened. Undefined values count as not given.
 */
export function checkOptions(fn: string, spec: OptionSpec, opts: object): void {
  for (const [name, value] of Object.entries(opts)) {
    const kinds = spec[name];
    if (!kinds) throw new TypeError(`${fn}: unknown option "${name}"`);
    if (value === undefined) continue;
    if (!kinds.some((k) => is(k, value)))
      throw new TypeError(`${fn}: option "${name}" must be ${describe(kinds)}`);
  }
}

/**
 * Layer options as AsyncSSH does with `options=`: the base object's values
 * fill in whatever the explicit ones leave undefined.
 */
export function layerOptions<T extends object>(base: T | undefined, explicit: T): T {
  const out: Record<string, unknown> = { ...(base ?? {}) };
  for (const [k, v] of Object.entries(explicit)) if (v !== undefined && k !== 'options') out[k] = v;
  delete out.options;
  return out as T;
}

/**
 * Check options and their `options` base, then layer them; port and family
 * get their range checks. Throws a TypeError naming the bad option.
 */
export function resolveOptions<T extends { options?: object; port?: number; family?: number }>(
  fn: string,
  spec: OptionSpec,
  init: T,
): T {
  checkOptions(fn, spec, init);
  if (init.options !== undefined) checkOptions(fn, spec, init.options);
  const out = layerOptions(init.options as T | undefined, init);
  if (out.port !== undefined && out.port > 65535)
    throw new TypeError(`${fn}: option "port" must be an integer 0..65535`);
  if (out.family !== undefined && ![0, 4, 6].includes(out.family))
    throw new TypeError(`${fn}: option "family" must be 0, 4 or 6`);
  return out;
}

/** Environment variables of a session: names and values as text or raw bytes. */
export type EnvInput =
  | Readonly<Record<string, string>>
  | ReadonlyMap<string | Uint8Array, string | Uint8Array>
  | Iterable<readonly [string | Uint8Array, string | Uint8Array]>;

/** One variable as raw bytes. */
export type EnvEntry = [Uint8Array, Uint8Array];

const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true });

function bytes(v: string | Uint8Array): Uint8Array {
  return typeof v === 'string' ? enc.encode(v) : v;
}

/** Normalise any EnvInput to byte pairs. */
export function envEntries(env: EnvInput | undefined): EnvEntry[] {
  if (!env) return [];
  const pairs: Iterable<readonly [string | Uint8Array, string | Uint8Array]> =
    env instanceof Map || Symbol.iterator in env
      ? (env as Iterable<readonly [string | Uint8Array, string | Uint8Array]>)
      : Object.entries(env as Record<string, string>);
  return [...pairs].map(([k, v]) => [bytes(k), bytes(v)]);
}

function wildcard(pattern: string): RegExp {
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body}$`);
}

/** The local environment, if the runtime has one (Node, Bun, Deno with --allow-env). */
function localEnv(): Record<string, string | undefined> {
  const proc = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process;
  return proc?.env ?? {};
}

/**
 * Merge `sendEnv` (local variable names, wildcards allowed) with `env`; `env`
 * wins on conflict, as in AsyncSSH.
 */
export function buildEnvironment(
  env: EnvInput | undefined,
  sendEnv: readonly string[] | undefined,
): EnvEntry[] {
  const out = new Map<string, EnvEntry>();
  if (sendEnv && sendEnv.length > 0) {
    const patterns = sendEnv.map(wildcard);
    for (const [k, v] of Object.entries(localEnv())) {
      if (v !== undefined && patterns.some((p) => p.test(k)))
        out.set(enc.encode(k).join(','), [enc.encode(k), enc.encode(v)]);
    }
  }
  for (const entry of envEntries(env)) out.set(entry[0].join(','), entry);
  return [...out.values()];
}

/** The UTF-8 decodable entries as a plain object. */
export function envAsText(entries: readonly EnvEntry[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of entries) {
    try {
      out[dec.decode(k)] = dec.decode(v);
    } catch {
      // Entries that are not UTF-8 only appear in the bytes view.
    }
  }
  return out;
}

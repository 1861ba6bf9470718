import { importPublicKey, type SSHKey } from '@ssh/crypto';

/** The result of reading the key part of a known_hosts or authorized_keys line. */
export type KeyTextResult = { ok: true; key: SSHKey } | { ok: false; reason: string };

/**
 * Import the `type base64 [comment]` part of a line. Unknown key types, bad
 * base64 and invalid keys are reported (not thrown): OpenSSH and AsyncSSH
 * skip such lines rather than rejecting the whole file.
 */
export function importKeyText(text: string): KeyTextResult {
  const m = /^(\S+)\s+(\S+)/.exec(text);
  if (!m) return { ok: false, reason: 'no key type and key data' };
  try {
    return { ok: true, key: importPublicKey(text) };
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    return { ok: false, reason: `cannot import ${m[1]} key: ${why}` };
  }
}

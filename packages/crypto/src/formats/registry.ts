import { KeyExportError } from '../errors.js';
import { opensshPrivateFormat } from './openssh.js';
import { opensshPublicFormat } from './openssh-public.js';
import type { PrivateKeyFormat, PublicKeyFormat } from './types.js';

/**
 * Private key formats tried in order on import, and looked up by name on
 * export. A new format (PKCS#1, PKCS#8, PPK, ...) is one file plus one line here.
 */
export const PRIVATE_KEY_FORMATS: readonly PrivateKeyFormat[] = [opensshPrivateFormat];

/** Public key formats tried in order on import, and looked up by name on export. */
export const PUBLIC_KEY_FORMATS: readonly PublicKeyFormat[] = [opensshPublicFormat];

/** The private key format named `name`; KeyExportError when unknown. */
export function privateKeyFormat(name: string): PrivateKeyFormat {
  const f = PRIVATE_KEY_FORMATS.find((x) => x.name === name);
  if (!f?.encode) throw new KeyExportError(`unknown private key export format '${name}'`);
  return f;
}

/** The public key format named `name`; KeyExportError when unknown. */
export function publicKeyFormat(name: string): PublicKeyFormat {
  const f = PUBLIC_KEY_FORMATS.find((x) => x.name === name);
  if (!f?.encode) throw new KeyExportError(`unknown public key export format '${name}'`);
  return f;
}

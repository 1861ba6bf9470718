import { KeyExportError } from '../errors.js';
import { opensshPrivateFormat } from './openssh.js';
import { opensshPublicFormat } from './openssh-public.js';
import {
  pkcs1DerPrivateFormat,
  pkcs1DerPublicFormat,
  pkcs1PemPrivateFormat,
  pkcs1PemPublicFormat,
} from './pkcs1.js';
import {
  pkcs8DerPrivateFormat,
  pkcs8DerPublicFormat,
  pkcs8PemPrivateFormat,
  pkcs8PemPublicFormat,
} from './pkcs8.js';
import { ppkPrivateFormat } from './ppk.js';
import { rfc4716PublicFormat } from './rfc4716.js';
import type { PrivateKeyFormat, PublicKeyFormat } from './types.js';

/**
 * Private key formats tried in order on import (the first whose `detect`
 * accepts the data decodes it), and looked up by name or alias on export.
 * A new format is one file plus one line here.
 */
export const PRIVATE_KEY_FORMATS: readonly PrivateKeyFormat[] = [
  opensshPrivateFormat,
  ppkPrivateFormat,
  pkcs8PemPrivateFormat,
  pkcs1PemPrivateFormat,
  pkcs8DerPrivateFormat,
  pkcs1DerPrivateFormat,
];

/** Public key formats tried in order on import, and looked up by name or alias on export. */
export const PUBLIC_KEY_FORMATS: readonly PublicKeyFormat[] = [
  opensshPublicFormat,
  rfc4716PublicFormat,
  pkcs8PemPublicFormat,
  pkcs1PemPublicFormat,
  pkcs8DerPublicFormat,
  pkcs1DerPublicFormat,
];

const named = <F extends { name: string; aliases?: readonly string[] }>(list: readonly F[], name: string) =>
  list.find((x) => x.name === name) ?? list.find((x) => x.aliases?.includes(name));

/** The private key format named `name` (or an alias); KeyExportError when unknown. */
export function privateKeyFormat(name: string): PrivateKeyFormat {
  const f = named(PRIVATE_KEY_FORMATS, name);
  if (!f?.encode) throw new KeyExportError(`unknown private key export format '${name}'`);
  return f;
}

/** The public key format named `name` (or an alias); KeyExportError when unknown. */
export function publicKeyFormat(name: string): PublicKeyFormat {
  const f = named(PUBLIC_KEY_FORMATS, name);
  if (!f?.encode) throw new KeyExportError(`unknown public key export format '${name}'`);
  return f;
}

import { readFileSync } from 'node:fs';
import {
  type AuthorizedKeyOptions,
  importAuthorizedKeys,
  type PermitTarget,
  SSHAuthorizedKeys,
} from '@ssh/auth';
import type { SSHOpenSSHCertificate } from '@ssh/crypto';

/** authorized_keys as options and setAuthorizedKeys take them: parsed, as text, or a file path. */
export type AuthorizedKeysArg = string | SSHAuthorizedKeys;

/** Parse authorized keys given as an object, their text, or a file path. */
export function loadAuthorizedKeys(arg: AuthorizedKeysArg): SSHAuthorizedKeys {
  if (arg instanceof SSHAuthorizedKeys) return arg;
  const isText = arg.includes('\n') || /^(ssh-|ecdsa-|sk-|cert-authority|restrict|command=|from=)/.test(arg);
  return importAuthorizedKeys(isText ? arg : readFileSync(arg, 'utf8'));
}

/** Auth methods switched on or off (listen's publicKeyAuth, passwordAuth, kbdintAuth). */
export interface AuthToggles {
  publicKeyAuth?: boolean;
  passwordAuth?: boolean;
  kbdintAuth?: boolean;
}

/** What one connection's login has settled so far: the authorized keys in force, and the options of the key accepted. */
export class ServerAuthState {
  /** The keys publickey auth accepts (from the option, or set per connection). */
  authorized: SSHAuthorizedKeys | undefined;
  /** The authorized_keys options of the last key accepted (null: accepted by a callback). */
  keyOptions: AuthorizedKeyOptions | null = null;
  /** The user certificate the login used, if any. */
  certificate: SSHOpenSSHCertificate | undefined;
  /** Methods switched on or off for this login (options, or sshd_config Match blocks for the user); unset: the server object decides. */
  toggles: AuthToggles = {};

  constructor(authorized: SSHAuthorizedKeys | undefined) {
    this.authorized = authorized;
  }
}

/** The certificate extension that grants a permission ('pty' → permit-pty, 'X11-forwarding' → permit-X11-forwarding). */
export function certificatePermits(cert: SSHOpenSSHCertificate | undefined, permission: string): boolean {
  if (!cert) return true;
  const name = permission.toLowerCase() === 'x11-forwarding' ? 'X11-forwarding' : permission.toLowerCase();
  return cert.hasExtension(`permit-${name}`);
}

/** Whether a `permitopen` list (absent: anything) lets the client open host:port. */
export function permitsOpen(options: AuthorizedKeyOptions | null, host: string, port: number): boolean {
  const list = options?.permitopen as readonly PermitTarget[] | undefined;
  if (!list) return true;
  return list.some((t) => (t.host === '*' || t.host === host) && (t.port === null || t.port === port));
}

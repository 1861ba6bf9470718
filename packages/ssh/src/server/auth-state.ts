import { readFileSync } from 'node:fs';
import { type AuthorizedKeyOptions, importAuthorizedKeys, SSHAuthorizedKeys } from '@ssh/auth';

/** authorized_keys as options and setAuthorizedKeys take them: parsed, as text, or a file path. */
export type AuthorizedKeysArg = string | SSHAuthorizedKeys;

/** Parse authorized keys given as an object, their text, or a file path. */
export function loadAuthorizedKeys(arg: AuthorizedKeysArg): SSHAuthorizedKeys {
  if (arg instanceof SSHAuthorizedKeys) return arg;
  const isText = arg.includes('\n') || /^(ssh-|ecdsa-|sk-|cert-authority|restrict|command=|from=)/.test(arg);
  return importAuthorizedKeys(isText ? arg : readFileSync(arg, 'utf8'));
}

/** What one connection's login has settled so far: the authorized keys in force, and the options of the key accepted. */
export class ServerAuthState {
  /** The keys publickey auth accepts (from the option, or set per connection). */
  authorized: SSHAuthorizedKeys | undefined;
  /** The authorized_keys options of the last key accepted (null: accepted by a callback). */
  keyOptions: AuthorizedKeyOptions | null = null;

  constructor(authorized: SSHAuthorizedKeys | undefined) {
    this.authorized = authorized;
  }
}

import type { AuthorizedKeyOptions, AuthorizedKeyOptionValue } from './options.js';

/** The permissions `restrict` turns off and a positive option turns back on. */
export const RESTRICTABLE_PERMISSIONS: ReadonlySet<string> = new Set([
  'agent-forwarding',
  'port-forwarding',
  'pty',
  'user-rc',
  'x11-forwarding',
]);

/**
 * The value of an option of the entry a client key matched (AsyncSSH
 * get_key_option): `command`, `environment`, `from`, `permitopen`,
 * `principals`, `no-touch-required`..., or a custom option (true when bare,
 * its list of values otherwise); `defaultValue` when absent.
 */
export function getKeyOption<T = AuthorizedKeyOptionValue | undefined>(
  options: AuthorizedKeyOptions | null | undefined,
  name: string,
  defaultValue?: T,
): AuthorizedKeyOptionValue | T | undefined {
  if (!options) return defaultValue;
  const key = name.toLowerCase();
  return Object.hasOwn(options, key) ? options[key] : defaultValue;
}

/**
 * Whether a permission (`X11-forwarding`, `agent-forwarding`,
 * `port-forwarding`, `pty`, `user-rc`, or a custom one) is granted by an
 * entry's options (AsyncSSH check_key_permission): refused by `no-<name>`;
 * after `restrict`, the five standard ones only when re-enabled by name.
 */
export function checkKeyPermission(
  options: AuthorizedKeyOptions | null | undefined,
  permission: string,
): boolean {
  if (!options) return true;
  const name = permission.toLowerCase();
  if (Object.hasOwn(options, `no-${name}`)) return false;
  if (Object.hasOwn(options, 'restrict') && RESTRICTABLE_PERMISSIONS.has(name)) {
    return Object.hasOwn(options, name);
  }
  return true;
}

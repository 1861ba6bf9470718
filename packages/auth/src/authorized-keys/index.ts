/** authorized_keys: parsing, options and key validation. */
export { importAuthorizedKeys, SSHAuthorizedKeys } from './authorized-keys.js';
export type { AuthorizedKeyEntry, SkippedKeyLine } from './entry.js';
export { parseExpiryTime } from './expiry-time.js';
export type { AuthorizedKeyOptions, AuthorizedKeyOptionValue, PermitTarget } from './options.js';
export { checkKeyPermission, getKeyOption, RESTRICTABLE_PERMISSIONS } from './permissions.js';

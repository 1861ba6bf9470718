/**
 * Whether importing an RSA private key runs the full consistency checks
 * (AsyncSSH's set_default_skip_rsa_key_validation and the per-call
 * unsafe_skip_rsa_key_validation). Skipping keeps the size and p·q = n
 * checks and drops the exponent and CRT checks.
 */

let skipByDefault = false;
let override: boolean | undefined;

/**
 * Process-wide default for skipping RSA private key validation on import
 * (AsyncSSH set_default_skip_rsa_key_validation). Only for keys from a
 * trusted source.
 */
export function setDefaultSkipRsaKeyValidation(skipValidation: boolean): void {
  skipByDefault = skipValidation;
}

/** True when RSA private key validation is skipped for the import in progress. */
export function rsaValidationSkipped(): boolean {
  return override ?? skipByDefault;
}

/** Run `fn` with RSA validation skipped or not (`undefined`: the process default). */
export function withRsaValidation<T>(skip: boolean | undefined, fn: () => T): T {
  const saved = override;
  override = skip;
  try {
    return fn();
  } finally {
    override = saved;
  }
}

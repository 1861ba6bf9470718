import { WireError } from '@ssh/wire';
import { KeyImportError } from '../errors.js';

/** Wrap any error raised while decoding key data into a KeyImportError naming `what`. */
export function asImportError(e: unknown, what: string): KeyImportError {
  if (e instanceof KeyImportError) return e;
  if (e instanceof WireError) return new KeyImportError(`${what}: ${e.message}`, { cause: e });
  return new KeyImportError(`${what}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
}

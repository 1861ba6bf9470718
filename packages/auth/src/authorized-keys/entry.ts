import type { SSHKey } from '@ssh/crypto';
import { importKeyText } from '../public-key-text.js';
import { lexOptions } from './lexer.js';
import { type AuthorizedKeyOptions, interpretOptions, type OptionClauses } from './options.js';

/** One parsed authorized_keys line. */
export interface AuthorizedKeyEntry {
  /** 1-based line number within the text it came from. */
  readonly lineNumber: number;
  /** The key (a user key, or a CA key when `cert-authority` is set). */
  readonly key: SSHKey;
  /** The line's options (empty when none). */
  readonly options: AuthorizedKeyOptions;
  /** Each `from=` and `principals=` list, as written (all must be satisfied). */
  readonly clauses: OptionClauses;
}

/** A line skipped because its key could not be used (unknown type, bad base64, invalid key). */
export interface SkippedKeyLine {
  readonly lineNumber: number;
  readonly reason: string;
}

const KEY_START = /^[A-Za-z0-9][\w.@-]*\s+[A-Za-z0-9+/=]+(\s|$)/;

/**
 * Parse one non-blank, non-comment line. A line that starts with
 * `type base64` has no options (no key type is base64-only, and options
 * contain `,`, `=` or are followed by a key type containing `-`);
 * otherwise the options come first. Option
 * errors throw AuthorizedKeysError; an unusable key gives a skipped line.
 */
export function parseAuthorizedKeyLine(
  line: string,
  lineNumber: number,
): AuthorizedKeyEntry | SkippedKeyLine {
  const text = line.trim();
  let options: AuthorizedKeyOptions = Object.freeze(Object.create(null));
  let keyText = text;
  const clauses: OptionClauses = { from: [], principals: [] };
  if (!KEY_START.test(text)) {
    const lexed = lexOptions(text, lineNumber);
    options = interpretOptions(lexed.options, lineNumber, clauses);
    keyText = lexed.rest;
  }
  if (keyText === '') return { lineNumber, reason: 'options but no key' };
  const imported = importKeyText(keyText);
  if (!imported.ok) return { lineNumber, reason: imported.reason };
  return { lineNumber, key: imported.key, options, clauses };
}

import type { ErrorsPolicy } from '../encoding-policy.js';
import { UnicodeEncodeError } from '../errors.js';

const LONE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `text` without lone surrogates (which no Unicode encoding can carry): strict
 * throws, replace puts '?', ignore drops them.
 */
export function wellFormed(text: string, encoding: string, errors: ErrorsPolicy): string {
  // ES2024's native check where the runtime has it (Node 20 does); the regex finds the position.
  const native = (text as { isWellFormed?: () => boolean }).isWellFormed;
  if (native?.call(text)) return text;
  LONE.lastIndex = 0;
  const m = LONE.exec(text);
  if (!m) return text;
  if (errors === 'strict') throw new UnicodeEncodeError(encoding, m.index, m[0]);
  return text.replace(LONE, errors === 'replace' ? '?' : '');
}

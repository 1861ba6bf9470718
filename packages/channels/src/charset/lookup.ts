import { ValueError } from '@ssh/wire';
import type { Charset } from './charset.js';
import { ASCII, LATIN1 } from './latin1-ascii.js';
import { tableCharset } from './table.js';
import { UTF8 } from './utf8.js';
import { UTF16BE, UTF16LE } from './utf16.js';

/** Python codec names whose meaning differs from (or is missing in) the WHATWG labels. */
const PYTHON_NAMES: Readonly<Record<string, Charset>> = {
  'latin-1': LATIN1,
  latin1: LATIN1,
  'iso-8859-1': LATIN1,
  'iso8859-1': LATIN1,
  l1: LATIN1,
  cp819: LATIN1,
  ascii: ASCII,
  'us-ascii': ASCII,
  '646': ASCII,
  'utf-16-le': UTF16LE,
  'utf-16-be': UTF16BE,
};

const cache = new Map<string, Charset>();

/**
 * The charset for an encoding name: UTF-8, UTF-16LE/BE, Latin-1 and ASCII as
 * Python names them, and every other encoding the platform's TextDecoder
 * knows. Throws ValueError for an unknown name, or for one that cannot be
 * encoded without state or a byte order mark (ISO-2022-JP, plain 'utf-16').
 */
export function lookupCharset(encoding: string): Charset {
  const key = encoding.trim().toLowerCase().replaceAll('_', '-');
  const known = PYTHON_NAMES[key] ?? cache.get(key);
  if (known) return known;
  let canonical: string;
  try {
    canonical = new TextDecoder(key).encoding;
  } catch {
    throw new ValueError(`unknown encoding ${encoding}`);
  }
  let charset: Charset;
  if (canonical === 'utf-8') charset = UTF8;
  else if (canonical === 'utf-16le' && key !== 'utf-16') charset = UTF16LE;
  else if (canonical === 'utf-16be') charset = UTF16BE;
  else if (canonical === 'utf-16le' || canonical === 'iso-2022-jp' || canonical === 'replacement') {
    throw new ValueError(`unsupported encoding ${encoding}: use utf-16le or utf-16be, or another encoding`);
  } else charset = tableCharset(canonical);
  cache.set(key, charset);
  return charset;
}

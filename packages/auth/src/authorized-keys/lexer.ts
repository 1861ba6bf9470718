import { AuthorizedKeysError } from '../errors.js';

/** One option as written: its name and its (dequoted) value, or null for a bare flag. */
export interface RawOption {
  readonly name: string;
  readonly value: string | null;
}

/** The options of a line and the text that follows them (the key). */
export interface LexedOptions {
  readonly options: readonly RawOption[];
  readonly rest: string;
}

const NAME_CHAR = /[A-Za-z0-9_.@-]/;

/**
 * Read the comma-separated options that start an authorized_keys line, up
 * to the first whitespace outside double quotes. A value is `name="..."`
 * (a backslash before `"` escapes it; other backslashes stay) or, leniently,
 * `name=word`. Throws AuthorizedKeysError on an unterminated quote, an empty
 * option or a bad option name.
 */
export function lexOptions(line: string, lineNumber = 0): LexedOptions {
  const options: RawOption[] = [];
  let i = 0;
  for (;;) {
    const start = i;
    while (i < line.length && NAME_CHAR.test(line[i] as string)) i++;
    const name = line.slice(start, i);
    if (name === '') {
      const what = i < line.length ? `unexpected '${line[i]}'` : 'end of line';
      throw new AuthorizedKeysError(`option name expected at column ${i + 1}, found ${what}`, lineNumber);
    }
    let value: string | null = null;
    if (line[i] === '=') {
      i++;
      if (line[i] === '"') {
        i++;
        let v = '';
        for (;;) {
          const ch = line[i];
          if (ch === undefined) {
            throw new AuthorizedKeysError(`unterminated quoted value of option '${name}'`, lineNumber);
          }
          if (ch === '\\' && line[i + 1] === '"') {
            v += '"';
            i += 2;
          } else if (ch === '"') {
            i++;
            break;
          } else {
            v += ch;
            i++;
          }
        }
        value = v;
      } else {
        const vs = i;
        while (i < line.length && !/[\s,"]/.test(line[i] as string)) i++;
        if (line[i] === '"') {
          throw new AuthorizedKeysError(`stray quote in value of option '${name}'`, lineNumber);
        }
        value = line.slice(vs, i);
      }
    }
    options.push({ name, value });
    const next = line[i];
    if (next === ',') {
      i++;
      continue;
    }
    if (next === undefined || /\s/.test(next)) break;
    throw new AuthorizedKeysError(`unexpected '${next}' after option '${name}'`, lineNumber);
  }
  return { options, rest: line.slice(i).trim() };
}

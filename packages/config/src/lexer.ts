import { ConfigParseError } from './errors.js';

/** One non-empty config line split into its keyword and arguments. */
export interface ConfigLine {
  /** The keyword, lowercased. */
  readonly keyword: string;
  /** The keyword as written in the file. */
  readonly name: string;
  /** Arguments after quote and escape removal; a `#` starting an argument ends the line. */
  readonly args: readonly string[];
  /** The text after the keyword and its separator, untouched (used by command keywords). */
  readonly rest: string;
  /** The file the line came from. */
  readonly file: string;
  /** 1-based line number. */
  readonly line: number;
}

const SPACE = new Set([' ', '\t', '\r', '\n']);

/**
 * Split argument text the way OpenSSH does: whitespace separates words, single or
 * double quotes group (and are removed), a backslash escapes a quote, a backslash
 * or (outside quotes) a space, and a word starting with `#` ends the line.
 * Returns undefined when a quote is left open.
 */
export function splitArgs(text: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  while (i < text.length) {
    while (i < text.length && SPACE.has(text[i] as string)) i++;
    if (i >= text.length || text[i] === '#') break;
    let word = '';
    let quote = '';
    for (; i < text.length; i++) {
      const c = text[i] as string;
      if (quote === '' && SPACE.has(c)) break;
      if (c === '\\') {
        const next = text[i + 1];
        if (next === '"' || next === "'" || next === '\\' || (quote === '' && next === ' ')) {
          word += next;
          i++;
        } else {
          word += c;
        }
      } else if (quote === '' && (c === '"' || c === "'")) {
        quote = c;
      } else if (quote !== '' && c === quote) {
        quote = '';
      } else {
        word += c;
      }
    }
    if (quote !== '') return undefined;
    out.push(word);
  }
  return out;
}

/**
 * Split text into words the way OpenSSH reads Match criteria: words end at whitespace
 * or a single `=`, and a double-quoted section is one word (single quotes are plain
 * characters). An empty word appears where two `=` follow each other. Returns
 * undefined when a double quote is left open.
 */
export function splitDelimited(text: string): string[] | undefined {
  const out: string[] = [];
  let i = 0;
  while (i < text.length && SPACE.has(text[i] as string)) i++;
  while (i < text.length) {
    let word = '';
    while (i < text.length && !SPACE.has(text[i] as string) && text[i] !== '=') {
      if (text[i] === '"') {
        const end = text.indexOf('"', i + 1);
        if (end < 0) return undefined;
        word += text.slice(i + 1, end);
        i = end + 1;
        break;
      }
      word += text[i];
      i++;
    }
    out.push(word);
    let sawEquals = text[i] === '=';
    if (i < text.length) i++;
    while (i < text.length && SPACE.has(text[i] as string)) i++;
    if (!sawEquals && text[i] === '=') {
      sawEquals = true;
      i++;
      while (i < text.length && SPACE.has(text[i] as string)) i++;
    }
  }
  return out;
}

/** Take the first word of a line, ended by whitespace or `=`; returns it and the text after its separator. */
function takeKeyword(text: string): [string, string] {
  let i = 0;
  while (i < text.length && SPACE.has(text[i] as string)) i++;
  const start = i;
  while (i < text.length && !SPACE.has(text[i] as string) && text[i] !== '=') i++;
  const word = text.slice(start, i);
  let sawEquals = text[i] === '=';
  if (i < text.length) i++;
  while (i < text.length && SPACE.has(text[i] as string)) i++;
  if (!sawEquals && text[i] === '=') {
    sawEquals = true;
    i++;
    while (i < text.length && SPACE.has(text[i] as string)) i++;
  }
  return [word, text.slice(i)];
}

/**
 * Lex one line of an ssh_config or sshd_config file. Returns undefined for blank and
 * comment lines; throws ConfigParseError for an unterminated quote.
 */
export function lexLine(raw: string, file: string, line: number): ConfigLine | undefined {
  const text = raw.replace(/[ \t\r\n]+$/, '');
  let [name, rest] = takeKeyword(text);
  if (name === '' && rest !== '') [name, rest] = takeKeyword(rest);
  if (name === '' || name.startsWith('#')) return undefined;
  const args = splitArgs(rest);
  if (args === undefined) throw new ConfigParseError('invalid quotes', { file, line });
  return { keyword: name.toLowerCase(), name, args, rest, file, line };
}

/** Lex a whole file into its non-empty lines. */
export function lexFile(text: string, file: string): ConfigLine[] {
  const lines: ConfigLine[] = [];
  const raw = text.split('\n');
  for (let n = 0; n < raw.length; n++) {
    const lexed = lexLine(raw[n] as string, file, n + 1);
    if (lexed !== undefined) lines.push(lexed);
  }
  return lines;
}

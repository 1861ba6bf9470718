import { describe, expect, it } from 'vitest';
import { ConfigParseError } from './errors.js';
import { lexFile, lexLine, splitArgs } from './lexer.js';

describe('splitArgs', () => {
  it('splits on whitespace and removes quotes', () => {
    expect(splitArgs(`a "b c" 'd e' f"g h"i`)).toEqual(['a', 'b c', 'd e', 'fg hi']);
  });
  it('handles backslash escapes like OpenSSH', () => {
    expect(splitArgs('a\\ b a\\"b a\\\\b a\\tb')).toEqual(['a b', 'a"b', 'a\\b', 'a\\tb']);
  });
  it('stops at a word starting with #, but keeps # inside a word', () => {
    expect(splitArgs('a#b c # d e')).toEqual(['a#b', 'c']);
    expect(splitArgs('"#x" y')).toEqual(['#x', 'y']);
  });
  it('keeps empty quoted words', () => {
    expect(splitArgs('""')).toEqual(['']);
  });
  it('reports an open quote', () => {
    expect(splitArgs('"open')).toBeUndefined();
    expect(splitArgs("it's")).toBeUndefined();
  });
});

describe('lexLine', () => {
  it('accepts = or whitespace between keyword and value, case-insensitively', () => {
    for (const text of ['Port 22', 'port=22', 'PORT = 22', '  Port\t=\t22  ', 'Port=  22\r']) {
      const line = lexLine(text, 'f', 1);
      expect(line?.keyword).toBe('port');
      expect(line?.args).toEqual(['22']);
    }
  });
  it('keeps only one = as separator', () => {
    expect(lexLine('Port==22', 'f', 1)?.args).toEqual(['=22']);
  });
  it('skips blank lines and comments', () => {
    expect(lexLine('', 'f', 1)).toBeUndefined();
    expect(lexLine('   # Port 1', 'f', 1)).toBeUndefined();
    expect(lexLine('\t', 'f', 1)).toBeUndefined();
  });
  it('keeps the raw rest of the line for command keywords', () => {
    expect(lexLine('ProxyCommand ssh -W "%h:%p" jump', 'f', 1)?.rest).toBe('ssh -W "%h:%p" jump');
  });
  it('throws ConfigParseError with file and line on an unterminated quote', () => {
    const err = (() => {
      try {
        lexFile('Port 22\nUser "bob\n', '/etc/x.conf');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(ConfigParseError);
    expect(err).toMatchObject({ file: '/etc/x.conf', line: 2, reason: 'invalid quotes' });
    expect(String((err as Error).message)).toBe('/etc/x.conf line 2: invalid quotes');
  });
  it('numbers lines across a whole file', () => {
    expect(lexFile('# c\n\nHost a\n  Port 1\n', 'f').map((l) => [l.keyword, l.line])).toEqual([
      ['host', 3],
      ['port', 4],
    ]);
  });
});

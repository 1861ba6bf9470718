import { ConfigParseError } from './errors.js';
import type { ConfigHost } from './host.js';
import { type ConfigLine, lexFile } from './lexer.js';
import { expandTilde } from './tokens.js';

/** How deep Include may nest, as in OpenSSH. */
export const MAX_INCLUDE_DEPTH = 16;

/** A config file to load. */
export interface ConfigFileRef {
  /** Path of the file. */
  readonly path: string;
  /** A system file (`/etc/ssh/...`): relative Includes resolve against /etc/ssh instead of ~/.ssh. */
  readonly system?: boolean;
  /** A missing file is silently skipped (default files); otherwise it is a ConfigParseError. */
  readonly optional?: boolean;
  /** The file's text, when the caller already has it; the host's readFile is not used then. */
  readonly text?: string;
}

/** Reads and lexes config files once each, for the passes that walk them. */
export class FileCache {
  private readonly lexed = new Map<string, ConfigLine[]>();

  constructor(private readonly host: ConfigHost) {}

  /** Lex a top-level file; undefined when it is optional and missing. */
  top(ref: ConfigFileRef): ConfigLine[] | undefined {
    const cached = this.lexed.get(ref.path);
    if (cached !== undefined) return cached;
    const text = ref.text ?? this.host.readFile(ref.path);
    if (text === undefined) {
      if (ref.optional) return undefined;
      throw new ConfigParseError("can't open config file", { file: ref.path, line: 0 });
    }
    const lines = lexFile(text, ref.path);
    this.lexed.set(ref.path, lines);
    return lines;
  }

  /** Lex a file named by an Include; it exists (glob found it), so failing to read it is an error. */
  included(path: string, from: ConfigLine): ConfigLine[] {
    const cached = this.lexed.get(path);
    if (cached !== undefined) return cached;
    const text = this.host.readFile(path);
    if (text === undefined) throw new ConfigParseError(`can't read included file ${path}`, from);
    const lines = lexFile(text, path);
    this.lexed.set(path, lines);
    return lines;
  }
}

/**
 * Turn the arguments of an Include line into the files it names: `~` expands to the
 * home directory, relative paths resolve against `~/.ssh` (user files) or `/etc/ssh`
 * (system files), and globs expand through the host (sorted; no match is no file).
 */
export function includePaths(line: ConfigLine, host: ConfigHost, system: boolean): string[] {
  if (line.args.length === 0) throw new ConfigParseError('Include missing filename argument', line);
  const out: string[] = [];
  for (const arg of line.args) {
    let pattern = expandTilde(arg, host.homeDir);
    if (arg.startsWith('~') && !arg.startsWith('~/') && arg !== '~') {
      throw new ConfigParseError(`Include ~user paths are not supported: ${arg}`, line);
    }
    if (!pattern.startsWith('/')) {
      pattern = system ? `/etc/ssh/${pattern}` : `${host.homeDir.replace(/\/$/, '')}/.ssh/${pattern}`;
    }
    out.push(...host.glob(pattern));
  }
  return out;
}

/** Throw when an Include would nest deeper than OpenSSH allows. */
export function checkDepth(depth: number, line: ConfigLine): void {
  if (depth > MAX_INCLUDE_DEPTH) {
    throw new ConfigParseError('Too many recursive configuration includes', line);
  }
}

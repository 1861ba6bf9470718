/** What an `scp -f` / `scp -t` command line asks for. */
export interface ScpCommand {
  /** true for `-f` (send files), false for `-t` (receive files). */
  readonly source: boolean;
  readonly mustBeDir: boolean;
  readonly preserve: boolean;
  readonly recurse: boolean;
  /** Sources for `-f` (one or more), the single target for `-t`. */
  readonly paths: readonly string[];
}

/** A command line that is not an scp server invocation we understand. */
export class ScpCommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScpCommandError';
  }
}

/** Split a command line into words the way a POSIX shell quotes them ('...', "...", backslash). */
export function splitWords(command: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < command.length; i++) {
    const c = command[i] as string;
    if (c === "'") {
      const end = command.indexOf("'", i + 1);
      if (end < 0) throw new ScpCommandError('unterminated single quote');
      word += command.slice(i + 1, end);
      i = end;
      inWord = true;
    } else if (c === '"') {
      i++;
      for (; i < command.length && command[i] !== '"'; i++) {
        if (command[i] === '\\' && i + 1 < command.length && '$`"\\\n'.includes(command[i + 1] as string))
          i++;
        word += command[i];
      }
      if (i >= command.length) throw new ScpCommandError('unterminated double quote');
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 < command.length) word += command[++i];
      inWord = true;
    } else if (c === ' ' || c === '\t' || c === '\n') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

/** Whether a session command runs scp in server mode (`scp ... -f|-t ...`). */
export function isScpCommand(command: string | null | undefined): boolean {
  if (!command) return false;
  try {
    const words = splitWords(command);
    return words[0] === 'scp' && words.some((w) => /^-[a-zA-Z]*[ft]/.test(w));
  } catch {
    return false;
  }
}

/** Parse `scp [-v] [-d] [-p] [-r] -f|-t [--] path...` (flags may be combined). */
export function parseScpCommand(command: string): ScpCommand {
  const words = splitWords(command);
  if (words[0] !== 'scp') throw new ScpCommandError('not an scp command');
  let source: boolean | null = null;
  let mustBeDir = false;
  let preserve = false;
  let recurse = false;
  let i = 1;
  for (; i < words.length; i++) {
    const w = words[i] as string;
    if (w === '--') {
      i++;
      break;
    }
    if (!w.startsWith('-') || w === '-') break;
    for (const f of w.slice(1)) {
      if (f === 'f' || f === 't') {
        if (source !== null && source !== (f === 'f')) throw new ScpCommandError('-f and -t together');
        source = f === 'f';
      } else if (f === 'd') mustBeDir = true;
      else if (f === 'p') preserve = true;
      else if (f === 'r') recurse = true;
      else if (f !== 'v') throw new ScpCommandError(`unsupported option -${f}`);
    }
  }
  if (source === null) throw new ScpCommandError('one of -f or -t is required');
  const paths = words.slice(i);
  if (paths.length === 0) throw new ScpCommandError('a path is required');
  if (!source && paths.length > 1) throw new ScpCommandError('-t takes one target path');
  return { source, mustBeDir, preserve, recurse, paths };
}

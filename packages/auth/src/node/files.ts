import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/** Expand a leading `~` or `~/` to the home directory. */
export function expandHome(file: string): string {
  if (file === '~') return homedir();
  if (file.startsWith('~/')) return path.join(homedir(), file.slice(2));
  return file;
}

/** Read each file as UTF-8 text, in order. */
export function readTextFiles(filelist: string | readonly string[]): string[] {
  const files = typeof filelist === 'string' ? [filelist] : filelist;
  return files.map((f) => readFileSync(expandHome(f), 'utf8'));
}

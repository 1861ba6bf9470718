import { readFile } from 'node:fs/promises';
import { type ModuliEntry, parseModuli } from './moduli.js';

/** Where OpenSSH keeps its group-exchange primes. */
export const DEFAULT_MODULI_PATH = '/etc/ssh/moduli';

/**
 * Read and parse an OpenSSH moduli file for group exchange. A missing or
 * unreadable file gives an empty list (chooseGexGroup then uses the built-in groups).
 */
export async function loadModuli(path: string = DEFAULT_MODULI_PATH): Promise<ModuliEntry[]> {
  try {
    return parseModuli(await readFile(path, 'utf8'));
  } catch {
    return [];
  }
}

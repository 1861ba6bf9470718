import { KeyExportError } from '../errors.js';
import type { KeyFileIO, KeyFileWriteOptions } from './types.js';

/** The file access of each key whose backend has one (keys from the node entry). */
const bound = new WeakMap<object, KeyFileIO>();

/** Remember the file access `owner` writes with (none: its write methods refuse). */
export function bindFileIO(owner: object, io: KeyFileIO | undefined): void {
  if (io) bound.set(owner, io);
}

/**
 * Write or append `data` to the file `path` with the file access bound to
 * `owner`; KeyExportError when it has none (the neutral entry point).
 */
export async function writeBoundFile(
  owner: object,
  path: string,
  data: Uint8Array,
  options: KeyFileWriteOptions,
): Promise<void> {
  const io = bound.get(owner);
  if (!io) {
    throw new KeyExportError(
      `cannot write '${path}' here: writing files needs the node entry point (or a backend with file access)`,
    );
  }
  await io.writeFile(path, data, options);
}

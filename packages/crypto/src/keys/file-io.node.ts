import { appendFile, writeFile } from 'node:fs/promises';
import type { KeyFileIO } from './types.js';

/** Key and certificate files through node:fs. */
export const nodeFileIO: KeyFileIO = {
  async writeFile(path, data, { append, mode }) {
    await (append ? appendFile : writeFile)(path, data, mode === undefined ? {} : { mode });
  },
};

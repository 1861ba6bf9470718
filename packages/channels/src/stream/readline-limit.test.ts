import { describe, expect, it } from 'vitest';
import { connectionPair } from '../../test/pair.js';
import { LimitOverrunError } from '../errors.js';
import { createProcess } from '../process/run.js';
import { acceptSessions } from '../session/accept.js';

describe('readline over data with no line end', () => {
  it('raises LimitOverrunError once the window is full instead of waiting forever', async () => {
    const p = await connectionPair({ window: 65536 }, {});
    acceptSessions(p.server, {
      processFactory: async (proc) => {
        proc.stdout.write(new Uint8Array(200_000).fill(0x41));
        await proc.stdout.drain().catch(() => undefined);
      },
    });
    const proc = await createProcess(p.client, 'binary', { encoding: null });
    await expect(proc.stdout.readline()).rejects.toBeInstanceOf(LimitOverrunError);
    p.close();
  });
});

import { expectData, expectOk } from './replies.js';
import type { SFTPClientSession } from './session.js';

/** A block read at an offset. */
export type Block = [offset: number, data: Uint8Array];

interface Done {
  offset: number;
  length: number;
  data: Uint8Array | null;
  error: unknown;
}

/**
 * Read `size` bytes from `offset` of a remote handle with up to `maxRequests` reads of
 * `blockSize` in flight. Yields blocks as they arrive, possibly out of order;
 * short reads are re-requested for the rest; stops at EOF.
 */
export async function* readRemoteParallel(
  session: SFTPClientSession,
  handle: Uint8Array,
  offset: number,
  size: number,
  blockSize: number,
  maxRequests: number,
): AsyncGenerator<Block> {
  const end = offset + size;
  let next = offset;
  let eofAt = Number.POSITIVE_INFINITY;
  const retry: [number, number][] = [];
  const done: Done[] = [];
  let wake: (() => void) | null = null;
  let inflight = 0;
  const issue = (off: number, len: number) => {
    inflight++;
    session.request({ kind: 'read', handle, offset: off, length: len }).then(
      (res) => {
        let data: Uint8Array | null = null;
        let error: unknown = null;
        try {
          data = expectData(res);
        } catch (err) {
          error = err;
        }
        done.push({ offset: off, length: len, data, error });
        wake?.();
      },
      (error: unknown) => {
        done.push({ offset: off, length: len, data: null, error });
        wake?.();
      },
    );
  };
  let failure: unknown = null;
  try {
    for (;;) {
      while (failure === null && inflight < maxRequests) {
        const r = retry.shift();
        if (r) {
          if (r[0] < eofAt) issue(r[0], r[1]);
          continue;
        }
        if (next >= end || next >= eofAt) break;
        const len = Math.min(blockSize, end - next);
        issue(next, len);
        next += len;
      }
      if (inflight === 0) break;
      if (done.length === 0) await new Promise<void>((res) => (wake = res));
      wake = null;
      const d = done.shift() as Done;
      inflight--;
      if (failure !== null) continue;
      if (d.error) {
        failure = d.error;
        continue;
      }
      if (d.data === null || d.data.length === 0) {
        eofAt = Math.min(eofAt, d.offset);
        continue;
      }
      if (d.data.length > d.length) {
        failure = new RangeError(`server returned ${d.data.length} bytes for a read of ${d.length}`);
        continue;
      }
      if (d.data.length < d.length) retry.push([d.offset + d.data.length, d.length - d.data.length]);
      yield [d.offset, d.data];
    }
  } finally {
    // Let requests still in flight finish quietly.
  }
  if (failure !== null) throw failure;
}

/** Write `data` at `offset` of a remote handle in blocks of `blockSize`, `maxRequests` at a time. */
export async function writeRemoteParallel(
  session: SFTPClientSession,
  handle: Uint8Array,
  offset: number,
  data: Uint8Array,
  blockSize: number,
  maxRequests: number,
): Promise<void> {
  const limiter = new Limiter(maxRequests);
  for (let at = 0; at < data.length; at += blockSize) {
    const chunk = data.subarray(at, at + blockSize);
    await limiter.add(
      session.request({ kind: 'write', handle, offset: offset + at, data: chunk }).then(expectOk),
    );
  }
  await limiter.drain();
}

/** Keeps at most `max` promises in flight; the first failure is raised by add() or drain(). */
export class Limiter {
  private readonly inflight = new Set<Promise<void>>();
  private error: unknown = null;
  private failed = false;

  constructor(private readonly max: number) {}

  /** Track `p`; waits while `max` are in flight. */
  async add(p: Promise<unknown>): Promise<void> {
    const tracked: Promise<void> = p.then(
      () => {
        this.inflight.delete(tracked);
      },
      (err: unknown) => {
        this.inflight.delete(tracked);
        if (!this.failed) {
          this.failed = true;
          this.error = err;
        }
      },
    );
    this.inflight.add(tracked);
    while (this.inflight.size >= this.max) await Promise.race(this.inflight);
    if (this.failed) throw this.error;
  }

  /** Wait for everything in flight; raise the first failure. */
  async drain(): Promise<void> {
    await Promise.all(this.inflight);
    if (this.failed) throw this.error;
  }
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeAgent } from '../../test/helpers/fake-agent.js';
import { AgentError } from '../errors.js';
import { SSHAgentClient } from './client.js';
import { FrameDecoder } from './framing.js';
import { decodeIdentitiesAnswer, decodeQueryReply, decodeSignResponse, expectSuccess } from './protocol.js';

const decoders = [
  decodeIdentitiesAnswer,
  decodeSignResponse,
  decodeQueryReply,
  (b: Uint8Array) => expectSuccess(b, 'test'),
];

/** Bytes that often look like agent replies: a plausible type byte, then short counts and strings. */
const replyLike = fc.oneof(
  fc.uint8Array({ maxLength: 64 }),
  fc
    .tuple(
      fc.constantFrom(5, 6, 12, 14, 28, 29, 30, 102, 0, 255),
      fc.array(fc.oneof(fc.constant(new Uint8Array([0, 0, 0, 1])), fc.uint8Array({ maxLength: 12 })), {
        maxLength: 6,
      }),
    )
    .map(([t, parts]) => new Uint8Array([t, ...parts.flatMap((p) => [...p])])),
);

describe('agent replies from random bytes', () => {
  it('the reply decoders throw only AgentError subclasses', () => {
    fc.assert(
      fc.property(replyLike, (bytes) => {
        for (const decode of decoders) {
          try {
            decode(bytes);
          } catch (e) {
            expect(e).toBeInstanceOf(AgentError);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('the frame decoder throws only AgentError subclasses', () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 40 }), { maxLength: 8 }), (chunks) => {
        const d = new FrameDecoder();
        try {
          for (const c of chunks) d.push(c);
        } catch (e) {
          expect(e).toBeInstanceOf(AgentError);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('a client fed random replies rejects with AgentError and never throws elsewhere', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ maxLength: 48 }), { minLength: 1, maxLength: 4 }),
        async (raws) => {
          let i = 0;
          const agent = new SSHAgentClient(
            fakeAgent(() => ({ raw: raws[i++ % raws.length] as Uint8Array })).stream,
          );
          const calls = [agent.getKeys(), agent.queryExtensions(), agent.removeAll(), agent.lock('x')];
          agent.close();
          for (const r of await Promise.allSettled(calls)) {
            if (r.status === 'rejected') expect(r.reason).toBeInstanceOf(AgentError);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

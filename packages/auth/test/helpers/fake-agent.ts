import { PacketReader } from '@ssh/wire';
import { FrameDecoder, frameMessage } from '../../src/agent/framing.js';
import type { AgentStream, AgentStreamSink } from '../../src/agent/stream.js';

/** What a scripted agent answers to one request: a reply message, raw bytes to send, or nothing. */
export type FakeAnswer =
  | { reply: Uint8Array }
  | { raw: Uint8Array }
  | { chunks: Uint8Array[] }
  | { end: true }
  | null;

/** An in-memory agent stream whose answers come from `answer` (tests only). */
export function fakeAgent(answer: (type: number, body: PacketReader, message: Uint8Array) => FakeAnswer): {
  stream: AgentStream;
  requests: Uint8Array[];
  destroyed: () => boolean;
} {
  const requests: Uint8Array[] = [];
  const decoder = new FrameDecoder();
  let sink: AgentStreamSink | undefined;
  let destroyed = false;
  const stream: AgentStream = {
    attach(s) {
      sink = s;
    },
    write(data) {
      for (const m of decoder.push(data)) {
        requests.push(m);
        const r = new PacketReader(m);
        const a = answer(r.readByte(), r, m);
        queueMicrotask(() => {
          if (!a || destroyed) return;
          if ('reply' in a) sink?.data(frameMessage(a.reply));
          else if ('raw' in a) sink?.data(a.raw);
          else if ('chunks' in a) for (const c of a.chunks) sink?.data(c);
          else sink?.end();
        });
      }
      return true;
    },
    end() {},
    destroy() {
      destroyed = true;
    },
  };
  return { stream, requests, destroyed: () => destroyed };
}

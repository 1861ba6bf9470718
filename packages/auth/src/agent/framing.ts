import { AgentProtocolError } from '../errors.js';
import { AGENT_MAX_MESSAGE } from './constants.js';

/** Prefix an agent message (type byte and body) with its uint32 length. */
export function frameMessage(message: Uint8Array): Uint8Array {
  const out = new Uint8Array(4 + message.length);
  new DataView(out.buffer).setUint32(0, message.length);
  out.set(message, 4);
  return out;
}

/**
 * Splits the agent byte stream into messages (uint32 length, then that many
 * bytes). Throws AgentProtocolError on an empty or oversized message.
 */
export class FrameDecoder {
  private pending: Uint8Array = new Uint8Array(0);

  /** True when a partial message is buffered. */
  get hasPartial(): boolean {
    return this.pending.length > 0;
  }

  /** Add received bytes; returns every message now complete, in order. */
  push(chunk: Uint8Array): Uint8Array[] {
    let buf = chunk;
    if (this.pending.length > 0) {
      buf = new Uint8Array(this.pending.length + chunk.length);
      buf.set(this.pending);
      buf.set(chunk, this.pending.length);
    }
    const out: Uint8Array[] = [];
    let pos = 0;
    while (buf.length - pos >= 4) {
      const len = new DataView(buf.buffer, buf.byteOffset + pos, 4).getUint32(0);
      if (len === 0) throw new AgentProtocolError('ssh-agent sent an empty message');
      if (len > AGENT_MAX_MESSAGE) {
        throw new AgentProtocolError(`ssh-agent message of ${len} bytes exceeds ${AGENT_MAX_MESSAGE}`);
      }
      if (buf.length - pos - 4 < len) break;
      out.push(buf.slice(pos + 4, pos + 4 + len));
      pos += 4 + len;
    }
    this.pending = buf.slice(pos);
    return out;
  }
}

import { SSHReader } from '../stream/reader.js';
import { SSHStreamSession } from '../stream/stream-session.js';
import { SSHWriter } from '../stream/writer.js';

/** A (reader, writer) handler of a tunneled connection, may be async. */
export type TunnelStreamHandler = (reader: SSHReader, writer: SSHWriter) => unknown;

/** A stream session that runs a (reader, writer) handler once the tunnel is open; a failing handler closes it. */
export class TunnelStreamSession extends SSHStreamSession {
  private readonly handler: TunnelStreamHandler;

  constructor(handler: TunnelStreamHandler) {
    super();
    this.handler = handler;
  }

  sessionStarted(): void {
    void Promise.resolve()
      .then(() => this.handler(new SSHReader(this), new SSHWriter(this)))
      .catch(() => this.channel?.close());
  }
}

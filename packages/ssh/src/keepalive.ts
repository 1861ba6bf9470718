import type { SSHConnection } from '@ssh/channels';
import type { Transport } from '@ssh/transport';
import { ConnectionLost, DISC_CONNECTION_LOST } from '@ssh/wire';

/**
 * Keepalives (AsyncSSH's keepalive_interval / keepalive_count_max): every
 * `interval` seconds a `keepalive@openssh.com` global request is sent; after
 * `countMax` in a row go unanswered the connection is closed with
 * ConnectionLost.
 */
export class Keepalive {
  private timer: ReturnType<typeof setInterval> | undefined;
  private unanswered = 0;

  constructor(
    private readonly transport: Transport,
    private readonly connection: SSHConnection,
  ) {
    transport.closedPromise.then(() => this.set(0));
  }

  /** Change the interval (seconds, 0 turns keepalives off) and the allowed misses (default 3). */
  set(interval: number, countMax = 3): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.unanswered = 0;
    if (!(interval > 0) || this.transport.isClosed) return;
    this.timer = setInterval(() => {
      if (this.unanswered >= countMax) {
        this.set(0);
        const reason = `no answer to ${countMax} keepalives`;
        this.transport.disconnect(DISC_CONNECTION_LOST, reason);
        this.transport.logger.debug1('%s', new ConnectionLost(reason).message);
        return;
      }
      this.unanswered++;
      this.connection.sendKeepalive().then(
        () => {
          this.unanswered = 0;
        },
        () => undefined,
      );
    }, interval * 1000);
    (this.timer as { unref?: () => void }).unref?.();
  }
}

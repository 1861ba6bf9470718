import type { Transport } from '@ssh/transport';

/** The values behind getExtraInfo: what the transport knows plus what the user stored. */
export class ExtraInfo {
  private readonly values: Map<string, unknown>;

  constructor(
    private readonly transport: Transport,
    initial: Record<string, unknown>,
  ) {
    this.values = new Map(Object.entries(initial));
  }

  get(name: string, defaultValue?: unknown): unknown {
    const t = this.transport;
    const a = t.algorithms;
    const out = t.role === 'client';
    const live: Record<string, unknown> = {
      client_version: t.clientVersion,
      server_version: t.serverVersion,
      send_cipher: out ? a?.encryptionCtoS : a?.encryptionStoC,
      recv_cipher: out ? a?.encryptionStoC : a?.encryptionCtoS,
      send_mac: out ? a?.macCtoS : a?.macStoC,
      recv_mac: out ? a?.macStoC : a?.macCtoS,
      send_compression: out ? a?.compressionCtoS : a?.compressionStoC,
      recv_compression: out ? a?.compressionStoC : a?.compressionCtoS,
    };
    // AsyncSSH spells these names in snake_case; accept camelCase too.
    const snake = name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    if (this.values.has(name)) return this.values.get(name);
    if (this.values.has(snake)) return this.values.get(snake);
    return live[snake] ?? defaultValue;
  }

  set(values: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(values)) this.values.set(k, v);
  }
}

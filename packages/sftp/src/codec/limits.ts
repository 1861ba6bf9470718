import type { PacketReader, PacketWriter } from '@ssh/wire';

/** Server limits (AsyncSSH SFTPLimits), from limits@openssh.com; 0 means no stated limit. */
export class SFTPLimits {
  maxPacketLen = 0;
  maxReadLen = 0;
  maxWriteLen = 0;
  maxOpenHandles = 0;

  constructor(init: Partial<SFTPLimits> = {}) {
    Object.assign(this, init);
  }
}

const FIELDS = ['maxPacketLen', 'maxReadLen', 'maxWriteLen', 'maxOpenHandles'] as const;

// limits@openssh.com reply: four uint64s, OpenSSH PROTOCOL §4.8.
/** Write the limits@openssh.com reply body. */
export function encodeLimits(w: PacketWriter, l: SFTPLimits): void {
  for (const f of FIELDS) w.writeUint64(l[f]);
}

/** Read the limits@openssh.com reply body (values beyond 2^53 are clamped). */
export function decodeLimits(r: PacketReader): SFTPLimits {
  const l = new SFTPLimits();
  for (const f of FIELDS) {
    const n = r.readUint64(f);
    l[f] = n > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(n);
  }
  return l;
}

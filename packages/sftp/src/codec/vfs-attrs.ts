import type { PacketReader, PacketWriter } from '@ssh/wire';

/** File system attributes (AsyncSSH SFTPVFSAttrs), as statvfs(2) reports them. */
export class SFTPVFSAttrs {
  bsize = 0;
  frsize = 0;
  blocks = 0;
  bfree = 0;
  bavail = 0;
  files = 0;
  ffree = 0;
  favail = 0;
  fsid = 0;
  flags = 0;
  namemax = 0;

  constructor(init: Partial<SFTPVFSAttrs> = {}) {
    Object.assign(this, init);
  }
}

const FIELDS = [
  'bsize',
  'frsize',
  'blocks',
  'bfree',
  'bavail',
  'files',
  'ffree',
  'favail',
  'fsid',
  'flags',
  'namemax',
] as const;

// statvfs@openssh.com reply: eleven uint64s, OpenSSH PROTOCOL §4.4.
/** Write the statvfs@openssh.com reply body. */
export function encodeVfsAttrs(w: PacketWriter, v: SFTPVFSAttrs): void {
  for (const f of FIELDS) w.writeUint64(v[f]);
}

/** Read the statvfs@openssh.com reply body. Values beyond 2^53 are clamped to Number.MAX_SAFE_INTEGER. */
export function decodeVfsAttrs(r: PacketReader): SFTPVFSAttrs {
  const v = new SFTPVFSAttrs();
  for (const f of FIELDS) {
    const n = r.readUint64(f);
    v[f] = n > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(n);
  }
  return v;
}

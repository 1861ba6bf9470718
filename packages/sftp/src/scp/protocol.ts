/**
 * The SCP (rcp) wire protocol as OpenSSH's `scp -f` / `scp -t` speak it:
 * text records ending in '\n' (C copy, D directory, E end of directory,
 * T times), file bytes after a C record, and one status byte per step
 * (0 ok, 1 warning with a message line, 2 fatal error with a message line).
 * No RFC describes it; OpenSSH's scp.c is the reference behaviour.
 */

/** Status byte: the step succeeded. */
export const SCP_OK = 0;
/** Status byte: a warning, followed by a message line; the copy goes on. */
export const SCP_WARNING = 1;
/** Status byte: a fatal error, followed by a message line; the copy stops. */
export const SCP_FATAL = 2;

/** A parsed SCP record. */
export type ScpRecord =
  | { kind: 'C' | 'D'; mode: number; size: number; name: string }
  | { kind: 'E' }
  | { kind: 'T'; mtime: number; atime: number }
  | { kind: 'error'; fatal: boolean; message: string };

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

/** Decode one record line (without its '\n'); throws ScpProtocolError on a malformed one. */
export function parseRecord(line: Uint8Array): ScpRecord {
  const first = line[0];
  if (first === SCP_WARNING || first === SCP_FATAL) {
    return { kind: 'error', fatal: first === SCP_FATAL, message: decoder.decode(line.subarray(1)) };
  }
  const text = decoder.decode(line);
  const kind = text[0];
  const args = text.slice(1);
  if (kind === 'C' || kind === 'D') {
    const m = /^([0-7]{1,7}) (\d{1,20}) (.+)$/s.exec(args);
    if (!m) throw new ScpProtocolError(`malformed ${kind} record: ${JSON.stringify(text)}`);
    const size = Number(m[2]);
    if (!Number.isSafeInteger(size)) throw new ScpProtocolError(`size out of range: ${m[2]}`);
    return { kind, mode: Number.parseInt(m[1] as string, 8), size, name: m[3] as string };
  }
  if (kind === 'E') {
    if (args.length !== 0) throw new ScpProtocolError(`malformed E record: ${JSON.stringify(text)}`);
    return { kind };
  }
  if (kind === 'T') {
    const m = /^(\d{1,20}) (\d{1,9}) (\d{1,20}) (\d{1,9})$/.exec(args);
    if (!m) throw new ScpProtocolError(`malformed T record: ${JSON.stringify(text)}`);
    return { kind, mtime: Number(m[1]), atime: Number(m[3]) };
  }
  throw new ScpProtocolError(`unknown SCP record: ${JSON.stringify(text.slice(0, 80))}`);
}

/** A C (file) or D (directory) record: mode in octal, size, and a base name. */
export function formatCopyRecord(kind: 'C' | 'D', mode: number, size: number, name: string): Uint8Array {
  const perm = (mode & 0o7777).toString(8).padStart(4, '0');
  return encoder.encode(`${kind}${perm} ${size} ${name}\n`);
}

/** A T record: modification then access time, whole seconds (microseconds sent as 0). */
export function formatTimesRecord(mtime: number, atime: number): Uint8Array {
  return encoder.encode(`T${Math.floor(mtime)} 0 ${Math.floor(atime)} 0\n`);
}

/** The E record ending a directory. */
export const END_RECORD: Uint8Array = encoder.encode('E\n');

/** An error status with its message line (messages are single lines). */
export function formatError(message: string, fatal: boolean): Uint8Array {
  const line = message.replace(/\n/g, ' ');
  const body = encoder.encode(`${line}\n`);
  const out = new Uint8Array(body.length + 1);
  out[0] = fatal ? SCP_FATAL : SCP_WARNING;
  out.set(body, 1);
  return out;
}

/**
 * Whether a name received in a C or D record is safe to create in the
 * target directory: one path component, not '.' or '..' (OpenSSH refuses
 * the same names, so a peer cannot write outside the target).
 */
export function isSafeName(name: string): boolean {
  return name.length > 0 && name !== '.' && name !== '..' && !name.includes('/') && !name.includes('\0');
}

/** A peer broke the SCP protocol. */
export class ScpProtocolError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ScpProtocolError';
  }
}

/** `name` inside the folder `dir` ('' is the current folder). */
export function joinPath(dir: string, name: string): string {
  if (dir === '') return name;
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** The text of one log argument: bytes as UTF-8, arrays joined with commas (as AsyncSSH logs them). */
export function argText(arg: unknown): string {
  if (arg instanceof Uint8Array) return utf8.decode(arg);
  if (Array.isArray(arg)) return arg.map(argText).join(',');
  return String(arg);
}

/**
 * Fill Python-style placeholders in a log message: %s (text), %d (integer),
 * %r (quoted), %% (a percent sign). A placeholder with no argument left is
 * kept as written; arguments left over are appended.
 */
export function formatMessage(msg: string, args: readonly unknown[]): string {
  if (args.length === 0) return msg;
  let i = 0;
  const out = msg.replace(/%([sdr%])/g, (whole, kind: string) => {
    if (kind === '%') return '%';
    if (i >= args.length) return whole;
    const arg = args[i++];
    if (kind === 'd') {
      return typeof arg === 'bigint' ? arg.toString() : String(Math.trunc(Number(arg)));
    }
    if (kind === 'r') return typeof arg === 'string' ? `'${arg}'` : argText(arg);
    return argText(arg);
  });
  return i < args.length ? `${out} ${args.slice(i).map(argText).join(' ')}` : out;
}

/**
 * A hex dump of a packet, one line per 16 bytes: offset, hex bytes and the
 * printable ASCII characters. Each line starts with a newline and two spaces.
 */
export function hexDump(bytes: Uint8Array): string {
  let dump = '';
  for (let offset = 0; offset < bytes.length; offset += 16) {
    const row = bytes.subarray(offset, offset + 16);
    let hex = '';
    let text = '';
    for (const b of row) {
      hex += ` ${b.toString(16).padStart(2, '0')}`;
      text += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
    }
    dump += `\n  ${offset.toString(16).padStart(8, '0')}:${hex.padEnd(16 * 3 + 2)}${text}`;
  }
  return dump;
}

import { PacketReader, PacketWriter } from '@ssh/wire';

/** One critical option or extension of an OpenSSH certificate: its name and raw data. */
export interface CertOption {
  readonly name: string;
  readonly data: Uint8Array;
}

/** Decode the packed principal strings of a certificate. */
export function decodePrincipals(packed: Uint8Array): string[] {
  const r = new PacketReader(packed);
  const out: string[] = [];
  while (!r.atEnd) out.push(r.readUtf8('principal'));
  return out;
}

/** Pack principal names as consecutive SSH strings. */
export function encodePrincipals(principals: readonly string[]): Uint8Array {
  const w = new PacketWriter(64);
  for (const p of principals) w.writeString(p);
  return w.toBytes().slice();
}

/** Decode a critical options or extensions section: (string name, string data)*; duplicates are refused. */
export function decodeOptions(packed: Uint8Array, what: string): CertOption[] {
  const r = new PacketReader(packed);
  const out: CertOption[] = [];
  while (!r.atEnd) {
    const name = r.readUtf8(`${what} name`);
    const data = r.readString(`${what} data`).slice();
    if (out.some((o) => o.name === name)) throw new RangeError(`duplicate ${what} '${name}'`);
    out.push({ name, data });
  }
  return out;
}

function compareNames(a: CertOption, b: CertOption): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** Encode options sorted by name (PROTOCOL.certkeys wants lexical order). */
export function encodeOptions(options: readonly CertOption[]): Uint8Array {
  const w = new PacketWriter(64);
  for (const o of [...options].sort(compareNames)) w.writeString(o.name).writeString(o.data);
  return w.toBytes().slice();
}

/** The data of an option whose value is one SSH string (force-command, source-address). */
export function stringOptionData(value: string): Uint8Array {
  return new PacketWriter(value.length + 8).writeString(value).toBytes().slice();
}

/** Read the one string held in an option's data; throws on trailing bytes. */
export function readStringOption(o: CertOption): string {
  const r = new PacketReader(o.data);
  const v = r.readUtf8(o.name);
  r.expectEnd(o.name);
  return v;
}

/** The user certificate extensions OpenSSH knows, in the order AsyncSSH's flags map to them. */
export const PERMIT_EXTENSIONS = {
  permitX11Forwarding: 'permit-X11-forwarding',
  permitAgentForwarding: 'permit-agent-forwarding',
  permitPortForwarding: 'permit-port-forwarding',
  permitPty: 'permit-pty',
  permitUserRc: 'permit-user-rc',
} as const;

/** The extension that waives the security-key touch requirement. */
export const NO_TOUCH_REQUIRED = 'no-touch-required';

/** Critical options this implementation understands (any other one makes validation refuse the cert). */
export const KNOWN_CRITICAL_OPTIONS: readonly string[] = [
  'force-command',
  'source-address',
  'verify-required',
];

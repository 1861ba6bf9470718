import type { ClientConfig, ConfigValue, RekeyLimit, ServerConfig } from '../../src/index.js';
import { matchWildcard } from '../../src/index.js';

/** Apply an OpenSSH algorithm-list spec (`+`, `-`, `^` or a plain list) to a default list. */
export function applyAlgorithms(spec: string, defaults: string): string {
  const base = defaults.split(',');
  const items = spec.slice(/^[+\-^]/.test(spec) ? 1 : 0).split(',');
  const dedup = (list: string[]) => [...new Set(list)].join(',');
  if (spec.startsWith('+')) return dedup([...base, ...items]);
  if (spec.startsWith('-')) return base.filter((a) => !items.some((p) => matchWildcard(a, p))).join(',');
  if (spec.startsWith('^')) return dedup([...items, ...base.filter((a) => !items.includes(a))]);
  return dedup(items);
}

type Format = (value: ConfigValue, defaults: ReadonlyMap<string, string[]>, key: string) => string[];

const yesNo: Format = (v) => [v === true ? 'yes' : v === false ? 'no' : String(v)];
const trueFalse: Format = (v) => [v === true ? 'true' : v === false ? 'false' : String(v)];
const text: Format = (v) => [String(v)];
const words: Format = (v) => [(v as readonly string[]).join(' ')];
const lines: Format = (v) => [...(v as readonly string[])];
const count: Format = (v) => (v as readonly string[]).map(() => '*');
const rekey: Format = (v) => [`${(v as RekeyLimit).bytes} ${(v as RekeyLimit).seconds}`];
const algs: Format = (v, defaults, key) => [applyAlgorithms(String(v), defaults.get(key)?.[0] ?? '')];
const noneIsUnset: Format = (v) => (v === 'none' ? [] : [String(v)]);

/** Client keywords compared with `ssh -G`: canonical name → [-G key, formatter]. */
export const CLIENT_COMPARED: ReadonlyMap<string, readonly [string, Format]> = new Map([
  ['AddressFamily', ['addressfamily', text]],
  ['BindAddress', ['bindaddress', text]],
  ['CanonicalDomains', ['canonicaldomains', words]],
  ['CanonicalizeFallbackLocal', ['canonicalizefallbacklocal', yesNo]],
  ['CanonicalizeHostname', ['canonicalizehostname', trueFalse]],
  ['CanonicalizeMaxDots', ['canonicalizemaxdots', text]],
  ['CanonicalizePermittedCNAMEs', ['canonicalizepermittedcnames', words]],
  ['CASignatureAlgorithms', ['casignaturealgorithms', algs]],
  ['CertificateFile', ['certificatefile', lines]],
  ['Ciphers', ['ciphers', algs]],
  ['Compression', ['compression', yesNo]],
  ['ConnectTimeout', ['connecttimeout', text]],
  ['DynamicForward', ['dynamicforward', count]],
  ['EnableSSHKeysign', ['enablesshkeysign', yesNo]],
  ['ForwardAgent', ['forwardagent', yesNo]],
  ['ForwardX11Trusted', ['forwardx11trusted', yesNo]],
  ['GlobalKnownHostsFile', ['globalknownhostsfile', words]],
  ['GSSAPIAuthentication', ['gssapiauthentication', yesNo]],
  ['GSSAPIDelegateCredentials', ['gssapidelegatecredentials', yesNo]],
  ['GSSAPIKeyExchange', ['gssapikeyexchange', yesNo]],
  ['HostbasedAuthentication', ['hostbasedauthentication', yesNo]],
  ['HostKeyAlgorithms', ['hostkeyalgorithms', algs]],
  ['HostKeyAlias', ['hostkeyalias', text]],
  ['HostName', ['hostname', text]],
  ['IdentitiesOnly', ['identitiesonly', yesNo]],
  ['IdentityAgent', ['identityagent', text]],
  ['IdentityFile', ['identityfile', lines]],
  ['KbdInteractiveAuthentication', ['kbdinteractiveauthentication', yesNo]],
  ['KexAlgorithms', ['kexalgorithms', algs]],
  ['LocalForward', ['localforward', count]],
  ['MACs', ['macs', algs]],
  ['PasswordAuthentication', ['passwordauthentication', yesNo]],
  ['Port', ['port', text]],
  ['PreferredAuthentications', ['preferredauthentications', text]],
  ['ProxyCommand', ['proxycommand', noneIsUnset]],
  ['ProxyJump', ['proxyjump', noneIsUnset]],
  ['PubkeyAuthentication', ['pubkeyauthentication', trueFalse]],
  ['RekeyLimit', ['rekeylimit', rekey]],
  ['RemoteCommand', ['remotecommand', noneIsUnset]],
  ['RemoteForward', ['remoteforward', count]],
  ['RequestTTY', ['requesttty', trueFalse]],
  ['SendEnv', ['sendenv', lines]],
  ['ServerAliveCountMax', ['serveralivecountmax', text]],
  ['ServerAliveInterval', ['serveraliveinterval', text]],
  ['SetEnv', ['setenv', lines]],
  ['TCPKeepAlive', ['tcpkeepalive', yesNo]],
  ['User', ['user', text]],
  ['UserKnownHostsFile', ['userknownhostsfile', words]],
]);

/** Server keywords compared with `sshd -T`. */
export const SERVER_COMPARED: ReadonlyMap<string, readonly [string, Format]> = new Map([
  ['AddressFamily', ['addressfamily', text]],
  ['AllowAgentForwarding', ['allowagentforwarding', yesNo]],
  ['AuthorizedKeysFile', ['authorizedkeysfile', words]],
  ['CASignatureAlgorithms', ['casignaturealgorithms', algs]],
  ['Ciphers', ['ciphers', algs]],
  ['ClientAliveCountMax', ['clientalivecountmax', text]],
  ['ClientAliveInterval', ['clientaliveinterval', text]],
  ['Compression', ['compression', (v) => [v === false ? 'no' : 'yes']]],
  ['GSSAPIAuthentication', ['gssapiauthentication', yesNo]],
  ['GSSAPIKeyExchange', ['gssapikeyexchange', yesNo]],
  ['HostbasedAuthentication', ['hostbasedauthentication', yesNo]],
  ['HostCertificate', ['hostcertificate', lines]],
  ['HostKey', ['hostkey', lines]],
  ['KbdInteractiveAuthentication', ['kbdinteractiveauthentication', yesNo]],
  ['KexAlgorithms', ['kexalgorithms', algs]],
  ['LoginGraceTime', ['logingracetime', text]],
  ['MACs', ['macs', algs]],
  ['PasswordAuthentication', ['passwordauthentication', yesNo]],
  ['PermitTTY', ['permittty', yesNo]],
  ['Port', ['port', lines]],
  ['PubkeyAuthentication', ['pubkeyauthentication', yesNo]],
  ['RekeyLimit', ['rekeylimit', rekey]],
  ['TCPKeepAlive', ['tcpkeepalive', yesNo]],
  ['UseDNS', ['usedns', yesNo]],
]);

/** One keyword comparison. */
export interface Comparison {
  readonly keyword: string;
  readonly ours: readonly string[];
  readonly theirs: readonly string[];
}

function compareAll(
  table: ReadonlyMap<string, readonly [string, Format]>,
  values: Readonly<Record<string, ConfigValue>>,
  dump: ReadonlyMap<string, string[]>,
  defaults: ReadonlyMap<string, string[]>,
  skip: ReadonlySet<string>,
): Comparison[] {
  const out: Comparison[] = [];
  for (const [name, [key, format]] of table) {
    if (skip.has(name)) continue;
    const value = values[name];
    const ours = value === undefined ? (defaults.get(key) ?? []) : format(value, defaults, key);
    const raw = dump.get(key) ?? [];
    const theirs = format === count ? raw.map(() => '*') : raw;
    out.push({ keyword: name, ours, theirs });
  }
  return out;
}

/** Compare a resolved client config with an `ssh -G` dump, keyword by keyword. */
export function compareClient(
  config: ClientConfig,
  dump: ReadonlyMap<string, string[]>,
  defaults: ReadonlyMap<string, string[]>,
): Comparison[] {
  const values = { ...config.values, HostName: config.hostname, Port: config.port, User: config.user };
  return compareAll(CLIENT_COMPARED, values, dump, defaults, new Set());
}

/** Compare a resolved server config with an `sshd -T` dump (HostKey is skipped: the test adds its own). */
export function compareServer(
  config: ServerConfig,
  dump: ReadonlyMap<string, string[]>,
  defaults: ReadonlyMap<string, string[]>,
): Comparison[] {
  return compareAll(SERVER_COMPARED, config.values, dump, defaults, new Set());
}

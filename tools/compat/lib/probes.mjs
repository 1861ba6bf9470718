// Probes: small checks that a feature is present in a package's public surface.
//
// Probe syntax (an entry's `probes` list overrides the default one derived from its kind):
//   Name              an export (value or type) named Name
//   PREFIX_*          at least one export starting with PREFIX_
//   Owner.member      exported class/interface Owner has member (a method must be callable);
//                     when the package does not export Owner, the umbrella's Owner is checked
//   in:LIST:value     exported list LIST (array, Set, Map, or array of { name }) contains value;
//                     `in:A|B:value` accepts either list
//   kw:TABLE:Keyword  config keyword table TABLE has Keyword and does not ignore it
//   alg:KIND:name     transport's resolveAlgorithms accepts `name` for KIND (kex, encryption, mac,
//                     compression, hostKey, signature) and puts it in its KEXINIT list
//   type:Alias:value  exported type Alias is a union that includes the string literal 'value'
//   src:text          some non-test source file of the package contains text (for protocol
//   src:file.ts:text  behaviour that has no export of its own), or the named file (path under src/)
//                     does; never used to claim absence
// A plain export the package lacks is looked up in the umbrella, which composes the AsyncSSH
// classes and functions from the packages (DESIGN.md: "How the layers meet").
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageDir, ROOT, UMBRELLA } from './entries.mjs';

const IDENT = /^[A-Za-z_$][\w$]*$/;
/** A well-known symbol member, e.g. `[Symbol.asyncIterator]`. */
const WELL_KNOWN = /^\[Symbol\.\w+\]$/;

const ALG_OPTION = {
  kex: 'kexAlgs',
  encryption: 'encryptionAlgs',
  mac: 'macAlgs',
  compression: 'compressionAlgs',
  hostKey: 'serverHostKeyAlgs',
  signature: 'signatureAlgs',
};

const ALG_CATEGORY = {
  KexAlgorithms: (n) => [`alg:kex:${n}`],
  EncryptionAlgorithms: (n) => [`alg:encryption:${n}`],
  MacAlgorithms: (n) => [`alg:mac:${n}`],
  CompressionAlgorithms: (n) => [`alg:compression:${n}`],
  PublicKeyAlgorithms: (n) => [
    `in:SUPPORTED_PUBLIC_KEY_ALGORITHMS|SUPPORTED_CERT_PUBLIC_KEY_ALGORITHMS:${n}`,
  ],
  SignatureAlgorithms: (n) => [
    `in:SUPPORTED_SIGNATURE_ALGORITHMS|SK_SIGNATURE_ALGORITHMS|SUPPORTED_CERT_PUBLIC_KEY_ALGORITHMS:${n}`,
  ],
  hash: (n) => [`in:HASH_SUPPORTED_ALGORITHMS:${n}`],
  'private-key-encryption': (n) => [`in:KEY_FILE_CIPHERS|PBE_CIPHERS:${n}`],
};

const FORMAT_OWNER = {
  export_private_key: (n) => [`in:PRIVATE_KEY_FORMATS:${n}`],
  export_public_key: (n) => [`in:PUBLIC_KEY_FORMATS:${n}`],
  export_certificate: (n) => [`type:CertificateExportFormat:${n}`],
};

const OPTION_OWNER = {
  SSHClientConnectionOptions: 'SSHClientConnectionOptions',
  SSHServerConnectionOptions: 'SSHServerConnectionOptions',
  connect: 'SSHClientConnectionOptions',
  listen: 'SSHServerConnectionOptions',
};

const KEYWORD_OWNER = {
  ClientConfig: ['CLIENT_KEYWORDS'],
  ServerConfig: ['SERVER_KEYWORDS'],
  'ClientConfig+ServerConfig': ['CLIENT_KEYWORDS', 'SERVER_KEYWORDS'],
};

/** Names in a compound TS column: `a/b/c`, `A / B / C`. */
function parts(ts) {
  return ts.split(/\s*\/\s*/).filter(Boolean);
}

/** The probes implied by an entry's kind, TS name and owner (empty when none can be derived). */
export function defaultProbes(entry) {
  const { kind, ts: name, owner } = entry;
  switch (kind) {
    case 'function':
    case 'class':
    case 'exception':
    case 'other':
      return parts(name).every((p) => IDENT.test(p)) ? parts(name) : [];
    case 'constant-group':
      return parts(name).every((p) => IDENT.test(p) || /^[A-Z0-9_]+_\*$/.test(p)) ? parts(name) : [];
    case 'method':
    case 'property':
      return owner && IDENT.test(owner) && (IDENT.test(name) || WELL_KNOWN.test(name))
        ? [`${owner}.${name}`]
        : [];
    case 'option': {
      const type = OPTION_OWNER[owner];
      return type && IDENT.test(name) ? [`${type}.${name}`] : [];
    }
    case 'algorithm':
      return ALG_CATEGORY[owner]?.(name) ?? [];
    case 'format':
      return FORMAT_OWNER[owner]?.(name) ?? [];
    case 'config-keyword':
      return (KEYWORD_OWNER[owner] ?? []).map((t) => `kw:${t}:${name}`);
    default:
      return [];
  }
}

/** Whether transport negotiates `name` as a host key algorithm (keys and certificates it can use). */
export function negotiatesHostKey(name, surfaces) {
  const umbrella = surfaces.get(UMBRELLA);
  return evaluate(`alg:hostKey:${name}`, umbrella, umbrella, 'algorithm');
}

/** The probes that decide an entry: its own list when given, else the default ones. */
export function probesOf(entry) {
  return entry.probes ?? defaultProbes(entry);
}

function listHas(list, value) {
  const want = value.toLowerCase();
  const names = [];
  if (list instanceof Map) names.push(...list.keys());
  else if (list instanceof Set || Array.isArray(list)) {
    for (const item of list) names.push(typeof item === 'string' ? item : item?.name);
  } else if (list && typeof list === 'object') names.push(...Object.keys(list));
  return names.some((n) => typeof n === 'string' && n.toLowerCase() === want);
}

const sourceCache = new Map();

/** Non-test TypeScript sources of a package: `Map<path under src/, text>`. */
function packageSources(pkg) {
  const dir = packageDir(pkg);
  if (!sourceCache.has(dir)) {
    const texts = new Map();
    const base = join(ROOT, 'packages', dir, 'src');
    const walk = (d) => {
      for (const ent of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, ent.name);
        if (ent.isDirectory()) walk(p);
        else if (ent.name.endsWith('.ts') && !ent.name.endsWith('.test.ts')) {
          texts.set(p.slice(base.length + 1), readFileSync(p, 'utf8'));
        }
      }
    };
    walk(base);
    sourceCache.set(dir, texts);
  }
  return sourceCache.get(dir);
}

function sourceHas(pkg, spec) {
  const m = /^([\w./-]+\.ts):(.*)$/s.exec(spec);
  const sources = packageSources(pkg);
  if (m) return sources.get(m[1])?.includes(m[2]) ?? false;
  return [...sources.values()].some((text) => text.includes(spec));
}

function unionHas(surface, alias, value) {
  const type = surface.declaredType(alias);
  if (!type) return false;
  const members = type.isUnion() ? type.types : [type];
  return members.some((t) => t.isStringLiteral() && t.value === value);
}

/** Evaluate one probe against a surface; `fallback` is the umbrella surface (for owners and lists). */
function evaluate(probe, surface, fallback, kind) {
  const scoped = (name) => (surface.has(name) ? surface : fallback);
  if (probe.startsWith('in:')) {
    const [, lists, ...rest] = probe.split(':');
    const value = rest.join(':');
    return lists.split('|').some((l) => {
      const s = scoped(l);
      return s.has(l) && listHas(s.value(l), value);
    });
  }
  if (probe.startsWith('kw:')) {
    const [, table, keyword] = probe.split(':');
    const map = scoped(table).value(table);
    const spec = map instanceof Map ? map.get(keyword.toLowerCase()) : undefined;
    return Boolean(spec) && !spec.ignored;
  }
  if (probe.startsWith('alg:')) {
    const [, algKind, ...rest] = probe.split(':');
    const name = rest.join(':');
    const resolve = scoped('resolveAlgorithms').value('resolveAlgorithms');
    if (typeof resolve !== 'function' || !ALG_OPTION[algKind]) return false;
    try {
      const lists = resolve({ [ALG_OPTION[algKind]]: [name] });
      return Array.isArray(lists[algKind]) && lists[algKind].includes(name);
    } catch {
      return false;
    }
  }
  if (probe.startsWith('type:')) {
    const [, alias, ...rest] = probe.split(':');
    return unionHas(scoped(alias), alias, rest.join(':'));
  }
  if (probe.startsWith('src:')) {
    return sourceHas(surface.name, probe.slice(4));
  }
  if (probe.endsWith('*')) {
    const prefix = probe.slice(0, -1);
    return surface.names().some((n) => n.startsWith(prefix));
  }
  const dot = probe.indexOf('.');
  if (dot > 0) {
    const owner = probe.slice(0, dot);
    const member = probe.slice(dot + 1);
    const memberKind = kind === 'method' ? 'method' : 'other';
    return scoped(owner).hasMember(owner, member, memberKind);
  }
  return surface.has(probe) || fallback.has(probe);
}

/** Whether a probe can show a feature is absent (source-text probes cannot). */
export function decidesAbsence(probe) {
  return !probe.startsWith('src:');
}

/**
 * Check an entry: `{ probes, inPackage, inUmbrella, failed }`. `inPackage` is true when every probe
 * passes in the entry's package (owners and lists it does not export are looked up in the umbrella);
 * `inUmbrella` when every probe passes against `@ssh/ssh` alone.
 */
export function checkEntry(entry, surfaces) {
  const probes = probesOf(entry);
  const umbrella = surfaces.get(UMBRELLA);
  const pkg = surfaces.get(entry.package);
  const failed = [];
  let inUmbrella = probes.length > 0;
  for (const probe of probes) {
    if (!evaluate(probe, pkg, umbrella, entry.kind)) failed.push(probe);
    const umbrellaOk = probe.startsWith('src:')
      ? reaches(umbrella, pkg)
      : evaluate(probe, umbrella, umbrella, entry.kind);
    if (!umbrellaOk) inUmbrella = false;
  }
  return { probes, inPackage: probes.length > 0 && failed.length === 0, inUmbrella, failed };
}

/** Whether the umbrella re-exports every runtime export of a package. */
export function reaches(umbrella, pkg) {
  return [...pkg.values.keys()].every((k) => umbrella.values.has(k));
}

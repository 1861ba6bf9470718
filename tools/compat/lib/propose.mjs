// Suggest status entries from what the packages export and what the tests name.
import { packageDir, UMBRELLA } from './entries.mjs';
import { checkEntry, decidesAbsence, negotiatesHostKey, probesOf } from './probes.mjs';
import { normalise } from './status.mjs';
import { isInterop, mentions, PEERS, peersFor, testFiles, testText } from './tests.mjs';

const PEER_ORDER = PEERS.map(([name]) => name);
const HOST_KEY_NOTE = 'keys and signatures only: the transport does not offer it as a host key algorithm yet';

import { aboutOwner, checkTests, tokenOf } from './verify.mjs';

/**
 * Algorithm matrices: tests that try every algorithm of a kind in a registry that the peer also has.
 * `list` names the peer's list (`ssh -Q` / AsyncSSH's get_*_algs), `token` the registry the test walks.
 */
const MATRICES = {
  kex: { list: 'kex', token: 'kexRegistry', walks: 'KEX_SUPPORTED_ALGORITHMS' },
  encryption: { list: 'cipher', token: 'cipherRegistry', walks: 'CIPHER_SUPPORTED_ALGORITHMS' },
  mac: { list: 'mac', token: 'macRegistry', walks: 'MAC_SUPPORTED_ALGORITHMS' },
  hostKey: {
    list: 'HostKeyAlgorithms',
    token: 'SUPPORTED_PUBLIC_KEY_ALGORITHMS',
    walks: 'SUPPORTED_PUBLIC_KEY_ALGORITHMS',
  },
};
const MATRIX_FILES = [
  // [file, peer, which of the peer lists, names the test leaves out]
  ['packages/transport/test/interop/client-kex-matrix.interop.test.ts', 'OpenSSH sshd', 'openssh', /^$/],
  [
    'packages/transport/test/interop/server-kex-matrix.interop.test.ts',
    'OpenSSH ssh',
    'openssh',
    /^(ssh-dss|ssh-ed448)$/,
  ],
  [
    'packages/transport/test/interop/asyncssh-client.interop.test.ts',
    'AsyncSSH',
    'asyncssh',
    /dss|ed448|1\.3\.132/,
  ],
];
/** Host key types the client matrix's sshd has keys for (ssh-dss only on Debian 12). */
const MATRIX_HOST_KEYS = [
  'ssh-ed25519',
  'ecdsa-sha2-nistp256',
  'rsa-sha2-256',
  'rsa-sha2-512',
  'ssh-rsa',
  'ssh-dss',
];
/** Our client against our server, for every algorithm of a registry. */
const OUR_MATRICES = {
  kex: 'packages/crypto/src/kex/kex-roundtrip.test.ts#nodeRegistry',
  encryption: 'packages/transport/src/transport-pair.test.ts#cipherRegistry',
  mac: 'packages/transport/src/transport-pair.test.ts#macRegistry',
};

const CATEGORY_KIND = {
  KexAlgorithms: 'kex',
  EncryptionAlgorithms: 'encryption',
  MacAlgorithms: 'mac',
  PublicKeyAlgorithms: 'hostKey',
};

/** The transport algorithm an entry stands for: its category and name, or its first `alg:` probe. */
function algorithmOf(entry) {
  if (entry.kind === 'algorithm' && CATEGORY_KIND[entry.owner])
    return { kind: CATEGORY_KIND[entry.owner], name: entry.ts };
  const m = /^alg:(\w+):(.+)$/.exec(probesOf(entry)[0] ?? '');
  return m ? { kind: m[1], name: m[2] } : undefined;
}

function scopeOf(entry) {
  const dirs = new Set([packageDir(entry.package), 'ssh']);
  if (['algorithm', 'format'].includes(entry.kind))
    for (const d of ['crypto', 'transport', 'auth']) dirs.add(d);
  return [...dirs].map((d) => `packages/${d}/`);
}

/** Pick test references for an entry: interop tests covering the most peers, then one unit test. */
function findTests(entry, files, texts, peerLists, surfaces) {
  const token = tokenOf(entry);
  const scope = scopeOf(entry);
  const hits = files.filter(
    (f) =>
      scope.some((s) => f.startsWith(s)) && mentions(texts.get(f), token) && aboutOwner(entry, texts.get(f)),
  );
  const refs = [];
  const covered = new Set();
  const interop = hits
    .filter(isInterop)
    .map((f) => ({ f, peers: peersFor(f, token) }))
    .sort((a, b) => b.peers.length - a.peers.length);
  for (const { f, peers } of interop) {
    if (refs.length >= 3) break;
    if (peers.some((p) => !covered.has(p))) {
      refs.push(f);
      for (const p of peers) covered.add(p);
    }
  }
  const alg = algorithmOf(entry);
  if (alg && MATRICES[alg.kind] && peerLists) {
    const { kind, name } = alg;
    const matrix = MATRICES[kind];
    const walked = surfaces.get(UMBRELLA).value(matrix.walks);
    for (const [f, peer, which, skipped] of MATRIX_FILES) {
      if (!walked?.includes(name) || !peerLists[which]?.[matrix.list]?.includes(name) || skipped.test(name))
        continue;
      if (kind === 'hostKey' && peer === 'OpenSSH sshd' && !MATRIX_HOST_KEYS.includes(name)) continue;
      if (texts.has(f) && mentions(texts.get(f), matrix.token) && !refs.includes(f)) {
        refs.push(`${f}#${matrix.token}`);
        covered.add(peer);
      }
    }
    if (OUR_MATRICES[kind] && refs.length === 0) refs.push(OUR_MATRICES[kind]);
  }
  const own = `packages/${packageDir(entry.package)}/`;
  const unit = hits
    .filter((f) => !isInterop(f))
    .sort((a, b) => Number(b.startsWith(own)) - Number(a.startsWith(own)));
  if (unit[0]) refs.push(unit[0]);
  return { refs, peers: [...covered] };
}

/**
 * A proposed entry for each feature: absent when its probes fail; otherwise works with the tests
 * already listed (when they still hold) or newly found ones. `unresolved` lists ids that are
 * exported but named by no test (they need a test or a decision).
 */
export function propose(features, current, surfaces, peerLists) {
  const byId = new Map(current.map((e) => [e.id, e]));
  const files = testFiles();
  const texts = new Map(files.map((f) => [f, testText(f)]));
  const entries = [];
  const unresolved = [];
  const changed = [];
  for (const feature of features) {
    const old = byId.get(feature.id) ?? {};
    const entry = normalise({ ...feature, probes: old.probes, note: old.note });
    const result = checkEntry(entry, surfaces);
    const deciding = result.probes.filter(decidesAbsence);
    const present =
      result.probes.length > 0 && (result.inPackage || (deciding.length > 0 && result.inUmbrella));
    const keepWorks =
      (old.status === 'works' || old.status === 'untested') &&
      result.probes.length > 0 &&
      result.failed.length === 0;
    if (!present && !keepWorks) {
      entry.status = 'absent';
    } else {
      entry.status = 'works';
      // Keep the references that still hold (matrix ones are recomputed), add what the search finds.
      // Matrix tests run several peers but try each algorithm only with the peers that have it.
      const matrixFiles = MATRIX_FILES.map(([f]) => f);
      const keptRefs = (old.tests ?? []).filter(
        (ref) =>
          !matrixFiles.includes(ref.split('#')[0]) &&
          checkTests({ ...entry, tests: [ref] }).problems.length === 0,
      );
      const keptPeers = checkTests({ ...entry, tests: keptRefs }).peers;
      const found = findTests(entry, files, texts, peerLists, surfaces);
      const paths = new Set(keptRefs.map((ref) => ref.split('#')[0]));
      entry.tests = [...keptRefs, ...found.refs.filter((ref) => !paths.has(ref.split('#')[0]))];
      const peers = new Set([...keptPeers, ...found.peers]);
      entry.peers = PEER_ORDER.filter((p) => peers.has(p));
      if (!result.inUmbrella) entry.umbrella = false;
      if (entry.kind === 'algorithm' && entry.owner === 'PublicKeyAlgorithms' && !entry.note) {
        if (!negotiatesHostKey(entry.ts, surfaces)) entry.note = HOST_KEY_NOTE;
      }
      if (entry.tests.length === 0) {
        entry.status = 'untested';
        entry.tests = undefined;
        entry.peers = undefined;
        unresolved.push(entry.id);
      }
    }
    if (old.status && old.status !== entry.status)
      changed.push(`${entry.id}: ${old.status} -> ${entry.status}`);
    entries.push(normalise(entry));
  }
  return { entries, unresolved, changed };
}

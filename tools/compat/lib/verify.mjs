// The rules that keep docs/compatibility.jsonl true.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './entries.mjs';
import { checkEntry, decidesAbsence, probesOf } from './probes.mjs';
import { FEATURE_FIELDS, splitTest } from './status.mjs';
import { isInterop, mentions, PEERS, peersFor, testText } from './tests.mjs';

export const STATUSES = ['works', 'untested', 'absent'];
const PEER_NAMES = PEERS.map(([name]) => name);

/** The word a test must contain to count as exercising an entry (from its first probe). */
export function tokenOf(entry) {
  const probe = probesOf(entry)[0];
  if (!probe) return entry.ts;
  if (/^(in|alg|type):/.test(probe)) return probe.split(':').slice(2).join(':');
  if (probe.startsWith('kw:')) return `~${probe.split(':')[2]}`;
  if (probe.startsWith('src:')) return probe.slice(4).replace(/^[\w./-]+\.ts:/, '');
  if (probe.endsWith('*')) return probe.slice(0, -1);
  const dot = probe.indexOf('.');
  if (dot < 0) return probe;
  const member = probe.slice(dot + 1);
  if (/^\[Symbol\.\w+\]$/.test(member)) return member.slice(1, -1);
  if (entry.kind === 'method') return `${member}(`;
  if (entry.kind === 'property') return `.${member}`;
  if (entry.kind === 'option') return `${member}:`;
  return member;
}

/**
 * Names a test of a class's members also uses: several classes share member names (`close`,
 * `connectionMade`, `write`), so a test counts for `Owner.member` only when it names the owner or
 * something that makes or hands out an `Owner`.
 */
const OWNER_CONTEXT = {
  SSHClient: ['connect', 'clientFactory', 'createConnection'],
  SSHServer: ['listen', 'serverFactory', 'createServer'],
  SSHClientSession: ['createSession'],
  SSHServerSession: ['sessionFactory', 'acceptSessions', 'sessionRequested'],
  SSHTCPSession: ['createConnection', 'openConnection', 'connectionRequested', 'createServer', 'startServer'],
  SSHUNIXSession: [
    'createUnixConnection',
    'openUnixConnection',
    'unixConnectionRequested',
    'createUnixServer',
  ],
  SSHClientChannel: ['createSession', 'createProcess', 'openSession', 'run'],
  SSHServerChannel: ['sessionRequested', 'acceptSessions', 'createServerChannel', 'processFactory', 'listen'],
  SSHTCPChannel: ['openConnection', 'createConnection', 'createServer', 'startServer', 'connectionRequested'],
  SSHUNIXChannel: [
    'openUnixConnection',
    'createUnixConnection',
    'createUnixServer',
    'unixConnectionRequested',
  ],
  SSHListener: ['createServer', 'startServer', 'createUnixServer', 'startUnixServer'],
  SSHClientProcess: ['createProcess'],
  SSHServerProcess: ['processFactory', 'acceptSessions', 'listen'],
  SSHCompletedProcess: ['run'],
  SSHSubprocessProtocol: ['createSubprocess'],
  SSHSubprocessTransport: ['createSubprocess'],
  SSHSubprocessReadPipe: ['createSubprocess'],
  SSHSubprocessWritePipe: ['createSubprocess'],
  SSHLineEditorChannel: ['lineEditor'],
  SSHReader: ['stdout', 'stderr', 'openSession', 'openConnection', 'openUnixConnection'],
  SSHWriter: ['stdin', 'openSession', 'openConnection', 'openUnixConnection'],
};

/** Whether a test's text is about the entry's owner (always, for owners not in OWNER_CONTEXT). */
export function aboutOwner(entry, text) {
  const related = OWNER_CONTEXT[entry.owner];
  if (!related || !['method', 'property'].includes(entry.kind)) return true;
  return [entry.owner, ...related].some((name) => mentions(text, name));
}

/** Check the entries against features.json (when given): same ids, order and feature fields. */
export function checkFeatureList(entries, features) {
  const problems = [];
  if (!features) return problems;
  if (entries.length !== features.length) {
    problems.push(`status has ${entries.length} entries, features.json ${features.length}`);
  }
  features.forEach((f, i) => {
    const e = entries[i];
    for (const k of FEATURE_FIELDS) {
      if ((e?.[k] ?? null) !== (f[k] ?? null)) {
        problems.push(
          `entry ${i + 1} (${e?.id}): ${k} is ${JSON.stringify(e?.[k])}, features.json says ${JSON.stringify(f[k])}`,
        );
      }
    }
  });
  return problems;
}

/** What an entry's test references show: missing files, files not mentioning it, and their peers. */
export function checkTests(entry) {
  const problems = [];
  const peers = new Set();
  for (const ref of entry.tests ?? []) {
    const { path, token } = splitTest(ref);
    const text = existsSync(join(ROOT, path)) ? testText(path) : undefined;
    if (text === undefined) {
      problems.push(`${entry.id}: test ${path} does not exist`);
      continue;
    }
    const want = token ?? tokenOf(entry);
    if (!mentions(text, want)) problems.push(`${entry.id}: ${path} does not mention ${JSON.stringify(want)}`);
    else if (token === undefined && !aboutOwner(entry, text)) {
      problems.push(`${entry.id}: ${path} names ${want} but not ${entry.owner} or what makes one`);
    }
    for (const p of peersFor(path, want)) peers.add(p);
  }
  return { problems, peers };
}

/**
 * Every way an entry can be untrue, as messages (empty when the entry holds):
 * works → every probe passes in its package, the umbrella flag matches, tests exist and mention it,
 * the claimed peers are run by those tests; untested → exported, but no test names it yet;
 * absent → no probe that can decide it passes.
 */
export function checkStatus(entry, surfaces) {
  const problems = [];
  const id = entry.id;
  if (!STATUSES.includes(entry.status)) return [`${id}: status must be one of ${STATUSES.join(', ')}`];
  const result = checkEntry(entry, surfaces);
  if (entry.status === 'works') {
    if (result.probes.length === 0) problems.push(`${id}: works, but no probe checks it (add "probes")`);
    for (const probe of result.failed) problems.push(`${id}: works, but ${probe} is not in ${entry.package}`);
    if (result.inPackage && result.inUmbrella !== (entry.umbrella !== false)) {
      problems.push(
        result.inUmbrella
          ? `${id}: @ssh/ssh now exports it: drop "umbrella": false`
          : `${id}: not reachable from @ssh/ssh: export it there or mark "umbrella": false`,
      );
    }
    if (!entry.tests?.length) problems.push(`${id}: works, but lists no tests`);
    const tests = checkTests(entry);
    problems.push(...tests.problems);
    for (const peer of entry.peers ?? []) {
      if (!PEER_NAMES.includes(peer)) problems.push(`${id}: unknown peer ${JSON.stringify(peer)}`);
      else if (!tests.peers.has(peer)) problems.push(`${id}: no listed interop test runs ${peer}`);
    }
    const interop = (entry.tests ?? []).some((ref) => isInterop(splitTest(ref).path));
    if (entry.peers?.length && !interop) problems.push(`${id}: peers listed without an interop test`);
  } else if (entry.status === 'untested') {
    if (result.probes.length === 0) problems.push(`${id}: untested, but no probe checks it (add "probes")`);
    for (const probe of result.failed)
      problems.push(`${id}: marked untested, but ${probe} is not in ${entry.package}`);
    for (const k of ['peers', 'tests']) {
      if (entry[k] !== undefined) problems.push(`${id}: untested entries have no "${k}" (mark it works)`);
    }
  } else {
    for (const k of ['peers', 'tests', 'umbrella']) {
      if (entry[k] !== undefined) problems.push(`${id}: absent entries have no "${k}"`);
    }
    const deciding = result.probes.filter(decidesAbsence);
    const inPackage = deciding.length > 0 && deciding.every((p) => !result.failed.includes(p));
    const inUmbrella = deciding.length === result.probes.length && result.inUmbrella;
    if (inPackage || inUmbrella) {
      problems.push(`${id}: marked absent, but ${deciding.join(', ')} now exists: test it and mark it works`);
    }
  }
  return problems;
}

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import {
  type ClientConfig,
  type Compat,
  ConfigParseError,
  resolveClientConfig,
  resolveServerConfig,
  type ServerConfig,
  type ServerConnectionInfo,
} from '../../src/index.js';
import { nodeConfigHost } from '../../src/node.js';
import type { CorpusCase } from './corpus.js';
import { type Comparison, compareClient, compareServer } from './expect.js';
import { parseDump, pool, type RunResult, run, runBatch, SSH, SSHD } from './run.js';

/** One OpenSSH installation to check against: the machine's own, or one inside a chroot. */
export interface Generation {
  readonly name: string;
  /** File-system root the tools see ('' for the machine's own). */
  readonly root: string;
  /** How that OpenSSH splits Match lines. */
  readonly compat: Compat;
}

/** The Debian 13 root (OpenSSH 10.0) made by tools/testing, if it has been built. */
export function debian13Root(): string | undefined {
  const root = join(process.env.SSH_TEST_PEERS_CACHE ?? '/var/cache/ssh-test-peers', 'trixie');
  return existsSync(join(root, SSHD)) && existsSync(join(root, SSH)) ? root : undefined;
}

/** What one oracle run found. */
export interface OracleSummary {
  readonly runs: number;
  /** Runs OpenSSH refused (and this package refused too, or accepted as a newer feature). */
  readonly rejectedByBoth: number;
  readonly compared: number;
  readonly agreed: number;
  /** One line per disagreement (first per case and keyword). */
  readonly problems: readonly string[];
  /** Cases whose acceptance by OpenSSH contradicts their `rejects:` marker. */
  readonly misjudged: readonly string[];
}

interface Outcome {
  readonly label: string;
  readonly comparisons: readonly Comparison[];
  readonly problem?: string;
}

function judge<T>(
  newer: boolean,
  label: string,
  theirs: RunResult,
  ours: () => T,
  compare: (c: T, d: Map<string, string[]>) => Comparison[],
): Outcome {
  let config: T | undefined;
  let error: unknown;
  try {
    config = ours();
  } catch (e) {
    error = e;
  }
  const what = (e: unknown) =>
    e instanceof ConfigParseError ? `ConfigParseError(${e.message})` : `non-ConfigParseError ${String(e)}`;
  if (!theirs.ok) {
    // A feature this generation lacks (marked `rejects:` for it alone) may be accepted here.
    if (error instanceof ConfigParseError || (newer && error === undefined))
      return { label, comparisons: [] };
    return { label, comparisons: [], problem: `OpenSSH rejected but we ${error ? what(error) : 'accepted'}` };
  }
  if (error !== undefined)
    return { label, comparisons: [], problem: `OpenSSH accepted but we threw ${what(error)}` };
  return { label, comparisons: compare(config as T, parseDump(theirs.stdout)) };
}

function parseConn(spec: string): ServerConnectionInfo {
  const out: Record<string, string | number> = {};
  for (const part of spec.split(',')) {
    const [k = '', v = ''] = part.split('=');
    out[k] = k === 'lport' ? Number(v) : v;
  }
  return out as ServerConnectionInfo;
}

/**
 * Resolve every corpus case for every query with this package and with OpenSSH
 * (`ssh -G`, `sshd -T -C`) of one generation, and compare.
 */
export async function runOracle(gen: Generation, corpus: readonly CorpusCase[]): Promise<OracleSummary> {
  const root = gen.root;
  const tmpBase = join(root || '/', 'tmp');
  const work = mkdtempSync(join(tmpBase, 'ssh-config-oracle-')).slice(root.length);
  const local = (p: string) => root + p;
  const inRoot = (argv: string[]) => (root === '' ? argv : ['chroot', root, ...argv]);
  const base = nodeConfigHost();
  const host =
    root === ''
      ? base
      : nodeConfigHost({
          readFile: (p) => base.readFile(local(p)),
          glob: (p) => base.glob(local(p)).map((x) => x.slice(root.length)),
        });
  try {
    const materialise = (c: CorpusCase, index: number, prefix = '') => {
      const dir = join(work, `${c.kind}-${index}`);
      for (const [name, body] of c.files) {
        const path = local(join(dir, name));
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, (name === 'main' ? prefix : '') + body.replaceAll('@DIR@', dir));
      }
      return join(dir, 'main');
    };
    const [file, ...args] = inRoot([SSH, '-G', '-F', '/dev/null', 'h']);
    const clientDefaults = parseDump((await run(file as string, args)).stdout);
    const keyPath = join(work, 'hostkey');
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', local(keyPath)]);
    const hostKeyLine = `HostKey ${keyPath}\n`;
    writeFileSync(local(join(work, 'empty_sshd_config')), hostKeyLine);
    const [sfile, ...sargs] = inRoot([SSHD, '-T', '-f', join(work, 'empty_sshd_config')]);
    const serverDefaults = parseDump((await run(sfile as string, sargs)).stdout);

    type Job = { argv: string[]; kase: CorpusCase; judge: (theirs: RunResult) => Outcome };
    const jobs: Job[] = [];
    corpus.forEach((c, index) => {
      const newer = c.rejects.includes(gen.compat) && c.rejects.length === 1;
      if (c.kind === 'client') {
        const main = materialise(c, index);
        for (const h of c.hosts)
          for (const user of c.users)
            for (const port of c.ports) {
              const opts = [...(user ? ['-l', user] : []), ...(port ? ['-p', String(port)] : []), h];
              const label = `${gen.name} ${c.source} [${c.name}] ssh ${opts.join(' ')}`;
              const ours = () =>
                resolveClientConfig(host, {
                  host: h,
                  user,
                  port,
                  files: [{ path: main }],
                  strict: true,
                  compat: gen.compat,
                });
              jobs.push({
                argv: inRoot([SSH, '-G', '-F', main, ...opts]),
                kase: c,
                judge: (theirs) =>
                  judge<ClientConfig>(newer, label, theirs, ours, (cfg, dump) =>
                    compareClient(cfg, dump, clientDefaults),
                  ),
              });
            }
      } else {
        const main = materialise(c, index, hostKeyLine);
        for (const conn of c.conns) {
          const label = `${gen.name} ${c.source} [${c.name}] sshd -C ${conn}`;
          const ours = () =>
            resolveServerConfig(host, {
              files: [{ path: main }],
              connection: parseConn(conn),
              strict: true,
              compat: gen.compat,
            });
          jobs.push({
            argv: inRoot([SSHD, '-T', '-f', main, '-C', conn]),
            kase: c,
            judge: (theirs) =>
              judge<ServerConfig>(newer, label, theirs, ours, (cfg, dump) =>
                compareServer(cfg, dump, serverDefaults),
              ),
          });
        }
      }
    });

    const batches: Job[][] = [];
    for (let i = 0; i < jobs.length; i += 60) batches.push(jobs.slice(i, i + 60));
    const results = (await pool(batches, 3, (batch) => runBatch(batch.map((j) => j.argv)))).flat();
    const accepted = new Set(jobs.filter((_, i) => results[i]?.ok).map((j) => j.kase));
    const misjudged = corpus
      .filter((c) => c.rejects.includes(gen.compat) === accepted.has(c))
      .map((c) => `${c.source} [${c.name}]`);

    const problems: string[] = [];
    const seen = new Set<string>();
    let compared = 0;
    let agreed = 0;
    let rejectedByBoth = 0;
    jobs.forEach((job, i) => {
      const o = job.judge(results[i] as RunResult);
      const caseKey = `${job.kase.source} ${job.kase.name}`;
      const report = (key: string, text: string) => {
        if (!seen.has(key)) problems.push(text);
        seen.add(key);
      };
      if (o.problem !== undefined) report(caseKey, `${o.label}: ${o.problem}`);
      else if (o.comparisons.length === 0) rejectedByBoth++;
      for (const cmp of o.comparisons) {
        compared++;
        if (JSON.stringify(cmp.ours) === JSON.stringify(cmp.theirs)) agreed++;
        else
          report(
            `${caseKey} ${cmp.keyword}`,
            `${o.label}: ${cmp.keyword}: ours ${JSON.stringify(cmp.ours)} OpenSSH ${JSON.stringify(cmp.theirs)}`,
          );
      }
    });
    return { runs: jobs.length, rejectedByBoth, compared, agreed, problems, misjudged };
  } finally {
    rmSync(local(work), { recursive: true, force: true });
  }
}

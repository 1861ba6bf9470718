import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type ClientConfig,
  ConfigParseError,
  resolveClientConfig,
  resolveServerConfig,
  type ServerConfig,
  type ServerConnectionInfo,
} from '../../src/index.js';
import { nodeConfigHost } from '../../src/node.js';
import { type CorpusCase, loadCorpus } from './corpus.js';
import { type Comparison, compareClient, compareServer } from './expect.js';
import { opensshPresent, parseDump, pool, type RunResult, run, runBatch, SSH, SSHD } from './run.js';

const present = opensshPresent();
const ci = process.env.CI === 'true';
const INSTALL_HINT = 'ssh/sshd missing: apt-get install openssh-client openssh-server';
if (!present && !ci) console.warn(`OpenSSH config oracle skipped (${INSTALL_HINT})`);
const corpus = loadCorpus(join(import.meta.dirname, '..', 'corpus'));
const work = mkdtempSync(join(tmpdir(), 'ssh-config-oracle-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Write a case's files into its own directory, replacing `@DIR@` with that directory. */
function materialise(c: CorpusCase, index: number, prefix = ''): string {
  const dir = join(work, `${c.kind}-${index}`);
  for (const [name, body] of c.files) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, (name === 'main' ? prefix : '') + body.replaceAll('@DIR@', dir));
  }
  return join(dir, 'main');
}

interface Outcome {
  readonly label: string;
  readonly comparisons: readonly Comparison[];
  readonly problem?: string;
}

function describeError(e: unknown): string {
  return e instanceof ConfigParseError
    ? `ConfigParseError(${e.message})`
    : `non-ConfigParseError ${String(e)}`;
}

function judge<T>(
  label: string,
  theirs: { ok: boolean; stdout: string; stderr: string },
  ours: () => T,
  compare: (config: T, dump: Map<string, string[]>) => Comparison[],
): Outcome {
  let config: T | undefined;
  let error: unknown;
  try {
    config = ours();
  } catch (e) {
    error = e;
  }
  if (!theirs.ok) {
    if (error instanceof ConfigParseError) return { label, comparisons: [] };
    return {
      label,
      comparisons: [],
      problem: `OpenSSH rejected (${theirs.stderr.trim()}) but we ${error ? describeError(error) : 'accepted'}`,
    };
  }
  if (error !== undefined)
    return { label, comparisons: [], problem: `OpenSSH accepted but we threw ${describeError(error)}` };
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

const host = nodeConfigHost();

describe.skipIf(!present && !ci)(
  `OpenSSH config oracle (ssh -G / sshd -T)${present ? '' : `: ${INSTALL_HINT}`}`,
  () => {
    it('has OpenSSH installed when CI=true', () => {
      expect(present, INSTALL_HINT).toBe(true);
    });

    it(`resolves ${corpus.length} corpus cases as OpenSSH 9 does`, async () => {
      const clientDefaults = parseDump((await run(SSH, ['-G', '-F', '/dev/null', 'h'])).stdout);
      const keyPath = join(work, 'hostkey');
      execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', keyPath]);
      const hostKeyLine = `HostKey ${keyPath}\n`;
      const emptyServer = join(work, 'empty_sshd_config');
      writeFileSync(emptyServer, hostKeyLine);
      const serverDefaults = parseDump((await run(SSHD, ['-T', '-f', emptyServer])).stdout);

      type Job = { argv: string[]; case: CorpusCase; judge: (theirs: RunResult) => Outcome };
      const jobs: Job[] = [];
      corpus.forEach((c, index) => {
        if (c.kind === 'client') {
          const main = materialise(c, index);
          for (const h of c.hosts)
            for (const user of c.users)
              for (const port of c.ports) {
                const args = [
                  '-G',
                  '-F',
                  main,
                  ...(user ? ['-l', user] : []),
                  ...(port ? ['-p', String(port)] : []),
                  h,
                ];
                const label = `${c.source} [${c.name}] ssh ${args.slice(3).join(' ')}`;
                jobs.push({
                  argv: [SSH, ...args],
                  case: c,
                  judge: (theirs) =>
                    judge<ClientConfig>(
                      label,
                      theirs,
                      () =>
                        resolveClientConfig(host, {
                          host: h,
                          user,
                          port,
                          files: [{ path: main }],
                          strict: true,
                        }),
                      (config, dump) => compareClient(config, dump, clientDefaults),
                    ),
                });
              }
        } else {
          const main = materialise(c, index, hostKeyLine);
          for (const conn of c.conns) {
            const label = `${c.source} [${c.name}] sshd -C ${conn}`;
            jobs.push({
              argv: [SSHD, '-T', '-f', main, '-C', conn],
              case: c,
              judge: (theirs) =>
                judge<ServerConfig>(
                  label,
                  theirs,
                  () =>
                    resolveServerConfig(host, {
                      files: [{ path: main }],
                      connection: parseConn(conn),
                      strict: true,
                    }),
                  (config, dump) => compareServer(config, dump, serverDefaults),
                ),
            });
          }
        }
      });

      const batches: Job[][] = [];
      for (let i = 0; i < jobs.length; i += 60) batches.push(jobs.slice(i, i + 60));
      const results = (await pool(batches, 3, (batch) => runBatch(batch.map((j) => j.argv)))).flat();
      const outcomes = jobs.map((job, i) => job.judge(results[i] as RunResult));
      // Every case must mean something: a case marked `rejects: yes` is refused by
      // OpenSSH for every query, and any other case is accepted for at least one.
      const acceptedSomewhere = new Set(jobs.filter((_, i) => results[i]?.ok).map((j) => j.case));
      const misjudged = corpus
        .filter((c) => c.rejects === acceptedSomewhere.has(c))
        .map((c) => `${c.source} [${c.name}]`);
      expect(misjudged, 'cases whose OpenSSH acceptance does not match their rejects: marker').toEqual([]);
      const problems: string[] = [];
      const seen = new Set<string>();
      const report = (key: string, text: string) => {
        if (!seen.has(key)) problems.push(text);
        seen.add(key);
      };
      let compared = 0;
      let agreed = 0;
      let rejectedBoth = 0;
      for (const o of outcomes) {
        const caseKey = o.label.replace(/\] .*/, ']');
        if (o.problem !== undefined) report(caseKey, `${o.label}: ${o.problem}`);
        else if (o.comparisons.length === 0) rejectedBoth++;
        for (const cmp of o.comparisons) {
          compared++;
          if (JSON.stringify(cmp.ours) === JSON.stringify(cmp.theirs)) agreed++;
          else
            report(
              `${caseKey} ${cmp.keyword}`,
              `${o.label}: ${cmp.keyword}: ours ${JSON.stringify(cmp.ours)} OpenSSH ${JSON.stringify(cmp.theirs)}`,
            );
        }
      }
      console.log(
        `config oracle: ${corpus.length} cases, ${outcomes.length} OpenSSH runs (${rejectedBoth} rejected by both), ` +
          `${agreed}/${compared} keyword comparisons agree`,
      );
      expect(problems).toEqual([]);
      expect(corpus.length).toBeGreaterThanOrEqual(200);
    }, 120_000);
  },
);

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCorpus } from './corpus.js';
import { debian13Root, type Generation, runOracle } from './oracle.js';
import { opensshPresent } from './run.js';

const present = opensshPresent();
const ci = process.env.CI === 'true';
const INSTALL_HINT = 'ssh/sshd missing: apt-get install openssh-client openssh-server';
const ROOT_HINT = 'Debian 13 root missing: run node tools/testing/install-peers.mjs as root';
if (!present && !ci) console.warn(`OpenSSH config oracle skipped (${INSTALL_HINT})`);
const corpus = loadCorpus(join(import.meta.dirname, '..', 'corpus'));
const trixie = debian13Root();

async function check(gen: Generation): Promise<void> {
  const s = await runOracle(gen, corpus);
  console.log(
    `config oracle (${gen.name}): ${corpus.length} cases, ${s.runs} OpenSSH runs (${s.rejectedByBoth} refused by OpenSSH), ` +
      `${s.agreed}/${s.compared} keyword comparisons agree`,
  );
  expect(s.misjudged, 'cases whose OpenSSH acceptance does not match their rejects: marker').toEqual([]);
  expect(s.problems).toEqual([]);
}

describe.skipIf(!present && !ci)(
  `OpenSSH config oracle (ssh -G / sshd -T)${present ? '' : `: ${INSTALL_HINT}`}`,
  () => {
    it('has OpenSSH installed when CI=true', () => {
      expect(present, INSTALL_HINT).toBe(true);
      expect(corpus.length).toBeGreaterThanOrEqual(200);
    });

    it(`resolves ${corpus.length} corpus cases as OpenSSH 9.2 (this machine) does`, async () => {
      await check({ name: 'OpenSSH 9.2', root: '', compat: 'openssh9' });
    }, 120_000);

    it.skipIf(trixie === undefined)(
      `resolves ${corpus.length} corpus cases as OpenSSH 10.0 (Debian 13 root) does${trixie ? '' : `: ${ROOT_HINT}`}`,
      async () => {
        await check({ name: 'OpenSSH 10.0', root: trixie ?? '', compat: 'openssh10' });
      },
      120_000,
    );
  },
);

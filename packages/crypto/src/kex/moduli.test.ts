import { readFileSync } from 'node:fs';
import { KeyExchangeFailed } from '@ssh/wire';
import { describe, expect, it } from 'vitest';
import { bigintDH } from './dh-engine.js';
import { nodeDH } from './dh-engine.node.js';
import { DH_GROUP14, DH_GROUP15, DH_GROUP16, DH_GROUP18 } from './dh-groups.js';
import { checkGexGroup, chooseGexGroup, parseModuli } from './moduli.js';
import { loadModuli } from './moduli.node.js';

const line = (bits: number, gen: number, p: bigint, type = 2, tests = 6) =>
  `20220714110357 ${type} ${tests} 100 ${bits - 1} ${gen.toString(16)} ${p.toString(16).toUpperCase()}`;

const TEXT = [
  '# Time Type Tests Tries Size Generator Modulus',
  line(2048, 2, DH_GROUP14.p),
  line(3072, 5, DH_GROUP15.p),
  line(3072, 2, DH_GROUP15.p, 2, 1), // composite: skipped
  line(4096, 2, DH_GROUP16.p, 1), // not a safe prime: skipped
  line(4095, 2, DH_GROUP16.p), // size does not match: skipped
  'garbage line',
  '',
].join('\n');

describe('OpenSSH moduli file', () => {
  it('parses valid lines and skips the others', () => {
    const m = parseModuli(TEXT);
    expect(m.map((e) => [e.bits, e.g])).toEqual([
      [2048, 2n],
      [3072, 5n],
    ]);
  });

  it('reads the system moduli file (empty list if missing)', async () => {
    const m = await loadModuli();
    for (const e of m) expect(e.p.toString(2).length).toBe(e.bits);
    expect(await loadModuli('/nonexistent/moduli')).toEqual([]);
  });

  it('picks the smallest group at least n, else the largest below', () => {
    const m = parseModuli(TEXT);
    expect(chooseGexGroup(2048, 2048, 8192, m).bits).toBe(2048);
    expect(chooseGexGroup(2048, 3000, 8192, m).bits).toBe(3072);
    expect(chooseGexGroup(2048, 7680, 8192, m).bits).toBe(3072);
    expect(chooseGexGroup(1024, 1024, 2048, m).bits).toBe(2048);
  });

  it('falls back to the built-in groups', () => {
    expect(chooseGexGroup(2048, 4096, 8192).p).toBe(DH_GROUP16.p);
    expect(chooseGexGroup(2048, 8192, 8192, parseModuli(TEXT)).bits).toBe(3072);
    expect(chooseGexGroup(7000, 8000, 8192).p).toBe(DH_GROUP18.p);
    expect(chooseGexGroup(2048, 2500, 2900).p).toBe(DH_GROUP14.p);
  });

  it('rejects inconsistent requests', () => {
    expect(() => chooseGexGroup(4096, 2048, 8192)).toThrow(KeyExchangeFailed);
    expect(() => chooseGexGroup(2048, 4096, 3072)).toThrow(KeyExchangeFailed);
  });

  it('client checks the group it receives', () => {
    expect(() => checkGexGroup(DH_GROUP14, 2048, 8192)).not.toThrow();
    expect(() => checkGexGroup(DH_GROUP14, 3072, 8192)).toThrow(KeyExchangeFailed);
    expect(() => checkGexGroup({ p: DH_GROUP14.p, g: 1n }, 2048, 8192)).toThrow(KeyExchangeFailed);
    expect(() => checkGexGroup({ p: DH_GROUP14.p + 1n, g: 2n }, 2048, 8192)).toThrow(KeyExchangeFailed);
  });
});

describe('group exchange over primes from a real moduli file', () => {
  const sample = readFileSync(new URL('../../test/vectors/kex/moduli-sample', import.meta.url), 'utf8');
  const groups = parseModuli(sample);

  it('parses both groups', () => {
    expect(groups.map((g) => g.bits)).toEqual([2048, 3072]);
  });

  it('node and portable engines agree on K for each group', () => {
    for (const group of groups) {
      const a = nodeDH.generate(group);
      const b = bigintDH.generate(group);
      expect(a.agree(b.publicValue)).toEqual(b.agree(a.publicValue));
    }
  });
});

import { describe, expect, it } from 'vitest';
import * as neutralEntry from '../index.js';
import * as nodeEntry from '../index.node.js';
import { kexRegistry as fastRegistry, nodeKexProviders } from './fast.node.js';
import * as portableIndex from './index.js';
import * as nodeIndex from './index.node.js';
import { kexRegistry as portableRegistry } from './portable.js';

describe('kex entry points', () => {
  it('index.ts is bound to the portable path, index.node.ts to node:crypto', () => {
    expect(portableIndex.kexRegistry).toBe(portableRegistry);
    expect(nodeIndex.kexRegistry).toBe(fastRegistry);
    expect(nodeIndex.nodeKexProviders).toBe(nodeKexProviders);
    expect(nodeIndex.kexHash).not.toBe(portableIndex.kexHash);
    expect(nodeIndex.deriveKey).not.toBe(portableIndex.deriveKey);
    expect(nodeIndex.exchangeHash).not.toBe(portableIndex.exchangeHash);
  });

  it('the package entries re-export them', () => {
    expect(neutralEntry.kexRegistry).toBe(portableRegistry);
    expect(nodeEntry.kexRegistry).toBe(fastRegistry);
    expect(nodeEntry.getKexMethod('curve25519-sha256').name).toBe('curve25519-sha256');
    expect(neutralEntry.KEX_DEFAULT_ALGORITHMS[0]).toBe('mlkem768x25519-sha256');
  });
});

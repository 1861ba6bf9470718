import { generatePrivateKey } from '@ssh/crypto';
import { PacketReader } from '@ssh/wire';
import { describe, expect, it } from 'vitest';
import { AgentError } from '../errors.js';
import { agentPrivateKeyFields } from './private-key.js';

describe('agent private key fields', () => {
  it.each([
    ['ssh-ed25519', 2],
    ['ssh-ed448', 2],
    ['ecdsa-sha2-nistp256', 3],
    ['ecdsa-sha2-nistp384', 3],
    ['ecdsa-sha2-nistp521', 3],
    ['ssh-rsa', 6],
  ])('%s: key type then %i fields, nothing else', (type, count) => {
    const key = generatePrivateKey(type, type === 'ssh-rsa' ? { keySize: 1024 } : {});
    const r = new PacketReader(agentPrivateKeyFields(key));
    expect(r.readName()).toBe(type);
    const fields = Array.from({ length: count }, () => r.readString());
    expect(r.atEnd).toBe(true);
    if (type === 'ecdsa-sha2-nistp256') expect(new TextDecoder().decode(fields[0])).toBe('nistp256');
    if (type === 'ssh-ed25519') expect(fields[1]?.length).toBe(64);
  });

  it('refuses public keys', () => {
    expect(() => agentPrivateKeyFields(generatePrivateKey('ssh-ed25519').convertToPublic())).toThrow(
      AgentError,
    );
  });
});

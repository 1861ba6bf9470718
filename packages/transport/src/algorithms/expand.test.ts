import { describe, expect, it } from 'vitest';
import { AlgorithmOptionError, expandAlgorithms, matchAlgorithms } from './expand.js';

const supported = [
  'curve25519-sha256',
  'ecdh-sha2-nistp256',
  'ecdh-sha2-nistp384',
  'diffie-hellman-group14-sha1',
  'diffie-hellman-group14-sha256',
];
const defaults = ['curve25519-sha256', 'ecdh-sha2-nistp256', 'diffie-hellman-group14-sha256'];

describe('algorithm options', () => {
  it('default and undefined give the defaults', () => {
    expect(expandAlgorithms('kexAlgs', undefined, defaults, supported)).toEqual(defaults);
    expect(expandAlgorithms('kexAlgs', 'default', defaults, supported)).toEqual(defaults);
  });

  it('wildcards match in pattern order, each name once', () => {
    expect(matchAlgorithms(['ecdh-*', 'ecdh-sha2-nistp3?4', 'curve*'], supported)).toEqual([
      'ecdh-sha2-nistp256',
      'ecdh-sha2-nistp384',
      'curve25519-sha256',
    ]);
  });

  it('^ puts the matches first, + appends them, - removes them', () => {
    expect(expandAlgorithms('kexAlgs', '^ecdh-sha2-nistp384', defaults, supported)).toEqual([
      'ecdh-sha2-nistp384',
      ...defaults,
    ]);
    expect(expandAlgorithms('kexAlgs', '+diffie-hellman-group14-sha1', defaults, supported)).toEqual([
      ...defaults,
      'diffie-hellman-group14-sha1',
    ]);
    expect(expandAlgorithms('kexAlgs', '-ecdh-*', defaults, supported)).toEqual([
      'curve25519-sha256',
      'diffie-hellman-group14-sha256',
    ]);
    expect(expandAlgorithms('kexAlgs', '^ecdh-sha2-nistp256', defaults, supported)).toEqual([
      'ecdh-sha2-nistp256',
      'curve25519-sha256',
      'diffie-hellman-group14-sha256',
    ]);
  });

  it('an exact list keeps its order and may name non-default algorithms', () => {
    expect(
      expandAlgorithms('kexAlgs', ['diffie-hellman-group14-sha1', 'curve25519-sha256'], defaults, supported),
    ).toEqual(['diffie-hellman-group14-sha1', 'curve25519-sha256']);
  });

  it('unknown names and empty results are typed errors naming the option', () => {
    expect(() => expandAlgorithms('kexAlgs', ['nope'], defaults, supported)).toThrow(AlgorithmOptionError);
    expect(() => expandAlgorithms('kexAlgs', 'curve25519-sha256,nope', defaults, supported)).toThrow(
      /kexAlgs: unknown algorithm "nope"/,
    );
    expect(() => expandAlgorithms('macAlgs', 'zzz*', defaults, supported)).toThrow(
      /macAlgs: no algorithms left/,
    );
    expect(() => expandAlgorithms('kexAlgs', '-*', defaults, supported)).toThrow(AlgorithmOptionError);
  });
});

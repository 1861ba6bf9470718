import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyEncryptionError, PassphraseRequiredError } from '../errors.js';
import { makeKeyApi } from '../keys/api.js';
import { portableBackend } from '../keys/backend.js';
import { nodeBackend } from '../keys/backend.node.js';

const DIR = join(__dirname, '../../test/vectors/formats');
interface Vector {
  fingerprint: string;
  passphrase?: string;
  public?: boolean;
}
const VECTORS = JSON.parse(readFileSync(join(DIR, 'vectors.json'), 'utf8')) as Record<string, Vector>;

describe.each([
  ['node', makeKeyApi(nodeBackend)],
  ['portable', makeKeyApi(portableBackend)],
] as const)('key files made by openssl, ssh-keygen and puttygen import on the %s path', (_name, api) => {
  it('every vector file is listed', () => {
    const files = readdirSync(DIR).filter((f) => !f.endsWith('.json') && !f.endsWith('.md'));
    expect(files.sort()).toEqual(Object.keys(VECTORS).sort());
  });

  for (const [file, v] of Object.entries(VECTORS)) {
    it(`${file}: the fingerprint the other tool computed`, () => {
      const data = readFileSync(join(DIR, file));
      if (v.public) {
        expect(api.importPublicKey(data).getFingerprint()).toBe(v.fingerprint);
        return;
      }
      expect(api.importPrivateKey(data, v.passphrase).getFingerprint()).toBe(v.fingerprint);
      if (v.passphrase) {
        expect(() => api.importPrivateKey(data)).toThrow(PassphraseRequiredError);
        expect(() => api.importPrivateKey(data, 'not the passphrase')).toThrow(KeyEncryptionError);
      }
    });
  }
});

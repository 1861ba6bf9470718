/** Certificate files: write, append, read one or all, and load from mixed references. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeKeyApi } from '../keys/api.js';
import { nodeBackend } from '../keys/backend.node.js';
import { makeCertApi } from './cert-api.js';
import {
  appendCertificate,
  loadCertificates,
  readCertificate,
  readCertificateList,
  writeCertificate,
} from './read.node.js';

const dir = mkdtempSync(join(tmpdir(), 'cert-files-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('certificate files', () => {
  it('writes, appends, reads and loads OpenSSH and X.509 certificates', async () => {
    const keys = makeKeyApi(nodeBackend);
    const certs = makeCertApi(nodeBackend);
    const ca = keys.generatePrivateKey('ssh-ed25519');
    const user = keys.generatePrivateKey('ecdsa-sha2-nistp256');
    const a = certs.generateUserCertificate(ca, user, 'a');
    const b = certs.generateHostCertificate(ca, user, 'b');
    const x = certs.generateX509Certificate(ca, ca, 'CN=ca');
    const file = join(dir, 'certs.pub');
    await writeCertificate(a, file);
    await appendCertificate(b, file);
    expect((await readCertificate(file)).publicData).toEqual(a.publicData);
    expect((await readCertificateList(file)).map((c) => c.publicData)).toEqual([a.publicData, b.publicData]);
    const pem = join(dir, 'x.pem');
    await writeCertificate(x, pem, 'pem');
    const loaded = await loadCertificates([file, pem, x, a.exportCertificate()]);
    expect(loaded.map((c) => c.algorithm)).toEqual([
      'ecdsa-sha2-nistp256-cert-v01@openssh.com',
      'ecdsa-sha2-nistp256-cert-v01@openssh.com',
      'x509v3-ssh-ed25519',
      'x509v3-ssh-ed25519',
      'ecdsa-sha2-nistp256-cert-v01@openssh.com',
    ]);
    expect(await loadCertificates(pem)).toHaveLength(1);
  });
});

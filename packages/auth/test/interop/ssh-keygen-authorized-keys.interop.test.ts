import { writeFileSync } from 'node:fs';
import { generatePrivateKey } from '@ssh/crypto';
import type { PeerHost, PeerWorkdir } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAuthorizedKeys } from '../../src/index.js';
import { run, toolPeers, workdir } from './openssh-tools.js';

// `ssh-keygen -l -f authorized_keys` skips each line's options the way sshd
// does and prints the key fingerprints: an oracle for where options end.
for (const peer of toolPeers(['ssh-keygen'])) {
  describe.skipIf(peer.skip)(
    `authorized_keys key extraction against ssh-keygen -l (${peer.generation})`,
    () => {
      const host = peer.host as PeerHost;
      let tmp: PeerWorkdir;
      beforeAll(() => {
        tmp = workdir(host, 'auth-ak');
      });
      afterAll(() => tmp?.remove());

      it('finds the same keys, in the same order, behind every kind of option', () => {
        const keys = [
          generatePrivateKey('ssh-ed25519', { comment: 'plain' }),
          generatePrivateKey('ecdsa-sha2-nistp256', { comment: 'ecdsa' }),
          generatePrivateKey('ssh-ed25519', { comment: 'with spaces in comment' }),
          generatePrivateKey('ecdsa-sha2-nistp384'),
        ];
        const pubs = keys.map((k) => new TextDecoder().decode(k.convertToPublic().exportPublicKey()).trim());
        const optionSets = [
          '',
          'restrict,command="dump /home"',
          'permitopen="192.0.2.1:80",permitopen="192.0.2.2:25"',
          'permitlisten="localhost:8080",permitlisten="[::1]:22000"',
          'tunnel="0",command="sh /etc/netstart tun0"',
          'restrict,pty,command="nethack"',
          'command="echo \\"quoted, with spaces\\"",no-pty',
          'from="10.0.0.0/8,!10.1.2.3,*.example.com",environment="A=b c"',
          'cert-authority,no-touch-required,principals="user_a,user_b"',
          'expiry-time="20991231",no-agent-forwarding,no-X11-forwarding,no-port-forwarding,no-user-rc',
          'verify-required',
          'agent-forwarding,X11-forwarding,port-forwarding,user-rc,pty',
        ];
        const lines = optionSets.map((o, i) => `${o}${o ? ' ' : ''}${pubs[i % pubs.length]}`);
        const file = tmp.file('authorized_keys');
        writeFileSync(file.local, `# test file\n\n${lines.join('\n')}\n`);
        const r = run(host, ['ssh-keygen', '-l', '-f', file.peer]);
        expect(r.status, r.err).toBe(0);
        const theirs = r.out
          .trim()
          .split('\n')
          .map((l) => l.split(' ')[1]);
        const ours = importAuthorizedKeys(lines.join('\n')).entries.map((e) => e.key.getFingerprint());
        expect(ours).toHaveLength(optionSets.length);
        expect(ours).toEqual(theirs);
      });
    },
  );
}

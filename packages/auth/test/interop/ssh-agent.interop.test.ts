import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import {
  generatePrivateKey,
  importCertificate,
  importPrivateKey,
  type SSHCertificate,
  type SSHKey,
} from '@ssh/crypto';
import { type PeerHost, type PeerProcess, type PeerWorkdir, startProcess } from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgentConnectionError, AgentFailure, connectAgent, type SSHAgentClient } from '../../src/node.js';
import { run, toolPeers, workdir } from './openssh-tools.js';

for (const peer of toolPeers(['ssh-agent', 'ssh-add', 'ssh-keygen'])) {
  describe.skipIf(peer.skip)(`SSHAgentClient against OpenSSH ssh-agent (${peer.generation})`, () => {
    const host = peer.host as PeerHost;
    let tmp: PeerWorkdir;
    let sock: string;
    let env: NodeJS.ProcessEnv;
    let agentProcess: PeerProcess | undefined;
    let agent: SSHAgentClient;

    /** Fingerprints `ssh-add -l` lists (empty when the agent has none). */
    const listed = (): string[] => {
      const r = run(host, ['ssh-add', '-l'], env);
      return [...r.out.matchAll(/ (SHA256:\S+) /g)].map((m) => m[1] as string);
    };

    const savedEnv = { ...process.env };

    beforeAll(async () => {
      tmp = workdir(host, 'auth-agent');
      const sockFile = tmp.file('agent.sock');
      sock = sockFile.local;
      env = { ...process.env, SSH_AUTH_SOCK: sockFile.peer };
      // A failing askpass makes every `confirm` prompt answer "no" at once.
      process.env.SSH_ASKPASS_REQUIRE = 'force';
      process.env.SSH_ASKPASS = '/bin/false';
      process.env.DISPLAY = ':0';
      const cmd = host.command(['ssh-agent', '-D', '-a', sockFile.peer]);
      agentProcess = startProcess(cmd.file, cmd.args, `ssh-agent (${peer.generation})`);
      for (let i = 0; i < 200 && !existsSync(sock); i++) await new Promise((r) => setTimeout(r, 25));
      agent = await connectAgent(sock);
    });

    afterAll(async () => {
      agent?.close();
      await agentProcess?.stop();
      tmp?.remove();
      for (const name of ['SSH_ASKPASS_REQUIRE', 'SSH_ASKPASS', 'DISPLAY']) {
        if (savedEnv[name] === undefined) delete process.env[name];
        else process.env[name] = savedEnv[name];
      }
    });

    it('lists keys added by ssh-add with the fingerprints ssh-keygen prints', async () => {
      const file = tmp.file('id_peer').peer;
      expect(
        run(host, ['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', 'from ssh-add', '-f', file]).status,
      ).toBe(0);
      expect(run(host, ['ssh-add', file], env).status).toBe(0);
      const fp = run(host, ['ssh-keygen', '-l', '-f', `${file}.pub`]).out.split(' ')[1];
      const keys = await agent.getKeys();
      const found = keys.find((k) => k.getFingerprint() === fp);
      expect(found?.getComment()).toBe('from ssh-add');
      expect(found?.getKeyType()).toBe('agent');
      expect(found?.getAlgorithm()).toBe('ssh-ed25519');
      const filtered = await agent.getKeys([found?.publicData as Uint8Array]);
      expect(filtered.map((k) => k.getFingerprint())).toEqual([fp]);
      expect(run(host, ['ssh-add', '-d', file], env).status).toBe(0);
      expect((await agent.getKeys()).map((k) => k.getFingerprint())).not.toContain(fp);
    });

    it('lists a certificate added by ssh-add with its key, and signs through it', async () => {
      const ca = tmp.file('ca').peer;
      const user = tmp.file('id_user').peer;
      for (const f of [ca, user]) {
        expect(
          run(host, ['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-C', 'cert user', '-f', f]).status,
        ).toBe(0);
      }
      expect(
        run(host, ['ssh-keygen', '-q', '-s', ca, '-I', 'id-1', '-n', 'alice', `${user}.pub`]).status,
      ).toBe(0);
      expect(run(host, ['ssh-add', user], env).status).toBe(0);
      const fp = run(host, ['ssh-keygen', '-l', '-f', `${user}.pub`]).out.split(' ')[1];
      const pairs = (await agent.getKeys()).filter((k) => k.getFingerprint() === fp);
      expect(pairs.map((p) => p.getAlgorithm()).sort()).toEqual([
        'ssh-ed25519',
        'ssh-ed25519-cert-v01@openssh.com',
      ]);
      const certPair = pairs.find((p) => p.certificate !== null);
      expect(certPair?.certificate?.principals).toEqual(['alice']);
      const data = new TextEncoder().encode('certificate signature');
      const sig = (await certPair?.sign(data)) as Uint8Array;
      expect(certPair?.publicKey.verify(data, sig)).toBe(true);
      await certPair?.remove();
      expect(run(host, ['ssh-add', '-d', user], env).status).toBe(0);
    });

    it('adds our keys with certificates ssh-keygen signed, which ssh-add -l lists as certificates', async () => {
      const ca = tmp.file('ca2').peer;
      expect(run(host, ['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', ca]).status).toBe(0);
      const keys = [
        generatePrivateKey('ssh-ed25519', { comment: 'cert-ed' }),
        generatePrivateKey('ecdsa-sha2-nistp256', { comment: 'cert-ec' }),
        generatePrivateKey('ssh-rsa', { keySize: 2048, comment: 'cert-rsa' }),
      ];
      const pairs: [SSHKey, SSHCertificate][] = keys.map((key, i) => {
        const pubFile = tmp.file(`certkey${i}.pub`);
        writeFileSync(pubFile.local, key.convertToPublic().exportPublicKey());
        expect(
          run(host, ['ssh-keygen', '-q', '-s', ca, '-I', `k${i}`, '-n', 'bob', pubFile.peer]).status,
        ).toBe(0);
        return [key, importCertificate(readFileSync(tmp.file(`certkey${i}-cert.pub`).local))];
      });
      await agent.addKeys(pairs);
      const lines = run(host, ['ssh-add', '-l'], env).out;
      for (const key of keys)
        expect(lines).toMatch(new RegExp(`${key.getFingerprint().replace(/[+/]/g, '\\$&')} .*-CERT\\)`));
      const data = new TextEncoder().encode('signed with a certificate key');
      for (const key of keys) {
        const certPair = (await agent.getKeys()).find(
          (p) => p.certificate && p.getFingerprint() === key.getFingerprint(),
        );
        expect(certPair?.certificate?.principals).toEqual(['bob']);
        const sig = (await certPair?.sign(data)) as Uint8Array;
        expect(key.verify(data, sig)).toBe(true);
        await certPair?.remove();
      }
      await expect(
        agent.addKeys([[keys[0] as SSHKey, (pairs[1] as [SSHKey, SSHCertificate])[1]]]),
      ).rejects.toThrow(/not for this key/);
    });

    it('adds ed25519, ecdsa and rsa keys (plain, lifetime, key data) that ssh-add -l lists, and signs with them', async () => {
      const ed = generatePrivateKey('ssh-ed25519', { comment: 'ours-ed25519' });
      const ec = generatePrivateKey('ecdsa-sha2-nistp384', { comment: 'ours-ecdsa' });
      const rsaFile = tmp.file('id_rsa');
      run(host, [
        'ssh-keygen',
        '-q',
        '-t',
        'rsa',
        '-b',
        '1024',
        '-N',
        'pw',
        '-C',
        'ours-rsa',
        '-f',
        rsaFile.peer,
      ]);
      const rsaData = readFileSync(rsaFile.local);
      await agent.addKeys([ed]);
      const ec256 = generatePrivateKey('ecdsa-sha2-nistp256');
      const ec521 = generatePrivateKey('ecdsa-sha2-nistp521');
      await agent.addKeys([ec, ec256, ec521], { lifetime: 3600 });
      await agent.addKeys([rsaData], { passphrase: 'pw' });
      const rsa: SSHKey = importPrivateKey(rsaData, 'pw');
      const fps = [ed, ec, ec256, ec521, rsa].map((k) => k.getFingerprint());
      expect(listed()).toEqual(expect.arrayContaining(fps));
      const pairs = await agent.getKeys();
      const data = new TextEncoder().encode('signed through the agent');
      for (const key of [ed, ec, ec256, ec521]) {
        const pair = pairs.find((p) => p.getFingerprint() === key.getFingerprint());
        const sig = await pair?.sign(data);
        expect(key.verify(data, sig as Uint8Array)).toBe(true);
      }
      const rsaPair = pairs.find((p) => p.getFingerprint() === rsa.getFingerprint());
      expect(rsaPair?.getComment()).toBe('ours-rsa');
      for (const alg of ['rsa-sha2-256', 'rsa-sha2-512', 'ssh-rsa']) {
        const sig = (await rsaPair?.sign(data, alg)) as Uint8Array;
        expect(() => rsa.checkSignature(data, sig, alg)).not.toThrow();
      }
      await agent.removeKeys([ed]);
      expect(listed()).not.toContain(ed.getFingerprint());
      await expect(agent.removeKeys([ed])).rejects.toBeInstanceOf(AgentFailure);
      await rsaPair?.remove();
      expect(listed()).not.toContain(rsa.getFingerprint());
    });

    it('a key type OpenSSH does not know (ssh-ed448) is refused with AgentFailure', async () => {
      const ed448 = generatePrivateKey('ssh-ed448');
      await expect(agent.addKeys([ed448])).rejects.toBeInstanceOf(AgentFailure);
      expect(listed()).not.toContain(ed448.getFingerprint());
    });

    it('a confirm-constrained key is listed, and its use is refused when the user says no', async () => {
      const key = generatePrivateKey('ssh-ed25519', { comment: 'needs-confirm' });
      await agent.addKeys([key], { confirm: true, lifetime: 600 });
      expect(listed()).toContain(key.getFingerprint());
      const pair = (await agent.getKeys([key])).at(0);
      await expect(pair?.sign(new Uint8Array([1, 2, 3]))).rejects.toBeInstanceOf(AgentFailure);
    });

    it('lock hides the keys until unlock with the right passphrase', async () => {
      const key = generatePrivateKey('ssh-ed25519');
      await agent.addKeys([key]);
      const pair = (await agent.getKeys([key]))[0];
      await agent.lock('sesame');
      expect(listed()).toEqual([]);
      expect(await agent.getKeys()).toEqual([]);
      await expect(pair?.sign(new Uint8Array(8))).rejects.toBeInstanceOf(AgentFailure);
      await expect(agent.unlock('wrong')).rejects.toBeInstanceOf(AgentFailure);
      await agent.unlock('sesame');
      expect(listed()).toContain(key.getFingerprint());
    });

    it('removeAll empties the agent; smartcards and extensions answer as OpenSSH does', async () => {
      await agent.addKeys([generatePrivateKey('ssh-ed25519')]);
      await agent.removeAll();
      expect(listed()).toEqual([]);
      expect(run(host, ['ssh-add', '-l'], env).out).toMatch(/no identities/);
      await expect(agent.addSmartcardKeys('/nonexistent/pkcs11.so', '0000')).rejects.toBeInstanceOf(
        AgentFailure,
      );
      await expect(agent.removeSmartcardKeys('/nonexistent/pkcs11.so')).rejects.toBeInstanceOf(AgentFailure);
      expect(Array.isArray(await agent.queryExtensions())).toBe(true);
      expect(await agent.getKeys()).toEqual([]);
    });

    it('close ends the connection and later calls fail; await using closes too', async () => {
      const second = await connectAgent(sock);
      await second.getKeys();
      second.close();
      await second.waitClosed();
      await expect(second.getKeys()).rejects.toBeInstanceOf(AgentConnectionError);
      const third = await connectAgent(sock);
      await third[Symbol.asyncDispose]();
      expect(third.closed).toBe(true);
    });

    it('connectAgent reports a missing socket or path as AgentConnectionError', async () => {
      const err = await connectAgent(tmp.file('nope.sock').local).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AgentConnectionError);
      expect((err as AgentConnectionError).code).toBe('ENOENT');
      const saved = process.env.SSH_AUTH_SOCK;
      delete process.env.SSH_AUTH_SOCK;
      try {
        await expect(connectAgent()).rejects.toThrow(/SSH_AUTH_SOCK is not set/);
      } finally {
        if (saved !== undefined) process.env.SSH_AUTH_SOCK = saved;
      }
      process.env.SSH_AUTH_SOCK = sock;
      const viaEnv = await connectAgent();
      expect(Array.isArray(await viaEnv.getKeys())).toBe(true);
      viaEnv.close();
      if (saved === undefined) delete process.env.SSH_AUTH_SOCK;
      else process.env.SSH_AUTH_SOCK = saved;
    });
  });
}

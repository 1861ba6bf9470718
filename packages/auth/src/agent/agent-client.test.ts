import { generatePrivateKey } from '@ssh/crypto';
import { PacketWriter } from '@ssh/wire';
import { describe, expect, it } from 'vitest';
import { fakeAgent } from '../../test/helpers/fake-agent.js';
import { AgentConnectionError, AgentError, AgentFailure, AgentProtocolError } from '../errors.js';
import { SSHAgentClient } from './client.js';
import * as C from './constants.js';
import { frameMessage } from './framing.js';

const msg = (type: number, build?: (w: PacketWriter) => void) => {
  const w = new PacketWriter();
  w.writeByte(type);
  build?.(w);
  return w.toBytes().slice();
};
const ok = () => ({ reply: msg(C.SSH_AGENT_SUCCESS) });
const ed = generatePrivateKey('ssh-ed25519', { comment: 'fake' });
const rsa = generatePrivateKey('ssh-rsa', { keySize: 1024 });

/** An agent that holds `keys` and signs with them. */
function holding(keys = [ed, rsa]) {
  return fakeAgent((type, r) => {
    if (type === C.SSH_AGENTC_REQUEST_IDENTITIES) {
      return {
        reply: msg(C.SSH_AGENT_IDENTITIES_ANSWER, (w) => {
          w.writeUint32(keys.length + 1);
          for (const k of keys) w.writeString(k.publicData).writeString(k.getCommentBytes() ?? '');
          w.writeString(msg(0, (x) => x.writeString('sk-unknown@example.com'))).writeString('skipped');
        }),
      };
    }
    if (type === C.SSH_AGENTC_SIGN_REQUEST) {
      const blob = r.readString();
      const data = r.readString();
      const flags = r.readUint32();
      const key = keys.find((k) => k.publicData.every((b, i) => b === blob[i]));
      const alg =
        key === rsa ? (flags & 4 ? 'rsa-sha2-512' : flags & 2 ? 'rsa-sha2-256' : 'ssh-rsa') : undefined;
      return key
        ? { reply: msg(C.SSH_AGENT_SIGN_RESPONSE, (w) => w.writeString(key.sign(data, alg))) }
        : null;
    }
    return ok();
  });
}

describe('SSHAgentClient over a scripted agent', () => {
  it('lists decodable keys, keeps raw identities, and signs with RSA flags', async () => {
    const fake = holding();
    const agent = new SSHAgentClient(fake.stream);
    expect(await agent.listIdentities()).toHaveLength(3);
    const keys = await agent.getKeys();
    expect(keys.map((k) => k.getAlgorithm())).toEqual(['ssh-ed25519', 'ssh-rsa']);
    expect(keys[0]?.getComment()).toBe('fake');
    expect(keys[1]?.getComment()).toBeNull();
    keys[0]?.setComment('local');
    expect(keys[0]?.getComment()).toBe('local');
    const data = new Uint8Array([9, 8, 7]);
    for (const alg of ['rsa-sha2-256', 'rsa-sha2-512', 'ssh-rsa']) {
      const sig = (await keys[1]?.sign(data, alg)) as Uint8Array;
      expect(() => rsa.checkSignature(data, sig, alg)).not.toThrow();
    }
    const flags = fake.requests.filter((m) => m[0] === C.SSH_AGENTC_SIGN_REQUEST).map((m) => m.at(-1));
    expect(flags).toEqual([2, 4, 0]);
    await expect(keys[0]?.sign(data, 'rsa-sha2-256')).rejects.toBeInstanceOf(AgentError);
  });

  it('encodes add, constraints, remove, lock and smartcard requests', async () => {
    const fake = fakeAgent(() => ok());
    const agent = new SSHAgentClient(fake.stream);
    await agent.addKeys([ed], { lifetime: 300, confirm: true });
    await agent.addKeys([ed]);
    await agent.removeKeys([ed]);
    await agent.removeAll();
    await agent.lock('pw');
    await agent.unlock('pw');
    await agent.addSmartcardKeys('/p.so', '1234', { lifetime: 5 });
    await agent.addSmartcardKeys('/p.so');
    await agent.removeSmartcardKeys('/p.so', '1234');
    const [constrained, plain, remove, removeAll, lock, unlock, sc1, sc2, scRemove] = fake.requests;
    expect(constrained?.[0]).toBe(C.SSH_AGENTC_ADD_ID_CONSTRAINED);
    expect([...(constrained?.slice(-6) ?? [])]).toEqual([1, 0, 0, 1, 44, 2]);
    expect(plain?.[0]).toBe(C.SSH_AGENTC_ADD_IDENTITY);
    expect(new TextDecoder().decode(plain?.slice(-4))).toBe('fake');
    expect(remove?.[0]).toBe(C.SSH_AGENTC_REMOVE_IDENTITY);
    expect([removeAll?.[0], lock?.[0], unlock?.[0]]).toEqual([19, 22, 23]);
    expect([sc1?.[0], sc2?.[0], scRemove?.[0]]).toEqual([26, 20, 21]);
    await expect(agent.addKeys([ed.convertToPublic()])).rejects.toThrow(/only a private key/);
  });

  it('turns failures, wrong types and truncated replies into typed errors', async () => {
    const replies = [
      { reply: msg(C.SSH_AGENT_FAILURE) },
      { reply: msg(C.SSH_COM_AGENT2_FAILURE) },
      { reply: msg(C.SSH_AGENT_SUCCESS) },
      { reply: msg(C.SSH_AGENT_IDENTITIES_ANSWER, (w) => w.writeUint32(1).writeUint32(50)) },
      { reply: msg(C.SSH_AGENT_IDENTITIES_ANSWER, (w) => w.writeUint32(0x7fffffff)) },
      { reply: msg(C.SSH_AGENT_IDENTITIES_ANSWER, (w) => w.writeUint32(0).writeByte(1)) },
    ];
    const fake = fakeAgent(() => replies.shift() ?? null);
    const agent = new SSHAgentClient(fake.stream);
    await expect(agent.getKeys()).rejects.toBeInstanceOf(AgentFailure);
    await expect(agent.removeAll()).rejects.toThrow(/ssh-agent refused to remove all keys/);
    await expect(agent.getKeys()).rejects.toThrow(/answered request identities with message type 6/);
    for (let i = 0; i < 3; i++) await expect(agent.getKeys()).rejects.toBeInstanceOf(AgentProtocolError);
    expect(agent.closed).toBe(false);
  });

  it('rejects a signature of another algorithm or a malformed one', async () => {
    const replies = [
      { reply: msg(C.SSH_AGENT_SIGN_RESPONSE, (w) => w.writeString(rsa.sign(new Uint8Array(1), 'ssh-rsa'))) },
      { reply: msg(C.SSH_AGENT_SIGN_RESPONSE, (w) => w.writeString(new Uint8Array([0, 0, 0, 9]))) },
    ];
    const fake = fakeAgent((type) =>
      type === C.SSH_AGENTC_REQUEST_IDENTITIES
        ? {
            reply: msg(C.SSH_AGENT_IDENTITIES_ANSWER, (w) =>
              w.writeUint32(1).writeString(rsa.publicData).writeString(''),
            ),
          }
        : (replies.shift() ?? null),
    );
    const agent = new SSHAgentClient(fake.stream);
    const [pair] = await agent.getKeys();
    await expect(pair?.sign(new Uint8Array(1), 'rsa-sha2-512')).rejects.toThrow(
      /signed with ssh-rsa, expected rsa-sha2-512/,
    );
    await expect(pair?.sign(new Uint8Array(1))).rejects.toThrow(/malformed signature/);
  });

  it('reassembles replies split into single bytes and answers queued requests in order', async () => {
    const fake = fakeAgent((type) => {
      const framed = frameMessage(
        msg(type === C.SSH_AGENTC_LOCK ? C.SSH_AGENT_FAILURE : C.SSH_AGENT_SUCCESS),
      );
      return { raw: framed };
    });
    const agent = new SSHAgentClient(fake.stream);
    const results = await Promise.allSettled([agent.removeAll(), agent.lock('x'), agent.unlock('x')]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    const bytes = frameMessage(msg(C.SSH_AGENT_SUCCESS));
    const split = fakeAgent(() => ({ chunks: [...bytes].map((b) => new Uint8Array([b])) }));
    const agent2 = new SSHAgentClient(split.stream);
    await expect(agent2.removeAll()).resolves.toBeUndefined();
    const two = new Uint8Array([...bytes, ...bytes]);
    let calls = 0;
    const joined = fakeAgent(() =>
      calls++ === 0 ? { chunks: [two.slice(0, 3), two.slice(3, 7)] } : { raw: two.slice(7) },
    );
    const agent3 = new SSHAgentClient(joined.stream);
    await Promise.all([agent3.removeAll(), agent3.removeAll()]);
    const silent = new SSHAgentClient(fakeAgent(() => null).stream);
    const pending = silent.removeAll();
    silent.close();
    await expect(pending).rejects.toBeInstanceOf(AgentConnectionError);
  });

  it('closes on an oversized, empty or unsolicited message and when the agent hangs up', async () => {
    const huge = new Uint8Array([0x00, 0x10, 0x00, 0x01, 6]);
    for (const raw of [huge, new Uint8Array([0, 0, 0, 0]), new Uint8Array([0, 0, 0, 1, 6, 0, 0, 0, 1, 6])]) {
      const fake = fakeAgent(() => ({ raw }));
      const agent = new SSHAgentClient(fake.stream);
      const r = await agent.removeAll().then(
        () => 'ok',
        (e: unknown) => e,
      );
      if (r !== 'ok') expect(r).toBeInstanceOf(AgentProtocolError);
      await agent.waitClosed();
      expect(fake.destroyed()).toBe(true);
      await expect(agent.removeAll()).rejects.toBeInstanceOf(AgentError);
    }
    const hangup = new SSHAgentClient(fakeAgent(() => ({ end: true })).stream);
    await expect(hangup.getKeys()).rejects.toThrow(/ssh-agent closed the connection/);
  });

  it('queries extensions in every reply form', async () => {
    const forms = [
      { reply: msg(C.SSH_AGENT_FAILURE) },
      { reply: msg(C.SSH_AGENT_EXTENSION_FAILURE) },
      { reply: msg(C.SSH_AGENT_SUCCESS, (w) => w.writeString('session-bind@openssh.com')) },
      {
        reply: msg(C.SSH_AGENT_EXTENSION_RESPONSE, (w) =>
          w.writeString('query').writeString('a').writeString('b'),
        ),
      },
      { reply: msg(C.SSH_AGENT_EXTENSION_RESPONSE, (w) => w.writeUint32(9)) },
    ];
    const fake = fakeAgent(() => forms.shift() ?? null);
    const agent = new SSHAgentClient(fake.stream);
    expect(await agent.queryExtensions()).toEqual([]);
    expect(await agent.queryExtensions()).toEqual([]);
    expect(await agent.queryExtensions()).toEqual(['session-bind@openssh.com']);
    expect(await agent.queryExtensions()).toEqual(['a', 'b']);
    await expect(agent.queryExtensions()).rejects.toBeInstanceOf(AgentProtocolError);
    expect(new TextDecoder().decode(fake.requests[0]?.slice(5))).toBe('query');
  });

  it('a stream that throws on write fails the request with AgentConnectionError', async () => {
    const agent = new SSHAgentClient({
      attach() {},
      write() {
        throw new Error('EPIPE');
      },
      end() {},
      destroy() {},
    });
    await expect(agent.getKeys()).rejects.toThrow(/cannot write to ssh-agent: EPIPE/);
    expect(agent.closed).toBe(true);
  });
});

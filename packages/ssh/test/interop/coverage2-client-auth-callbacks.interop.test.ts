import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  missingPeer,
  peerHost,
  type RunningServer,
  setTestUserPassword,
  startOpenSshd,
  TEST_USER,
  waitForLog,
} from '@ssh/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, importPrivateKey, SSHClient, type SSHKey } from '../../src/index.js';

// The client's authentication callbacks (SSHClient methods) against OpenSSH sshd:
// what sshd logs it accepted, and what it sent that our callbacks received.

const PASSWORD = 'cov2-Secret-42';
const BANNER = 'Coverage2 banner: authorised use only\n';

const skip = peerHost('debian12')?.has('/usr/sbin/sshd')
  ? false
  : missingPeer('OpenSSH (debian12)', 'apt-get install openssh-server openssh-client').skip;

describe.skipIf(skip)('SSHClient auth callbacks against OpenSSH sshd', () => {
  let server: RunningServer;
  let dir: string;
  let userKey: SSHKey;
  const base = () => ({
    port: server.port,
    knownHosts: server.knownHostsPath,
    config: null,
    agentPath: null,
    clientKeys: [] as SSHKey[],
  });

  beforeAll(async () => {
    dir = mkdtempSync('/tmp/ssh-cov2-auth-');
    writeFileSync(path.join(dir, 'banner'), BANNER);
    setTestUserPassword(PASSWORD);
    server = await startOpenSshd({
      config: [
        'LogLevel DEBUG1',
        `Banner ${path.join(dir, 'banner')}`,
        'PasswordAuthentication yes',
        'KbdInteractiveAuthentication yes',
        'UsePAM yes',
      ],
    });
    userKey = importPrivateKey(readFileSync(server.clientKey.path));
  });
  afterAll(async () => {
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('authBannerReceived gets the text of sshd Banner; publicKeyAuthRequested supplies the key sshd accepts', async () => {
    const banners: string[] = [];
    let keyAsks = 0;
    class Client extends SSHClient {
      override authBannerReceived(message: string, _lang: string): void {
        banners.push(message);
      }
      override publicKeyAuthRequested(): SSHKey | null {
        keyAsks += 1;
        return keyAsks === 1 ? userKey : null;
      }
    }
    const mark = server.log().length;
    await using conn = await connect('127.0.0.1', {
      ...base(),
      username: 'root',
      preferredAuth: ['publickey'],
      clientFactory: () => new Client(),
    });
    expect((await conn.run('echo in')).stdout).toBe('in\n');
    expect(banners).toEqual([BANNER]);
    expect(keyAsks).toBe(1);
    await waitForLog(server, /Accepted publickey for root/);
    expect(server.log().slice(mark)).toMatch(/Accepted publickey for root/);
  });

  it('publicKeyAuthRequested returning null leaves sshd nothing to accept', async () => {
    let keyAsks = 0;
    class Client extends SSHClient {
      override publicKeyAuthRequested(): null {
        keyAsks += 1;
        return null;
      }
    }
    await expect(
      connect('127.0.0.1', {
        ...base(),
        username: 'root',
        preferredAuth: ['publickey'],
        clientFactory: () => new Client(),
      }),
    ).rejects.toThrow();
    expect(keyAsks).toBe(1);
  });

  it('passwordAuthRequested is asked again after sshd refuses a wrong password', async () => {
    const answers = ['wrong-one', PASSWORD];
    let asks = 0;
    class Client extends SSHClient {
      override passwordAuthRequested(): string | null {
        asks += 1;
        return answers.shift() ?? null;
      }
    }
    await using conn = await connect('127.0.0.1', {
      ...base(),
      username: TEST_USER,
      preferredAuth: ['password'],
      clientFactory: () => new Client(),
    });
    expect((await conn.run('id -un')).stdout).toBe(`${TEST_USER}\n`);
    expect(asks).toBe(2);
    await waitForLog(server, new RegExp(`Failed password for ${TEST_USER}`));
    await waitForLog(server, new RegExp(`Accepted password for ${TEST_USER}`));
  });

  it('kbdintAuthRequested and kbdintChallengeReceived answer the PAM password prompt', async () => {
    const challenges: { name: string; prompts: (readonly [string, boolean])[] }[] = [];
    let requested = 0;
    class Client extends SSHClient {
      override kbdintAuthRequested(): string {
        requested += 1;
        return '';
      }
      override kbdintChallengeReceived(
        name: string,
        _instructions: string,
        _lang: string,
        prompts: readonly (readonly [string, boolean])[],
      ): string[] {
        challenges.push({ name, prompts: [...prompts] });
        return prompts.map(() => PASSWORD);
      }
    }
    await using conn = await connect('127.0.0.1', {
      ...base(),
      username: TEST_USER,
      preferredAuth: ['keyboard-interactive'],
      clientFactory: () => new Client(),
    });
    expect((await conn.run('id -un')).stdout).toBe(`${TEST_USER}\n`);
    expect(requested).toBe(1);
    const withPrompt = challenges.filter((c) => c.prompts.length > 0);
    expect(withPrompt).toHaveLength(1);
    const [prompt, echo] = withPrompt[0]?.prompts[0] ?? ['', true];
    expect(prompt).toMatch(/password/i);
    expect(echo).toBe(false);
    await waitForLog(server, new RegExp(`Accepted keyboard-interactive/pam for ${TEST_USER}`));
  });

  it('kbdintChallengeReceived giving up (null) makes the login fail', async () => {
    let asked = 0;
    class Client extends SSHClient {
      override kbdintChallengeReceived(): null {
        asked += 1;
        return null;
      }
    }
    await expect(
      connect('127.0.0.1', {
        ...base(),
        username: TEST_USER,
        preferredAuth: ['keyboard-interactive'],
        clientFactory: () => new Client(),
      }),
    ).rejects.toThrow();
    expect(asked).toBeGreaterThanOrEqual(1);
  });
});

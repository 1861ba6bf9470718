import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { sshKeygen } from '../keys.js';
import { startProcess } from '../process.js';

/** Wait until the agent answers (ssh-add -l exits 2 while it cannot be reached, 1 when it has no keys). */
async function waitForAgent(sock: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const r = spawnSync('ssh-add', ['-l'], { env: { ...process.env, SSH_AUTH_SOCK: sock }, stdio: 'ignore' });
    if (r.status === 0 || r.status === 1) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error('ssh-agent never answered');
}

/** A real ssh-agent on `dir`/agent.sock holding one new ed25519 key with comment 'forwarded-key'. */
export async function startAgentWithKey(dir: string): Promise<{
  sock: string;
  fingerprint: string;
  keyPath: string;
  stop(): Promise<void>;
}> {
  const sock = path.join(dir, 'agent.sock');
  const agent = startProcess('ssh-agent', ['-D', '-a', sock], 'ssh-agent');
  await waitForAgent(sock);
  const key = sshKeygen('ed25519', path.join(dir, 'id_ed25519'), { comment: 'forwarded-key' });
  execFileSync('ssh-add', [key.path], { env: { ...process.env, SSH_AUTH_SOCK: sock }, stdio: 'ignore' });
  const fingerprint =
    execFileSync('ssh-keygen', ['-lf', `${key.path}.pub`], { encoding: 'utf8' }).split(' ')[1] ?? '';
  return { sock, fingerprint, keyPath: key.path, stop: () => agent.stop() };
}

import { spawnSync } from 'node:child_process';
import {
  DEBIAN13_HINT,
  GENERATIONS,
  type Generation,
  makePeerWorkdir,
  missingPeer,
  type PeerHost,
  type PeerWorkdir,
  peerHost,
} from '@ssh/testing';

/** One OpenSSH generation to test against, or a skip when it is missing (a failure under CI=true). */
export interface ToolPeer {
  readonly generation: Generation;
  readonly host: PeerHost | undefined;
  readonly skip: boolean;
}

/** Both OpenSSH generations (Debian 12 and the Debian 13 root), each with `tools` checked. */
export function toolPeers(tools: readonly string[]): ToolPeer[] {
  return GENERATIONS.map((generation) => {
    const host = peerHost(generation);
    const missing = tools.filter((t) => !host?.has(`/usr/bin/${t}`));
    if (host && missing.length === 0) return { generation, host, skip: false };
    const hint = generation === 'debian12' ? 'apt-get install openssh-client' : DEBIAN13_HINT;
    return { generation, host, skip: missingPeer(`${missing.join(', ')} (${generation})`, hint).skip };
  });
}

/** Run an OpenSSH tool of a generation; status and output (never throws on a non-zero exit). */
export function run(
  host: PeerHost,
  argv: readonly string[],
  env?: NodeJS.ProcessEnv,
): { status: number; out: string; err: string } {
  const cmd = host.command(argv);
  const r = spawnSync(cmd.file, cmd.args, { encoding: 'utf8', env: env ?? process.env, timeout: 20_000 });
  return { status: r.status ?? -1, out: r.stdout ?? '', err: r.stderr ?? '' };
}

/** A scratch folder both this process and the peer can read. */
export function workdir(host: PeerHost, prefix: string): PeerWorkdir {
  return makePeerWorkdir(host, prefix);
}

import { ConfigParseError } from './errors.js';
import type { ConfigHost } from './host.js';
import type { OptionStore } from './option-store.js';
import { expandEnv, expandTilde, expandTokens, type TokenValues } from './tokens.js';

/** Token letters OpenSSH accepts in path-like client keywords (IdentityFile, UserKnownHostsFile, ...). */
export const CLIENT_PATH_TOKENS = 'CdhijkLlnpru';
/** Token letters OpenSSH accepts in ProxyCommand and ProxyJump. */
export const PROXY_TOKENS = 'hnpr';

/** Result of an expansion: the text, or an error message. */
export type Expanded = string | { error: string };

/**
 * Expand a client path the way OpenSSH does at use time: `~` first, then `${ENV}`,
 * then `%` tokens. Returns an error message for an unknown token or unset variable.
 */
export function expandClientPath(path: string, tokens: TokenValues, host: ConfigHost): Expanded {
  const withEnv = expandEnv(expandTilde(path, host.homeDir), host.env);
  if (typeof withEnv !== 'string') return withEnv;
  return expandTokens(withEnv, tokens, CLIENT_PATH_TOKENS);
}

function must(value: Expanded, store: OptionStore, name: string): string {
  if (typeof value === 'string') return value;
  const line = store.lines.get(name);
  throw new ConfigParseError(`${name}: ${value.error}`, line ?? { file: '<config>', line: 0 });
}

/**
 * Apply the expansions OpenSSH performs while resolving (what `ssh -G` prints already
 * expanded): UserKnownHostsFile, IdentityAgent and a ForwardAgent socket path get `~`, `${ENV}` and tokens;
 * RemoteCommand gets tokens. IdentityFile and CertificateFile stay as written until
 * they are loaded (see toClientOptions).
 */
export function expandClientValues(store: OptionStore, tokens: TokenValues, host: ConfigHost): void {
  const known = store.get('UserKnownHostsFile');
  if (Array.isArray(known)) {
    store.set(
      'UserKnownHostsFile',
      (known as readonly string[]).map((p) =>
        p === 'none' ? p : must(expandClientPath(p, tokens, host), store, 'UserKnownHostsFile'),
      ),
    );
  }
  const agent = store.string('IdentityAgent');
  if (agent !== undefined && agent !== 'none' && agent !== 'SSH_AUTH_SOCK' && !/^\$[A-Za-z_]/.test(agent)) {
    store.set('IdentityAgent', must(expandClientPath(agent, tokens, host), store, 'IdentityAgent'));
  }
  const forward = store.get('ForwardAgent');
  if (typeof forward === 'string' && !/^\$[A-Za-z_]/.test(forward)) {
    store.set('ForwardAgent', must(expandClientPath(forward, tokens, host), store, 'ForwardAgent'));
  }
  const remote = store.string('RemoteCommand');
  if (remote !== undefined && remote !== 'none') {
    store.set(
      'RemoteCommand',
      must(expandTokens(remote, tokens, CLIENT_PATH_TOKENS), store, 'RemoteCommand'),
    );
  }
}

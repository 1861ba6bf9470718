import type { AuthorizedKeyOptions, KbdintChallenge, ServerAuthHooks } from '@ssh/auth';
import type { ServerAuthState } from './auth-state.js';
import { SSHServer } from './ssh-server.js';

/** The prompt of keyboard-interactive auth standing in for password auth, as AsyncSSH sends it. */
const PASSWORD_CHALLENGE: KbdintChallenge = {
  name: '',
  instructions: '',
  lang: '',
  prompts: [{ prompt: 'Password:', echo: false }],
};

/**
 * The auth hooks of one connection, from the user's server object and the
 * `authorizedClientKeys` option, with AsyncSSH's rules: authorized keys offer
 * publickey auth on their own; keyboard-interactive falls back to a password
 * prompt when the server supports passwords and does not say otherwise.
 * A plain object without the `...Supported` methods offers a method when it
 * has the method's validator.
 */
export function serverAuthHooks(
  server: Partial<SSHServer>,
  state: ServerAuthState,
  clientAddress: string | null,
): ServerAuthHooks {
  const toggles = () => state.toggles;
  const accept = (options: AuthorizedKeyOptions | null) => {
    if (options) state.keyOptions = options;
    return options !== null;
  };
  const password = () =>
    toggles().passwordAuth ?? server.passwordAuthSupported?.() ?? !!server.validatePassword;
  // SSHServer's own default challenge does not count as the server offering one.
  const ownChallenge =
    server.getKbdintChallenge && server.getKbdintChallenge !== SSHServer.prototype.getKbdintChallenge;
  const kbdintOwn = () => server.kbdintAuthSupported?.() ?? (ownChallenge ? true : undefined);
  const hooks: ServerAuthHooks = {
    passwordAuthSupported: password,
    publicKeyAuthSupported: () =>
      toggles().publicKeyAuth ??
      (!!state.authorized ||
        (server.publicKeyAuthSupported?.() ?? !!(server.validatePublicKey || server.validateCaKey))),
    kbdintAuthSupported: () => toggles().kbdintAuth ?? kbdintOwn() ?? password(),
    validatePublicKey: async (user, key) => {
      if (state.authorized) return accept(state.authorized.validate(key, null, clientAddress));
      state.keyOptions = null;
      return (await server.validatePublicKey?.(user, key)) ?? false;
    },
    validateCaKey: async (user, caKey) => {
      if (state.authorized) return accept(state.authorized.validate(caKey, null, clientAddress, null, true));
      state.keyOptions = null;
      return (await server.validateCaKey?.(user, caKey)) ?? false;
    },
    getKbdintChallenge: (user, lang, submethods) =>
      kbdintOwn() === undefined
        ? PASSWORD_CHALLENGE
        : (server.getKbdintChallenge?.(user, lang, submethods) ?? false),
    validateKbdintResponse: async (user, responses) => {
      if (kbdintOwn() !== undefined) return (await server.validateKbdintResponse?.(user, responses)) ?? false;
      return responses.length === 1 && ((await server.validatePassword?.(user, responses[0] ?? '')) ?? false);
    },
  };
  for (const name of [
    'hostBasedAuthSupported',
    'validateHostPublicKey',
    'validateHostCaKey',
    'validateHostBasedUser',
  ] as const) {
    const fn = server[name];
    if (fn) Object.assign(hooks, { [name]: fn.bind(server) });
  }
  if (server.beginAuth) hooks.beginAuth = (u) => server.beginAuth?.(u) ?? true;
  if (server.validatePassword) hooks.validatePassword = (u, p) => server.validatePassword?.(u, p) ?? false;
  if (server.changePassword) hooks.changePassword = (u, o, n) => server.changePassword?.(u, o, n) ?? false;
  return hooks;
}

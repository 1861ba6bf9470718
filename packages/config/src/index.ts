/** @ssh/config: OpenSSH client and server config files: Host/Match, Include, tokens. Neutral: no Node built-ins. */

export {
  CanonicalizeError,
  type CanonicalizeSettings,
  canonicalizeHost,
  type HostLookup,
  type HostLookupResult,
} from './canonicalize.js';
export { expandClientPath } from './client-expand.js';
export { CLIENT_PATH_TOKENS, type ClientConfigOptions, toClientOptions } from './client-options.js';
export {
  type ClientCanonicalizeOptions,
  type ClientConfig,
  type ClientResolveOptions,
  resolveClientConfig,
  resolveClientConfigCanonical,
} from './client-resolve.js';
export { type ConfigLocation, ConfigParseError } from './errors.js';
export { type ConfigHost, memoryHost } from './host.js';
export { type ConfigFileRef, MAX_INCLUDE_DEPTH } from './include.js';
export { CLIENT_KEYWORDS } from './keywords-client.js';
export { SERVER_KEYWORDS } from './keywords-server.js';
export { type ConfigLine, lexFile, lexLine, splitArgs, splitDelimited } from './lexer.js';
export type { Compat } from './match-criteria.js';
export { matchCidr, matchPatternList, matchWildcard } from './patterns.js';
export type { ServerConnectionInfo } from './server-match.js';
export { expandAuthorizedKeysFiles, type ServerConfigOptions, toServerOptions } from './server-options.js';
export { resolveServerConfig, type ServerConfig, type ServerResolveOptions } from './server-resolve.js';
export { clientTokens, expandEnv, expandTokens, serverTokens, type TokenValues } from './tokens.js';
export { parseConfigSize, parseConfigTime } from './units.js';
export type { ConfigValue, KeywordSpec, RekeyLimit } from './values.js';

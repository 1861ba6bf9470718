import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveClientConfig } from './client-resolve.js';
import { ConfigParseError } from './errors.js';
import { memoryHost } from './host.js';
import { resolveServerConfig } from './server-resolve.js';

const keyword = fc.constantFrom(
  'Host',
  'Match',
  'Include',
  'Port',
  'User',
  'HostName',
  'IdentityFile',
  'SendEnv',
  'SetEnv',
  'Compression',
  'RekeyLimit',
  'ConnectTimeout',
  'UserKnownHostsFile',
  'ProxyCommand',
  'Ciphers',
  'IgnoreUnknown',
  'Tag',
  'PermitTTY',
  'ClientAliveInterval',
  'AuthorizedKeysFile',
  'HostKey',
  'Unknownish',
);
const word = fc.oneof(
  fc.constantFrom(
    '*',
    '!foo',
    'h',
    'all',
    'final',
    'canonical',
    'exec',
    'user',
    'host',
    'address',
    'yes',
    'no',
  ),
  fc.constantFrom(
    '22',
    '0',
    '1G',
    '1h',
    '%h',
    '%Z',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: OpenSSH ${ENV} syntax under test
    '${HOME}',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: OpenSSH ${ENV} syntax under test
    '${UNSET_X}',
    'A=1',
    '"q',
    "'x y'",
    '#c',
    '=',
    '10.0.0.0/8',
  ),
  fc.constantFrom(
    '/inc',
    '/cfg',
    '~/x',
    'rel/*.conf',
    'localuser',
    'tagged',
    'localnetwork',
    'originalhost',
    'group',
  ),
  fc.string({ maxLength: 6 }),
);
const line = fc.tuple(
  fc.constantFrom('', '  ', '\t'),
  keyword,
  fc.constantFrom(' ', '=', ' = '),
  fc.array(word, { maxLength: 4 }),
);
const file = fc
  .array(line, { maxLength: 12 })
  .map((lines) => lines.map(([i, k, s, a]) => `${i}${k}${s}${a.join(' ')}`).join('\n'));

describe('random configs', () => {
  it('never throw anything but ConfigParseError', () => {
    fc.assert(
      fc.property(file, file, fc.constantFrom('h', 'foo', 'Alias'), (main, inc, host) => {
        const env = memoryHost({ '/cfg': main, '/inc': inc }, { exec: (c) => c.length % 2 === 0 });
        for (const run of [
          () => resolveClientConfig(env, { host, files: [{ path: '/cfg' }] }),
          () => resolveClientConfig(env, { host, files: [{ path: '/cfg' }], strict: true }),
          () =>
            resolveServerConfig(env, {
              files: [{ path: '/cfg' }],
              connection: { user: 'u', addr: '10.1.1.1' },
            }),
        ]) {
          try {
            run();
          } catch (e) {
            expect(e).toBeInstanceOf(ConfigParseError);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});

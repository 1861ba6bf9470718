import { describe, expect, it } from 'vitest';
import {
  CanonicalizeError,
  type CanonicalizeSettings,
  canonicalizeHost,
  type HostLookup,
} from './canonicalize.js';
import { resolveClientConfigCanonical } from './client-resolve.js';
import { memoryHost } from './host.js';

// The neutral core with a resolver given as a table (as a browser build would
// inject one); the Node resolver is checked against ssh in the umbrella's
// config-canonicalize interop test.

function table(names: Record<string, string>) {
  const asked: string[] = [];
  const lookup: HostLookup = async (name) => {
    asked.push(name);
    return Object.hasOwn(names, name) ? { canonicalName: names[name] } : null;
  };
  return { lookup, asked };
}

const on: CanonicalizeSettings = { canonicalizeHostname: true, canonicalDomains: ['a.test', 'b.test'] };

describe('canonicalizeHost', () => {
  it('tries each domain in order, with a trailing dot, and keeps the first that resolves', async () => {
    const t = table({ 'vm.b.test.': 'vm.b.test' });
    expect(await canonicalizeHost('vm', on, true, t.lookup)).toBe('vm.b.test');
    expect(t.asked).toEqual(['vm.a.test.', 'vm.b.test.']);
  });

  it('does nothing when off, for addresses, beyond max dots, or when proxied unless always', async () => {
    const t = table({ 'vm.a.test.': 'vm.a.test', 'x.y.z.a.test.': 'x.y.z.a.test' });
    expect(await canonicalizeHost('vm', { ...on, canonicalizeHostname: false }, true, t.lookup)).toBe('vm');
    expect(await canonicalizeHost('10.1.2.3', on, true, t.lookup)).toBe('10.1.2.3');
    expect(await canonicalizeHost('::1', on, true, t.lookup)).toBe('::1');
    expect(await canonicalizeHost('x.y.z', on, true, t.lookup)).toBe('x.y.z');
    expect(t.asked).toEqual([]);
    expect(await canonicalizeHost('x.y.z', { ...on, canonicalizeMaxDots: 2 }, true, t.lookup)).toBe(
      'x.y.z.a.test',
    );
    expect(await canonicalizeHost('vm', on, false, t.lookup)).toBe('vm');
    expect(await canonicalizeHost('vm', { ...on, canonicalizeHostname: 'always' }, false, t.lookup)).toBe(
      'vm.a.test',
    );
  });

  it("stops at 'none', and falls back to the name unless CanonicalizeFallbackLocal is off", async () => {
    const t = table({ 'vm.b.test.': 'vm.b.test' });
    expect(
      await canonicalizeHost('vm', { ...on, canonicalDomains: ['a.test', 'none'] }, true, t.lookup),
    ).toBe('vm');
    const off = { ...on, canonicalDomains: ['a.test'], canonicalizeFallbackLocal: false };
    const err = await canonicalizeHost('vm', off, true, t.lookup).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CanonicalizeError);
    expect(err).toMatchObject({ host: 'vm', message: 'Could not resolve host "vm"' });
  });

  it('follows a CNAME only where a CanonicalizePermittedCNAMEs rule allows it', async () => {
    const t = table({ 'web.a.test.': 'front.cdn.test', 'web.a.test': 'front.cdn.test' });
    const rules = (to: string): CanonicalizeSettings => ({
      ...on,
      canonicalizePermittedCnames: [[['*.a.test'], [to]]],
    });
    expect(await canonicalizeHost('web', rules('*.cdn.test'), true, t.lookup)).toBe('front.cdn.test');
    expect(await canonicalizeHost('web', rules('*.other.test'), true, t.lookup)).toBe('web.a.test');
    // A name too qualified for the suffixes is still looked up for its CNAME.
    expect(await canonicalizeHost('web.a.test', rules('*.cdn.test'), true, t.lookup)).toBe('front.cdn.test');
  });
});

describe('resolveClientConfigCanonical', () => {
  const files = {
    '/cfg': [
      'Host nick',
      '  HostName VM',
      'CanonicalizeHostname yes',
      'CanonicalDomains a.test',
      'Host vm.a.test',
      '  User hostline',
      'Match canonical host vm.a.test',
      '  Port 2200',
      '',
    ].join('\n'),
  };

  it('runs the final pass on the canonical name: Host lines and Match canonical see it', async () => {
    const t = table({ 'vm.a.test.': 'vm.a.test' });
    const c = await resolveClientConfigCanonical(
      memoryHost(files),
      { host: 'nick', files: [{ path: '/cfg' }] },
      {
        lookup: t.lookup,
      },
    );
    expect(c).toMatchObject({ hostname: 'vm.a.test', port: 2200, user: 'hostline', originalHost: 'nick' });
    expect(c.values.HostName).toBe('vm.a.test');
    expect(c.tokens.h).toBe('vm.a.test');
  });

  it('explicit settings win over the file, and a proxy stops canonicalization unless always', async () => {
    const t = table({ 'vm.a.test.': 'vm.a.test' });
    const env = memoryHost(files);
    const opts = { host: 'nick', files: [{ path: '/cfg' }] };
    const off = await resolveClientConfigCanonical(env, opts, {
      lookup: t.lookup,
      canonicalizeHostname: false,
    });
    expect(off).toMatchObject({ hostname: 'vm', port: 22 });
    const proxied = await resolveClientConfigCanonical(env, opts, { lookup: t.lookup, direct: false });
    expect(proxied.hostname).toBe('vm');
    const always = await resolveClientConfigCanonical(env, opts, {
      lookup: t.lookup,
      direct: false,
      canonicalizeHostname: 'always',
    });
    expect(always.hostname).toBe('vm.a.test');
  });
});

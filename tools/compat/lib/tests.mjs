// The repository's test files, the text each one reads (with its local helpers), and the real
// peers an interop test runs.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { ROOT } from './entries.mjs';

/** Real peers, each recognised by what an interop test (or a helper it imports) calls or runs. */
export const PEERS = [
  ['OpenSSH sshd', /\bstartOpenSshd\b|\bserverPeers\b|\/sbin\/sshd\b|\bsshd -[TD]/],
  ['OpenSSH ssh', /\brunOpenSshClient\b|\bssh -G\b|\/bin\/ssh['"`]|\bSSH_CLIENT_BIN\b/],
  ['OpenSSH ssh-keygen', /ssh-keygen|\bsshKeygen\b/],
  ['OpenSSH ssh-agent', /\bssh-agent\b|\bssh-add\b/],
  [
    'AsyncSSH',
    /\bstartAsyncSshServer\b|\brunAsyncSshClient\b|\bserverPeers\b|\bhasAsyncSsh\b|(from|import) asyncssh|asyncssh[\w-]*\.py\b/,
  ],
  ['Dropbear', /\bstartDropbear\b|\bserverPeers\b|\/dropbear\b/],
  ['PuTTY', /\bputtygen\b|\bplink\b|\bpscp\b/],
  ['OpenSSL', /\bopenssl\b/],
  ['sshpk', /from 'sshpk'/],
  ['ssh2', /from 'ssh2'/],
];

/** Peers the patterns cannot see in a file (e.g. `ssh` run through a generic command helper). */
const PEER_HINTS = {
  'packages/channels/test/interop/openssh-interactive.interop.test.ts': ['OpenSSH ssh'],
};

/** Whether a repository path is an interop test (one that talks to a real peer). */
export function isInterop(path) {
  return path.endsWith('.interop.test.ts');
}

function walk(dir, out) {
  if (!existsSync(dir)) return;
  for (const ent of readdirSync(dir, { withFileTypes: true })) {
    if (ent.name === 'node_modules' || ent.name === 'dist') continue;
    const p = join(dir, ent.name);
    if (ent.isDirectory()) walk(p, out);
    else if (ent.name.endsWith('.test.ts')) out.push(relative(ROOT, p));
  }
}

/** Every test file of the packages and tools, as repository paths. */
export function testFiles() {
  const out = [];
  for (const top of ['packages', 'tools']) {
    const base = join(ROOT, top);
    for (const ent of readdirSync(base, { withFileTypes: true })) {
      if (!ent.isDirectory()) continue;
      if (top === 'packages') {
        walk(join(base, ent.name, 'src'), out);
        walk(join(base, ent.name, 'test'), out);
      } else if (ent.name !== 'compat') {
        walk(join(base, ent.name, 'test'), out);
      }
    }
  }
  return out.sort();
}

const IMPORT = /from\s+'(\.{1,2}\/[^']+)'/g;

/**
 * A test file's text plus the text of the local non-test helpers it imports from its test folder,
 * and the helpers those import.
 */
export function testText(path) {
  const file = join(ROOT, path);
  if (!existsSync(file)) return undefined;
  const seen = new Set([file]);
  const texts = [];
  const visit = (f) => {
    const text = readFileSync(f, 'utf8');
    texts.push(text);
    for (const [, spec] of text.matchAll(IMPORT)) {
      const helper = resolve(dirname(f), spec.replace(/\.js$/, '.ts'));
      if (seen.has(helper) || !helper.includes('/test/') || helper.endsWith('.test.ts')) continue;
      seen.add(helper);
      if (existsSync(helper)) visit(helper);
    }
  };
  visit(file);
  return texts.join('\n');
}

/** The real peers an interop test runs (none for other tests). */
export function peersOf(path, text = testText(path)) {
  if (!isInterop(path) || text === undefined) return [];
  let found = PEERS.filter(([, re]) => re.test(text)).map(([name]) => name);
  // ssh-keygen only makes keys for a test that talks to a server or client: not the peer under test.
  const talks = ['OpenSSH sshd', 'OpenSSH ssh', 'AsyncSSH', 'Dropbear'].some((p) => found.includes(p));
  if (talks && !path.includes('keygen')) found = found.filter((p) => p !== 'OpenSSH ssh-keygen');
  for (const hint of PEER_HINTS[path] ?? []) if (!found.includes(hint)) found.push(hint);
  return PEERS.map(([name]) => name).filter((name) => found.includes(name));
}

/** Code without its comments (a name in a comment is not a test of it). */
export function stripComments(text) {
  return text.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
}

/** Whether a test's code (comments aside) mentions a token: a whole identifier, or a literal string. */
export function mentions(text, token) {
  text = stripComments(text);
  const esc = (s) => s.replace(/\$/g, '\\$');
  // `~Word` the identifier in any letter case (config keywords).
  if (token.startsWith('~')) return new RegExp(`(?<![\\w$])${esc(token.slice(1))}(?![\\w$])`, 'i').test(text);
  // `name` a whole identifier; `name(` a call, or a method or callback defined (`name(`, `name:`,
  // `name =`); `.name` a member access; `name:` a property.
  let m = /^([A-Za-z_$][\w$]*)(\(|:)?$/.exec(token);
  if (m) {
    const call = '\\s*(\\(|\\??:|=(?!=))';
    const tail = m[2] === '(' ? call : m[2] === ':' ? '\\??\\s*:' : '(?![\\w$])';
    return new RegExp(`(?<![\\w$])${esc(m[1])}${tail}`).test(text);
  }
  m = /^\.([A-Za-z_$][\w$]*)$/.exec(token);
  if (m) return new RegExp(`\\.${esc(m[1])}(?![\\w$])`).test(text);
  return text.includes(token);
}

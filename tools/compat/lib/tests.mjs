// The repository's test files, the text each one reads (with its local helpers), and the real
// peers an interop test runs.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
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
  ['sshpk', /\bsshpk\.[A-Za-z]+/],
  ['ssh2', null], // recognised by its import: see peersIn
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

/**
 * Every committed test file of the packages and tools, as repository paths (files git does not track
 * yet, e.g. another change in progress, are left out; without git, every test file on disk).
 */
export function testFiles() {
  try {
    const listed = execFileSync('git', ['ls-files', '-z', '--', 'packages', 'tools'], {
      cwd: ROOT,
      encoding: 'utf8',
    });
    return listed
      .split('\0')
      .filter((p) => p.endsWith('.test.ts') && !p.startsWith('tools/compat/') && existsSync(join(ROOT, p)))
      .filter((p) => /^packages\/[^/]+\/(src|test)\/|^tools\/[^/]+\/test\//.test(p))
      .sort();
  } catch {
    return walkTestFiles();
  }
}

function walkTestFiles() {
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

/** A test file's own text and the texts of the local test helpers it imports (and those import). */
const sourcesCache = new Map();

export function testSources(path) {
  if (!sourcesCache.has(path)) sourcesCache.set(path, readSources(path));
  return sourcesCache.get(path);
}

function readSources(path) {
  const file = join(ROOT, path);
  if (!existsSync(file)) return undefined;
  const seen = new Set([file]);
  const helpers = [];
  const visit = (f, text) => {
    for (const [, spec] of text.matchAll(IMPORT)) {
      const helper = resolve(dirname(f), spec.replace(/\.js$/, '.ts'));
      if (seen.has(helper) || !helper.includes('/test/') || helper.endsWith('.test.ts')) continue;
      seen.add(helper);
      if (!existsSync(helper)) continue;
      const helperText = readFileSync(helper, 'utf8');
      helpers.push(helperText);
      visit(helper, helperText);
    }
  };
  const own = readFileSync(file, 'utf8');
  visit(file, own);
  return { own, helpers };
}

/** A test file's text followed by its local helpers' texts. */
export function testText(path) {
  const sources = testSources(path);
  return sources && [sources.own, ...sources.helpers].join('\n');
}

function detect(text) {
  return PEERS.filter(([, re]) => re?.test(text)).map(([name]) => name);
}

/** The real peers found in some texts of one interop test file, in PEERS order. */
function peersIn(path, texts) {
  let found = [...new Set(texts.flatMap(detect))];
  if (/from 'ssh2'/.test(testSources(path)?.own ?? '')) found.push('ssh2');
  // ssh-keygen only makes keys for a test that talks to a server or client: not the peer under test.
  const talks = ['OpenSSH sshd', 'OpenSSH ssh', 'AsyncSSH', 'Dropbear'].some((p) => found.includes(p));
  if (talks && !path.includes('keygen')) found = found.filter((p) => p !== 'OpenSSH ssh-keygen');
  for (const hint of PEER_HINTS[path] ?? []) if (!found.includes(hint)) found.push(hint);
  return PEERS.map(([name]) => name).filter((name) => found.includes(name));
}

function calleeName(expr) {
  let e = expr;
  while (ts.isCallExpression(e) || ts.isPropertyAccessExpression(e)) e = e.expression;
  return ts.isIdentifier(e) ? e.text : undefined;
}

/** Ranges of a test file: imports, and `it`/`test` and `describe` calls (with their bodies). */
function layout(text) {
  const sf = ts.createSourceFile('t.ts', text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const imports = [];
  const its = [];
  const describes = [];
  const visit = (node) => {
    if (ts.isImportDeclaration(node)) imports.push([node.getStart(sf), node.end]);
    if (
      ts.isCallExpression(node) &&
      node.arguments.some((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a))
    ) {
      const name = calleeName(node.expression);
      if (name === 'it' || name === 'test') its.push([node.getStart(sf), node.end]);
      else if (name === 'describe') describes.push([node.getStart(sf), node.end]);
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return { imports, its, describes };
}

function blank(text, ranges) {
  let out = text;
  for (const [a, b] of ranges) out = out.slice(0, a) + out.slice(a, b).replace(/[^\n]/g, ' ') + out.slice(b);
  return out;
}

const layouts = new Map();

/**
 * The real peers that the tests of an interop file naming `token` run: for each `it` block whose code
 * names it, the peers that block and its setup (enclosing describes, file level, local helpers) start;
 * when only shared code names it, every block's peers. None for a test that is not an interop test.
 */
export function peersFor(path, token) {
  if (!isInterop(path)) return [];
  const sources = testSources(path);
  if (!sources) return [];
  const { own, helpers } = sources;
  if (!layouts.has(path)) layouts.set(path, layout(own));
  const { imports, its, describes } = layouts.get(path);
  const body = blank(own, imports);
  const inside = (r, [a, b]) => r[0] <= a && b <= r[1];
  const naming = its.filter(([a, b]) => mentions(body.slice(a, b), token));
  if (naming.length === 0) return peersIn(path, [body, ...helpers]);
  const texts = naming.map((it) => {
    const others = its.filter((r) => r !== it);
    const unrelated = describes.filter((d) => !inside(d, it));
    return blank(body, [...others, ...unrelated]);
  });
  return peersIn(path, [...texts, ...helpers]);
}

/** Every real peer an interop test file runs (none for other tests). */
export function peersOf(path) {
  const sources = testSources(path);
  if (!isInterop(path) || !sources) return [];
  return peersIn(path, [blank(sources.own, layout(sources.own).imports), ...sources.helpers]);
}

/** Code without its comments (a name in a comment is not a test of it). */
export function stripComments(text) {
  // A small scanner, so that '/*' or '//' inside a string (a glob, a URL) starts no comment.
  let out = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    const next = text[i + 1];
    if (c === '/' && next === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end < 0 ? text.length : end + 2;
      out += ' ';
    } else if (c === '/' && next === '/') {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === "'" || c === '"' || c === '`') {
      let j = i + 1;
      while (j < text.length && text[j] !== c && !(c !== '`' && text[j] === '\n'))
        j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else {
      out += c;
      i++;
    }
  }
  return out;
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

// docs/compatibility.md, rendered from the status entries (pure: no file or package access).

const PACKAGE_ORDER = [
  '@ssh/wire',
  '@ssh/crypto',
  '@ssh/transport',
  '@ssh/auth',
  '@ssh/channels',
  '@ssh/forward',
  '@ssh/sftp',
  '@ssh/tuntap',
  '@ssh/config',
  '@ssh/ssh',
];

const MEMBER_KINDS = new Set(['method', 'property', 'option']);

function cell(text) {
  return String(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function code(text) {
  return `\`${cell(text)}\``;
}

/** The TypeScript name as a user writes it: `Owner.member` for members and options. */
export function tsName(entry) {
  if (MEMBER_KINDS.has(entry.kind) && entry.owner && /^[A-Za-z_$][\w$]*$/.test(entry.owner)) {
    return `${entry.owner}.${entry.ts}`;
  }
  return entry.ts;
}

function kindText(entry) {
  return entry.owner && !MEMBER_KINDS.has(entry.kind) ? `${entry.kind} (${entry.owner})` : entry.kind;
}

/** The status column: works and how it is tested, or absent. */
export function statusText(entry) {
  let text;
  if (entry.status === 'untested') text = 'exported, not yet tested';
  else if (entry.status !== 'works') text = 'absent';
  else if (entry.peers?.length) text = `works — tested against ${entry.peers.join(', ')}`;
  else text = 'works — tested our side only';
  if (entry.status !== 'absent' && entry.umbrella === false) text += ' (not yet re-exported by `@ssh/ssh`)';
  if (entry.note) text += `; ${entry.note}`;
  return text;
}

/** Totals per package: `{ package, peer, ours, absent, total }`, in package order, then all. */
export function totals(entries) {
  const rows = PACKAGE_ORDER.map((pkg) => ({
    package: pkg,
    peer: 0,
    ours: 0,
    untested: 0,
    absent: 0,
    total: 0,
  }));
  const all = { package: 'all', peer: 0, ours: 0, untested: 0, absent: 0, total: 0 };
  for (const e of entries) {
    let row = rows.find((r) => r.package === e.package);
    if (!row) {
      row = { package: e.package, peer: 0, ours: 0, untested: 0, absent: 0, total: 0 };
      rows.push(row);
    }
    const key =
      e.status === 'works'
        ? e.peers?.length
          ? 'peer'
          : 'ours'
        : e.status === 'untested'
          ? 'untested'
          : 'absent';
    for (const r of [row, all]) {
      r[key] += 1;
      r.total += 1;
    }
  }
  return [...rows.filter((r) => r.total > 0), all];
}

/** The whole markdown document. */
export function renderMarkdown(entries) {
  const out = [];
  out.push('# Compatibility with AsyncSSH 2.21', '');
  out.push(
    'Every item of the AsyncSSH 2.21 feature checklist (`reference/features.md`: classes, functions, methods,',
    'properties, options, exceptions, algorithms, formats, constants and config keywords) with its TypeScript',
    'name, the `@ssh` package that owns it, and its status:',
    '',
    '- **works — tested against …**: exported and exercised by an interop test against the named real peers',
    '  (OpenSSH `sshd`/`ssh`/`ssh-keygen`/`ssh-agent` 9.2 and 10.0, AsyncSSH 2.10 and 2.20, Dropbear, PuTTY,',
    '  OpenSSL, sshpk, ssh2: the Debian 12 and 13 packages the test helpers start, where installed);',
    '- **works — tested our side only**: exported and covered by unit tests or by our client against our',
    '  server, with no real peer yet;',
    '- **exported, not yet tested**: in the public API, but no test names it yet, so not claimed to work;',
    '- **absent**: not there yet.',
    '',
    'Everything is also reachable from the umbrella, `import { … } from "@ssh/ssh"`, unless marked otherwise.',
    'Members (`Owner.member`) of `SSHClientConnection`, `SSHServerConnection` and the other classes the',
    'umbrella composes are filed under the package that does their work, as in the checklist.',
    '',
    'This file is generated from [`compatibility.jsonl`](compatibility.jsonl) by',
    '`node tools/compat/generate.mjs --write`. The test `tools/compat/test/compatibility.test.ts` keeps both',
    'true: each item marked works must be exported by its package and by `@ssh/ssh` and be named in the tests',
    'it lists (the test block that names it must run the peers it claims: an algorithm matrix is credited',
    'only with the algorithms both sides have), and each item marked absent must really be missing.',
    '`node tools/compat/check.mjs` prints what no longer holds; `--propose` suggests updated entries.',
    '',
  );
  out.push('## Totals', '');
  out.push(
    '| Package | Works, tested against a real peer | Works, tested our side only | Not yet tested | Absent | Items |',
  );
  out.push('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const r of totals(entries)) {
    const name = r.package === 'all' ? '**All**' : code(r.package);
    out.push(`| ${name} | ${r.peer} | ${r.ours} | ${r.untested} | ${r.absent} | ${r.total} |`);
  }
  out.push('');
  const packages = totals(entries)
    .map((r) => r.package)
    .filter((p) => p !== 'all');
  for (const pkg of packages) {
    const items = entries.filter((e) => e.package === pkg);
    out.push(`## ${code(pkg)}`, '');
    out.push('| ID | AsyncSSH | TypeScript | Kind | Status |');
    out.push('| --- | --- | --- | --- | --- |');
    for (const e of items) {
      out.push(
        `| ${e.id} | ${code(e.asyncssh)} | ${code(tsName(e))} | ${cell(kindText(e))} | ${cell(statusText(e))} |`,
      );
    }
    out.push('');
  }
  return out.join('\n');
}

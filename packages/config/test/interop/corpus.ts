import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One corpus case: a main config file, extra files, and the queries to resolve it for. */
export interface CorpusCase {
  readonly kind: 'client' | 'server';
  readonly name: string;
  readonly source: string;
  /** File name (relative to the case directory) → contents; `main` is the config passed to ssh/sshd. */
  readonly files: ReadonlyMap<string, string>;
  readonly hosts: readonly string[];
  readonly users: readonly (string | undefined)[];
  readonly ports: readonly (number | undefined)[];
  /** Match syntaxes (OpenSSH generations) expected to reject this config for every query. */
  readonly rejects: readonly string[];
  /** Server: connection specs like `user=root,host=h,addr=1.2.3.4,laddr=5.6.7.8,lport=22`. */
  readonly conns: readonly string[];
}

const DEFAULT_HOSTS = ['h', 'foo', 'web1.example.com', 'bad.example.com', 'db.internal', '10.1.2.3', 'Alias'];
const DEFAULT_CONNS = [
  'user=root,host=client.example.com,addr=192.0.2.10,laddr=198.51.100.1,lport=22',
  'user=nobody,host=other.example.org,addr=10.9.8.7,laddr=127.0.0.1,lport=2222',
  'user=root,host=10.0.0.5,addr=10.0.0.5,laddr=::1,lport=22',
  'user=admin,host=gw.internal,addr=2001:db8::42,laddr=2001:db8::1,lport=8022',
];

/** Default hosts asked for only when the case mentions them (each query costs an OpenSSH run). */
const OPTIONAL_HOSTS = new Map<string, RegExp>([
  ['bad.example.com', /bad/i],
  ['db.internal', /db/i],
  ['10.1.2.3', /10\.1\.2/],
  ['Alias', /alias/i],
]);

const optional = (word: string) => (word === '-' ? undefined : word);

/**
 * Read every `*.txt` corpus file. Format: `=== client: NAME` or `=== server: NAME`
 * starts a case; `hosts:`, `users:`, `ports:`, `conns:` lines anywhere in the case (`-` means not
 * given, `;` separates conns) override the defaults; `rejects: yes` marks a config
 * OpenSSH must refuse (`rejects: openssh9` only the 9.x generation); `--- FILE` starts a file's contents.
 */
export function loadCorpus(dir: string): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.txt'))
    .sort()) {
    const text = readFileSync(join(dir, name), 'utf8');
    const blocks = text.split(/^=== /m).slice(1);
    for (const block of blocks) {
      const lines = block.split('\n');
      const head = /^(client|server): (.+)$/.exec(lines[0] ?? '');
      if (head === null) throw new Error(`${name}: bad case header ${lines[0]}`);
      let hosts = DEFAULT_HOSTS;
      let users: (string | undefined)[] = [undefined, 'bob'];
      let ports: (number | undefined)[] = [undefined];
      let conns = DEFAULT_CONNS;
      let explicitHosts = false;
      let rejects: string[] = [];
      let explicitUsers = false;
      const files = new Map<string, string>();
      let current: string | undefined;
      let body: string[] = [];
      const flush = () => {
        if (current !== undefined) files.set(current, `${body.join('\n')}\n`);
        body = [];
      };
      for (const line of lines.slice(1)) {
        const file = /^--- (.+)$/.exec(line);
        if (file !== null) {
          flush();
          current = file[1];
        } else if (!/^(hosts|users|ports|conns|rejects):/.test(line)) {
          if (current !== undefined) body.push(line);
        } else if (line.startsWith('rejects:')) {
          const value = line.slice(8).trim();
          rejects = value === 'yes' ? ['openssh9', 'openssh10'] : value.split(/\s+/);
        } else if (line.startsWith('hosts:')) {
          hosts = line.slice(6).trim().split(/\s+/);
          explicitHosts = true;
        } else if (line.startsWith('users:')) {
          users = line.slice(6).trim().split(/\s+/).map(optional);
          explicitUsers = true;
        } else if (line.startsWith('ports:')) {
          ports = line
            .slice(6)
            .trim()
            .split(/\s+/)
            .map((p) => (p === '-' ? undefined : Number(p)));
        } else if (line.startsWith('conns:')) {
          conns = line
            .slice(6)
            .split(';')
            .map((c) => c.trim());
        }
      }
      flush();
      while (body.length > 0 && body[body.length - 1] === '') body.pop();
      if (!files.has('main')) throw new Error(`${name}: case ${head[2]} has no main file`);
      // Keep the oracle affordable: vary the user only when the case can depend on it,
      // and ask for the optional hosts only when the case names them.
      const all = [...files.values()].join('\n');
      if (!explicitUsers && !/user|%r|%C|match|%k/i.test(all)) users = [undefined];
      if (!explicitHosts)
        hosts = hosts.filter((x) => !OPTIONAL_HOSTS.has(x) || OPTIONAL_HOSTS.get(x)?.test(all));
      cases.push({
        kind: head[1] as 'client' | 'server',
        name: head[2] as string,
        source: name,
        files,
        hosts,
        users,
        ports,
        conns,
        rejects,
      });
    }
  }
  return cases;
}

/**
 * Everything the parser needs from the machine it runs on, injected so the core
 * stays free of Node built-ins. `@ssh/config/node` supplies a Node implementation.
 */
export interface ConfigHost {
  /** Read a file's text; undefined when it does not exist or cannot be read. */
  readFile(path: string): string | undefined;
  /** Expand an absolute glob pattern to the existing paths it names, sorted. */
  glob(pattern: string): string[];
  /** Environment variables, for `${NAME}` expansion. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The local user's name (`%u`, `Match localuser`). */
  readonly userName: string;
  /** The local user's home directory (`%d`, `~`). */
  readonly homeDir: string;
  /** The local user's numeric id (`%i`). */
  readonly uid: number;
  /** The local host name, possibly with its domain (`%l`; `%L` is the part before the first dot). */
  readonly hostName: string;
  /** Run a command for `Match exec`; true when it exits with status 0. Without it, `exec` never matches. */
  exec?(command: string): boolean;
  /** The local interface networks as `address/prefix`, for `Match localnetwork`. */
  localNetworks?(): string[];
  /** The groups a user belongs to, for the server's `Match Group`; undefined for an unknown user. */
  userGroups?(user: string): string[] | undefined;
}

/** A ConfigHost with no files and fixed identity values; handy in browsers and tests. */
export function memoryHost(
  files: Readonly<Record<string, string>>,
  overrides: Partial<ConfigHost> = {},
): ConfigHost {
  const paths = Object.keys(files).sort();
  return {
    readFile: (path) => (Object.hasOwn(files, path) ? files[path] : undefined),
    glob: (pattern) => {
      const re = new RegExp(
        `^${pattern
          .replace(/[.+^${}()|[\]\\]/g, '\\$&')
          .replace(/\*/g, '[^/]*')
          .replace(/\?/g, '[^/]')}$`,
      );
      return paths.filter((p) => re.test(p));
    },
    env: {},
    userName: 'user',
    homeDir: '/home/user',
    uid: 1000,
    hostName: 'localhost',
    ...overrides,
  };
}

import { readFile } from 'node:fs/promises';

/** id → name from an /etc/passwd or /etc/group style file (name:x:id:...). */
async function readIdFile(path: string): Promise<Map<number, string>> {
  const map = new Map<number, string>();
  try {
    for (const line of (await readFile(path, 'utf8')).split('\n')) {
      const [name, , id] = line.split(':');
      if (name && id && /^\d+$/.test(id) && !map.has(Number(id))) map.set(Number(id), name);
    }
  } catch {
    // No such file on this system: ids stay numeric.
  }
  return map;
}

let users: Promise<Map<number, string>> | null = null;
let groups: Promise<Map<number, string>> | null = null;

/** The user name of a uid from /etc/passwd, else the number; '' for none. */
export async function userName(uid: number | null): Promise<string> {
  if (uid === null) return '';
  users ??= readIdFile('/etc/passwd');
  return (await users).get(uid) ?? String(uid);
}

/** The group name of a gid from /etc/group, else the number; '' for none. */
export async function groupName(gid: number | null): Promise<string> {
  if (gid === null) return '';
  groups ??= readIdFile('/etc/group');
  return (await groups).get(gid) ?? String(gid);
}

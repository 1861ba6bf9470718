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

/** The uid of a user name from /etc/passwd (a decimal string is taken as the uid); null when unknown. */
export async function userId(name: string): Promise<number | null> {
  if (/^\d+$/.test(name)) return Number(name);
  users ??= readIdFile('/etc/passwd');
  for (const [id, n] of await users) if (n === name) return id;
  return null;
}

/** The gid of a group name from /etc/group (a decimal string is taken as the gid); null when unknown. */
export async function groupId(name: string): Promise<number | null> {
  if (/^\d+$/.test(name)) return Number(name);
  groups ??= readIdFile('/etc/group');
  for (const [id, n] of await groups) if (n === name) return id;
  return null;
}

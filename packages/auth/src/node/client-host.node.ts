import { lookupService } from 'node:dns/promises';
import { userInfo } from 'node:os';

/**
 * The host name of an address as the system's resolver gives it
 * (getnameinfo: /etc/hosts, then DNS), or the address itself when it has
 * none. A server passes it as `resolveClientHost` to check the host a
 * hostbased request names; a client uses it on its local address for
 * `clientHost`, as AsyncSSH does.
 */
export async function lookupClientHost(address: string): Promise<string> {
  try {
    return (await lookupService(address, 22)).hostname;
  } catch {
    return address;
  }
}

/** The name of the user running this process: the default `clientUsername` for hostbased auth. */
export function localUsername(): string {
  return userInfo().username;
}

// The algorithms the machine's AsyncSSH (Debian python3-asyncssh) supports, by `ssh -Q` kind.
import { execFileSync } from 'node:child_process';

const SCRIPT = `
import json, warnings
warnings.simplefilter('ignore')
from asyncssh.kex import get_kex_algs
from asyncssh.encryption import get_encryption_algs
from asyncssh.mac import get_mac_algs
from asyncssh.public_key import get_public_key_algs
names = lambda algs: [a.decode() for a in algs]
print(json.dumps({'kex': names(get_kex_algs()), 'cipher': names(get_encryption_algs()),
                  'mac': names(get_mac_algs()), 'HostKeyAlgorithms': names(get_public_key_algs())}))
`;

/** `{ kex, cipher, mac, HostKeyAlgorithms }` name lists, or `{}` when AsyncSSH is not installed. */
export function asyncsshAlgorithms() {
  try {
    return JSON.parse(
      execFileSync('/usr/bin/python3', ['-c', SCRIPT], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }),
    );
  } catch {
    return {};
  }
}

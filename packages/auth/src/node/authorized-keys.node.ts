import { SSHAuthorizedKeys } from '../authorized-keys/index.js';
import { readTextFiles } from './files.js';

/**
 * Read authorized_keys from a file or a list of files into one
 * SSHAuthorizedKeys (AsyncSSH read_authorized_keys). A leading `~/` is the
 * home directory; file system errors are thrown as they are.
 */
export function readAuthorizedKeys(filelist: string | readonly string[]): SSHAuthorizedKeys {
  const ak = new SSHAuthorizedKeys();
  for (const text of readTextFiles(filelist)) ak.load(text);
  return ak;
}

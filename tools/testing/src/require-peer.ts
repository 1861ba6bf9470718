/**
 * Decide what a test does when a peer it needs is missing: under `CI=true`
 * the test fails (CI installs every peer); elsewhere it is skipped with a
 * message naming what to install.
 */
export function missingPeer(what: string, install: string): { skip: boolean; reason: string } {
  const reason = `${what} is not available: ${install}`;
  if (process.env.CI === 'true' || process.env.CI === '1') {
    throw new Error(`${reason} (CI=true: every peer must be installed)`);
  }
  console.warn(`skipping: ${reason}`);
  return { skip: true, reason };
}

/** The install hint for the Debian 13 peer root. */
export const DEBIAN13_HINT =
  'run `pnpm peers` as root (debootstrap builds the Debian 13 root in /var/cache/ssh-test-peers)';

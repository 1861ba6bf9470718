/** What to do with text or bytes the channel's encoding cannot handle (AsyncSSH `errors`). */
export type ErrorsPolicy = 'strict' | 'replace' | 'ignore';

/** The error policies a channel accepts. */
export const ERRORS_POLICIES: readonly ErrorsPolicy[] = ['strict', 'replace', 'ignore'];

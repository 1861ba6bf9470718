/** Extended channel data type codes (RFC 4254 §5.2, RFC 4250 §4.4). */

/** Extended data carrying the standard error stream. */
export const EXTENDED_DATA_STDERR = 1;

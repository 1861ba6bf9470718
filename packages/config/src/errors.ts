/** Where a config line came from: the file path (as given or resolved) and its 1-based line number. */
export interface ConfigLocation {
  /** Path of the file, as passed in or as resolved from an Include. */
  readonly file: string;
  /** 1-based line number, or 0 when the error is about the file as a whole. */
  readonly line: number;
}

/**
 * A config file could not be used: bad syntax (unterminated quotes, unknown Match
 * criteria, a bad value for a typed keyword), an Include nested too deep, or an
 * explicitly named file that cannot be read. Carries the file and line.
 */
export class ConfigParseError extends Error {
  /** The file the error was found in. */
  readonly file: string;
  /** The 1-based line number, 0 for whole-file errors. */
  readonly line: number;
  /** The message without the `file line N:` prefix. */
  readonly reason: string;

  constructor(reason: string, where: ConfigLocation, options?: ErrorOptions) {
    super(
      where.line > 0 ? `${where.file} line ${where.line}: ${reason}` : `${where.file}: ${reason}`,
      options,
    );
    this.name = 'ConfigParseError';
    this.file = where.file;
    this.line = where.line;
    this.reason = reason;
  }
}

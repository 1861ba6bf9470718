import type { ConfigLine } from './lexer.js';
import { matchWildcard } from './patterns.js';
import type { ConfigValue, KeywordSpec } from './values.js';

/**
 * The values collected while walking config files, with OpenSSH's combining rules:
 * first value wins, except keywords that accumulate (IdentityFile, SendEnv, ...).
 */
export class OptionStore {
  /** Canonical keyword name → value. */
  readonly values = new Map<string, ConfigValue>();
  /** Canonical keyword name → the line that first set it. */
  readonly lines = new Map<string, ConfigLine>();

  /** Value of a keyword by canonical name. */
  get(name: string): ConfigValue | undefined {
    return this.values.get(name);
  }

  /** Whether a keyword has a value. */
  has(name: string): boolean {
    return this.values.has(name);
  }

  /** Value of a string keyword, or undefined. */
  string(name: string): string | undefined {
    const v = this.values.get(name);
    return typeof v === 'string' ? v : undefined;
  }

  /** Apply one parsed line's value; accumulating keywords keep a list of strings (a Port list holds '22'). */
  apply(spec: KeywordSpec, value: ConfigValue, line: ConfigLine): void {
    const name = spec.name;
    if (!this.lines.has(name)) this.lines.set(name, line);
    if (spec.combine === 'first') {
      if (!this.values.has(name)) this.values.set(name, value);
      return;
    }
    const list = [...((this.values.get(name) as readonly string[] | undefined) ?? [])];
    const items =
      typeof value === 'string' ? [value] : Array.isArray(value) ? (value as string[]) : [String(value)];
    if (spec.combine === 'appendUnique') {
      const joined = items.join(' ');
      if (!list.includes(joined)) list.push(joined);
    } else if (name === 'SendEnv') {
      for (const item of items) {
        if (item.startsWith('-')) {
          const pattern = item.slice(1);
          for (let i = list.length - 1; i >= 0; i--)
            if (matchWildcard(list[i] as string, pattern)) list.splice(i, 1);
        } else {
          list.push(item);
        }
      }
    } else {
      list.push(...items);
    }
    this.values.set(name, list);
  }

  /** Replace a value outright (used for derived values such as the expanded HostName). */
  set(name: string, value: ConfigValue): void {
    this.values.set(name, value);
  }

  /** A plain object of all values, keyed by canonical keyword name. */
  toObject(): Record<string, ConfigValue> {
    return Object.fromEntries(this.values);
  }
}

import type { Combine, KeywordSpec, ValueKind } from './values.js';

/** Shorthands for building keyword tables. */
export const FLAG: ValueKind = { kind: 'flag' };
/** A flag that takes only `yes` or `no` (not true/false), like the client's Compression. */
export const YES_NO: ValueKind = { kind: 'choice', values: { yes: true, no: false } };
export const INT: ValueKind = { kind: 'int' };
export const PORT: ValueKind = { kind: 'port' };
export const TIME: ValueKind = { kind: 'time' };
export const STRING: ValueKind = { kind: 'string' };
export const WORDS: ValueKind = { kind: 'words' };
export const RAW: ValueKind = { kind: 'raw' };
export const COMMAND: ValueKind = { kind: 'command' };
export const REKEY: ValueKind = { kind: 'rekey' };

/** A choice keyword: yes/no (and true/false) become booleans, other words stay lowercase strings. */
export function choice(...words: string[]): ValueKind {
  const values: Record<string, string | boolean> = { yes: true, true: true, no: false, false: false };
  for (const w of words) values[w.toLowerCase()] = w;
  return { kind: 'choice', values };
}

/** A choice keyword with no yes/no words. */
export function only(...words: string[]): ValueKind {
  const values: Record<string, string> = {};
  for (const w of words) values[w.toLowerCase()] = w;
  return { kind: 'choice', values };
}

/** One table row: canonical name, value kind, how repeats combine, extra flags. */
export type Row = readonly [string, ValueKind, Combine?, { inMatch?: boolean; ignored?: boolean }?];

/** Build a lowercase-keyed lookup table from rows, plus aliases (`alias` → canonical name). */
export function buildTable(
  rows: readonly Row[],
  aliases: Readonly<Record<string, string>>,
): ReadonlyMap<string, KeywordSpec> {
  const table = new Map<string, KeywordSpec>();
  for (const [name, type, combine, extra] of rows) {
    table.set(name.toLowerCase(), { name, type, combine: combine ?? 'first', ...extra });
  }
  for (const [alias, target] of Object.entries(aliases)) {
    const spec = table.get(target.toLowerCase());
    if (spec === undefined) throw new Error(`alias ${alias} names unknown keyword ${target}`);
    table.set(alias.toLowerCase(), spec);
  }
  return table;
}

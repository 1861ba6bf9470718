/** Module specifiers a source file imports. */
export function importsOf(source: string): string[];
/** Check a repository; returns the violations found. */
export function checkRepo(root: string): string[];
/** The design's package order. */
export const ORDER: readonly { name: string; neutral: boolean }[];

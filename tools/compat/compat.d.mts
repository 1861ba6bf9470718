/** One line of docs/compatibility.jsonl. */
export interface StatusEntry {
  id: string;
  package: string;
  kind: string;
  owner?: string;
  asyncssh: string;
  ts: string;
  status: 'works' | 'untested' | 'absent';
  peers?: string[];
  tests?: string[];
  probes?: string[];
  umbrella?: false;
  note?: string;
}
/** One item of ../shared/reference/features.json. */
export interface Feature {
  id: string;
  package: string;
  kind: string;
  owner?: string;
  asyncssh: string;
  ts: string;
}
/** The public surface of one package (opaque to the test). */
export interface Surface {
  readonly name: string;
  has(name: string): boolean;
}
export interface Totals {
  package: string;
  peer: number;
  ours: number;
  untested: number;
  absent: number;
  total: number;
}
export const STATUS_FILE: string;
export const MARKDOWN_FILE: string;
export const STATUSES: readonly string[];
/** Import every package from its sources and read its TypeScript exports. */
export function loadSurfaces(): Promise<Map<string, Surface>>;
export function readStatus(file?: string): StatusEntry[];
/** The shared checklist, or undefined when ../shared/reference is not beside the repository. */
export function readFeatures(file?: string): Feature[] | undefined;
export function checkFeatureList(entries: StatusEntry[], features: Feature[] | undefined): string[];
export function checkStatus(entry: StatusEntry, surfaces: Map<string, Surface>): string[];
export function renderMarkdown(entries: StatusEntry[]): string;
export function totals(entries: StatusEntry[]): Totals[];

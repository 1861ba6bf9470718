/** The line editor's history: at most `max` lines, browsed with up and down. */
export class History {
  private readonly lines: string[] = [];
  private readonly max: number;
  private index = 0;
  private draft = '';

  constructor(max: number) {
    this.max = max;
  }

  /** Record a completed line (empty lines and repeats of the last one are skipped). */
  add(line: string): void {
    if (this.max > 0 && line && this.lines.at(-1) !== line) {
      this.lines.push(line);
      if (this.lines.length > this.max) this.lines.shift();
    }
    this.index = this.lines.length;
  }

  /** Move back (-1) or forward (+1); returns the line to show, or null at either end. */
  step(dir: -1 | 1, current: string): string | null {
    if (this.index === this.lines.length) this.draft = current;
    const next = this.index + dir;
    if (next < 0 || next > this.lines.length) return null;
    this.index = next;
    return next === this.lines.length ? this.draft : (this.lines[next] as string);
  }
}

/** A one-line progress bar on a terminal (stderr), redrawn in place; never written when output is not a TTY. */
export class ProgressBar {
  private done_ = 0;
  private readonly width = 30;

  constructor(private readonly out: { write(s: string): boolean; columns?: number }, private readonly total: number) {}

  tick(label: string): void {
    this.done_++;
    const filled = Math.round((this.done_ / this.total) * this.width);
    const text = `[${'#'.repeat(filled)}${'-'.repeat(this.width - filled)}] ${this.done_}/${this.total} ${label}`;
    const max = (this.out.columns ?? 80) - 1;
    this.out.write(`\r\x1b[2K${text.length > max ? text.slice(0, max) : text}`);
  }

  /** Erase the bar so a regular line can be printed, the next tick redraws it. */
  clear(): void {
    this.out.write('\r\x1b[2K');
  }

  done(): void {
    this.clear();
  }
}

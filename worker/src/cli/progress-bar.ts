/** A one-line progress bar on a TTY stream; does nothing elsewhere. */
export class ProgressBar {
  private last = -1;
  constructor(
    private readonly label: string,
    private readonly stream: NodeJS.WriteStream = process.stdout,
  ) {}

  get enabled(): boolean {
    return this.stream.isTTY === true;
  }

  update(fraction: number): void {
    if (!this.enabled) return;
    const percent = Math.max(0, Math.min(100, Math.round(fraction * 100)));
    if (percent === this.last) return;
    this.last = percent;
    const width = 30;
    const filled = Math.round((percent / 100) * width);
    this.stream.write(
      `\r${this.label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(percent).padStart(3)}%`,
    );
  }

  done(): void {
    if (this.enabled && this.last >= 0) this.stream.write('\n');
  }
}

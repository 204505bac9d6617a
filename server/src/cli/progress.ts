// A one-line counter on stderr while many files are checked, for a person watching a terminal. It stays silent for
// short runs (it would only flicker) and wherever stderr is not a terminal or CI=true.
import { interactive } from './terminal';

/** A run shorter than this shows nothing. */
const SHOW_AFTER_MS = 300;
const REDRAW_EVERY_MS = 80;

export class Progress {
  private readonly started = Date.now();
  private drawn = 0;
  private visible = false;

  private constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly total: number,
  ) {}

  /** A progress line for `total` files, or undefined when none should be shown. */
  static maybe(total: number, enabled: boolean, stream: NodeJS.WriteStream = process.stderr): Progress | undefined {
    return enabled && total > 1 && interactive(stream) ? new Progress(stream, total) : undefined;
  }

  update(done: number): void {
    const now = Date.now();
    if (now - this.started < SHOW_AFTER_MS || now - this.drawn < REDRAW_EVERY_MS) return;
    this.drawn = now;
    this.visible = true;
    const width = String(this.total).length;
    this.stream.write(`\r\x1b[2Kchecking ${String(done).padStart(width)}/${this.total} files (${Math.floor((done / this.total) * 100)}%)`);
  }

  /** Erases the line, so that what follows starts on a clean line. */
  done(): void {
    if (this.visible) this.stream.write('\r\x1b[2K');
  }
}

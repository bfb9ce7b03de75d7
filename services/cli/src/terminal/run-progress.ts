import type { RunDetail } from '../commands/run-views';

const BAR = 24;

/**
 * The progress of a run, one line per stage in record-path order: a bar of how many of the
 * records read so far (the source's output) the stage has taken in, the count, its errors and
 * what a filter step dropped.
 * The source has no known total (it is still reading), so its line shows the count alone.
 */
export function progressLines(run: RunDetail, elapsedSeconds: number): string[] {
  const header = `Run ${run.id} of ${run.pipeline}: ${statusOf(run)} (${elapsedSeconds}s)`;
  const source = run.counts.find((c) => c.stage === 'SOURCE');
  const total = source?.recordsOut ?? 0;
  const width = Math.max(...run.counts.map((c) => c.stage.length), 6);
  const lines = run.counts.map((count) => {
    const errors = `${count.errors > 0 ? `  ${count.errors.toLocaleString('en')} ${errorWord(count.errors)}` : ''}${count.filtered ? `  ${count.filtered.toLocaleString('en')} filtered` : ''}`;
    if (count.stage === 'SOURCE') return `  ${count.stage.padEnd(width)}  ${' '.repeat(BAR + 2)}  ${count.recordsOut.toLocaleString('en')} read${errors}`;
    const done = total === 0 ? 0 : Math.min(1, count.recordsIn / total);
    const filled = Math.round(done * BAR);
    const bar = `[${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}]`;
    return `  ${count.stage.padEnd(width)}  ${bar}  ${count.recordsIn.toLocaleString('en')} / ${total.toLocaleString('en')}${errors}`;
  });
  return [header, ...(lines.length > 0 ? lines : ['  (no stage has reported yet)'])];
}

/** The same, on one line, for logs and pipes where redrawing is not possible. */
export function progressLine(run: RunDetail): string {
  const stages = run.counts.map((c) => {
    const notes = [...(c.errors > 0 ? [`${c.errors} ${errorWord(c.errors)}`] : []), ...(c.filtered ? [`${c.filtered} filtered`] : [])];
    return `${c.stage} ${c.stage === 'SOURCE' ? c.recordsOut : c.recordsIn}${notes.length > 0 ? ` (${notes.join(', ')})` : ''}`;
  });
  return `${statusOf(run)}${stages.length > 0 ? ': ' + stages.join(' | ') : ''}`;
}

const errorWord = (errors: number) => (errors === 1 ? 'error' : 'errors');

/** The status, and once the source is read, what the run still waits for. */
function statusOf(run: RunDetail): string {
  if (run.status !== 'running' || !run.sourceFinishedAt) return run.status;
  return `running (source read${run.waitingFor ? `; waiting for ${run.waitingFor}` : ''})`;
}

/**
 * Redraws a block of lines in place on a terminal (cursor up, clear each line), so the bars
 * move instead of scrolling.
 */
export class LiveBlock {
  private drawn = 0;

  constructor(private readonly stream: NodeJS.WritableStream) {}

  draw(lines: readonly string[]): void {
    let text = this.drawn > 0 ? `\x1b[${this.drawn}A` : '';
    for (const line of lines) text += `\x1b[2K${line}\n`;
    for (let extra = lines.length; extra < this.drawn; extra++) text += '\x1b[2K\n';
    this.stream.write(text);
    this.drawn = Math.max(lines.length, this.drawn);
  }
}

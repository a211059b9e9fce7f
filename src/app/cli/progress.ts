/**
 * Progress of a batch. On a terminal, a bar (cli-progress) with the case reports printed above it;
 * otherwise (a log file, CI, a pipe) one plain line per case, "[12/1000] ✓ cases/a.yaml", since a
 * redrawn bar would fill a log with control characters.
 *
 * While the bar runs, cli-progress switches the terminal's line wrapping off (a wrapped bar could
 * not be redrawn in place): a line longer than the window would lose its end. So every report is
 * wrapped to the window before it is printed (report.ts, terminal.ts), and the bar is made as
 * narrow as the window needs.
 */
import cliProgress from 'cli-progress';
import { displayWidth, type Output } from './terminal.js';

export interface Progress {
  /** A case finished: its report (one or more lines, already wrapped) is printed and the count moves on. */
  done(report: string): void;
  stop(): void;
}

const FORMAT = '{bar} {value}/{total} 件 cases  {percentage}%  残り約 ETA {eta_formatted}';
const BAR_SIZE = 40;

export function progress(total: number, out: Output): Progress {
  // Only a real terminal (a process stream) says isTTY: the bar needs its columns and cursor.
  if (out.isTTY && total > 1) return bar(total, out as NodeJS.WriteStream);
  let count = 0;
  const width = String(total).length;
  return {
    done(report) {
      count++;
      const prefix = total > 1 ? `[${String(count).padStart(width)}/${total}] ` : '';
      out.write(`${prefix}${report}\n`);
    },
    stop() {},
  };
}

/**
 * The bar's length: the window less the words around it at their widest (「1000/1000 件 cases 100%
 * 残り約 ETA 10m20s」), at most 40. Its blocks (█ ░) are East Asian "ambiguous": a terminal set
 * for Japanese draws them two columns wide, so each counts two. At least 5, so a window narrower
 * than about 50 columns cuts the bar's words, never a report.
 */
export function barSize(total: number, columns = 80): number {
  const words = FORMAT.replace('{bar}', '').replace('{value}', String(total)).replace('{total}', String(total))
    .replace('{percentage}', '100').replace('{eta_formatted}', '10m20s');
  const block = displayWidth(cliProgress.Presets.shades_classic.barCompleteChar);
  return Math.max(5, Math.min(BAR_SIZE, Math.floor((columns - 1 - displayWidth(words)) / block)));
}

function bar(total: number, out: NodeJS.WriteStream): Progress {
  const bars = new cliProgress.MultiBar({
    stream: out,
    format: FORMAT,
    barsize: barSize(total, out.columns),
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 50,
  }, cliProgress.Presets.shades_classic);
  const line = bars.create(total, 0);
  // Ctrl-C mid-batch: give the terminal back its line wrapping and cursor, then end as the signal
  // would have (cli-progress's own gracefulExit stops the bar but keeps the process running).
  const interrupted = (signal: NodeJS.Signals) => {
    bars.stop();
    process.kill(process.pid, signal);
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  return {
    done(report) {
      bars.log(`${report}\n`);
      line.increment();
    },
    stop() {
      process.off('SIGINT', interrupted);
      process.off('SIGTERM', interrupted);
      // The reports logged since the last redraw are printed by a redraw; stop() alone drops them
      // (the batch's last report was lost whenever it came less than a redraw before the end).
      bars.update();
      bars.stop();
    },
  };
}

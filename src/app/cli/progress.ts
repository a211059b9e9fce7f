/**
 * Progress of a batch. On a terminal, a bar (cli-progress) with the case reports printed above it;
 * otherwise (a log file, CI, a pipe) one plain line per case, "[12/1000] ✓ cases/a.yaml", since a
 * redrawn bar would fill a log with control characters.
 */
import cliProgress from 'cli-progress';

/** Where the command writes: a process stream, or a writer the tests collect the text with. */
export interface Output {
  write(text: string): unknown;
  /** A terminal gets the redrawn bar; anything else one line per case. */
  isTTY?: boolean;
}

export interface Progress {
  /** A case finished: its report (one or more lines) is printed and the count moves on. */
  done(report: string): void;
  stop(): void;
}

export function progress(total: number, out: Output = process.stdout): Progress {
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

function bar(total: number, out: NodeJS.WriteStream): Progress {
  const bars = new cliProgress.MultiBar({
    stream: out,
    format: '{bar} {value}/{total} 件 cases  {percentage}%  残り約 ETA {eta_formatted}',
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 50,
  }, cliProgress.Presets.shades_classic);
  const line = bars.create(total, 0);
  return {
    done(report) {
      bars.log(`${report}\n`);
      line.increment();
    },
    stop() {
      bars.stop();
    },
  };
}

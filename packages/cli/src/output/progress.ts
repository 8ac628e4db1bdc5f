import cliProgress from 'cli-progress';
import { formatBytes } from './format.js';

/** Reports bytes written: a live bar with bytes/s on a terminal, a few plain lines otherwise. */
export interface ByteProgress {
  update(bytes: number): void;
  stop(): void;
}

const SILENT: ByteProgress = { update: () => {}, stop: () => {} };

/** A progress reporter on stderr for `total` bytes; silent when `enabled` is false (e.g. `--json`). */
export function byteProgress(label: string, total: number, enabled: boolean): ByteProgress {
  if (!enabled) return SILENT;
  const started = Date.now();
  const rate = (bytes: number) => `${formatBytes(bytes / Math.max((Date.now() - started) / 1000, 0.001))}/s`;
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        format: `${label} [{bar}] {percentage}% | {done}/{size} | {rate}`,
        stream: process.stderr,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    bar.start(total, 0, { done: formatBytes(0), size: formatBytes(total), rate: '-' });
    return {
      update: (bytes) =>
        bar.update(bytes, { done: formatBytes(bytes), size: formatBytes(total), rate: rate(bytes) }),
      stop: () => bar.stop(),
    };
  }
  // Not a terminal (CI, a pipe): a line per quarter, never a carriage-return animation.
  let nextQuarter = 1;
  return {
    update(bytes) {
      while (total > 0 && bytes >= (total * nextQuarter) / 4 && nextQuarter <= 4) {
        process.stderr.write(
          `${label}: ${nextQuarter * 25}% (${formatBytes(bytes)} of ${formatBytes(total)}, ${rate(bytes)})\n`,
        );
        nextQuarter += 1;
      }
    },
    stop: () => {},
  };
}

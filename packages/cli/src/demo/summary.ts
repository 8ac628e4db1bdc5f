import { formatBytes, formatMs, table } from '../output/format.js';
import type { DemoSummary } from './run-demo.js';

/** The human summary of a demo run. */
export function formatSummary(s: DemoSummary): string {
  const bytes = Object.values(s.files).reduce((sum, f) => sum + f.bytes, 0);
  return [
    '',
    `demo finished in ${formatMs(s.totalMs)} — folder ${s.dir}`,
    '',
    table(['table', 'rows'], Object.entries(s.rows)),
    '',
    table(
      ['area', 'files', 'size'],
      [
        ...Object.entries(s.files).map(([a, f]) => [a, f.files, formatBytes(f.bytes)]),
        ['(total)', Object.values(s.files).reduce((n, f) => n + f.files, 0), formatBytes(bytes)],
      ],
    ),
    '',
    `database ${s.databaseBytes === null ? '(size unknown)' : formatBytes(s.databaseBytes)}; cache ${s.cache.hits} hits / ${s.cache.misses} misses`,
    `integrity: ${s.integrity.ok ? 'ok' : `${s.integrity.issues.length} problem(s)`}`,
    '',
    `try: cd ${s.dir} && vpe-storage status   (or: node <repo>/packages/cli/dist/bin.js --config ${s.config} status)`,
  ].join('\n');
}

// `pnpm bench [filter…]`: runs every scenario in src/scenarios whose name contains a filter word,
// prints a table per scenario and writes bench/results/<name>.json.
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { printResult, type Scenario, saveResult } from './measure.js';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'scenarios');
const filters = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.ts'))
  .sort();

for (const file of files) {
  const { default: scenario } = (await import(pathToFileURL(join(dir, file)).href)) as { default: Scenario };
  if (filters.length > 0 && !filters.some((f) => scenario.name.includes(f))) continue;
  const result = await scenario.run();
  printResult(scenario.name, result);
  console.log(`→ ${saveResult(scenario.name, result)}`);
}

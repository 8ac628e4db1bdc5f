/** Where a command writes: its result on stdout (JSON with `--json`), notes and progress on stderr. */
export class Output {
  /** Whether results are printed as JSON. */
  readonly json: boolean;

  constructor(json: boolean) {
    this.json = json;
  }

  /** Prints the result: as JSON with `--json`, else as the human text `human` returns. */
  result(value: unknown, human: () => string): void {
    process.stdout.write(this.json ? `${JSON.stringify(value, null, 2)}\n` : `${human()}\n`);
  }

  /** A note for humans on stderr (never with `--json`, whose contract is "JSON and nothing else"). */
  note(line: string): void {
    if (!this.json) process.stderr.write(`${line}\n`);
  }
}

import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = ['/usr/local/bin', '/usr/lib/postgresql/15/bin'].find((d) => existsSync(join(d, 'pg_ctl')));

/** A PostgreSQL cluster of our own (initdb in a temp folder, a random port), for restart tests. */
export interface ThrowawayCluster {
  url: string;
  port: number;
  /** `pg_ctl restart -m <mode>`, waiting until the server accepts connections again. */
  restart(mode: 'fast' | 'immediate'): Promise<void>;
  /** Stops the server and removes its folder. */
  destroy(): Promise<void>;
}

/** Why a throwaway cluster cannot be made here, or null when it can. */
export function clusterUnsupportedReason(): string | null {
  if (!BIN) return 'pg_ctl/initdb not found in /usr/local/bin or /usr/lib/postgresql/15/bin';
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) {
    return 'the tests must run as root to start the cluster as the postgres user (runuser)';
  }
  if (!existsSync('/usr/sbin/runuser') && !existsSync('/sbin/runuser') && !existsSync('/usr/bin/runuser')) {
    return 'runuser is not installed';
  }
  return null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function asPostgres(tool: string, args: readonly string[]): Promise<void> {
  await run('runuser', ['-u', 'postgres', '--', join(BIN as string, tool), ...args], { timeout: 120_000 });
}

/** initdb + pg_ctl start as the postgres user, trust auth on 127.0.0.1 and a socket in the temp folder. */
export async function startThrowawayCluster(): Promise<ThrowawayCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'vpe-pg-cluster-'));
  const { stdout } = await run('id', ['-u', 'postgres']);
  const { stdout: gid } = await run('id', ['-g', 'postgres']);
  chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
  const data = join(dir, 'data');
  const port = await freePort();
  await asPostgres('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1`;
  await asPostgres('pg_ctl', ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', 'start']);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    // -l again: without it the new postmaster would keep our pipes open and pg_ctl would never return.
    restart: (mode) =>
      asPostgres('pg_ctl', [
        '-D',
        data,
        '-l',
        join(dir, 'server.log'),
        '-m',
        mode,
        '-w',
        '-t',
        '60',
        'restart',
      ]),
    async destroy() {
      await asPostgres('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

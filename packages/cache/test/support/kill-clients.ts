import { createClient } from '@keyv/redis';
import { REDIS_URL } from './redis.js';

/** Kills the Redis connections named `name` (as a network blip would); returns how many. */
export async function killClients(name: string, type: 'normal' | 'pubsub' = 'normal'): Promise<number> {
  const admin = createClient({ url: REDIS_URL });
  admin.on('error', () => {});
  await admin.connect();
  try {
    const list = String(await admin.sendCommand(['CLIENT', 'LIST', 'TYPE', type]));
    const ids = list
      .split('\n')
      .filter((line) => line.includes(` name=${name} `))
      .map((line) => /(?:^|\s)id=(\d+)/.exec(line)?.[1])
      .filter((id): id is string => id !== undefined);
    for (const id of ids) await admin.sendCommand(['CLIENT', 'KILL', 'ID', id]);
    return ids.length;
  } finally {
    await admin.close();
  }
}

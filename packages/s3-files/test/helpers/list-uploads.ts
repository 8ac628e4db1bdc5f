// ListMultipartUploads for the test s3rver (3.7 answers NotImplemented): read from its uploads folder,
// where each upload is a folder named by its id holding a `key` file. One page, never truncated.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

function xml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The XML answer of ListMultipartUploads for the uploads in `uploadsDir` whose key starts with `prefix`. */
export async function listUploadsXml(bucket: string, uploadsDir: string, prefix: string): Promise<string> {
  const ids = await readdir(uploadsDir).catch(() => [] as string[]);
  const uploads: { key: string; id: string; initiated: Date }[] = [];
  for (const id of ids) {
    const keyFile = join(uploadsDir, id, 'key');
    const key = await readFile(keyFile, 'utf8').catch(() => null);
    if (key === null || !key.startsWith(prefix)) continue;
    uploads.push({ key, id, initiated: (await stat(keyFile)).mtime });
  }
  uploads.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.id < b.id ? -1 : 1));
  const entries = uploads
    .map(
      (u) =>
        `<Upload><Key>${xml(u.key)}</Key><UploadId>${xml(u.id)}</UploadId><Initiated>${u.initiated.toISOString()}</Initiated><StorageClass>STANDARD</StorageClass></Upload>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<ListMultipartUploadsResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/"><Bucket>${xml(bucket)}</Bucket><KeyMarker></KeyMarker><UploadIdMarker></UploadIdMarker><Prefix>${xml(prefix)}</Prefix><MaxUploads>1000</MaxUploads><IsTruncated>false</IsTruncated>${entries}</ListMultipartUploadsResult>`;
}

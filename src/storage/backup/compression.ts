/**
 * gzip for the backup body (issue 13): the JSON lines of 10,000 attendances compress to a
 * fraction of their size. Compressed before encryption (encrypted bytes do not compress) and
 * decompressed only after every chunk has authenticated, so nobody without the passphrase
 * can hand the tablet a crafted stream to inflate. The platform's CompressionStream
 * (Chromium 80, Node 18): no library.
 */
async function through(bytes: Uint8Array, stream: CompressionStream | DecompressionStream): Promise<Uint8Array> {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return new Uint8Array(await new Response(new Blob([copy]).stream().pipeThrough(stream)).arrayBuffer());
}

export const gzip = (bytes: Uint8Array): Promise<Uint8Array> => through(bytes, new CompressionStream('gzip'));

/** Undefined when the bytes are not a whole gzip stream. */
export async function gunzip(bytes: Uint8Array): Promise<Uint8Array | undefined> {
  try {
    return await through(bytes, new DecompressionStream('gzip'));
  } catch {
    return undefined;
  }
}

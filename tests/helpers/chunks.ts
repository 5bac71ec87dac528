/**
 * Bytes as a pipe delivers them: `size`-byte pieces, one per turn of the event loop (a
 * multi-byte character may be split), for the readers that take a stream a chunk at a time.
 */
export async function* chunks(
  content: string | Uint8Array,
  size: number,
): AsyncGenerator<Uint8Array> {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  for (let at = 0; at < bytes.length; at += size) {
    await Promise.resolve();
    yield bytes.subarray(at, at + size);
  }
}

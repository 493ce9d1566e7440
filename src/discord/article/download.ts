/**
 * Downloading a file attached to /article add: bounded in size and time, never trusted.
 */
/** The longest a file download may take. */
const DOWNLOAD_TIMEOUT_MS = 15_000;

export type Download =
  { readonly ok: true; readonly bytes: Uint8Array } | { readonly ok: false; readonly message: string };

/**
 * Downloads an attached file (from the URL Discord gives in the interaction), refusing it past `maxBytes` as
 * soon as its size is known — from Content-Length, or while it streams — without reading the rest.
 */
export async function downloadFile(url: string, maxBytes: number, tooBig: string): Promise<Download> {
  if (!/^https?:\/\//i.test(url)) return { ok: false, message: "the file has no address I can download it from" };
  let response: Response;
  try {
    response = await fetch(url, { signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  } catch {
    return { ok: false, message: "the file could not be downloaded from Discord; try again" };
  }
  if (!response.ok || response.body === null) {
    await response.body?.cancel().catch(() => undefined);
    return { ok: false, message: `the file could not be downloaded from Discord (HTTP ${response.status}); try again` };
  }
  if (Number(response.headers.get("content-length")) > maxBytes) {
    await response.body.cancel().catch(() => undefined);
    return { ok: false, message: tooBig };
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = (response.body as ReadableStream<Uint8Array>).getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, message: tooBig };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, message: "the download of the file was cut off; try again" };
  }
  return { ok: true, bytes: Buffer.concat(chunks, size) };
}

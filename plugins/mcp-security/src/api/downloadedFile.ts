/**
 * The file a download response carries, under the name the backend gave it
 * in Content-Disposition. The fallback, the last segment of the path asked
 * for, is only for when the header cannot be read: a backend on another
 * origin shows it to scripts only when its CORS settings expose it
 * (`backend.cors.exposedHeaders`).
 */
export async function downloadedFile(
  response: Response,
  path: string,
): Promise<File> {
  const name =
    fileNameOf(response.headers.get('Content-Disposition')) ??
    path.split('?')[0].split('/').pop()!;
  // The bytes rather than response.blob(), which a File made elsewhere (as
  // in jsdom) would not take apart.
  return new File([await response.arrayBuffer()], name, {
    type: response.headers.get('Content-Type') ?? '',
  });
}

/**
 * The file name in a Content-Disposition header: the UTF-8 `filename*`
 * where there is one (RFC 6266 prefers it), else `filename`, quoted or
 * not. Only the name itself: no folder a name might try to smuggle in.
 */
export function fileNameOf(disposition: string | null): string | undefined {
  if (!disposition) {
    return undefined;
  }
  const extended = /filename\*\s*=\s*utf-8'[^']*'([^;\s]+)/i.exec(disposition);
  const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/i.exec(
    disposition,
  );
  let name: string | undefined;
  if (extended) {
    try {
      name = decodeURIComponent(extended[1]);
    } catch {
      // A malformed encoding: the plain name, if any, will do.
    }
  }
  if (name === undefined && plain) {
    name = plain[1]?.replace(/\\(.)/g, '$1') ?? plain[2];
  }
  const base = name?.split(/[\\/]/).pop()?.trim();
  return base ? base : undefined;
}

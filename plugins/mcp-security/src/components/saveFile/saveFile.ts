/**
 * Hands a file to the browser's downloads, as the catalog's export does: the
 * files come through fetchApi, which adds the user's Backstage token, so a
 * plain link to the backend would not do.
 */
export function saveFile(file: Blob, fileName: string) {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/**
 * Hands a file to the browser's downloads, as the catalog's export does: the
 * files come through fetchApi, which adds the user's Backstage token, so a
 * plain link to the backend would not do. The file keeps the name the API
 * client read from the backend's response.
 */
export function saveFile(file: File) {
  const url = URL.createObjectURL(file);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

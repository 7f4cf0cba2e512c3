/**
 * Opens a streamed file's download link (`FileLink`, issues 12 and 15): the browser fetches it from the
 * gateway's origin and writes it to disk as it arrives, so no file of any length passes through the page's
 * memory. The link works for a minute and for the person who asked for it only.
 */
export function openDownload(link: { url: string; filename: string }): void {
  const anchor = document.createElement('a');
  anchor.href = link.url;
  anchor.download = link.filename;
  anchor.hidden = true;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
}

/**
 * Saves a file the API answered as base64 (`ReportFile`) through the browser's download: a Blob URL on a
 * link the page clicks, revoked once the browser has taken the file. Nothing is sent anywhere else.
 */
export interface DownloadableFile {
  filename: string;
  contentType: string;
  contentBase64: string;
}

export function downloadFile(file: DownloadableFile): void {
  const bytes = Uint8Array.from(atob(file.contentBase64), (char) => char.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: file.contentType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

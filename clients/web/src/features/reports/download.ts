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

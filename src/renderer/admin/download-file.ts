/** Hands text to the browser as a file download (Electron saves it to the Downloads folder). */
export function downloadFile(fileName: string, mimeType: string, text: string): void {
  const link = document.createElement('a');
  link.href = URL.createObjectURL(new Blob([text], { type: mimeType }));
  link.download = fileName;
  link.click();
  URL.revokeObjectURL(link.href);
}

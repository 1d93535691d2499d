/** Saves a file the user asked for (the only way personal data leaves the browser). */
export function downloadFile(fileName: string, content: string | Uint8Array<ArrayBuffer> | Blob, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

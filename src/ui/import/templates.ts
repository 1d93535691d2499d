import { PEOPLE_TEMPLATE_HEADER } from '../../io/peopleCsv';
import { SUPPORTER_TEMPLATE_HEADER } from '../../io/supportersCsv';

/** Saves a file the user asked for (the only way personal data leaves the browser). */
export function downloadText(fileName: string, content: string | Uint8Array<ArrayBuffer>, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The 名簿 and supporter templates as UTF-8 with BOM (opens correctly in Excel), header line only. */
export function downloadTemplate(kind: 'people' | 'supporters') {
  const header = kind === 'people' ? PEOPLE_TEMPLATE_HEADER : SUPPORTER_TEMPLATE_HEADER;
  downloadText(kind === 'people' ? '要支援者名簿テンプレート.csv' : '支援者テンプレート.csv', `\uFEFF${header}\r\n`);
}

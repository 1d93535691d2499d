import { PEOPLE_TEMPLATE_HEADER } from '../../io/peopleCsv';
import { SUPPORTER_TEMPLATE_HEADER } from '../../io/supportersCsv';
import { downloadFile } from '../download';

/** The 名簿 and supporter templates as UTF-8 with BOM (opens correctly in Excel), header line only. */
export function downloadTemplate(kind: 'people' | 'supporters') {
  const header = kind === 'people' ? PEOPLE_TEMPLATE_HEADER : SUPPORTER_TEMPLATE_HEADER;
  downloadFile(kind === 'people' ? '要支援者名簿テンプレート.csv' : '支援者テンプレート.csv', `\uFEFF${header}\r\n`);
}

import { PEOPLE_TEMPLATE_HEADER } from '../../io/peopleCsv';
import { SUPPORTER_TEMPLATE_HEADER } from '../../io/supportersCsv';
import { downloadFile } from '../download';

/**
 * The 名簿 template's header as downloaded: the required columns and the optional 情報提供先
 * (「自主防災組織、民生委員、消防団」…; left blank, the import asks which recipients the consent
 * form covers). The other optional columns are listed in the README.
 */
export const PEOPLE_TEMPLATE_DOWNLOAD_HEADER = `${PEOPLE_TEMPLATE_HEADER},情報提供先`;

/** The 名簿 and supporter templates as UTF-8 with BOM (opens correctly in Excel), header line only. */
export function downloadTemplate(kind: 'people' | 'supporters') {
  const header = kind === 'people' ? PEOPLE_TEMPLATE_DOWNLOAD_HEADER : SUPPORTER_TEMPLATE_HEADER;
  downloadFile(kind === 'people' ? '要支援者名簿テンプレート.csv' : '支援者テンプレート.csv', `\uFEFF${header}\r\n`);
}

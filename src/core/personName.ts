/**
 * A name a user types for the record (作業者名, 受け取る人の氏名): NFKC, format and control
 * characters removed (U+200B and its kind are invisible, so a name made of them would read as
 * empty in the 提供記録), runs of white space as one space, trimmed. Pure.
 */

/** Unicode Cf (format: zero-width space, joiners, direction marks…); Cc (control) becomes a space. */
const FORMAT_CHARS = /\p{Cf}/gu;
const CONTROL_CHARS = /\p{Cc}/gu;

/** The name as recorded: see the module comment ('' when nothing visible is left). */
export function cleanName(name: string): string {
  return name.replace(FORMAT_CHARS, '').replace(CONTROL_CHARS, ' ').normalize('NFKC').replace(FORMAT_CHARS, '').replace(/\s+/g, ' ').trim();
}

/**
 * The last safety net for what `hinan` prints on stderr: a message quoting a file's header or
 * cell (a 5 MB header line, a path of megabytes) must stay readable on a terminal.
 */

/** Longest message line printed, in characters (UTF-16 code units; a surrogate pair is never split). */
export const MAX_MESSAGE_LINE = 300;

/** `message` with every line longer than `MAX_MESSAGE_LINE` cut, saying how much was left out. */
export function capMessage(message: string): string {
  if (message.length <= MAX_MESSAGE_LINE) return message;
  return message.split('\n').map(capLine).join('\n');
}

function capLine(line: string): string {
  if (line.length <= MAX_MESSAGE_LINE) return line;
  let end = MAX_MESSAGE_LINE;
  const last = line.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--; // keep a surrogate pair whole
  return `${line.slice(0, end)}…（以下${(line.length - end).toLocaleString('ja-JP')}文字を省略）`;
}

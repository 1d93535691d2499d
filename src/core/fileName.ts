/** Text made safe inside a file name: runs of spaces and characters file systems refuse become 「_」. */
export function fileNamePart(text: string): string {
  return text.replace(/[\\/:*?"<>|\s]+/g, '_');
}

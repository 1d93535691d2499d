import { printRecorded } from '../disclosure';

/**
 * Prints one sheet after its print has been recorded (`disclose`): sets body[data-print=`name`]
 * (the sheet's print CSS hides everything else), opens the print dialog, and after printing
 * removes the mark and calls `onDone` (e.g. to stop rendering the sheet).
 */
export function printSheet(name: string, onDone: () => void = () => {}): void {
  document.body.dataset.print = name;
  const finished = () => {
    if (document.body.dataset.print === name) delete document.body.dataset.print;
    onDone();
    removeEventListener('afterprint', finished);
  };
  addEventListener('afterprint', finished);
  printRecorded();
}

/**
 * Measuring sheets as they will print, on screen: a sheet whose sizes are written only for print
 * (`@media print`, e.g. the 計画書 PlanSheet) is laid out on screen with the page's own print rules
 * applied inside one element only (`@scope`), measured, and put back.
 */

const MM = 96 / 25.4;
/** The printable height of A4 portrait with 12 mm margins, in CSS px, less a little for rounding between this layout and the printer's. */
export const PRINTED_PAGE_PX = (297 - 24) * MM - 8;

/** The text of every style rule the page applies in print (the rules inside `@media print`). */
function printRules(): string[] {
  const rules: string[] = [];
  const collect = (list: CSSRuleList, inPrint: boolean) => {
    for (const rule of list) {
      if (rule instanceof CSSMediaRule) collect(rule.cssRules, inPrint || /\bprint\b/.test(rule.conditionText));
      else if (inPrint && rule instanceof CSSStyleRule) rules.push(rule.cssText);
    }
  };
  for (const sheet of document.styleSheets) {
    try {
      collect(sheet.cssRules, false);
    } catch {
      // A style sheet of another origin cannot be read; the app has none of its own there.
    }
  }
  return rules;
}

/**
 * Runs `measure` while the print rules apply to `root`'s content (not to `root` itself, nor to
 * the rest of the page: a rule naming `body` matches nothing inside the scope), and returns what it gave.
 */
export function measureWithPrintRules<T>(root: HTMLElement, measure: () => T): T {
  const style = document.createElement('style');
  style.textContent = `@scope ([data-measuring-print]) {\n${printRules().join('\n')}\n}`;
  document.head.append(style);
  root.setAttribute('data-measuring-print', '');
  try {
    return measure();
  } finally {
    root.removeAttribute('data-measuring-print');
    style.remove();
  }
}

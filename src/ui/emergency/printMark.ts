import { EMERGENCY_MARK } from '../../core/emergency';

/**
 * The marking every page printed while 災害時モード is on carries at its top: 「災害時提供（災害対策基本法
 * 第49条の11第3項）」. Where the browser draws CSS page-margin boxes (Chromium 131+), the marking is the
 * top margin's own text — on every page, never over the content. Elsewhere App's print-only
 * element `.print-mark` is fixed to the top of the page, which browsers repeat on every printed page.
 */

/** True when the browser draws `@page { @top-center { … } }` (it knows `CSSMarginRule`). */
export function usesPageMarginBoxes(): boolean {
  return 'CSSMarginRule' in window;
}

/** The print style App adds while the mode is on (`marginBoxes`: from `usesPageMarginBoxes`). */
export function printMarkCss(marginBoxes: boolean): string {
  if (marginBoxes) {
    return `@media print {
  @page {
    @top-center {
      content: ${JSON.stringify(EMERGENCY_MARK)};
      font-size: 10pt;
      font-weight: 700;
      color: #b00000;
    }
  }
}`;
  }
  return `@media print {
  body.emergency-mode .print-mark {
    display: block !important;
    position: fixed;
    top: 0;
    left: 0;
    right: 0;
    z-index: 10;
    padding: 1mm 0;
    text-align: center;
    font-size: 10pt;
    font-weight: 700;
    color: #b00000;
    background: #fff;
    border-bottom: 1px solid #b00000;
  }
  body.emergency-mode .app {
    padding-top: 8mm;
  }
}`;
}

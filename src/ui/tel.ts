/**
 * Tap-to-call: a phone number as written (「0242-00-0001」「０９０（１２３４）５６７８」) to a `tel:`
 * address of its digits (and a leading +), or null when it holds too few digits to dial.
 */
export function telHref(phone: string | null | undefined): string | null {
  const n = (phone ?? '').normalize('NFKC');
  const digits = n.replace(/\D/g, '');
  if (digits.length < 3) return null;
  return `tel:${n.trim().startsWith('+') ? '+' : ''}${digits}`;
}

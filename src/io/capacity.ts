/**
 * 想定収容人数 written as free text → numbers of persons, e.g.
 * `屋内1,371人／屋外5,470人（面積の1/2）` → indoor 1371, outdoor 5470; `810人（2平方メートルあたり1人）` → 810.
 */
import { normalizeCodeText } from './normalize';

export interface CapacityText {
  /** 屋内 persons, when written. */
  indoor: number | null;
  /** 屋外 persons, when written. */
  outdoor: number | null;
  /**
   * The capacity used for planning, in persons: indoor when it is written and above 0,
   * else outdoor (a site with 屋内0人 is an open-air site whose capacity is its outdoor space),
   * else the single number written; null when the text holds no number of persons.
   */
  capacity: number | null;
}

const toInt = (s: string) => Number(s.replace(/,/g, ''));

/** Reads a free-text capacity; parenthesised remarks such as （面積の1/2） are ignored. */
export function parseCapacityText(text: string | null | undefined): CapacityText {
  const s = normalizeCodeText(text)
    .replace(/\([^)]*\)/g, ' ')
    .replace(/[，､、]/g, (c) => (c === '，' ? ',' : ' '));
  const num = '(\\d{1,3}(?:,\\d{3})+|\\d+)';
  const indoorM = s.match(new RegExp(`屋内\\s*(?:約)?\\s*${num}`));
  const outdoorM = s.match(new RegExp(`屋外\\s*(?:約)?\\s*${num}`));
  const indoor = indoorM ? toInt(indoorM[1]) : null;
  const outdoor = outdoorM ? toInt(outdoorM[1]) : null;
  if (indoor !== null || outdoor !== null) {
    return { indoor, outdoor, capacity: indoor !== null && indoor > 0 ? indoor : (outdoor ?? indoor) };
  }
  const plain = s.match(new RegExp(`^\\s*(?:約)?\\s*${num}\\s*(?:人|名)?\\s*(?:程度)?\\s*$`)) ?? s.match(new RegExp(`${num}\\s*(?:人|名)`));
  return { indoor: null, outdoor: null, capacity: plain ? toInt(plain[1]) : null };
}

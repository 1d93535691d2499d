/**
 * Labels that tell people (or supporters) apart in one list: the name alone when it is unique
 * there, else the name with the address 「山田 花子（一箕町八幡1-2）」, and the ID too when name and
 * address are both the same 「山田 花子（一箕町八幡1-2・P0012）」. Pure.
 */
export interface Nameable {
  id: string;
  name: string;
  address: string;
}

/** Label per ID for the entries of one list. */
export function distinctLabels(entries: readonly Nameable[]): Map<string, string> {
  const count = (key: (e: Nameable) => string) => {
    const n = new Map<string, number>();
    for (const e of entries) n.set(key(e), (n.get(key(e)) ?? 0) + 1);
    return n;
  };
  const name = (e: Nameable) => e.name.trim();
  const nameAddress = (e: Nameable) => `${name(e)}\u0000${e.address.trim()}`;
  const byName = count(name);
  const byNameAddress = count(nameAddress);
  return new Map(
    entries.map((e) => {
      if (byName.get(name(e))! < 2) return [e.id, e.name];
      const address = e.address.trim();
      if (address && byNameAddress.get(nameAddress(e))! < 2) return [e.id, `${e.name}（${address}）`];
      return [e.id, `${e.name}（${address ? `${address}・` : ''}${e.id}）`];
    }),
  );
}

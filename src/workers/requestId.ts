/** A request as a client builds it, before the client numbers it (`id`), for each member of a union. */
export type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

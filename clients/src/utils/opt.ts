/** Candid `opt T` as JavaScript sees it (`[]` or `[value]`), and the conversions to and from `undefined`. */
export type Opt<T> = [] | [T];

export const toOpt = <T>(value: T | undefined): Opt<T> => (value === undefined ? [] : [value]);

export const fromOpt = <T>(value: Opt<T> | readonly T[]): T | undefined => value[0];

/** The record without its undefined-valued keys, so converted records compare equal to hand-written ones. */
export const withoutUndefined = <T extends object>(record: T): T =>
  Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined)) as T;

/** Parameter and result types of a generated `_SERVICE` method, so named types are derived, never re-typed. */
type Method = (...args: never[]) => Promise<unknown>;

export type ArgOf<M extends Method> = Parameters<M>[0];
export type ReturnOf<M extends Method> = Awaited<ReturnType<M>>;
/** The Ok type of a method answering `variant { Ok : T; Err : … }`. */
export type OkOf<M extends Method> = Extract<ReturnOf<M>, { Ok: unknown }>['Ok'];
/** The T of a method answering `opt T`. */
export type SomeOf<M extends Method> = Exclude<ReturnOf<M>, []> extends [infer T] ? T : never;
/** The item type of a listing answering `variant { Ok : record { items : vec T; total }; Err }`. */
export type ItemOf<M extends Method> = OkOf<M> extends { items: Array<infer T> } ? T : never;

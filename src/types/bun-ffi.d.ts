// The few bun:ffi entry points hardrun uses. The engine is compiled with Bun;
// unit tests run under Node and never load this module. An i64 may come back
// as a bigint, so results are number | bigint.
declare module 'bun:ffi' {
  export const FFIType: { readonly ptr: number; readonly i32: number; readonly i64: number; readonly u64: number; readonly cstring: number };
  export function ptr(view: ArrayBufferView): number;
  export const read: { i32(pointer: number | bigint, offset: number): number };
  export function dlopen<T extends Record<string, { args: number[]; returns: number }>>(
    path: string,
    symbols: T,
  ): { symbols: { [K in keyof T]: (...args: unknown[]) => number | bigint }; close(): void };
}

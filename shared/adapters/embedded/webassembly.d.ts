// The part of the WebAssembly JavaScript API that exact-vector-index.ts uses. TypeScript declares the
// global `WebAssembly` only in lib.dom, which this Node project leaves out (as esbuild's types note);
// Node has had it all along.
export {};

declare global {
  namespace WebAssembly {
    // eslint-disable-next-line @typescript-eslint/no-extraneous-class -- an opaque compiled module, as in the JS API
    class Module {
      constructor(bytes: Uint8Array);
    }
    class Instance {
      constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
      readonly exports: Record<string, unknown>;
    }
    class Memory {
      readonly buffer: ArrayBuffer;
      grow(pages: number): number;
    }
  }
}

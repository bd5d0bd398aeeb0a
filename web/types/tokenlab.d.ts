// The type of the Emscripten build web/dist/tokenlab.js (MODULARIZE,
// EXPORT_ES6) for tsc --checkJs. build-wasm.sh copies this file next to the
// build, where tsc takes a .d.ts before the .js it describes, so
// `import createTokenlabModule from './dist/tokenlab.js'` is checked against
// it rather than against the generated code.

/** Resolves to the module once its WebAssembly is instantiated. */
declare function createTokenlabModule(options?: object): Promise<any>;
export default createTokenlabModule;

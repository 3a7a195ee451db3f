// Resolves `fs` to node:fs plus a globSync for `**/NAME` patterns (see node20-fs-glob.mjs).
const SHIM = new URL('./fs-with-glob.mjs', import.meta.url).href;

export async function resolve(specifier, context, next) {
    if ((specifier === 'fs' || specifier === 'node:fs') && context.parentURL !== SHIM) {
        return { url: SHIM, shortCircuit: true };
    }
    return next(specifier, context);
}

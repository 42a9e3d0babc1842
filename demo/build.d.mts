/** Builds the demo pages' scripts into dist/demo/ (see demo/build.mjs). */
export function buildDemo(): Promise<void>;

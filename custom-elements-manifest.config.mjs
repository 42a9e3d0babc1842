// custom-elements.json is generated from the JSDoc in src/, never written by hand (`npm run analyze`).
// `npm run lint` regenerates it into a temporary folder and fails when the committed one differs.
export default {
  globs: ['src/**/*.ts'],
  // protocol/ and flow/ hold no elements (no DOM at all): leaving them out keeps the manifest about the element.
  exclude: ['src/**/*.test.ts', 'src/**/*.stories.ts', 'src/protocol/**', 'src/flow/**'],
  outdir: process.env.CEM_OUTDIR ?? '.',
  litelement: true,
  // Never rewrite package.json's `customElements` (the freshness check writes to a temporary folder).
  packagejson: false,
  dev: false,
  plugins: [
    {
      // Private members and anything marked @internal stay out of the public API description.
      name: 'drop-private-members',
      packageLinkPhase({ customElementsManifest }) {
        for (const module of customElementsManifest.modules ?? []) {
          for (const declaration of module.declarations ?? []) {
            if (!declaration.members) continue;
            declaration.members = declaration.members.filter(
              (member) =>
                member.privacy !== 'private' && member.privacy !== 'protected' && !member.name.startsWith('#'),
            );
          }
        }
      },
    },
  ],
};

// esbuild options every Node bundle of ours needs (the app's and the benchmarks').
export const nodeBundleOptions = {
  // The receipt encoder recognises image inputs by their class names.
  keepNames: true,
  // jsonc-parser's default UMD build requires its parts at run time, which a bundle cannot follow; its ESM build bundles.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
};

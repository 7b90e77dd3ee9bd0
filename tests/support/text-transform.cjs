// Jest transform: a .md file imports as its text, as esbuild's `text` loader bundles it.
module.exports = {
  process(sourceText) {
    return { code: "module.exports = " + JSON.stringify(sourceText) + "; module.exports.default = module.exports;" };
  },
};

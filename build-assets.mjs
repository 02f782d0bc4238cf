// Builds the front end into build/static, where collectstatic finds it:
// GOV.UK Frontend compiled from its Sass sources with the site's branding, the site's scripts
// bundled with the parts of GOV.UK Frontend's JavaScript they use, and the site's images.
// Nothing is fetched from a CDN at run time.
import { cpSync, mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { build } from "esbuild";
import { compile } from "sass";

const out = "build/static";
rmSync(out, { recursive: true, force: true });
mkdirSync(`${out}/css`, { recursive: true });

const css = compile("static/scss/site.scss", {
  loadPaths: ["node_modules"],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(`${out}/css/site.css`, css.css);

// Each entry point is one self-contained, minified module: site.mjs, which every page loads,
// and the modules it imports with import() only on pages that need them (checkboxes.mjs).
// Those stay separate files (the plugin below), fetched by their plain name; having no chunk
// in common, an old site.mjs in a browser's cache still works with a newer checkboxes.mjs.
const lazyModulesApart = {
  name: "lazy-modules-apart",
  setup(builder) {
    builder.onResolve({ filter: /^\.\/.*\.mjs$/ }, (args) =>
      args.kind === "dynamic-import" ? { path: args.path, external: true } : undefined,
    );
  },
};
const entryPoints = ["site", "checkboxes"];
await build({
  entryPoints: entryPoints.map((name) => `static/js/${name}.mjs`),
  outdir: `${out}/js`,
  outExtension: { ".js": ".mjs" },
  bundle: true,
  format: "esm",
  minify: true,
  // Browsers that run module scripts at all; older ones get the page without JavaScript.
  target: "es2017",
  // GOV.UK Frontend's @preserve notes name its components; its licence is in node_modules.
  legalComments: "none",
  plugins: [lazyModulesApart],
  logLevel: "warning",
});

cpSync("static/images", `${out}/images`, { recursive: true });
const sizes = entryPoints.map((name) => `${name}.mjs ${statSync(`${out}/js/${name}.mjs`).size}`);
console.log(`Built ${out}/css/site.css (${css.css.length} bytes) and ${out}/js (${sizes.join(", ")} bytes)`);

// Builds the front end into build/static, where collectstatic finds it:
// GOV.UK Frontend compiled from its Sass sources with the site's branding, its JavaScript,
// and the site's own scripts and images. Nothing is fetched from a CDN at run time.
import { cpSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
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

cpSync("node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js", `${out}/js/govuk-frontend.min.js`);
cpSync("static/js", `${out}/js`, { recursive: true });
cpSync("static/images", `${out}/images`, { recursive: true });
console.log(`Built ${out}/css/site.css (${css.css.length} bytes) and ${out}/js`);

// The one script every page loads: it starts the GOV.UK Frontend components the site's pages
// use (the skip link, the buttons, the exit button). Every page works without it; it adds the
// Shift-three-times exit and polish. build-assets.mjs bundles it with only those components.
import { Button, SkipLink, createAll } from "govuk-frontend";
import { ExitThisPageReplacingHistory } from "./exit-this-page.mjs";

document.body.classList.add("govuk-frontend-supported");
createAll(SkipLink);
createAll(Button);
createAll(ExitThisPageReplacingHistory);

// GOV.UK's checkboxes script reveals a follow-up question under a box and clears the others
// when a "none of these" box is ticked. Only checkboxes that have one of those need it, so it
// is fetched only on a page that has them (no page does today: the review filters need none).
const needsCheckboxes =
  "[data-module='govuk-checkboxes'] [data-aria-controls], " +
  "[data-module='govuk-checkboxes'] [data-behaviour='exclusive']";
if (document.querySelector(needsCheckboxes)) {
  import("./checkboxes.mjs");
}

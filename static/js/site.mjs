// Starts GOV.UK Frontend's components (the exit button, skip link, navigation).
// Every page works without this script; it only adds the Shift-three-times exit and polish.
import { createAll, initAll } from "./govuk-frontend.min.js";
import { ExitThisPageReplacingHistory } from "./exit-this-page.mjs";

document.body.classList.add("govuk-frontend-supported");
initAll();
createAll(ExitThisPageReplacingHistory);

// GOV.UK Frontend's checkboxes (a revealed follow-up question, an exclusive "none" box), loaded
// by site.mjs only on a page that has such checkboxes. A bundle of its own, so that it works
// with whichever version of site.mjs a browser has cached.
import { Checkboxes, createAll } from "govuk-frontend";

createAll(Checkboxes);

// GOV.UK Frontend's "Exit this page", changed in one way: the browser *replaces* the current
// page with the neutral site (location.replace) instead of adding a new history entry, so that
// pressing Back does not bring this site straight back. Everything else (the button, Shift
// three times, the page blanked at once, the announcements) is GOV.UK Frontend's own code.
import { ExitThisPage } from "govuk-frontend";

export class ExitThisPageReplacingHistory extends ExitThisPage {
  static moduleName = "dhr-exit-this-page";

  exitPage() {
    if (!this.$updateSpan) {
      return;
    }
    this.$updateSpan.textContent = "";
    document.body.classList.add("govuk-exit-this-page-hide-content");
    this.$overlay = document.createElement("div");
    this.$overlay.className = "govuk-exit-this-page-overlay";
    this.$overlay.setAttribute("role", "alert");
    this.$overlay.textContent = this.i18n.t("activated");
    document.body.appendChild(this.$overlay);
    window.location.replace(this.$button.href);
  }
}

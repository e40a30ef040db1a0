// Progressive enhancements only: every page works without this file.
(function () {
  "use strict";
  // Confirm destructive actions that carry data-bevestig="…".
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var vraag = form.getAttribute && form.getAttribute("data-bevestig");
    if (vraag && !window.confirm(vraag)) {
      event.preventDefault();
    }
  });
})();

// A row that fails to save keeps what was typed: htmx swaps nothing on a network or server error,
// so the row only has to say so. A 422 is the row coming back with its validation errors.
(function () {
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status === 422) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  function note(event, hidden) {
    var form = event.detail.elt && event.detail.elt.closest && event.detail.elt.closest("form");
    var failed = form && form.querySelector(".save-failed");
    if (failed) { failed.hidden = hidden; }
    var saved = form && form.querySelector(".saved-note");
    if (saved && !hidden) { saved.remove(); }
  }
  document.body.addEventListener("htmx:beforeRequest", function (event) { note(event, true); });
  document.body.addEventListener("htmx:sendError", function (event) { note(event, false); });
  document.body.addEventListener("htmx:responseError", function (event) { note(event, false); });
})();

// A row that fails to save keeps what was typed: htmx swaps nothing on a network or server error,
// so the row only has to say so. A 422 is the row coming back with its validation errors.
(function () {
  document.body.addEventListener("htmx:beforeSwap", function (event) {
    if (event.detail.xhr.status === 422) {
      event.detail.shouldSwap = true;
      event.detail.isError = false;
    }
  });
  // The note of the request's own element: a row's save, or the loading of a row's member picker
  // or of an overdue row's form.
  function note(event, hidden) {
    var elt = event.detail.elt;
    if (!elt || !elt.closest) { return; }
    var saving = elt.tagName === "FORM";
    var box = saving ? elt : elt.closest(".row-people, .month-row");
    var failed = box && box.querySelector(saving ? ".save-failed" : ".load-failed");
    if (failed) { failed.hidden = hidden; }
    var saved = saving && elt.querySelector(".saved-note");
    if (saved && !hidden) { saved.remove(); }
  }
  document.body.addEventListener("htmx:beforeRequest", function (event) { note(event, true); });
  document.body.addEventListener("htmx:sendError", function (event) { note(event, false); });
  document.body.addEventListener("htmx:responseError", function (event) { note(event, false); });
  // The link that opened the picker is gone: keyboard focus goes to the first name instead.
  document.body.addEventListener("htmx:afterSettle", function (event) {
    var picker = event.detail.elt;
    if (picker && picker.classList && picker.classList.contains("row-people")) {
      var first = picker.querySelector("input[type=checkbox]");
      if (first) { first.focus(); }
    }
  });
})();

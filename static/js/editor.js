// Warn before leaving the editor while a form holds typing that has not been saved yet.
(function () {
  "use strict";
  var dirty = new Set();

  function trackedForm(target) {
    return target && target.closest ? target.closest("form.js-track-changes") : null;
  }

  document.addEventListener("input", function (event) {
    var form = trackedForm(event.target);
    if (form) { dirty.add(form); }
  });

  document.addEventListener("submit", function (event) {
    var button = event.submitter;
    if (button && button.dataset.confirm && !window.confirm(button.dataset.confirm)) {
      event.preventDefault();
      return;
    }
    dirty.delete(event.target);
  });

  // Forms the server sent back with what the user typed (an error, a conflict) are still unsaved.
  function markUnsaved() {
    dirty.forEach(function (form) { if (!form.isConnected) { dirty.delete(form); } });
    document.querySelectorAll("form.js-unsaved").forEach(function (form) { dirty.add(form); });
  }
  document.addEventListener("DOMContentLoaded", markUnsaved);
  document.addEventListener("htmx:afterSettle", markUnsaved);

  window.addEventListener("beforeunload", function (event) {
    if (dirty.size) {
      event.preventDefault();
      event.returnValue = "";
    }
  });
}());

// The editor: a block opens in place (htmx swaps it), saves itself a short pause after typing or
// when the cursor leaves it, and closes back into the document. Saves answer with out-of-band
// swaps only (status line, the block's error slot, its version), so nothing being typed in is
// ever replaced. Structural actions (add, move, delete) wait for pending saves, then post.
(function () {
  "use strict";
  var PAUSE = 800;
  var pending = new Set();     // block forms holding typing not yet sent
  var timers = new Map();
  var inflight = 0;

  function statusLine(text, state) {
    var line = document.getElementById("save-status");
    if (line) { line.innerHTML = ""; var span = document.createElement("span"); span.dataset.state = state; span.textContent = text; line.appendChild(span); }
  }

  function blockForm(element) {
    var form = element && element.form;
    return form && form.classList.contains("blk-form") ? form : null;
  }

  function send(form) {
    clearTimeout(timers.get(form));
    timers.delete(form);
    if (!pending.has(form) || !form.isConnected) { pending.delete(form); return; }
    pending.delete(form);
    htmx.trigger(form, "autosave");
  }

  function flush() { Array.from(pending).forEach(send); }

  function idle() {
    flush();
    return new Promise(function (resolve) {
      (function wait() { if (inflight === 0 && pending.size === 0) { resolve(); } else { setTimeout(wait, 50); } }());
    });
  }

  document.addEventListener("input", function (event) {
    var form = blockForm(event.target);
    if (!form) { return; }
    pending.add(form);
    clearTimeout(timers.get(form));
    timers.set(form, setTimeout(function () { send(form); }, PAUSE));
  });

  document.addEventListener("focusout", function (event) {
    var form = blockForm(event.target);
    if (form && pending.has(form)) { send(form); }
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    if (event.detail.elt.classList.contains("blk-form")) { inflight += 1; statusLine("Đang lưu…", "saving"); }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (!form.classList.contains("blk-form")) { return; }
    inflight -= 1;
    if (!event.detail.successful) {
      pending.add(form);  // kept, so leaving the page still warns and the next pause tries again
      statusLine("Chưa lưu được (mất kết nối?); sẽ thử lại khi bạn gõ tiếp.", "error");
    } else if (document.querySelector(".blk-error .alert")) {
      // Another block still holds what could not be saved: the one status line says so.
      statusLine("Chưa lưu được: xem phần được đánh dấu.", "error");
    }
  });

  function blockOf(element) { return element.closest(".blk"); }

  // `unlessUsed`: a block closed because another opened stays open if, by the time every save has
  // landed, the chair is back in it (correcting what its save refused, say).
  function close(block, unlessUsed) {
    if (!block || !block.classList.contains("blk-open")) { return Promise.resolve(); }
    return idle().then(function () {
      if (!block.isConnected || block.querySelector(".blk-error .alert")) { return; }
      if (unlessUsed && block.contains(document.activeElement)) { return; }
      return htmx.ajax("GET", window.location.pathname, {target: "#" + block.id, select: "#" + block.id, swap: "outerHTML"}).then(function () {
        // The cursor goes back to the block's link only when it was inside the block the swap just
        // removed (Escape, "Xong"); by the time a slow close answers, the chair may be typing in
        // another block, and that cursor stays where it is.
        var link = document.querySelector("#" + block.id + " .blk-edit");
        var focused = document.activeElement;
        if (link && (!focused || focused === document.body)) { link.focus({preventScroll: true}); }
      });
    });
  }

  // A block's link opens it in place (without JavaScript it leads to the block's own page); a
  // click anywhere else on a closed block does the same.
  document.addEventListener("click", function (event) {
    var edit = event.target.closest(".doc.editing .blk-edit");
    if (edit && !(event.ctrlKey || event.metaKey || event.shiftKey || event.button)) {
      event.preventDefault();
      htmx.ajax("GET", edit.getAttribute("href"), {source: edit, target: "#" + blockOf(edit).id, swap: "outerHTML"});
      return;
    }
    var block = event.target.closest(".doc.editing .blk:not(.blk-open)");
    if (block && !event.target.closest("a, button, form")) {
      var link = block.querySelector(".blk-edit");
      if (link) { link.click(); }
    }
    var done = event.target.closest("[data-close]");
    if (done) { close(blockOf(done)); }
  });

  // An opened block takes the cursor; other open blocks that hold nothing unsaved close. Only the
  // answer to opening a block (a GET): a save's answer, arriving while the chair types elsewhere,
  // swaps its status and error out of band and must not pull the cursor back to its block.
  document.addEventListener("htmx:afterSettle", function (event) {
    var verb = event.detail.requestConfig && event.detail.requestConfig.verb;
    if (verb && verb !== "get") { return; }
    var id = event.detail.target && event.detail.target.id;
    var block = id && document.getElementById(id);
    if (!block || !block.classList.contains("blk-open")) { return; }
    document.querySelectorAll(".blk-open").forEach(function (other) {
      if (other !== block) { close(other, true); }
    });
    var field = block.querySelector("textarea, input:not([type=hidden]), select");
    if (field) {
      field.focus();
      if (field.tagName === "TEXTAREA") { field.setSelectionRange(field.value.length, field.value.length); }
    }
  });

  document.addEventListener("keydown", function (event) {
    var block = event.target.closest && event.target.closest(".blk-open");
    if (!block) { return; }
    if (event.key === "Escape") { event.preventDefault(); close(block); }
    if (event.altKey && (event.key === "ArrowUp" || event.key === "ArrowDown")) {
      var button = block.querySelector("[data-action=" + (event.key === "ArrowUp" ? "up" : "down") + "]");
      if (button) { event.preventDefault(); button.click(); }
    }
  });

  // Add, move, delete: an ordinary post, once every save has landed.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.classList.contains("blk-form") || !form.closest(".blk-tools, .blk-add, .doc-actions")) { return; }
    var button = event.submitter;
    if (button && button.dataset.confirm && !form.dataset.confirmed && !window.confirm(button.dataset.confirm)) { event.preventDefault(); return; }
    if (pending.size || inflight) {
      event.preventDefault();
      form.dataset.confirmed = "1";
      idle().then(function () { form.requestSubmit(button); });
    }
  });

  window.addEventListener("beforeunload", function (event) {
    pending.forEach(function (form) { if (!form.isConnected) { pending.delete(form); } });
    if (pending.size || inflight) { event.preventDefault(); event.returnValue = ""; }
  });

  // After adding or moving, the page comes back with that block named in ?mo=: open it again.
  document.addEventListener("DOMContentLoaded", function () {
    var wanted = new URLSearchParams(window.location.search).get("mo");
    var link = wanted && document.querySelector("#" + CSS.escape(wanted) + " .blk-edit");
    if (link) { link.click(); }
  });
}());

// Added by `syllabus serve` to every HTML page it serves (never to `syllabus build` output).
// It listens on the server's event stream: a new generation reloads the page; a failed
// build shows its errors over the page until a build succeeds.
(function () {
  "use strict";
  var me = document.currentScript;
  var served = me ? me.getAttribute("data-syllabus-generation") : null;
  var overlay = null;

  function show(text) {
    if (!overlay) {
      overlay = document.createElement("div");
      overlay.id = "syllabus-error-overlay";
      overlay.setAttribute("role", "alertdialog");
      overlay.setAttribute("aria-label", "Build failed");
      overlay.style.cssText =
        "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:2rem;" +
        "background:rgba(20,20,24,.94);color:#f5f5f5;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace";
      var title = document.createElement("h2");
      title.textContent = "The build failed — the last good version is shown underneath";
      title.style.cssText = "margin:0 0 1rem;font:600 18px/1.3 system-ui,sans-serif;color:#ff8a80";
      var pre = document.createElement("pre");
      pre.style.cssText = "white-space:pre-wrap;margin:0";
      var hint = document.createElement("p");
      hint.textContent = "Fix the problem and save: this page reloads by itself.";
      hint.style.cssText = "font:14px system-ui,sans-serif;color:#bbb";
      overlay.appendChild(title);
      overlay.appendChild(pre);
      overlay.appendChild(hint);
      document.body.appendChild(overlay);
    }
    // textContent: the diagnostics are shown as text, never parsed as HTML.
    overlay.querySelector("pre").textContent = text;
  }

  function hide() {
    if (overlay) {
      overlay.remove();
      overlay = null;
    }
  }

  var source = new EventSource("/__syllabus/events");
  source.addEventListener("state", function (event) {
    var state = JSON.parse(event.data);
    if (served !== null && String(state.generation) !== served) {
      location.reload();
      return;
    }
    if (state.error) {
      show(state.error);
    } else {
      hide();
    }
  });
})();

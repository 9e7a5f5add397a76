// "Mark as done" on question pages. Shares its localStorage entry ("syllabus-progress",
// a JSON object {"topic/slug": true}) with the study plan's checkboxes, so ticking a
// question here ticks it on /plan/ and the other way round. Without JavaScript (or without
// storage) the button stays hidden.
(function () {
  "use strict";
  var KEY = "syllabus-progress";

  function read() {
    try {
      var value = JSON.parse(window.localStorage.getItem(KEY) || "{}");
      return value && typeof value === "object" && !Array.isArray(value) ? value : {};
    } catch (e) {
      return {};
    }
  }

  function write(progress) {
    try {
      window.localStorage.setItem(KEY, JSON.stringify(progress));
      return true;
    } catch (e) {
      return false;
    }
  }

  function show(button, done) {
    button.setAttribute("aria-pressed", done ? "true" : "false");
    button.textContent = done ? "Done ✓" : "Mark as done";
  }

  function init() {
    var buttons = document.querySelectorAll("button.mark-done[data-question]");
    if (!buttons.length || !write(read())) return;
    buttons.forEach(function (button) {
      var id = button.getAttribute("data-question");
      show(button, read()[id] === true);
      button.hidden = false;
      button.addEventListener("click", function () {
        var progress = read();
        var done = progress[id] !== true;
        if (done) progress[id] = true;
        else delete progress[id];
        write(progress);
        show(button, done);
      });
    });
    window.addEventListener("storage", function (e) {
      if (e.key !== KEY) return;
      var progress = read();
      buttons.forEach(function (b) { show(b, progress[b.getAttribute("data-question")] === true); });
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

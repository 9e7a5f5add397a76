// Progress on every page. Shares its localStorage entry ("syllabus-progress", a JSON object
// {"topic/slug": true}) with the study plan's checkboxes, so ticking a question here ticks it
// on /plan/ and the other way round. It drives the "Mark as done" buttons of question pages,
// the ✓ beside done questions in lists and the sidebar, and the done counts of topics.
// Without JavaScript (or without storage) none of it shows.
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

  function showButton(button, done) {
    button.setAttribute("aria-pressed", done ? "true" : "false");
    button.textContent = done ? "Done ✓" : "Mark as done";
  }

  /** Marks, counts and buttons from the stored progress. */
  function paint() {
    var progress = read();
    document.querySelectorAll("button.mark-done[data-question]").forEach(function (b) {
      showButton(b, progress[b.getAttribute("data-question")] === true);
    });
    document.querySelectorAll("li[data-question], .sidebar a[data-question]").forEach(function (item) {
      var done = progress[item.getAttribute("data-question")] === true;
      item.classList.toggle("is-done", done);
      var mark = item.querySelector(".done-mark");
      if (done && !mark) {
        mark = document.createElement("span");
        mark.className = "done-mark";
        mark.textContent = " ✓";
        var label = document.createElement("span");
        label.className = "visually-hidden";
        label.textContent = " (done)";
        mark.appendChild(label);
        (item.tagName === "A" ? item : item.querySelector("a") || item).appendChild(mark);
      } else if (!done && mark) {
        mark.remove();
      }
    });
    document.querySelectorAll("[data-topic][data-total]").forEach(function (box) {
      var prefix = box.getAttribute("data-topic") + "/";
      var total = Number(box.getAttribute("data-total")) || 0;
      var done = Object.keys(progress).filter(function (k) { return progress[k] === true && k.indexOf(prefix) === 0; }).length;
      done = Math.min(done, total);
      var bar = box.querySelector("progress");
      if (bar) bar.value = done;
      var count = box.classList.contains("progress-count") ? box : box.querySelector(".progress-count");
      if (count) count.textContent = done + " of " + total + " done";
      box.hidden = false;
    });
  }

  function init() {
    if (!write(read())) {
      // No storage: nothing to show or keep.
      document.querySelectorAll("button.mark-done, [data-topic][data-total]").forEach(function (e) { e.hidden = true; });
      return;
    }
    paint();
    var status = document.getElementById("site-status");
    document.querySelectorAll("button.mark-done[data-question]").forEach(function (button) {
      var id = button.getAttribute("data-question");
      button.hidden = false;
      button.addEventListener("click", function () {
        var progress = read();
        var done = progress[id] !== true;
        if (done) progress[id] = true;
        else delete progress[id];
        write(progress);
        paint();
        if (status) status.textContent = done ? "Marked as done" : "Marked as not done";
      });
    });
    window.addEventListener("storage", function (e) {
      if (e.key === KEY) paint();
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();

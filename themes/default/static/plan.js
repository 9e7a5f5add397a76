// The study plan page, enhanced. The page works without this file: it shows the guide's
// default plan, server-rendered. With it, the reader can pick a start date, minutes per
// day and days per week (switching between schedules the Rust scheduler computed at build
// time, in plan-data.js — nothing is scheduled here), download .ics and .csv files
// (byte-identical to `syllabus plan --format ics|csv` for the same choices), and tick off
// questions (saved in localStorage, shared with the question pages' "Mark as done").
//
// The calendar files and dates come from plan-files.js (loaded before this file).
(function () {
  "use strict";

  var PROGRESS_KEY = "syllabus-progress";
  var SETTINGS_KEY = "syllabus-plan";

  if (!window.syllabusPlanFiles) return;
  var files = window.syllabusPlanFiles;

  // ---- The page ----

  function readJson(key, fallback) {
    try {
      var value = JSON.parse(window.localStorage.getItem(key) || "null");
      return value && typeof value === "object" && !Array.isArray(value) ? value : fallback;
    } catch (e) {
      return fallback;
    }
  }

  function writeJson(key, value) {
    try {
      window.localStorage.setItem(key, JSON.stringify(value));
      return true;
    } catch (e) {
      return false;
    }
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      if (c !== null && c !== undefined) node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return node;
  }

  function badge(cls, text) {
    return el("span", { "class": "badge " + cls, text: text });
  }

  function checkbox(key, title) {
    return el("input", { type: "checkbox", "data-key": key, "aria-label": "Done: " + title });
  }

  function questionItem(q, minutes, kind) {
    return el("li", { "class": "plan-item " + kind }, [
      checkbox(q.id, q.title), " ",
      el("a", { href: q.href, text: q.title }), " ",
      el("span", { "class": "badges" }, [badge("kind", q.kind), " ", badge("difficulty-" + q.difficulty, q.difficulty), " ", badge("minutes", minutes + " min")])
    ]);
  }

  function renderWeeks(data, variant, start) {
    var dates = files.datesOf(data, variant, start);
    var container = document.getElementById("plan-weeks");
    var overview = document.getElementById("plan-overview");
    var weekBudget = variant.minutes_per_day * variant.study_days.length;
    var frag = document.createDocumentFragment();
    var ov = document.createDocumentFragment();
    var totalMinutes = 0, totalQuestions = 0;
    variant.weeks.forEach(function (week) {
      var phase = files.phaseTitle(variant, week);
      var count = 0;
      week.days.forEach(function (d) { d.items.forEach(function (i) { if (files.question(data, i.q)) count++; }); });
      totalMinutes += week.minutes;
      totalQuestions += count;
      var id = "week-" + week.week;
      var section = el("section", { "class": "plan-week", id: id, "aria-labelledby": id + "-title", "data-week": week.week });
      section.appendChild(el("header", { "class": "week-head" }, [
        el("h2", { id: id + "-title" }, ["Week " + week.week, phase ? el("span", { "class": "week-phase", text: " · " + phase }) : null]),
        el("p", { "class": "week-meta" }, [count + " questions · " + week.minutes + " minutes ", el("progress", { "class": "week-progress", max: String(count), value: "0" }),
        " ", el("span", { "class": "week-done", "aria-hidden": "true" })])
      ]));
      var days = el("ol", { "class": "plan-days" });
      week.days.forEach(function (day) {
        var date = files.dateAt(dates, week.week, day.day);
        var label = el("h3", { "class": "day-label" }, [dayLabel(day, date), el("span", { "class": "day-minutes", text: day.minutes + " min" })]);
        if (date !== null) label.setAttribute("data-date", files.formatDate(date));
        var items = el("ul", { "class": "plan-items" });
        day.items.forEach(function (item) {
          var q = files.question(data, item.q);
          if (q) {
            items.appendChild(questionItem(q, item.minutes, "question"));
            return;
          }
          var key = item.type === "review" ? "plan:review:" + week.week : "plan:practice:" + week.week + ":" + day.day;
          var li = el("li", { "class": "plan-item " + item.type }, [
            checkbox(key, item.title || ""), " ",
            el("span", { "class": "item-tag " + item.type, text: item.type }), " ",
            el("span", { "class": "item-title", text: item.title || "" }), " ",
            el("span", { "class": "badges" }, [badge("minutes", item.minutes + " min")])
          ]);
          var review = (item.questions || []).map(function (i) { return files.question(data, i); }).filter(Boolean);
          if (review.length) {
            li.appendChild(el("details", { "class": "review-list" }, [
              el("summary", { text: review.length + " questions to revisit" }),
              el("ul", {}, review.map(function (r) { return el("li", {}, [el("a", { href: r.href, text: r.title })]); }))
            ]));
          }
          items.appendChild(li);
        });
        days.appendChild(el("li", { "class": "plan-day" }, [label, items]));
      });
      section.appendChild(days);
      var p = week.phase === null || week.phase === undefined ? null : variant.phases[week.phase];
      if (p && p.last_week === week.week) {
        if (p.goals.length) {
          section.appendChild(el("div", { "class": "week-goals" }, [
            el("h3", { text: "Goals of this phase, due this week" }),
            el("ul", {}, p.goals.map(function (g) { return el("li", {}, [el("span", { "class": "box", "aria-hidden": "true" }), " " + g]); }))
          ]));
        }
        if (p.stretch.length) {
          section.appendChild(el("div", { "class": "week-stretch" }, [
            el("h3", { text: "Stretch: did not fit" }),
            el("ul", { "class": "plan-items" }, p.stretch.map(function (i) { var q = files.question(data, i); return q ? questionItem(q, q.minutes, "stretch") : null; }))
          ]));
        }
      }
      frag.appendChild(section);
      var load = weekBudget ? Math.min(100, Math.floor(week.minutes * 100 / weekBudget)) : 0;
      ov.appendChild(el("li", {}, [el("a", { href: "#" + id }, [
        el("span", { "class": "ov-week", text: "Week " + week.week }), " ",
        el("span", { "class": "ov-phase", text: phase }), " ",
        el("span", { "class": "ov-numbers", text: count + " questions · " + week.minutes + " min · " + load + "% of the week's time" })
      ])]));
    });
    container.replaceChildren(frag);
    overview.replaceChildren(ov);
    var stretch = variant.phases.reduce(function (n, p) { return n + p.stretch.length; }, 0);
    var totals = document.getElementById("plan-totals");
    if (totals) {
      totals.textContent = "In all: " + totalQuestions + " questions, " + totalMinutes + " minutes" +
        (stretch ? ", and " + stretch + " stretch questions that did not fit" : "") + ".";
    }
  }

  /** Ticks the boxes and fills the weeks' bars from `progress` (needs no plan data). */
  function showTicks(root, progress) {
    root.querySelectorAll("input[type=checkbox][data-key]").forEach(function (box) {
      box.checked = progress[box.getAttribute("data-key")] === true;
    });
    root.querySelectorAll(".plan-week").forEach(function (section) {
      var boxes = section.querySelectorAll(".plan-days .plan-item.question input[data-key]");
      var done = 0;
      boxes.forEach(function (b) { if (b.checked) done++; });
      var bar = section.querySelector(".week-progress");
      if (bar) {
        bar.hidden = false;
        bar.max = boxes.length || 1;
        bar.value = done;
        bar.textContent = done + " / " + boxes.length;
        bar.setAttribute("aria-label", "Week " + section.getAttribute("data-week") + ": " + done + " of " + boxes.length + " questions done");
        var count = section.querySelector(".week-done");
        if (count) count.textContent = done + " of " + boxes.length + " done";
      }
    });
  }

  /** The coming Monday by the reader's clock, YYYY-MM-DD. */
  function comingMondayText() {
    var now = new Date();
    return files.formatDate(files.comingMonday(files.daysFromCivil(now.getFullYear(), now.getMonth() + 1, now.getDate())));
  }

  /** A day's heading text, with the space before its minutes. */
  function dayLabel(day, date) {
    return (date === null ? "Day " + day.day : files.dateLabel(date)) + " ";
  }

  /**
   * Dates the days of the weeks on the page, which show `variant` already: only the day
   * headings change, so a new start date (and the coming Monday on load) costs 50 text
   * changes instead of rebuilding 2,000 elements.
   */
  function relabelDays(data, variant, start) {
    var dates = files.datesOf(data, variant, start);
    variant.weeks.forEach(function (week) {
      var section = document.getElementById("week-" + week.week);
      if (!section) return;
      var labels = section.querySelectorAll(".plan-days > .plan-day > .day-label");
      week.days.forEach(function (day, i) {
        var label = labels[i];
        if (!label || !label.firstChild || label.firstChild.nodeType !== 3) return;
        var date = files.dateAt(dates, week.week, day.day);
        label.firstChild.nodeValue = dayLabel(day, date);
        if (date === null) label.removeAttribute("data-date");
        else label.setAttribute("data-date", files.formatDate(date));
      });
    });
  }

  function download(name, type, text) {
    var blob = new Blob([text], { type: type });
    var url = URL.createObjectURL(blob);
    var a = el("a", { href: url, download: name });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
  }

  function init() {
    // The data: plan-data.js (loaded before this file) or, in themes that embed it, a
    // <script type="application/json" id="plan-data">.
    var root = document.getElementById("plan");
    var data = window.syllabusPlan;
    var dataNode = document.getElementById("plan-data");
    if (!data && dataNode) {
      try {
        data = JSON.parse(dataNode.textContent);
      } catch (e) {
        data = null;
      }
    }
    if (!data || !data.variants || !root) return;
    var controls = document.getElementById("plan-controls");
    var startInput = document.getElementById("plan-start");
    var minutesSelect = document.getElementById("plan-minutes");
    var daysSelect = document.getElementById("plan-days");
    var planSelect = document.getElementById("plan-choice");
    var timeInput = document.getElementById("plan-time");
    var reminderBox = document.getElementById("plan-reminder");
    var monday = comingMondayText();
    var status = document.getElementById("plan-status");
    var say = function (text) { if (status) status.textContent = text; };

    var saved = readJson(SETTINGS_KEY, {});
    var state = {
      key: data.variants[saved.variant] ? saved.variant : data.default_variant,
      start: typeof saved.start === "string" && files.parseDate(saved.start) !== null ? saved.start : (data.start || monday),
      time: typeof saved.time === "string" && /^\d\d:\d\d$/.test(saved.time) ? saved.time : data.session_time,
      reminder: saved.reminder !== false
    };
    timeInput.value = state.time;
    reminderBox.checked = state.reminder;
    // A variant key is "plan-id:minutes-days".
    function showKey(key) {
      var colon = key.lastIndexOf(":");
      var rest = key.slice(colon + 1);
      var dash = rest.indexOf("-");
      planSelect.value = key.slice(0, colon);
      minutesSelect.value = rest.slice(0, dash);
      daysSelect.value = rest.slice(dash + 1);
    }
    showKey(state.key);
    startInput.value = state.start;

    var progress = readJson(PROGRESS_KEY, {});

    function applyProgress() {
      showTicks(root, progress);
      var variant = data.variants[state.key];
      var topicBox = document.getElementById("topic-progress");
      if (topicBox && variant) {
        topicBox.hidden = false;
        topicBox.querySelectorAll("li[data-topic]").forEach(function (li) {
          var slug = li.getAttribute("data-topic");
          var total = 0, done = 0;
          variant.weeks.forEach(function (w) {
            w.days.forEach(function (d) {
              d.items.forEach(function (i) {
                var q = files.question(data, i.q);
                if (q && data.topics[q.topic] && data.topics[q.topic].slug === slug) {
                  total++;
                  if (progress[q.id] === true) done++;
                }
              });
            });
          });
          var bar = li.querySelector("progress");
          bar.max = total || 1;
          bar.value = done;
          li.querySelector(".tp-count").textContent = done + " / " + total;
        });
      }
    }

    function planOf(id) {
      return data.plans.filter(function (p) { return p.id === id; })[0] || data.plans[0];
    }

    // What the weeks on the page show: at first the server-rendered default plan.
    var shown = { key: data.default_variant, start: data.start || null };

    /** Applies the controls; the weeks are rebuilt only when the variant changes. */
    function update() {
      var key = planSelect.value + ":" + minutesSelect.value + "-" + daysSelect.value;
      // A choice this plan was not computed for falls back to the plan's own settings.
      if (!data.variants[key]) key = planOf(planSelect.value).default_variant;
      if (data.variants[key]) state.key = key;
      showKey(state.key);
      var start = startInput.value;
      // An emptied date field falls back to the coming Monday, so downloads always work.
      state.start = start && files.parseDate(start) !== null ? start : monday;
      if (!start) startInput.value = state.start;
      state.time = /^\d\d:\d\d$/.test(timeInput.value) ? timeInput.value : data.session_time;
      state.reminder = reminderBox.checked;
      writeJson(SETTINGS_KEY, { variant: state.key, start: state.start, time: state.time, reminder: state.reminder });
      var v = data.variants[state.key];
      var rerender = shown.key !== state.key;
      if (rerender) renderWeeks(data, v, files.parseDate(state.start));
      else if (shown.start !== state.start) relabelDays(data, v, files.parseDate(state.start));
      shown = { key: state.key, start: state.start };
      var minutesLabel = root.querySelector("[data-plan=minutes]");
      var daysLabel = root.querySelector("[data-plan=days]");
      if (minutesLabel) minutesLabel.textContent = v.minutes_per_day;
      if (daysLabel) daysLabel.textContent = daysSelect.options[daysSelect.selectedIndex].text;
      var chosen = planOf(v.plan);
      [["weeks", chosen.weeks], ["review", chosen.review_minutes], ["title", chosen.title]].forEach(function (pair) {
        var node = root.querySelector("[data-plan=" + pair[0] + "]");
        if (node) node.textContent = pair[1];
      });
      var phases = document.getElementById("plan-phases");
      if (phases && rerender) {
        phases.replaceChildren.apply(phases, v.phases.map(function (p) {
          var weeks = p.first_week === p.last_week ? "week " + p.first_week : "weeks " + p.first_week + "–" + p.last_week;
          return el("li", {}, [el("strong", { text: p.title }), " ", el("span", { "class": "muted", text: "(" + weeks + ")" })]);
        }));
      }
      applyProgress();
    }

    root.addEventListener("change", function (e) {
      var t = e.target;
      if (t.matches && t.matches("input[type=checkbox][data-key]")) {
        var key = t.getAttribute("data-key");
        if (t.checked) progress[key] = true;
        else delete progress[key];
        writeJson(PROGRESS_KEY, progress);
        applyProgress();
      }
    });
    [planSelect, startInput, minutesSelect, daysSelect, timeInput, reminderBox].forEach(function (input) {
      input.addEventListener("change", update);
    });
    window.addEventListener("storage", function (e) {
      if (e.key === PROGRESS_KEY) {
        progress = readJson(PROGRESS_KEY, {});
        applyProgress();
      }
    });
    document.getElementById("plan-ics").addEventListener("click", function () {
      var text = files.ics(data, state.key, state.start, { time: state.time, reminder: state.reminder ? 10 : null });
      if (text === null) return;
      download("study-plan.ics", "text/calendar;charset=utf-8", text);
      say("Downloaded study-plan.ics (from " + state.start + " at " + state.time + (state.reminder ? ", reminders 10 minutes before" : ", no reminders") + ") — import it into your calendar app.");
    });
    document.getElementById("plan-csv").addEventListener("click", function () {
      download("study-plan.csv", "text/csv;charset=utf-8", files.csv(data, state.key, state.start, progress));
      say("Downloaded study-plan.csv.");
    });
    document.getElementById("plan-print").addEventListener("click", function () { window.print(); });
    document.getElementById("progress-export").addEventListener("click", function () {
      download("syllabus-progress.json", "application/json", JSON.stringify(progress, Object.keys(progress).sort(), 2) + "\n");
      say("Saved " + Object.keys(progress).length + " ticks to syllabus-progress.json.");
    });
    document.getElementById("progress-import").addEventListener("change", function (e) {
      var file = e.target.files && e.target.files[0];
      if (!file) return;
      file.text().then(function (text) {
        var value = JSON.parse(text);
        if (!value || typeof value !== "object" || Array.isArray(value)) throw new Error("not an object");
        var added = 0;
        Object.keys(value).forEach(function (k) {
          if (value[k] === true && !progress[k]) { progress[k] = true; added++; }
        });
        writeJson(PROGRESS_KEY, progress);
        applyProgress();
        say("Imported " + added + " new ticks.");
      }).catch(function () {
        say("That file is not a progress export (a JSON object like {\"topic/question\": true}).");
      });
      e.target.value = "";
    });

    controls.hidden = false;
    root.classList.add("enhanced");
    update();
  }

  /**
   * The page shows the default plan without data; the ticks need none either. The data
   * (plan-data.js, 275 KB: every variant) loads after the first paint, so that it neither
   * delays the paint nor shares the network with the page's styles.
   */
  function start() {
    var root = document.getElementById("plan");
    if (!root) return;
    showTicks(root, readJson(PROGRESS_KEY, {}));
    // The start date the data will confirm, so that the field is not empty meanwhile.
    var startInput = document.getElementById("plan-start");
    var saved = readJson(SETTINGS_KEY, {});
    if (startInput && !startInput.value) {
      startInput.value = typeof saved.start === "string" && files.parseDate(saved.start) !== null ? saved.start : comingMondayText();
    }
    var src = root.getAttribute("data-src");
    if (window.syllabusPlan || !src) return init();
    var load = function () {
      var script = document.createElement("script");
      script.src = src;
      script.onload = init;
      // Without its data the page stays as it reads without JavaScript.
      script.onerror = function () {
        root.classList.add("no-data");
        document.getElementById("plan-controls").hidden = true;
      };
      document.head.appendChild(script);
    };
    window.requestAnimationFrame(function () { setTimeout(load, 0); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

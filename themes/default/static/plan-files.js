// The study plan's calendar files, written in the browser: .ics and .csv byte-identical to
// `syllabus plan --format ics|csv` for the same choices (src/plan/ics.rs, csv.rs, date.rs).
// plan.js uses it on the /plan/ page (as window.syllabusPlanFiles); tests/plan.rs loads it
// under node and compares its output with the Rust writers byte for byte.
(function (global) {
  "use strict";
  var WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
  var WEEKDAY_LABELS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
  var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  // ---- Dates: days since 1970-01-01, as src/plan/date.rs (Hinnant's algorithms). ----

  function floorDiv(a, b) { return Math.floor(a / b); }

  function daysFromCivil(y, m, d) {
    y -= m <= 2 ? 1 : 0;
    var era = floorDiv(y, 400);
    var yoe = y - era * 400;
    var doy = floorDiv(153 * (m > 2 ? m - 3 : m + 9) + 2, 5) + d - 1;
    var doe = yoe * 365 + floorDiv(yoe, 4) - floorDiv(yoe, 100) + doy;
    return era * 146097 + doe - 719468;
  }

  function civilFromDays(z) {
    z += 719468;
    var era = floorDiv(z, 146097);
    var doe = z - era * 146097;
    var yoe = floorDiv(doe - floorDiv(doe, 1460) + floorDiv(doe, 36524) - floorDiv(doe, 146096), 365);
    var doy = doe - (365 * yoe + floorDiv(yoe, 4) - floorDiv(yoe, 100));
    var mp = floorDiv(5 * doy + 2, 153);
    var d = doy - floorDiv(153 * mp + 2, 5) + 1;
    var m = mp < 10 ? mp + 3 : mp - 9;
    return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
  }

  function pad(n, width) {
    var s = String(n);
    while (s.length < width) s = "0" + s;
    return s;
  }

  /** "2025-01-06" → days, or null when it is not a real date. */
  function parseDate(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
    if (!m) return null;
    var y = +m[1], mo = +m[2], d = +m[3];
    if (y < 1 || mo < 1 || mo > 12 || d < 1) return null;
    var days = daysFromCivil(y, mo, d);
    var back = civilFromDays(days);
    return back[1] === mo && back[2] === d ? days : null;
  }

  function formatDate(days) {
    var c = civilFromDays(days);
    return pad(c[0], 4) + "-" + pad(c[1], 2) + "-" + pad(c[2], 2);
  }

  function compactDate(days) {
    return formatDate(days).replace(/-/g, "");
  }

  /** 0 = Monday … 6 = Sunday. */
  function weekdayIndex(days) {
    return ((days + 3) % 7 + 7) % 7;
  }

  /** "Mon 6 Jan", as src/plan/page.rs writes it. */
  function dateLabel(days) {
    var c = civilFromDays(days);
    return WEEKDAY_LABELS[weekdayIndex(days)] + " " + c[2] + " " + MONTHS[c[1] - 1];
  }

  /** The dates of each week's study days: 7-day blocks from the start, study weekdays only. */
  function studyDates(start, studyDays, weeks) {
    var out = [];
    for (var w = 0; w < weeks; w++) {
      var week = [];
      for (var d = 0; d < 7; d++) {
        var day = start + w * 7 + d;
        if (studyDays.indexOf(WEEKDAYS[weekdayIndex(day)]) >= 0) week.push(day);
      }
      out.push(week);
    }
    return out;
  }

  // ---- Shared by the writers ----

  function utf8Length(codePoint) {
    return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
  }

  function utf8Bytes(text) {
    var out = [];
    for (var ch of text) {
      var c = ch.codePointAt(0);
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
      else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
      else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    }
    return out;
  }

  /** 64-bit FNV-1a of the UTF-8 bytes, as 16 hex digits. */
  function fnv1a64(text) {
    var hash = 0xcbf29ce484222325n;
    var mask = 0xffffffffffffffffn;
    utf8Bytes(text).forEach(function (b) {
      hash ^= BigInt(b);
      hash = (hash * 0x100000001b3n) & mask;
    });
    return pad(hash.toString(16), 16);
  }

  function question(data, index) {
    return index === undefined || index === null ? null : data.questions[index] || null;
  }

  function phaseTitle(variant, week) {
    var p = week.phase === null || week.phase === undefined ? null : variant.phases[week.phase];
    return p ? p.title : "";
  }

  function datesOf(data, variant, start) {
    return start === null || start === undefined ? null : studyDates(start, variant.study_days, variant.weeks.length);
  }

  function dateAt(dates, week, day) {
    if (!dates || !dates[week - 1]) return null;
    var d = dates[week - 1][day - 1];
    return d === undefined ? null : d;
  }

  // ---- iCalendar, as src/plan/ics.rs ----

  function escapeText(text) {
    var out = "";
    for (var ch of text) {
      if (ch === "\\") out += "\\\\";
      else if (ch === ";") out += "\\;";
      else if (ch === ",") out += "\\,";
      else if (ch === "\n") out += "\\n";
      else if (ch !== "\r") out += ch;
    }
    return out;
  }

  function fold(line) {
    var out = "";
    var width = 0;
    for (var ch of line) {
      var len = utf8Length(ch.codePointAt(0));
      if (width + len > 75) {
        out += "\r\n ";
        width = 1;
      }
      out += ch;
      width += len;
    }
    return out;
  }

  function summary(data, week, day) {
    var titles = [];
    day.items.forEach(function (i) {
      var q = question(data, i.q);
      if (q) titles.push(q.title);
    });
    var has = function (kind) { return day.items.some(function (i) { return i.type === kind; }); };
    var what;
    if (titles.length) what = titles.join(", ");
    else if (has("review") && has("practice")) what = "Practice and weekly review";
    else if (has("review")) what = "Weekly review";
    else what = "Practice";
    return "Week " + week + " · Day " + day.day + " — " + what;
  }

  function description(data, variant, week, day) {
    var lines = [];
    var phase = phaseTitle(variant, week);
    if (phase) lines.push("Phase: " + phase);
    day.items.forEach(function (item) {
      var title = item.title || "";
      var q = question(data, item.q);
      if (item.type === "question" && q) {
        lines.push("- " + q.title + " (" + q.kind + " · " + q.difficulty + " · " + item.minutes + " min) " + q.url);
      } else if (item.type === "review") {
        var titles = (item.questions || []).map(function (i) { return question(data, i); }).filter(Boolean).map(function (x) { return x.title; });
        lines.push("- " + title + " (" + item.minutes + " min)" + (titles.length ? ": " + titles.join("; ") : ""));
      } else {
        lines.push("- Practice (" + item.minutes + " min): " + title);
      }
    });
    return lines.join("\n");
  }

  /** The coming Monday from `today` (days): today itself when it is a Monday. */
  function comingMonday(today) {
    return today + (7 - weekdayIndex(today)) % 7;
  }

  /**
   * The .ics file of variant `key` starting on `startText` (YYYY-MM-DD). `options`:
   * `time` ("HH:MM", default the guide's session time) and `reminder` (minutes before each
   * event, default 10; null or 0 for none), as src/plan/ics.rs's Options.
   */
  function ics(data, key, startText, options) {
    options = options || {};
    var reminder = options.reminder === undefined ? 10 : options.reminder;
    var timeText = /^([01]\d|2[0-3]):[0-5]\d$/.test(options.time || "") ? options.time : data.session_time;
    var variant = data.variants[key];
    var start = parseDate(startText);
    if (!variant || start === null) return null;
    var lines = [
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//syllabus//Study plan//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "X-WR-CALNAME:" + escapeText(data.calendar_name)
    ];
    var dates = datesOf(data, variant, start);
    var time = timeText.replace(":", "");
    var days = variant.study_days.join(",");
    variant.weeks.forEach(function (week) {
      week.days.forEach(function (day) {
        var date = dateAt(dates, week.week, day.day);
        if (date === null || day.minutes === 0) return;
        var seed = [data.base_url, variant.plan, formatDate(start), variant.minutes_per_day, days, week.week, day.day].join("|");
        lines.push("BEGIN:VEVENT");
        lines.push("UID:" + fnv1a64(seed) + "-w" + week.week + "d" + day.day + "@syllabus");
        lines.push("DTSTAMP:" + compactDate(start) + "T000000Z");
        lines.push("DTSTART:" + compactDate(date) + "T" + time + "00");
        lines.push("DURATION:PT" + day.minutes + "M");
        var title = escapeText(summary(data, week.week, day));
        lines.push("SUMMARY:" + title);
        lines.push("DESCRIPTION:" + escapeText(description(data, variant, week, day)));
        if (reminder) {
          lines.push("BEGIN:VALARM", "ACTION:DISPLAY", "DESCRIPTION:" + title, "TRIGGER:-PT" + reminder + "M", "END:VALARM");
        }
        lines.push("END:VEVENT");
      });
    });
    lines.push("END:VCALENDAR");
    return lines.map(function (l) { return fold(l) + "\r\n"; }).join("");
  }

  // ---- CSV, as src/plan/csv.rs ----

  /** A cell: formulas neutralised with a leading ' (OWASP), quoted when it must be. */
  function csvField(value) {
    value = String(value);
    if (/^[=+\-@\t\r]/.test(value)) value = "'" + value;
    return /[,"\n\r]/.test(value) ? '"' + value.replace(/"/g, '""') + '"' : value;
  }

  /** The CSV of variant `key`; `progress` ({key: true}) fills the "done" column. */
  function csv(data, key, startText, progress) {
    var variant = data.variants[key];
    if (!variant) return null;
    progress = progress || {};
    var done = function (k) { return progress[k] === true ? "yes" : "no"; };
    var start = startText ? parseDate(startText) : null;
    var out = "\ufeff";
    var row = function (fields) { out += fields.map(csvField).join(",") + "\r\n"; };
    row(["date", "week", "day", "phase", "topic", "item", "kind", "difficulty", "minutes", "url", "done"]);
    var dates = datesOf(data, variant, start);
    var topicTitle = function (q) { var t = data.topics[q.topic]; return t ? t.title : ""; };
    variant.weeks.forEach(function (week) {
      var phase = phaseTitle(variant, week);
      week.days.forEach(function (day) {
        var date = dateAt(dates, week.week, day.day);
        var dateText = date === null ? "" : formatDate(date);
        day.items.forEach(function (item) {
          var q = question(data, item.q);
          var k = q ? q.id : item.type === "review" ? "plan:review:" + week.week : "plan:practice:" + week.week + ":" + day.day;
          var rest = q
            ? [topicTitle(q), q.title, q.kind, q.difficulty, item.minutes, q.url, done(k)]
            : ["", item.title || "", item.type, "", item.minutes, "", done(k)];
          row([dateText, week.week, day.day, phase].concat(rest));
        });
      });
    });
    variant.phases.forEach(function (phase) {
      phase.stretch.forEach(function (i) {
        var q = question(data, i);
        if (q) row(["", phase.last_week, "", phase.title, topicTitle(q), q.title, "stretch", q.difficulty, q.minutes, q.url, done(q.id)]);
      });
    });
    return out;
  }

  var api = {
    comingMonday: comingMonday, parseDate: parseDate, formatDate: formatDate, dateLabel: dateLabel, studyDates: studyDates, fnv1a64: fnv1a64, fold: fold, escapeText: escapeText, ics: ics, csv: csv, daysFromCivil: daysFromCivil, question: question, phaseTitle: phaseTitle, datesOf: datesOf, dateAt: dateAt };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else global.syllabusPlanFiles = api;
})(typeof window !== "undefined" ? window : globalThis);

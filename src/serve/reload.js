// Added by `syllabus serve` to every HTML page it serves (never to `syllabus build` output).
// It listens on the server's event stream. A new generation updates the page: when only
// pages changed, the new HTML is fetched and what differs is patched into the open page
// (no reload: no flash, the scroll position and the page's state stay); anything else
// reloads it. A failed build shows its errors over the page until a build succeeds.
//
// The patch never touches what the page's scripts made or hold: it compares the HTML the
// page was served with and the new HTML, and replaces only nodes that are in the open page
// exactly as served, and that hold nothing a script sets up or looks up (code blocks,
// headings and other elements with an id, forms, scripts, details). Any other change, or
// any doubt, is a plain reload. A page with an element marked `data-syllabus-reload` (say,
// a script of a fork's theme that works on the text) always reloads; after a patch the
// document gets a `syllabus:patched` event.
(function () {
  "use strict";
  var me = document.currentScript;
  var served = me ? me.getAttribute("data-syllabus-generation") : null;
  var overlay = null;
  // The page as served (a parsed copy), to compare the new HTML with.
  var servedDoc = null;
  // The newest generation the server announced, and whether any announcement since this
  // page loaded said that files other than pages changed (then only a reload will do).
  var latest = null;
  var filesChanged = false;
  var busy = false;

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
      hint.textContent = "Fix the problem and save: this page updates by itself.";
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

  // The page's HTML as the server sends it now, parsed; null unless it is a page (200).
  function fetchPage() {
    return fetch(location.href, { cache: "no-store" }).then(function (response) {
      if (!response.ok || !/text\/html/.test(response.headers.get("Content-Type") || "")) return null;
      return response.text().then(function (text) {
        return new DOMParser().parseFromString(text, "text/html");
      });
    });
  }

  function generationOf(doc) {
    var script = doc.querySelector("script[data-syllabus-generation]");
    return script ? script.getAttribute("data-syllabus-generation") : null;
  }

  // Elements a script may set up or look up: never replaced by a patch.
  var KEEP = "script,style,link,pre,form,input,button,select,textarea,details,summary,dialog," +
    "iframe,object,embed,video,audio,canvas,template,h1,h2,h3,h4,h5,h6,[id]";

  function replaceable(node) {
    if (node.nodeType === 3 || node.nodeType === 8) return true;
    if (node.nodeType !== 1) return false;
    return !node.matches(KEEP) && !node.querySelector(KEEP);
  }

  function sameAttributes(a, b) {
    if (a.attributes.length !== b.attributes.length) return false;
    for (var i = 0; i < a.attributes.length; i++) {
      var attr = a.attributes[i];
      if (b.getAttribute(attr.name) !== attr.value) return false;
    }
    return true;
  }

  // The changes that turn `live` (served as `old`) into `next`, as functions to run; null
  // when they cannot be made safely.
  function changes(live, old, next) {
    if (old.isEqualNode(next)) return [];
    var a = old.childNodes, b = next.childNodes, l = live.childNodes;
    if (old.nodeType !== 1 || next.nodeType !== 1 || live.nodeType !== 1) return null;
    if (old.tagName !== next.tagName || live.tagName !== old.tagName || !sameAttributes(old, next)) return null;
    // Scripts may have added or removed nodes here: then positions cannot be matched.
    if (l.length !== a.length) return null;
    var start = 0;
    while (start < a.length && start < b.length && a[start].isEqualNode(b[start])) start++;
    var endA = a.length, endB = b.length;
    while (endA > start && endB > start && a[endA - 1].isEqualNode(b[endB - 1])) {
      endA--;
      endB--;
    }
    // As many nodes as before (one paragraph edited, or the head's description and the
    // body's text): look inside each pair that differs, or replace it alone.
    if (endA - start === endB - start) {
      var inner = [];
      for (var k = start; k < endA && inner; k++) {
        var more = a[k].isEqualNode(b[k]) ? [] : changes(l[k], a[k], b[k]) || replacing(live, a, b, k, k + 1, k + 1);
        inner = more ? inner.concat(more) : null;
      }
      if (inner) return inner;
    }
    return replacing(live, a, b, start, endA, endB);
  }

  // The change that puts `b[start, endB)` in place of the open page's nodes `[start, endA)`
  // under `live`, whose nodes match the served `a`; null unless they can be replaced.
  function replacing(live, a, b, start, endA, endB) {
    var l = live.childNodes;
    for (var i = start; i < endA; i++) {
      if (!l[i].isEqualNode(a[i]) || !replaceable(a[i])) return null;
    }
    for (var j = start; j < endB; j++) {
      if (!replaceable(b[j])) return null;
    }
    var gone = Array.prototype.slice.call(l, start, endA);
    var before = l[endA] || null;
    var added = Array.prototype.slice.call(b, start, endB);
    return [function () {
      added.forEach(function (node) {
        live.insertBefore(document.importNode(node, true), before);
      });
      gone.forEach(function (node) {
        node.remove();
      });
    }];
  }

  // Patches the open page to `next`; false when it cannot.
  function patch(next) {
    if (!servedDoc || !next) return false;
    // The reload script differs by its generation only; compare pages without it.
    var mine = next.querySelector("script[data-syllabus-generation]");
    var gen = mine && mine.getAttribute("data-syllabus-generation");
    if (mine) mine.setAttribute("data-syllabus-generation", served);
    var todo = changes(document.documentElement, servedDoc.documentElement, next.documentElement);
    if (mine) mine.setAttribute("data-syllabus-generation", gen);
    if (!todo) return false;
    todo.forEach(function (run) {
      run();
    });
    servedDoc = next;
    served = gen;
    document.dispatchEvent(new CustomEvent("syllabus:patched"));
    return true;
  }

  function update() {
    if (busy || latest === null) return;
    if (filesChanged) {
      location.reload();
      return;
    }
    if (latest === served) return;
    if (!servedDoc || document.querySelector("[data-syllabus-reload]")) {
      location.reload();
      return;
    }
    busy = true;
    fetchPage()
      .then(function (next) {
        busy = false;
        if (!next || generationOf(next) === null) return location.reload();
        if (!patch(next)) return location.reload();
        update();
      })
      .catch(function () {
        location.reload();
      });
  }

  var MAX_PATCHED_BYTES = 2000000;

  // A copy of the page as served, once it is loaded (so that it does not compete with the
  // page's own requests). Kept only if it is the generation this page was served from.
  function keepServed() {
    // Not for the print views of a large guide (tens of MB): those reload.
    var nav = performance.getEntriesByType ? performance.getEntriesByType("navigation")[0] : null;
    if (nav && nav.decodedBodySize > MAX_PATCHED_BYTES) return;
    fetchPage()
      .then(function (doc) {
        if (doc && generationOf(doc) === served && servedDoc === null) servedDoc = doc;
      })
      .catch(function () {});
  }
  if (document.readyState === "complete") keepServed();
  else window.addEventListener("load", keepServed);

  var source = new EventSource("/__syllabus/events");
  source.addEventListener("state", function (event) {
    var state = JSON.parse(event.data);
    if (served !== null && String(state.generation) !== served) {
      latest = String(state.generation);
      filesChanged = filesChanged || state.files !== false || !!state.error;
      hide();
      update();
      return;
    }
    if (state.error) {
      show(state.error);
    } else {
      hide();
    }
  });
})();

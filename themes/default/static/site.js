// Small enhancements shared by every page. The site works without this file.
(function () {
  "use strict";
  var doc = document.documentElement;
  var status = function (text) {
    var el = document.getElementById("site-status");
    if (!el) return;
    el.textContent = "";
    setTimeout(function () { el.textContent = text; }, 30);
  };

  // Open collapsed sections that hold the target of a link (#anchor), so the link lands.
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) return;
    var el = document.getElementById(id);
    for (var node = el; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
    }
  }
  window.addEventListener("hashchange", openTarget);

  // Printing shows everything: open every collapsed section, and close them again after.
  var opened = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (d) { d.open = true; opened.push(d); });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; });
    opened = [];
  });

  // Phone menu: one disclosure button for the site navigation and the topic's questions.
  function setupMenu() {
    var button = document.querySelector(".menu-toggle");
    if (!button) return;
    button.hidden = false;
    var topicMenu = document.getElementById("topic-menu");
    if (topicMenu) button.setAttribute("aria-controls", "site-menu topic-menu");
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", open ? "true" : "false");
      doc.classList.toggle("menu-open", open);
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Escape" && doc.classList.contains("menu-open")) {
        doc.classList.remove("menu-open");
        button.setAttribute("aria-expanded", "false");
        button.focus();
      }
    });
  }

  // Light / dark / system, remembered; the inline script in <head> applies it before paint.
  var THEMES = ["system", "light", "dark"];
  function applyTheme(theme) {
    if (theme === "system") doc.removeAttribute("data-theme");
    else doc.setAttribute("data-theme", theme);
    document.querySelectorAll("link[data-theme-css]").forEach(function (l) {
      var light = l.getAttribute("data-theme-css") === "light";
      if (theme === "system") l.media = light ? "(prefers-color-scheme: light), print" : "screen and (prefers-color-scheme: dark)";
      else if (light) l.media = theme === "light" ? "all" : "print";
      else l.media = theme === "dark" ? "screen" : "not all";
    });
  }
  function setupTheme() {
    var button = document.querySelector("[data-theme-toggle]");
    if (!button) return;
    var label = button.querySelector("[data-theme-label]");
    var current = "system";
    try { current = localStorage.getItem("syllabus-theme") || "system"; } catch (e) { /* no storage */ }
    if (THEMES.indexOf(current) < 0) current = "system";
    function show() {
      label.textContent = current;
      button.title = "Colour theme: " + current + " (click to change)";
    }
    show();
    button.hidden = false;
    button.addEventListener("click", function () {
      current = THEMES[(THEMES.indexOf(current) + 1) % THEMES.length];
      try {
        if (current === "system") localStorage.removeItem("syllabus-theme");
        else localStorage.setItem("syllabus-theme", current);
      } catch (e) { /* the choice lasts for this page only */ }
      applyTheme(current);
      show();
      status("Theme: " + current);
    });
  }

  // A copy button on every code block.
  function setupCopy() {
    if (!navigator.clipboard && !document.queryCommandSupported) return;
    document.querySelectorAll("pre").forEach(function (pre) {
      if (pre.parentElement.classList.contains("code-block")) return;
      var wrap = document.createElement("div");
      wrap.className = "code-block";
      pre.parentNode.insertBefore(wrap, pre);
      wrap.appendChild(pre);
      var button = document.createElement("button");
      button.type = "button";
      button.className = "copy-button";
      button.textContent = "Copy";
      button.setAttribute("aria-label", "Copy code");
      wrap.appendChild(button);
      button.addEventListener("click", function () {
        var text = pre.innerText.replace(/\n$/, "");
        var done = function () {
          button.textContent = "Copied";
          status("Copied");
          setTimeout(function () { button.textContent = "Copy"; }, 1500);
        };
        if (navigator.clipboard && navigator.clipboard.writeText) {
          navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text) && done(); });
        } else if (fallbackCopy(text)) {
          done();
        }
      });
    });
  }
  function fallbackCopy(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    area.remove();
    return ok;
  }

  // Table of contents: collapsed on narrow screens, and it marks the section being read.
  function setupToc() {
    var toc = document.querySelector(".toc details");
    if (!toc) return;
    if (window.matchMedia("(max-width: 79.99rem)").matches) toc.open = false;
    var links = Array.prototype.slice.call(toc.querySelectorAll("a[href^='#']"));
    var targets = links.map(function (a) { return document.getElementById(decodeURIComponent(a.hash.slice(1))); });
    links.forEach(function (a) {
      a.addEventListener("click", function () {
        if (window.matchMedia("(max-width: 79.99rem)").matches) toc.open = false;
      });
    });
    if (!("IntersectionObserver" in window)) return;
    var visible = {};
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) { visible[e.target.id] = e.isIntersecting; });
      var current = -1;
      for (var i = 0; i < targets.length; i++) {
        if (targets[i] && visible[targets[i].id]) { current = i; break; }
      }
      if (current < 0) return;
      links.forEach(function (a, i) {
        if (i === current) a.setAttribute("aria-current", "location");
        else a.removeAttribute("aria-current");
      });
    }, { rootMargin: "-80px 0px -60% 0px" });
    targets.forEach(function (t) { if (t) observer.observe(t); });
  }

  // search.js (the index client) loads only when search is first used.
  function setupSearchLoader() {
    var input = document.getElementById("search-input");
    var form = document.querySelector("form.search[data-root]");
    if (!input || !form || document.querySelector("script[data-search-js], script[src$='static/search.js']")) return;
    var loading = false;
    // The index's manifest loads beside search.js rather than after it: one wait fewer
    // before the first result. Index files call syllabusSearch(kind, key, data); the ones
    // that come before search.js wait in `early`, which search.js takes over.
    function load() {
      if (loading) return;
      loading = true;
      var root = form.getAttribute("data-root") || "";
      if (!window.syllabusSearch) {
        var early = [];
        window.syllabusSearch = function (kind, key, data) { early.push([kind, key, data]); };
        window.syllabusSearch.early = early;
        window.syllabusSearch.preloaded = { "search/manifest.js": script(root + "search/manifest.js") };
      }
      script(root + "static/search.js").setAttribute("data-search-js", "");
    }
    function script(src) {
      var s = document.createElement("script");
      s.src = src;
      s.done = new Promise(function (resolve, reject) {
        s.onload = resolve;
        s.onerror = function () { reject(new Error("cannot load " + src)); };
      });
      document.head.appendChild(s);
      return s;
    }
    input.addEventListener("focus", load);
    input.addEventListener("pointerenter", load);
    input.addEventListener("keydown", load);
    document.addEventListener("keydown", function (e) {
      if (e.key === "/" || ((e.key === "k" || e.key === "K") && (e.ctrlKey || e.metaKey))) {
        var t = e.target;
        if (e.key === "/" && t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
        e.preventDefault();
        input.focus();
        input.select();
      }
    });
  }

  function setupPrintButtons() {
    document.querySelectorAll("[data-print]").forEach(function (b) {
      b.addEventListener("click", function () { window.print(); });
    });
  }

  function start() {
    openTarget();
    setupMenu();
    setupTheme();
    setupCopy();
    setupToc();
    setupSearchLoader();
    setupPrintButtons();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

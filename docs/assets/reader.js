// The reader's tools, for every engine (plain DOM, no theme API). Text from the page goes into
// the DOM with textContent only, never innerHTML, so no definition or title can become markup.
//  - term tooltips on touch: a tap shows the definition in place, with a link to the term page
//    (hover and keyboard focus show it through CSS);
//  - the edition switcher keeps the place: the paragraph anchor is carried to the other edition;
//  - every paragraph's ¶ offers "copy link" and "cite this passage" (plain, BibTeX, CSL-JSON, RIS);
//  - citation blocks get copy buttons; the access date is today's; a permalink is the published
//    address (site_url), or this address when it is not a local one.
(function () {
  "use strict";
  var zh = (document.documentElement.lang || "").slice(0, 2) === "zh";
  var hant = /hant|tw|hk/i.test(document.documentElement.lang || "");
  var T = zh ? {
    copyLink: "复制链接", cite: "引用本段", copy: "复制", copied: "已复制", close: "关闭",
    open: "查看术语页", section: "节", accessed: "访问日期", local: "（发布后的网址）",
  } : {
    copyLink: "Copy link", cite: "Cite this passage", copy: "Copy", copied: "Copied", close: "Close",
    open: "Open the term page", section: "section", accessed: "Accessed", local: " (address on the published site)",
  };
  if (hant) { T.copyLink = "複製連結"; T.cite = "引用本段"; T.copy = "複製"; T.copied = "已複製"; T.close = "關閉"; T.open = "查看術語頁"; T.accessed = "訪問日期"; T.local = "（發佈後的網址）"; }

  var pad = function (n) { return (n < 10 ? "0" : "") + n; };
  var now = new Date();
  var today = now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  var isLocal = /^(localhost|127\.|0\.0\.0\.0|\[::1\])/.test(location.hostname) || location.protocol === "file:";
  var meta = function (name) {
    var el = document.querySelector('meta[name="' + name + '"]');
    return el ? el.getAttribute("content") : "";
  };
  // The page's published address: site_url when configured, else this address unless local.
  var pageUrl = function () {
    var published = meta("citation_public_url");
    if (published) return published;
    return isLocal ? location.pathname : location.origin + location.pathname;
  };
  var el = function (tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text !== undefined) node.textContent = text;
    return node;
  };
  var copy = function (text, button) {
    var done = function () { var old = button.textContent; button.textContent = T.copied; setTimeout(function () { button.textContent = old; }, 1500); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallback(text); done(); });
    } else { fallback(text); done(); }
  };
  var fallback = function (text) {
    var area = el("textarea", { "aria-hidden": "true", style: "position:fixed;opacity:0" });
    area.value = text;
    document.body.appendChild(area);
    area.select();
    try { document.execCommand("copy"); } catch (e) { /* the text stays selectable */ }
    area.remove();
  };

  // --- Term citation blocks: today's date, the full permalink, copy buttons -------------------
  document.querySelectorAll(".cite-block").forEach(function (block) {
    var path = block.getAttribute("data-cite-path") || "";
    var url = path.charAt(0) === "/" ? pageUrl() : path;
    block.querySelectorAll(".cite-plain, .cite-bibtex, .cite-csl").forEach(function (node) {
      var text = node.textContent.split("YYYY-MM-DD").join(today);
      if (path.charAt(0) === "/" && url !== path) text = text.split(path).join(url);
      node.textContent = text;
      var button = el("button", { type: "button", class: "cite-copy" }, T.copy);
      button.addEventListener("click", function () { copy(node.textContent, button); });
      node.parentNode.insertBefore(button, node.nextSibling);
    });
  });

  // --- Passage citations ---------------------------------------------------------------------
  var sectionOf = function (target) {
    var heading = null;
    document.querySelectorAll("article h2, article h3, article h4").forEach(function (h) {
      if (h.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING) heading = h;
    });
    return heading ? heading.textContent.replace(/¶$/, "").trim() : "";
  };
  var bibEscape = function (s) { return s.replace(/[{}%&$#_\\]/g, function (c) { return "\\" + c; }); };
  var passageCitations = function (anchor, target) {
    var title = meta("citation_title") || document.title;
    var year = meta("citation_publication_date");
    var publisher = meta("citation_publisher");
    var section = sectionOf(target);
    var url = pageUrl() + "#" + anchor;
    var local = url.charAt(0) === "/";
    var shown = url + (local ? T.local : "");
    var plain = title + (section ? (zh ? "，" : ", ") + section : "") + (zh ? "，" : ", ") + publisher + ", " + year +
      ". " + shown + ". " + (zh ? T.accessed + "：" : T.accessed + " ") + today + ".";
    var key = "lvliang-" + location.pathname.split("/").filter(Boolean).pop() + "-" + anchor;
    var bibtex = "@misc{" + key + ",\n  title = {" + bibEscape(title) + (section ? ": " + bibEscape(section) : "") + "},\n" +
      "  publisher = {" + bibEscape(publisher) + "},\n  year = {" + year + "},\n  howpublished = {\\url{" + url + "}},\n" +
      "  urldate = {" + today + "}\n}";
    var csl = JSON.stringify({
      id: key, type: "report", title: title, "container-title": section || undefined, publisher: publisher,
      issued: { "date-parts": [[parseInt(year, 10)]] }, URL: url, accessed: { raw: today },
      language: document.documentElement.lang,
    }, null, 2);
    var ris = ["TY  - RPRT", "TI  - " + title, section ? "T2  - " + section : "", "PB  - " + publisher, "PY  - " + year,
      "UR  - " + url, "Y2  - " + today, "LA  - " + document.documentElement.lang, "ER  - "].filter(Boolean).join("\n") + "\n";
    return [["Text", plain], ["BibTeX", bibtex], ["CSL-JSON", csl], ["RIS", ris]];
  };

  var openMenu = null;
  var closeMenu = function () {
    if (openMenu) { openMenu.remove(); openMenu = null; }
  };
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") { closeMenu(); closeTip(); } });
  document.addEventListener("click", function (event) {
    if (openMenu && !openMenu.contains(event.target) && !event.target.classList.contains("para-link")) closeMenu();
  });
  document.querySelectorAll("a.para-link").forEach(function (link) {
    link.setAttribute("aria-haspopup", "dialog");
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var anchor = link.getAttribute("href").slice(1);
      var target = document.getElementById(anchor);
      if (history.replaceState) history.replaceState(null, "", "#" + anchor);
      closeMenu();
      var menu = el("div", { class: "passage-menu", role: "dialog", "aria-label": T.cite });
      var copyLink = el("button", { type: "button", class: "passage-copy-link" }, T.copyLink);
      var url = pageUrl() + "#" + anchor;
      copyLink.addEventListener("click", function () { copy(url, copyLink); });
      menu.appendChild(copyLink);
      var details = el("details", { class: "passage-cite" });
      details.appendChild(el("summary", {}, T.cite));
      passageCitations(anchor, target).forEach(function (format) {
        var row = el("div", { class: "passage-format" });
        row.appendChild(el("span", { class: "passage-format-name" }, format[0]));
        var pre = el("pre", { class: "passage-citation", "data-format": format[0] }, format[1]);
        var button = el("button", { type: "button", class: "cite-copy" }, T.copy);
        button.addEventListener("click", function () { copy(pre.textContent, button); });
        row.appendChild(button);
        row.appendChild(pre);
        details.appendChild(row);
      });
      menu.appendChild(details);
      var close = el("button", { type: "button", class: "passage-close", "aria-label": T.close }, "×");
      close.addEventListener("click", closeMenu);
      menu.appendChild(close);
      (target || link.parentNode).appendChild(menu);
      openMenu = menu;
      copyLink.focus();
    });
  });

  // --- Term tooltips on touch: the first tap shows the definition in place -------------------
  var tip = null;
  var closeTip = function () {
    if (tip) { tip.owner.removeAttribute("aria-describedby"); tip.remove(); tip = null; }
  };
  var touch = window.matchMedia && window.matchMedia("(hover: none)").matches;
  document.querySelectorAll("a.term[data-tip]").forEach(function (term, i) {
    term.addEventListener("click", function (event) {
      if (!touch || (tip && tip.owner === term)) return; // a second tap follows the link
      event.preventDefault();
      closeTip();
      tip = el("span", { class: "term-popover", role: "tooltip", id: "term-tip-" + i });
      tip.owner = term;
      term.getAttribute("data-tip").split("\n").forEach(function (line, n) {
        tip.appendChild(el("span", { class: n === 0 ? "term-popover-head" : "term-popover-line" }, line));
      });
      var open = el("a", { href: term.getAttribute("href"), class: "term-popover-link" }, T.open + " →");
      tip.appendChild(open);
      term.setAttribute("aria-describedby", tip.id);
      // Laid over the text, not into it: nothing below moves (no layout shift).
      document.body.appendChild(tip);
      var box = term.getBoundingClientRect();
      var width = Math.min(tip.offsetWidth, document.documentElement.clientWidth - 16);
      var left = Math.max(8, Math.min(box.left, document.documentElement.clientWidth - width - 8));
      tip.style.left = (left + window.scrollX) + "px";
      tip.style.top = (box.bottom + window.scrollY + 4) + "px";
    });
  });
  document.addEventListener("click", function (event) {
    if (tip && !tip.contains(event.target) && event.target !== tip.owner) closeTip();
  }, true);

  // --- The edition switcher keeps the place ----------------------------------------------------
  // The same paragraph has the same anchor in every edition: carry the fragment over, and the
  // nearest heading above it as a fallback where the other page lacks it.
  var currentAnchor = function () {
    if (location.hash) return location.hash.slice(1);
    var best = null;
    document.querySelectorAll("article [id^='p-'], article [id^='h-']").forEach(function (node) {
      if (node.getBoundingClientRect().top <= 80) best = node.id;
    });
    return best;
  };
  document.querySelectorAll("a.md-select__link[hreflang]").forEach(function (link) {
    link.addEventListener("click", function () {
      var anchor = currentAnchor();
      if (!anchor) return;
      var target = document.getElementById(anchor);
      var heading = target ? sectionAnchor(target) : "";
      try { sessionStorage.setItem("lvliang-fallback", heading); } catch (e) { /* private mode */ }
      link.setAttribute("href", link.getAttribute("href").split("#")[0] + "#" + anchor);
    });
  });
  var sectionAnchor = function (target) {
    var id = "";
    document.querySelectorAll("article h2[id], article h3[id], article h4[id]").forEach(function (h) {
      if (h.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING) id = h.id;
    });
    return id;
  };
  if (location.hash && !document.getElementById(decodeURIComponent(location.hash.slice(1)))) {
    var fallback = "";
    try { fallback = sessionStorage.getItem("lvliang-fallback") || ""; } catch (e) { /* private mode */ }
    var node = fallback && document.getElementById(fallback);
    if (node) node.scrollIntoView();
  }
})();

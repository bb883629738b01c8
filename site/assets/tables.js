/*
 * Wide tables on phones (khrongkan review site).
 *
 * On a narrow screen (Material's phone breakpoint) a table whose rows are proposals or
 * groups is shown as a stack of cards (site/assets/extra.css): the templates mark those
 * tables with a <div class="kk-cards">, and any other table that does not fit the screen
 * becomes cards too (a squeezed table breaks Thai text into a word per line). Here each cell holding a figure
 * gets its column's heading as a data-label, which the card shows before the value
 * ("งบที่ขอ 25,600"), so the heading stays the one source of the label; empty cells are
 * marked to be left out of the card, and details (place, issue, date) to stand on their own
 * line above the status and the figures.
 *
 * A narrow column heading wraps between words, and the browser's Thai dictionary splits some
 * compounds there ("ข้อ|ตกลง", "ตัวชี้|วัด", "คง|เหลือ"): those in WHOLE are kept on one line.
 *
 * Whatever still scrolls sideways (a code block, a table on a screen between phone and
 * desktop) gets a visible hint above it, so a reader knows there is more to the right.
 */
(function () {
  "use strict";

  var PHONE = window.matchMedia("(max-width: 44.9375em)");
  var HINT = "เลื่อนดูด้านข้าง →";
  var UNIT = /\s*\(บาท\)\s*$/;
  // Compounds of the site's column headings that must not be split over two lines.
  var WHOLE = ["ตัวชี้วัด", "ข้อตกลง", "คงเหลือ", "ใช้จ่าย", "อนุมัติ", "สถาบัน", "เป้าหมาย", "ก้าวหน้า",
    "ผู้เข้าร่วม", "หมายเหตุ", "ร้อยละ", "ยุทธศาสตร์", "ใบเสร็จ", "ดำเนินงาน", "ประเด็น", "ประชุม", "กำหนด",
    "ล่าสุด", "เฉลี่ย", "ต่อหน่วย", "จำนวน", "วงเงิน", "รายงาน", "งบประมาณ", "สถานะ", "เลขที่"];
  var WHOLE_RE = new RegExp("(" + WHOLE.sort(function (a, b) { return b.length - a.length; }).join("|") + ")");

  function keepWords(cell) {
    if (cell.hasAttribute("data-kk-words")) return;
    cell.setAttribute("data-kk-words", "");
    var walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    var nodes = [];
    for (var node = walker.nextNode(); node; node = walker.nextNode()) nodes.push(node);
    nodes.forEach(function (text) {
      var parts = text.data.split(WHOLE_RE);
      if (parts.length < 2) return;
      var fragment = document.createDocumentFragment();
      parts.forEach(function (part, index) {
        if (!part) return;
        if (index % 2) {
          var word = document.createElement("span");
          word.className = "kk-word";
          word.textContent = part;
          fragment.appendChild(word);
        } else {
          fragment.appendChild(document.createTextNode(part));
        }
      });
      text.parentNode.replaceChild(fragment, text);
    });
  }

  function labelCells(table) {
    var head = table.tHead && table.tHead.rows[0];
    if (!head) return;
    var names = Array.prototype.map.call(head.cells, function (cell) {
      return cell.textContent.replace(UNIT, "").trim();
    });
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        Array.prototype.forEach.call(row.cells, function (cell, index) {
          var text = cell.textContent.trim();
          var figure = cell.querySelector(".money") !== null || /^[\d,.%\s-]+$/.test(text);
          cell.classList.toggle("kk-empty", text === "");
          // On a card the details (place, issue, date) come first, then the status and the figures.
          cell.classList.toggle("kk-meta", index > 0 && !figure && !cell.querySelector(".kk-status"));
          // Figures need their heading; a name, a place or a status badge speaks for itself.
          if (index > 0 && names[index] && /\d|^-$/.test(text) && !cell.querySelector("a, .kk-status")) {
            cell.setAttribute("data-label", names[index]);
          }
        });
      });
    });
  }

  function overflows(element) {
    return element.scrollWidth > element.clientWidth + 1;
  }

  function setHint(scroller, wanted) {
    var hint = scroller.previousElementSibling;
    var has = hint && hint.classList.contains("kk-scroll-hint");
    if (wanted && !has) {
      hint = document.createElement("p");
      hint.className = "kk-scroll-hint";
      hint.setAttribute("aria-hidden", "true");
      hint.textContent = HINT;
      scroller.parentNode.insertBefore(hint, scroller);
    } else if (!wanted && has) {
      hint.remove();
    }
    scroller.classList.toggle("kk-scroll", wanted);
  }

  // A list of proposals (.kk-cards) is laid out only when it comes near the screen
  // (content-visibility in extra.css): measuring it at once would lay out every row. So it is
  // measured when it comes into view; on a phone it is cards, which never scroll.
  var nearScreen = typeof IntersectionObserver === "undefined" ? null : new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) return;
      nearScreen.unobserve(entry.target);
      measure(entry.target);
    });
  }, { rootMargin: "200px 0px" });

  function measure(wrap) {
    var table = wrap.querySelector("table");
    // Material lets the wrapper or the table itself scroll (max-width: 100%; overflow: auto).
    var tooWide = function () { return overflows(wrap) || (table !== null && overflows(table)); };
    wrap.classList.remove("kk-cards-auto"); // measured as a table first
    if (PHONE.matches && table && tooWide()) {
      wrap.classList.add("kk-cards-auto");
    }
    setHint(wrap, tooWide());
  }

  function fit() {
    var article = document.querySelector("article") || document.body;
    article.querySelectorAll("table").forEach(labelCells);
    article.querySelectorAll("th").forEach(keepWords);
    article.querySelectorAll(".md-typeset__scrollwrap").forEach(function (wrap) {
      if (!wrap.closest(".kk-cards")) {
        measure(wrap);
      } else if (PHONE.matches) {
        setHint(wrap, false);
      } else if (nearScreen) {
        nearScreen.unobserve(wrap);
        nearScreen.observe(wrap);
      } else {
        measure(wrap);
      }
    });
    article.querySelectorAll("pre > code").forEach(function (code) {
      setHint(code.parentNode, overflows(code));
    });
    document.body.setAttribute("data-kk-tables", "ready");
  }

  var pending = null;
  function later() {
    if (pending) cancelAnimationFrame(pending);
    pending = requestAnimationFrame(function () { pending = null; fit(); });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(later); // after Material has wrapped the tables
  } else {
    document.addEventListener("DOMContentLoaded", later);
  }
  window.addEventListener("load", later);
  window.addEventListener("resize", later);
})();

/* The proposal form (แบบฟอร์มเสนอโครงการ): phone first, in Thai, built from the same JSON Schema
 * as `khrongkan check` (form-data.json beside the page holds it with the Thai labels, the
 * province's districts and issues, and the scaffold whose comments the saved file keeps).
 *
 * Nothing leaves the phone unless the user downloads or shares the file. A half-filled proposal
 * is kept in local storage; a service worker keeps the page usable offline once loaded.
 */
(function () {
  "use strict";

  const C = window.KhrongkanChecks;
  const STORE = "khrongkan-form-v1";
  const LONG_TEXT = new Set(["rationale", "detail", "address"]);
  const NUMBER_TYPES = new Set(["money", "quantity", "count"]);

  let context = null;   // form-data.json
  let validate = null;  // the compiled schema
  let proposal = {};    // what the user is writing
  let opened = null;    // the user's own file, parsed with its comments, when revising
  let fileName = "";

  /* ---- small helpers ------------------------------------------------------------------ */

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (key === "text") node.textContent = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : value);
    }
    for (const child of [].concat(children || [])) if (child) node.append(child);
    return node;
  }

  const dotted = (path) => path.filter((p) => typeof p === "string").join(".");
  const pathId = (path) => "f-" + path.join("-");

  function label(path) {
    const entry = context.labels[dotted(path)];
    return entry ? entry.th : String(path[path.length - 1]);
  }

  function itemNoun(path) {
    const entry = context.labels[dotted(path)];
    return (entry && entry.item) || "ลำดับที่";
  }

  function short(text) {
    return String(text).split(" (")[0];
  }

  function getAt(path) {
    return path.reduce((v, p) => (v == null ? undefined : v[p]), proposal);
  }

  function setAt(path, value) {
    let node = proposal;
    path.slice(0, -1).forEach((part, i) => {
      if (node[part] == null || typeof node[part] !== "object") node[part] = typeof path[i + 1] === "number" ? [] : {};
      node = node[part];
    });
    const last = path[path.length - 1];
    if (value === undefined) {
      if (Array.isArray(node)) node.splice(last, 1);
      else delete node[last];
    } else {
      node[last] = value;
    }
  }

  /* What a person typed, as the file should hold it: numbers as numbers when they read as
   * one (Thai digits too), else the text as typed so the checker can say what is wrong. */
  function typed(type, text) {
    if (text === "") return undefined;
    if (NUMBER_TYPES.has(type)) {
      const number = C.parseNumber(text);
      if (number != null && !/,/.test(text)) return number;
      return text;
    }
    return text;
  }

  /* ---- the form, field by field from the schema --------------------------------------- */

  function schemaAt(path) {
    let schema = context.schema;
    for (const part of path) {
      if (typeof part === "number") schema = schema.items || {};
      else schema = (schema.properties || {})[part] || {};
    }
    return schema;
  }

  function render() {
    const root = document.getElementById("kk-form");
    root.replaceChildren();
    for (const key of Object.keys(context.schema.properties)) {
      if (key === "plan" && !context.strategies.length) continue;
      root.append(section([key]));
    }
    root.append(totalsBox());
    refresh();
  }

  function section(path) {
    const schema = schemaAt(path);
    const required = isRequired(path);
    const title = el("legend", {}, [short(label(path)), required ? el("span", { class: "kk-required", text: " *" }) : null]);
    return el("fieldset", { class: "kk-section", id: "kk-s-" + path[0], "data-path": JSON.stringify(path) }, [title, field(path, schema)]);
  }

  function isRequired(path) {
    const parent = schemaAt(path.slice(0, -1).filter((p, i, all) => true));
    const key = path[path.length - 1];
    return typeof key === "string" && (parent.required || []).includes(key);
  }

  function field(path, schema) {
    const key = path[path.length - 1];
    const type = context.types[dotted(path)] || "";
    if (key === "district") return districtField(path);
    if (key === "subdistricts") return subdistrictField(path);
    if (key === "plan") return strategyField(path);
    if (type === "dict") return mapping(path, schema);
    if (type === "list") return list(path, schema);
    if (type === "thaidate") return dateField(path);
    const choices = schema.enum || (schema.items && schema.items.enum);
    if (choices) return selectField(path, choices);
    return inputField(path, type);
  }

  function mapping(path, schema) {
    const children = [];
    for (const key of Object.keys(schema.properties || {})) {
      const child = path.concat([key]);
      const childType = context.types[dotted(child)] || "";
      const wrap = el("div", { class: "kk-field kk-" + key, "data-path": JSON.stringify(child) }, [
        el("label", { for: pathId(child) }, [short(label(child)), isRequired(child) ? el("span", { class: "kk-required", text: " *" }) : null]),
        field(child, schemaAt(child)),
      ]);
      if (key === "amount" && path.includes("budget")) wrap.classList.add("kk-amount");
      if (childType === "list" || childType === "dict") wrap.classList.add("kk-nested");
      children.push(wrap);
    }
    if (path[path.length - 1] !== undefined && typeof path[path.length - 1] === "number" && path.includes("budget")) {
      children.push(el("div", { class: "kk-line-amount", "data-line": JSON.stringify(path) }));
    }
    return el("div", { class: "kk-mapping" }, children);
  }

  function list(path, schema) {
    const items = Array.isArray(getAt(path)) ? getAt(path) : [];
    const box = el("div", { class: "kk-list" });
    items.forEach((_, i) => {
      const itemPath = path.concat([i]);
      const itemSchema = schema.items || {};
      const body = itemSchema.type === "object" || itemSchema.properties ? mapping(itemPath, itemSchema)
        : field(itemPath, itemSchema);
      box.append(el("div", { class: "kk-item", "data-path": JSON.stringify(itemPath) }, [
        el("div", { class: "kk-item-head" }, [
          el("strong", { text: `${itemNoun(path)} ${i + 1}` }),
          el("button", { type: "button", class: "kk-remove", "aria-label": `ลบ${itemNoun(path)} ${i + 1}`, text: "ลบ",
            onclick: () => { getAt(path).splice(i, 1); changed(true); } }),
        ]),
        body,
      ]));
    });
    if (path[path.length - 1] === "budget") box.append(el("div", { class: "kk-activity-total", "data-activity": JSON.stringify(path.slice(0, -1)) }));
    box.append(el("button", { type: "button", class: "kk-add", text: `+ เพิ่ม${short(label(path))}`,
      onclick: () => {
        if (!Array.isArray(getAt(path))) setAt(path, []);
        const itemSchema = schema.items || {};
        getAt(path).push(itemSchema.properties ? {} : "");
        changed(true);
      } }));
    return box;
  }

  function inputField(path, type) {
    const value = getAt(path);
    const key = path[path.length - 1];
    const attrs = { id: pathId(path), name: pathId(path), value: value == null ? "" : String(value),
      oninput: (event) => { setAt(path, typed(type, event.target.value)); changed(false); } };
    if (NUMBER_TYPES.has(type)) return el("input", Object.assign(attrs, { inputmode: "decimal", class: "kk-number", type: "text" }));
    if (key === "phone") return el("input", Object.assign(attrs, { inputmode: "tel", type: "tel" }));
    if (LONG_TEXT.has(key)) {
      const area = el("textarea", Object.assign(attrs, { rows: key === "rationale" ? 6 : 2 }));
      area.value = attrs.value;
      return area;
    }
    return el("input", Object.assign(attrs, { type: "text" }));
  }

  function selectField(path, choices) {
    const value = getAt(path);
    const select = el("select", { id: pathId(path), onchange: (e) => { setAt(path, e.target.value || undefined); changed(true); } },
      [el("option", { value: "", text: "— เลือก —" })].concat(choices.map((c) =>
        el("option", { value: c, text: context.choiceLabels[c] ? `${context.choiceLabels[c]}` : c, selected: c === value }))));
    return select;
  }

  function districtField(path) {
    return selectField(path, context.areas.map((d) => d.name));
  }

  function subdistrictField(path) {
    const district = context.areas.find((d) => d.name === getAt(path.slice(0, -1).concat(["district"])));
    const chosen = Array.isArray(getAt(path)) ? getAt(path) : [];
    if (!district) return el("p", { class: "kk-note", text: "เลือกอำเภอก่อน แล้วจึงเลือกตำบล" });
    const names = district.subdistricts.concat(chosen.filter((n) => !district.subdistricts.includes(n)));
    return el("div", { class: "kk-checks", id: pathId(path) }, names.map((name) => el("label", { class: "kk-check" }, [
      el("input", { type: "checkbox", value: name, checked: chosen.includes(name), onchange: (e) => {
        const now = Array.isArray(getAt(path)) ? getAt(path).slice() : [];
        if (e.target.checked && !now.includes(name)) now.push(name);
        if (!e.target.checked) now.splice(now.indexOf(name), 1);
        setAt(path, now.length ? now : undefined);
        changed(false);
      } }), " " + name])));
  }

  /* The strategies of the plan covering the fiscal year the project starts in (all, until a start is chosen). */
  function strategyField(path) {
    const chosen = Array.isArray(getAt(path)) ? getAt(path) : [];
    const start = C.parseDate(getAt(["period", "start"]));
    const fy = start.error ? null : C.fiscalYear(start.ce);
    const offered = context.strategies.filter((s) => fy === null || (s.first <= fy && fy <= s.last) || chosen.includes(s.id));
    return el("div", { class: "kk-checks kk-strategies", id: pathId(path) }, offered.map((s) => el("label", { class: "kk-check" }, [
      el("input", { type: "checkbox", value: s.id, checked: chosen.includes(s.id), onchange: (e) => {
        const now = chosen.filter((x) => x !== s.id).concat(e.target.checked ? [s.id] : []);
        setAt(path, now.length ? now : undefined);
        changed(false);
      } }), ` ${s.id} ${s.title}`])));
  }

  /* Dates are chosen and shown in the Buddhist Era: day, Thai month, BE year. */
  function dateField(path) {
    const parsed = C.parseDate(getAt(path));
    const [year, month, day] = parsed.error ? ["", "", ""] : parsed.be.split("-").map(Number);
    const fy = context.fiscalYear;
    const years = [];
    for (let y = fy - 2; y <= fy + 3; y++) years.push(y);
    const parts = {};
    const update = () => {
      const y = parts.year.value, m = parts.month.value, d = parts.day.value;
      if (y && m && d) setAt(path, `${y}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`);
      else setAt(path, undefined);
      changed(false);
    };
    parts.day = el("select", { "aria-label": "วันที่", id: pathId(path), onchange: update },
      [el("option", { value: "", text: "วัน" })].concat(Array.from({ length: 31 }, (_, i) =>
        el("option", { value: i + 1, text: String(i + 1), selected: day === i + 1 }))));
    parts.month = el("select", { "aria-label": "เดือน", onchange: update },
      [el("option", { value: "", text: "เดือน" })].concat(C.MONTHS.map((name, i) =>
        el("option", { value: i + 1, text: name, selected: month === i + 1 }))));
    parts.year = el("select", { "aria-label": "ปี พ.ศ.", onchange: update },
      [el("option", { value: "", text: "ปี พ.ศ." })].concat(years.map((y) =>
        el("option", { value: y, text: String(y), selected: year === y }))));
    return el("div", { class: "kk-date" }, [parts.day, parts.month, parts.year]);
  }

  function totalsBox() {
    return el("section", { class: "kk-totals", "aria-live": "polite" }, [
      el("div", { class: "kk-grand" }),
      el("div", { class: "kk-installments" }),
    ]);
  }

  /* ---- as the user types --------------------------------------------------------------- */

  function changed(structure) {
    save();
    if (structure) render();
    else refresh();
  }

  function refresh() {
    for (const box of document.querySelectorAll(".kk-line-amount")) {
      const line = getAt(JSON.parse(box.dataset.line)) || {};
      const amount = C.lineAmount(line);
      box.textContent = amount == null ? "" : `เป็นเงิน ${C.formatMoney(amount)} บาท`;
    }
    for (const box of document.querySelectorAll(".kk-activity-total")) {
      const path = JSON.parse(box.dataset.activity);
      box.textContent = `รวมกิจกรรมที่ ${path[path.length - 1] + 1}: ${C.formatMoney(C.activityTotal(getAt(path) || {}))} บาท`;
    }
    const total = C.grandTotal(proposal);
    document.querySelector(".kk-grand").replaceChildren(
      el("span", { text: "งบประมาณที่ขอรวม " }),
      el("strong", { class: "money", text: `${C.formatMoney(total)} บาท` }),
      el("span", { class: "kk-words", text: ` (${C.bahtText(total)})` }));
    const installments = Array.isArray(proposal.installments) ? proposal.installments : [];
    const percent = installments.reduce((s, i) => s + (C.parseNumber(i && i.percent) || 0), 0);
    document.querySelector(".kk-installments").textContent =
      `งวดเงินรวม ${percent}%` + (percent === 100 ? " ✓" : " (ต้องได้ 100%)");
    showProblems();
  }

  function showProblems() {
    for (const old of document.querySelectorAll(".kk-problem")) old.remove();
    for (const node of document.querySelectorAll(".kk-has-problem")) node.classList.remove("kk-has-problem");
    const problems = C.check(validate, proposal, context);
    for (const problem of problems) {
      const target = placeFor(problem.path);
      const warning = problem.severity === "warning";
      if (!warning) target.classList.add("kk-has-problem");
      target.append(el("p", { class: warning ? "kk-problem kk-warning" : "kk-problem", role: "alert",
        "data-code": problem.code, "data-path": JSON.stringify(problem.path),
        text: `${warning ? "คำเตือน: " : ""}${problem.th} (${problem.code})` }));
    }
    const errors = problems.filter((p) => p.severity !== "warning").length;
    document.getElementById("kk-count").textContent = errors
      ? `ยังมี ${errors} จุดที่ต้องแก้ (ดูข้อความสีแดงใต้ช่อง)`
      : problems.length ? "ไม่มีข้อผิดพลาด ยังมีคำเตือนที่ควรดูก่อนยื่นเสนอ" : "กรอกครบและถูกต้องตามที่ตรวจได้ในแบบฟอร์ม";
    window.khrongkanProblems = problems; // read by the tests
  }

  /* The field a problem belongs to, or its nearest shown ancestor. */
  function placeFor(path) {
    for (let n = path.length; n >= 0; n--) {
      const want = JSON.stringify(path.slice(0, n));
      const node = document.querySelector(`[data-path='${want.replace(/'/g, "\\'")}']`);
      if (node) return node;
    }
    return document.getElementById("kk-form");
  }

  /* ---- keeping, opening, saving, sharing ----------------------------------------------- */

  function save() {
    try {
      localStorage.setItem(STORE, JSON.stringify({ proposal, opened: opened ? opened.text : null, fileName }));
    } catch (error) { /* private mode: the form still works, it just forgets on reload */ }
  }

  function restore() {
    try {
      const kept = JSON.parse(localStorage.getItem(STORE) || "null");
      if (kept && kept.proposal) {
        proposal = kept.proposal;
        fileName = kept.fileName || "";
        opened = kept.opened ? { text: kept.opened } : null;
      }
    } catch (error) { proposal = {}; }
  }

  /* The user's own file, read as the checker reads it (YAML 1.1: `no` is false, 0120 is octal),
   * comments kept for saving. Dates stay as written, so the checks can say what is wrong with
   * 2570-02-30 instead of reading it as 2 March. */
  const YAML_OPTIONS = {
    version: "1.1",
    customTags: (tags) => tags.filter((tag) => tag.tag !== "tag:yaml.org,2002:timestamp"),
  };

  function openText(text, name) {
    const doc = YAML.parseDocument(text, YAML_OPTIONS);
    if (doc.errors.length) {
      const error = doc.errors[0];
      const line = error.linePos ? error.linePos[0].line : "?";
      throw new Error(`อ่านแฟ้มไม่ได้ที่บรรทัด ${line}: ตรวจการย่อหน้าและเครื่องหมาย : ในแฟ้ม`);
    }
    const data = doc.toJS({ maxAliasCount: 50 }) || {};
    if (typeof data !== "object" || Array.isArray(data)) throw new Error("แฟ้มนี้ไม่ใช่แบบเสนอโครงการ");
    proposal = data;
    opened = { text };
    fileName = name || "";
    save();
    render();
  }

  /* The file to send: the user's own file (or the scaffold) with every value set from the form,
   * so its comments stay where they were. */
  function proposalText() {
    const doc = YAML.parseDocument(opened ? opened.text : context.scaffold, YAML_OPTIONS);
    doc.contents = mergeInto(doc, doc.contents, proposal);
    return doc.toString({ lineWidth: 0 });
  }

  function mergeInto(doc, node, value) {
    if (Array.isArray(value) && YAML.isSeq(node)) {
      value.forEach((item, i) => {
        if (i < node.items.length) node.items[i] = mergeInto(doc, node.items[i], item);
        else node.items.push(doc.createNode(item));
      });
      node.items.splice(value.length);
      return node;
    }
    if (value && typeof value === "object" && !Array.isArray(value) && YAML.isMap(node)) {
      for (const pair of node.items.slice()) {
        const key = YAML.isScalar(pair.key) ? pair.key.value : pair.key;
        if (!(key in value)) node.items.splice(node.items.indexOf(pair), 1);
      }
      for (const [key, item] of Object.entries(value)) {
        const pair = node.items.find((p) => (YAML.isScalar(p.key) ? p.key.value : p.key) === key);
        if (pair) pair.value = mergeInto(doc, pair.value, item);
        else node.items.push(doc.createPair(key, item));
      }
      return node;
    }
    if (YAML.isScalar(node) && (value === null || typeof value !== "object")) {
      if (node.value !== value) node.value = value;
      if (typeof value === "string" && /^\d+$/.test(value)) node.type = "QUOTE_DOUBLE";
      return node;
    }
    const created = doc.createNode(value);
    if (node && node.commentBefore) created.commentBefore = node.commentBefore;
    if (node && node.comment) created.comment = node.comment;
    return created;
  }

  function suggestedName() {
    const base = (fileName || "").replace(/\.(ya?ml|txt)$/i, "") || `แบบเสนอโครงการ-${(proposal.title || "ใหม่").slice(0, 40)}`;
    return base.replace(/[\\/:*?"<>|]/g, "-") + ".txt";
  }

  /* The payload of the share sheet: a .txt file (what Chrome lets a page share), as `khrongkan add` takes it. */
  function sharePayload() {
    const name = suggestedName();
    const file = new File([proposalText()], name, { type: "text/plain" });
    return { files: [file], title: name, text: `แบบเสนอโครงการ: ${proposal.title || ""}` };
  }

  async function share() {
    const payload = sharePayload();
    if (navigator.canShare && navigator.canShare({ files: payload.files }) && navigator.share) {
      try {
        await navigator.share(payload);
        status("ส่งแล้ว: เลือกกลุ่ม LINE ของกองเลขาเพื่อส่งแฟ้ม");
      } catch (error) {
        if (error && error.name !== "AbortError") status("ส่งไม่สำเร็จ ลองบันทึกเป็นแฟ้มแทน");
      }
    } else {
      download();
      status("เครื่องนี้แชร์แฟ้มไม่ได้ จึงบันทึกเป็นแฟ้มแทน แล้วส่งแฟ้มนั้นทาง LINE หรืออีเมล");
    }
  }

  function download() {
    const payload = sharePayload();
    const link = el("a", { href: URL.createObjectURL(payload.files[0]), download: payload.files[0].name });
    document.body.append(link);
    link.click();
    link.remove();
  }

  function status(text) {
    document.getElementById("kk-status").textContent = text;
  }

  function startOver() {
    if (!window.confirm("ล้างแบบฟอร์มและเริ่มใหม่? สิ่งที่กรอกไว้จะหายไป")) return;
    proposal = {};
    opened = null;
    fileName = "";
    save();
    render();
  }

  function toolbar() {
    const picker = el("input", { type: "file", accept: ".yaml,.yml,.txt,text/plain", hidden: true, id: "kk-open",
      onchange: async (event) => {
        const file = event.target.files[0];
        if (!file) return;
        try {
          openText(await file.text(), file.name);
          status(`เปิดแฟ้ม ${file.name} แล้ว แก้ไขแล้วบันทึกหรือส่งอีกครั้ง`);
        } catch (error) {
          status(error.message);
        }
      } });
    return el("div", { class: "kk-toolbar" }, [
      el("button", { type: "button", class: "md-button md-button--primary", id: "kk-share", text: "ส่งทาง LINE / แชร์", onclick: share }),
      el("button", { type: "button", class: "md-button", id: "kk-download", text: "บันทึกเป็นแฟ้ม", onclick: download }),
      el("button", { type: "button", class: "md-button", id: "kk-open-button", text: "เปิดแฟ้มของฉันเพื่อแก้ไข",
        onclick: () => picker.click() }),
      el("button", { type: "button", class: "md-button", id: "kk-clear", text: "เริ่มใหม่", onclick: startOver }),
      picker,
    ]);
  }

  async function start() {
    const holder = document.getElementById("kk-app");
    if (!holder) return;
    const response = await fetch(holder.dataset.src);
    context = await response.json();
    validate = new window.ajv7({ allErrors: true, strict: false }).compile(context.schema);
    restore();
    holder.replaceChildren(
      el("p", { id: "kk-count", class: "kk-count", "aria-live": "polite" }),
      el("form", { id: "kk-form", onsubmit: (e) => e.preventDefault() }),
      el("p", { id: "kk-status", class: "kk-status", "aria-live": "polite" }),
      toolbar());
    render();
    if ("serviceWorker" in navigator && holder.dataset.worker) {
      navigator.serviceWorker.register(holder.dataset.worker).then(() => navigator.serviceWorker.ready).then((registration) => {
        const urls = [location.href.split("#")[0], holder.dataset.src]
          .concat(performance.getEntriesByType("resource").map((entry) => entry.name))
          .filter((url) => new URL(url, location.href).origin === location.origin);
        registration.active.postMessage({ cache: urls });
      }).catch(() => { /* no offline copy: the form still works online */ });
    }
  }

  /* A new proposal with these values (what the tests type in one step). */
  function fill(values) {
    proposal = values;
    opened = null;
    fileName = "";
    save();
    render();
  }

  window.KhrongkanForm = { openText, fill, proposalText, sharePayload, get proposal() { return proposal; } };
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();

/* The proposal checks of the form, the same as `khrongkan check` reports for one proposal file.
 *
 * Shape problems come from the JSON Schema that khrongkan generates from its Cerberus schemas
 * (validated here by the vendored Ajv, messages in Thai through ajv-i18n); the rules JSON Schema
 * cannot express are written once more below, with the checker's codes:
 *   M004 line amount = quantity x unit cost x times     M005 installments add up to 100
 *   D003 start after end      D004 beyond the fiscal year      D007 activity outside the project period
 *   A002/A003 sub-district not in the district           D001/D002 dates, M001-M003/M009 money
 *   L005/L009 strategies not in the plan covering the project's fiscal year
 *   S010/S011 scaffold placeholders and blanks: warnings in a draft, errors once submitted
 * Every problem is {code, path, th, severity}: path is the value's place, e.g. ["activities", 0, "budget", 1, "amount"].
 * Loaded as a plain script: window.KhrongkanChecks.
 */
(function () {
  "use strict";

  const THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙";
  const FULLWIDTH_DIGITS = "０１２３４５６７８９";
  const MONTHS = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม", "มิถุนายน", "กรกฎาคม",
    "สิงหาคม", "กันยายน", "ตุลาคม", "พฤศจิกายน", "ธันวาคม"];

  function arabicDigits(text) {
    return String(text).replace(/[๐-๙０-９]/g, (c) => {
      const i = THAI_DIGITS.indexOf(c);
      return String(i >= 0 ? i : FULLWIDTH_DIGITS.indexOf(c));
    });
  }

  /* A date of the contract: YYYY-MM-DD, a year of 2400 or more is Buddhist Era. Returns
   * {ce: Date (UTC), be: "2570-01-15"} or {error: "D001" | "D002"}. */
  function parseDate(value) {
    const text = arabicDigits(value == null ? "" : value).trim();
    const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
    if (!match) return { error: "D001" };
    let year = Number(match[1]);
    const month = Number(match[2]), day = Number(match[3]);
    if (year >= 2400) year -= 543;
    const date = new Date(Date.UTC(year, month - 1, day));
    if (year < 1 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
      return { error: "D002" };
    }
    const pad = (n) => String(n).padStart(2, "0");
    return { ce: date, be: `${year + 543}-${pad(month)}-${pad(day)}` };
  }

  function fiscalYear(ce) {
    return ce.getUTCFullYear() + 543 + (ce.getUTCMonth() >= 9 ? 1 : 0);
  }

  function thaiDate(value) {
    const parsed = parseDate(value);
    if (parsed.error) return String(value);
    const d = parsed.ce;
    return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear() + 543}`;
  }

  /* Money and quantities as people type them: 12500, "12,500", Thai digits. Cents as integers
   * keep every sum exact, as the Python checker's Decimal does. */
  function parseNumber(value) {
    if (typeof value === "number") return Number.isFinite(value) ? value : null;
    if (typeof value !== "string") return null;
    const text = arabicDigits(value).trim();
    if (!/^(\d{1,3}(,\d{3})*|\d+)(\.\d+)?$/.test(text)) return null;
    return Number(text.replace(/,/g, ""));
  }

  function cents(number) {
    return Math.round(number * 100);
  }

  function formatMoney(number) {
    return Number(number).toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }

  const DIGIT_WORDS = ["", "หนึ่ง", "สอง", "สาม", "สี่", "ห้า", "หก", "เจ็ด", "แปด", "เก้า"];
  const PLACE_WORDS = ["", "สิบ", "ร้อย", "พัน", "หมื่น", "แสน"];

  /* A port of generator.thai.number_words and baht_words: the same words on the form and in the documents. */
  function wordsBelowMillion(n, afterMillions) {
    const text = String(n);
    let words = "";
    for (let i = 0; i < text.length; i++) {
      const digit = Number(text[i]), place = text.length - i - 1;
      if (digit === 0) continue;
      if (place === 1 && digit === 1) words += "สิบ";
      else if (place === 1 && digit === 2) words += "ยี่สิบ";
      else if (place === 0 && digit === 1 && (text.length > 1 || afterMillions)) words += "เอ็ด";
      else words += DIGIT_WORDS[digit] + PLACE_WORDS[place];
    }
    return words;
  }

  function numberWords(n) {
    if (n === 0) return "ศูนย์";
    const millions = Math.floor(n / 1000000), rest = n % 1000000;
    return (millions ? numberWords(millions) + "ล้าน" : "") + (rest ? wordsBelowMillion(rest, millions > 0) : "");
  }

  /* 25600 -> "สองหมื่นห้าพันหกร้อยบาทถ้วน" */
  function bahtText(number) {
    const total = cents(number);
    const baht = Math.floor(total / 100), satang = total % 100;
    if (baht === 0 && satang) return numberWords(satang) + "สตางค์";
    return numberWords(baht) + "บาท" + (satang ? numberWords(satang) + "สตางค์" : "ถ้วน");
  }

  function lineAmount(line) {
    const quantity = parseNumber(line.quantity), cost = parseNumber(line.unit_cost);
    const times = line.times == null || line.times === "" ? 1 : parseNumber(line.times);
    if (quantity == null || cost == null || times == null) return null;
    return Math.round(quantity * times * cents(cost)) / 100;
  }

  function activityTotal(activity) {
    return (activity.budget || []).reduce((sum, line) => sum + cents(lineAmount(line) || 0), 0) / 100;
  }

  function grandTotal(proposal) {
    return (proposal.activities || []).reduce((sum, a) => sum + cents(activityTotal(a)), 0) / 100;
  }

  /* ---- shape: Ajv errors to the checker's codes ------------------------------------------ */

  function typeAt(types, path) {
    return types[path.filter((p) => typeof p === "string").join(".")] || "";
  }

  function valueAt(data, path) {
    return path.reduce((v, p) => (v == null ? undefined : v[p]), data);
  }

  function pointerPath(pointer) {
    if (!pointer) return [];
    return pointer.split("/").slice(1).map((part) => {
      const key = part.replace(/~1/g, "/").replace(/~0/g, "~");
      return /^\d+$/.test(key) ? Number(key) : key;
    });
  }

  function scalarCode(type, value) {
    /* The code the Python checker gives a wrong scalar of this contract type. */
    if (type === "thaidate") return parseDate(value).error || "D001";
    if (type === "money" || type === "quantity") {
      const text = typeof value === "string" ? arabicDigits(value).trim() : value;
      const number = typeof text === "number" ? text : (/^-?[\d,]+(\.\d+)?$/.test(text) ? Number(text.replace(/,/g, "")) : null);
      const limit = type === "money" ? 1e9 : 1e7;
      if (number != null && number > limit) return "M009";
      if (type === "money") {
        if (number != null && number < 0) return "M001";
        if (number != null) return "M003";
        return "M002";
      }
      return "S003";
    }
    if (type === "text" && typeof value === "string") return "S005";
    return "S003";
  }

  /* A draft may still hold blanks: they are warnings (S010) until the proposal is submitted. */
  function isDraft(p) {
    return !p || p.submitted == null || p.submitted === "";
  }

  function shapeProblems(validate, data, types) {
    if (validate(data)) return [];
    const errors = validate.errors || [];
    if (window.ajvLocalizeTh) window.ajvLocalizeTh(errors);
    const draft = isDraft(data);
    const found = new Map();
    const add = (code, path, th) => {
      const key = JSON.stringify(path);
      if (!found.has(key)) found.set(key, { code, path, th, severity: code === "S010" ? "warning" : "error" });
    };
    for (const error of errors) {
      const path = pointerPath(error.instancePath);
      const value = valueAt(data, path);
      const type = typeAt(types, path);
      switch (error.keyword) {
        case "required":
          add("S002", path.concat([error.params.missingProperty]), "ต้องกรอก");
          break;
        case "additionalProperties":
          add("S001", path.concat([error.params.additionalProperty]), "ไม่รู้จักหัวข้อนี้");
          break;
        case "minItems":
          add("S006", path, `ต้องมีอย่างน้อย ${error.params.limit} รายการ`);
          break;
        case "enum":
          add(enumCode(path), path, "ไม่มีในรายชื่อที่เลือกได้");
          break;
        case "minimum":
          add(type === "money" ? "M001" : "S008", path, error.message);
          break;
        case "maximum":
          add(type === "money" || type === "quantity" ? "M009" : "S003", path, error.message);
          break;
        case "if":
          break; /* the "then" error beside it names the place */
        default: {
          if (type === "text" && typeof value === "string" && !value.trim()) {
            add(draft ? "S010" : "S005", path, draft ? "ยังว่างอยู่ (ต้องกรอกก่อนยื่นเสนอ)" : "ต้องไม่ว่าง");
          } else if (value === null || value === undefined || value === "") {
            add("S005", path, "ต้องไม่ว่าง");
          } else {
            add(scalarCode(type, value), path, error.message);
          }
        }
      }
    }
    return Array.from(found.values());
  }

  function enumCode(path) {
    const last = path.filter((p) => typeof p === "string").pop();
    if (last === "district") return "A001";
    if (last === "subdistricts") return "A002";
    if (last === "issue") return "A004";
    if (last === "coordinator") return "A005";
    return "S004";
  }

  /* ---- the rules JSON Schema cannot express -------------------------------------------- */

  function ruleProblems(p, areas, strategies) {
    const problems = [];
    const add = (code, path, th) => problems.push({ code, path, th });
    const period = p.period || {};
    const start = parseDate(period.start), end = parseDate(period.end);
    const periodOk = !start.error && !end.error;
    if (periodOk && start.ce > end.ce) {
      add("D003", ["period", "start"], `วันเริ่ม (${thaiDate(period.start)}) อยู่หลังวันสิ้นสุด (${thaiDate(period.end)})`);
    } else if (periodOk) {
      /* A project lies in one fiscal year: the one its start falls in (1 October starts the next). */
      const fy = fiscalYear(start.ce);
      const fyEnd = new Date(Date.UTC(fy - 543, 8, 30));
      if (end.ce > fyEnd) {
        add("D004", ["period", "end"], `ระยะเวลาโครงการต้องอยู่ในปีงบประมาณ ${fy} (สิ้นสุด 30 กันยายน ${fy})`);
      }
    }
    (p.activities || []).forEach((activity, i) => {
      if (!activity || typeof activity !== "object") return;
      const a = parseDate(activity.start), b = parseDate(activity.end);
      if (!a.error && !b.error) {
        if (a.ce > b.ce) {
          add("D003", ["activities", i, "start"], `วันเริ่ม (${thaiDate(activity.start)}) อยู่หลังวันสิ้นสุด (${thaiDate(activity.end)})`);
        } else if (periodOk && start.ce <= end.ce && (a.ce < start.ce || b.ce > end.ce)) {
          add("D007", ["activities", i, a.ce < start.ce ? "start" : "end"],
            `กิจกรรมที่ ${i + 1} อยู่นอกระยะเวลาโครงการ (${thaiDate(period.start)} ถึง ${thaiDate(period.end)})`);
        }
      }
      (activity.budget || []).forEach((line, j) => {
        if (!line || line.amount == null || line.amount === "") return;
        const stated = parseNumber(line.amount), computed = lineAmount(line);
        if (stated != null && computed != null && cents(stated) !== cents(computed)) {
          add("M004", ["activities", i, "budget", j, "amount"],
            `จำนวนเงิน ${formatMoney(stated)} ไม่เท่ากับ ${line.quantity} x ${line.unit_cost} x ${line.times || 1} = ${formatMoney(computed)}`);
        }
      });
    });
    const installments = Array.isArray(p.installments) ? p.installments : [];
    const percents = installments.map((i) => parseNumber(i && i.percent));
    if (installments.length && percents.every((x) => x != null)) {
      const total = percents.reduce((s, x) => s + Math.round(x * 1000), 0) / 1000;
      if (total !== 100) add("M005", ["installments"], `ร้อยละของงวดเงินรวมกันได้ ${total} ไม่ใช่ 100`);
    }
    const area = p.area || {};
    const district = (areas || []).find((d) => d.name === area.district);
    if (district && Array.isArray(area.subdistricts)) {
      area.subdistricts.forEach((name, i) => {
        if (typeof name !== "string" || district.subdistricts.includes(name)) return;
        const other = areas.find((d) => d.subdistricts.includes(name));
        if (other) add("A003", ["area", "subdistricts", i], `ตำบล${name} อยู่ในอำเภอ${other.name} ไม่ใช่อำเภอ${district.name}`);
        else add("A002", ["area", "subdistricts", i], `ไม่มีตำบล${name} ในอำเภอ${district.name}`);
      });
    }
    checkPlan(p, strategies || [], start, add);
    return problems;
  }

  /* `plan:` names strategies of the provincial plan covering the fiscal year the project starts in. */
  function checkPlan(p, strategies, start, add) {
    const chosen = Array.isArray(p.plan) ? p.plan : [];
    if (!chosen.length || start.error) return;
    const fy = fiscalYear(start.ce);
    const covering = strategies.filter((s) => s.first <= fy && fy <= s.last);
    if (!covering.length) {
      add("L009", ["plan", 0], `ไม่มีแผนยุทธศาสตร์ที่ครอบคลุมปีงบประมาณ ${fy} จึงอ้างยุทธศาสตร์ '${chosen[0]}' ไม่ได้`);
      return;
    }
    chosen.forEach((id, i) => {
      if (!covering.some((s) => s.id === id)) add("L005", ["plan", i], `ไม่มียุทธศาสตร์ '${id}' ในแผนของปีงบประมาณ ${fy}`);
    });
  }

  /* Text a scaffold leaves to be replaced (`เพื่อ...`, `นาย...`): a warning in a draft, an error
   * once submitted, as generator/placeholders.py decides (blank text is the shape check's). */
  function placeholderProblems(p) {
    const draft = isDraft(p);
    const problems = [];
    const walk = (value, path) => {
      if (Array.isArray(value)) value.forEach((item, i) => walk(item, path.concat([i])));
      else if (value && typeof value === "object") Object.entries(value).forEach(([k, v]) => walk(v, path.concat([k])));
      else if (typeof value === "string" && value.trim() && /(\.\.\.|…)$/.test(value.trim())) {
        problems.push({ code: draft ? "S010" : "S011", path, severity: draft ? "warning" : "error",
          th: `ยังเป็นข้อความตัวอย่างจากแม่แบบ ('${value.trim()}') เขียนเนื้อหาจริงแทน` });
      }
    };
    walk(p, []);
    return problems;
  }

  /* Every problem of one proposal, as the checker finds them: the district, sub-district and
   * issue names always; the rules across fields only once the shape is right. */
  function check(validate, proposal, context) {
    const key = (problem) => JSON.stringify(problem.path);
    const shape = shapeProblems(validate, proposal, context.types);
    let rules = ruleProblems(proposal, context.areas, context.strategies)
      .map((r) => Object.assign({ severity: "error" }, r));
    if (shape.some((s) => s.severity === "error")) rules = rules.filter((r) => r.code === "A002" || r.code === "A003");
    /* A sub-district of another district: the rule says which one, as the checker does. */
    const named = new Set(rules.filter((r) => r.code === "A002" || r.code === "A003").map(key));
    const shown = new Set(shape.map(key));
    const placeholders = placeholderProblems(proposal).filter((p) => !shown.has(key(p)));
    return shape.filter((s) => !named.has(key(s))).concat(rules, placeholders);
  }

  window.KhrongkanChecks = {
    arabicDigits, parseDate, thaiDate, fiscalYear, parseNumber, formatMoney, bahtText,
    lineAmount, activityTotal, grandTotal, shapeProblems, ruleProblems, placeholderProblems, check, MONTHS,
  };
})();

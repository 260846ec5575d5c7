// The Teacher Studio's page: the packs, and one pack's form. The server holds every rule:
// the page edits the pack's document (its YAML data as JSON, every scalar a string), sends
// it to be checked as the teacher types and shows each problem on its field (data-field
// names the loader's Problem.field: "questions[3].choices[1]"). No framework, nothing from
// the internet: fetch() to the studio that served the page (relative addresses: everything
// lives under /s/TOKEN/).
"use strict";

(function () {
  const data = JSON.parse(document.getElementById("page-data").textContent);
  const plurals = new Intl.PluralRules(data.locale);
  const numbers = new Intl.NumberFormat(data.locale);
  const ITEM_DELAY = 60;    // ms at least between two checks of one question or round as it is typed
  const FULL_DELAY = 500;   // ms after the last keystroke before the whole pack is checked
  const SUMMARY_MAX = 100;  // problems listed as links; the count says the rest

  const $ = (id) => document.getElementById(id);

  // -- words ---------------------------------------------------------------------------
  function number(n) { return numbers.format(n).replace(/\u202f/g, "\u00a0"); }
  function fill(text, values) {
    return text.replace(/\{(\w+)\}/g, (slot, name) => {
      if (!(name in values)) return slot;
      const value = values[name];
      return typeof value === "number" ? number(value) : String(value);
    });
  }
  function t(key, values) { return fill(data.texts[key], values || {}); }
  function tn(key, count, values) {
    const forms = data.plurals[key];
    const form = forms[plurals.select(count)] || forms.other;
    return fill(form, Object.assign({}, values || {}, { count: count }));
  }

  // -- small DOM helpers ---------------------------------------------------------------
  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "text") node.textContent = value;
      else if (name === "class") node.className = value;
      else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else if (value === true) node.setAttribute(name, "");
      else node.setAttribute(name, String(value));
    }
    for (const child of children || []) if (child) node.append(child);
    return node;
  }
  let lastStatus = "";
  function say(text) {
    // the live region: a screen reader hears it; the same words again are said again
    $("status").textContent = text && text === lastStatus ? text + "\u00a0" : text;
    lastStatus = text;
  }
  function unsay(text) {
    // a status goes with what it reports: cleared when that is over, unless another
    // status has replaced it meanwhile
    if (lastStatus === text) say("");
  }
  function showError(text) {
    $("error").textContent = text || "";
    $("error").hidden = !text;
  }
  let noticeUndo = null;
  function notice(text, undo) {
    const before = $("notice-text").textContent;
    if (before && before !== text) unsay(before);
    $("notice-text").textContent = text;
    $("notice").hidden = !text;
    noticeUndo = undo || null;
    $("notice-undo").hidden = !undo;
    if (text) say(text);
  }

  // -- the server ----------------------------------------------------------------------
  async function api(method, path, body) {
    const init = { method: method, headers: {}, credentials: "same-origin" };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch("api/" + path, init);
    } catch (e) {
      showError(t("no_answer"));
      throw e;
    }
    const type = response.headers.get("Content-Type") || "";
    const json = type.includes("application/json") ? await response.json() : null;
    return { ok: response.ok, status: response.status, json: json || {}, response: response };
  }
  function failed(result) {
    const reason = result.json.message || result.json.error || String(result.status);
    showError(t("failed", { reason: reason }));
  }
  const packPath = (ref) => "packs/" + encodeURIComponent(ref);

  async function download(result) {
    // a file the server made (a PDF, an export): saved by the browser under its name
    const disposition = result.response.headers.get("Content-Disposition") || "";
    const named = /filename\*=UTF-8''([^;]+)/i.exec(disposition) || /filename="?([^";]+)"?/i.exec(disposition);
    const name = named ? decodeURIComponent(named[1]) : "clarity-pack";
    const blob = await result.response.blob();
    const url = URL.createObjectURL(blob);
    const link = el("a", { href: url, download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    say(t("downloaded", { file: name }));
  }

  // -- the page's state ----------------------------------------------------------------
  let form = { languages: [], question_types: [], grids: { min: 1, max: 20, default: "4x5" }, difficulties: [] };
  let pack = null;         // {ref, editable, document, revision, pictures}
  let open = null;         // "details" | ["rounds", i] | ["questions", i]
  let problems = [];       // [{field, severity, text}] as the server gave them
  let dirty = false;
  let version = 0;         // counts the edits; a check's answer is for the version it was sent with
  let fullApplied = 0;     // the version of the last whole-pack check shown
  const itemApplied = {};  // "questions[3]" -> the version of its last item check shown
  const itemTimers = {};    // "questions[3]" -> the timer of its next check, while one waits
  const itemSent = {};      // "questions[3]" -> performance.now() when its last check went out
  let fullTimer = null;
  let badgeCounts = {};    // "questions[3]" -> "2/1" as last drawn
  let lastDeleted = null;  // {section, index, value} of a round or question deleted, for Undo

  // -- the packs -----------------------------------------------------------------------
  function languageOptions(select, chosen) {
    select.replaceChildren();
    const codes = form.languages.map((l) => l.code);
    const list = form.languages.slice();
    if (chosen && !codes.includes(chosen)) list.unshift({ code: chosen, name: chosen });
    for (const language of list) {
      const label = language.name && language.name !== language.code
        ? language.name + " (" + language.code + ")" : language.code;
      select.append(el("option", { value: language.code, text: label }));
    }
    if (chosen) select.value = chosen;
  }

  function countsLine(entry) {
    const parts = [tn("questions_count", entry.questions), tn("rounds_count", entry.rounds)];
    return entry.language ? parts.concat(entry.language).join(" · ") : parts.join(" · ");
  }
  function problemsLine(errors, warnings) {
    const parts = [];
    if (errors) parts.push(tn("errors_count", errors));
    if (warnings) parts.push(tn("warnings_count", warnings));
    return parts.join(", ");
  }

  function fileName(entry) { return entry.ref.replace(/^bundled:/, ""); }
  function packRow(entry) {
    // a pack whose file the form cannot read (readable: false) is named by its file, and
    // its problems say what is wrong in place of counts it does not have (questions:
    // null); a server that says neither gives 0 and the file's stem for a pack with errors
    const file = fileName(entry);
    const unknown = entry.readable === undefined && entry.errors > 0;
    const byFile = entry.readable === false || (unknown && entry.title === file.replace(/\.ya?ml$/i, ""));
    const counted = entry.readable !== false && typeof entry.questions === "number"
      && typeof entry.rounds === "number" && !(unknown && !entry.questions && !entry.rounds);
    const title = byFile ? file : entry.title || entry.id || t("untitled");
    const info = el("div", { class: "pack-info" }, [
      el("h3", { class: byFile ? "pack-title pack-file" : "pack-title", text: title, lang: byFile ? null : entry.language || null, dir: "auto" }),
      counted ? el("p", { class: "note", text: countsLine(entry) }) : null,
    ]);
    const state = el("p", { class: entry.errors ? "pack-problems has-errors" : entry.warnings ? "pack-problems has-warnings" : "pack-problems" });
    if (entry.errors || entry.warnings) {
      state.textContent = (entry.errors ? "✖ " : "⚠ ") + problemsLine(entry.errors, entry.warnings);
    } else {
      state.textContent = "✓ " + t("no_problems");
    }
    info.append(state);
    if (entry.problems && entry.problems.length) {
      info.append(el("ul", { class: "lines" }, entry.problems.map((line) => el("li", { text: line }))));
    }
    const buttons = el("div", { class: "pack-buttons" });
    if (entry.editable) {
      buttons.append(
        el("button", { class: "action", type: "button", "aria-label": t("edit_name", { title: title }), text: t("edit"), onclick: () => go(entry.ref) }),
        el("button", { class: "action danger", type: "button", "aria-label": t("delete_name", { title: title }), text: t("delete"), onclick: () => deletePack(entry, title) }),
      );
    } else {
      buttons.append(el("button", { class: "action secondary", type: "button", "aria-label": t("copy_name", { title: title }), text: t("copy"), onclick: () => copyPack(entry, title) }));
    }
    return el("li", { class: "pack card" }, [info, buttons]);
  }

  async function showList() {
    $("editor-view").hidden = true;
    $("list-view").hidden = false;
    $("save-state").hidden = true;
    pack = null;
    document.title = t("studio") + " · Clarity Challenge";
    const result = await api("GET", "packs");
    if (!result.ok) return failed(result);
    const own = result.json.packs.filter((p) => p.editable);
    const bundled = result.json.packs.filter((p) => !p.editable);
    $("own-packs").replaceChildren(...own.map(packRow));
    $("bundled-packs").replaceChildren(...bundled.map(packRow));
    $("no-own").hidden = own.length > 0;
  }

  async function newPack(event) {
    event.preventDefault();
    const title = $("new-title").value.trim();
    if (!title) { $("new-title").focus(); return; }
    const result = await api("POST", "packs", { title: title, language: $("new-language").value });
    if (!result.ok) return failed(result);
    showError("");
    $("new-title").value = "";
    go(result.json.ref);
  }

  let afterOpen = null;  // what to say once the pack being opened is shown
  async function copyPack(entry, title) {
    // the copy opens at once in the editor: the teacher copied it to change it
    const result = await api("POST", "packs/copy", { ref: entry.ref });
    if (!result.ok) return failed(result);
    showError("");
    afterOpen = t("copied", { title: title });
    go(result.json.ref);
  }

  async function deletePack(entry, title) {
    const result = await api("DELETE", packPath(entry.ref));
    if (!result.ok) return failed(result);
    showError("");
    const undo = result.json.undo;
    notice(t("deleted", { title: title }), async () => {
      const back = await api("POST", "undo/" + encodeURIComponent(undo));
      if (!back.ok) return failed(back);
      notice(t("restored", { title: title }));
      await showList();
    });
    await showList();
    $("notice-undo").focus();
  }

  async function importFiles(files) {
    if (!files.length) return;
    const body = new FormData();
    for (const file of files) body.append("file", file, file.name);
    $("import-result").hidden = false;
    $("import-summary").textContent = t("importing");
    $("skipped").replaceChildren();
    $("skipped-heading").hidden = true;
    const result = await api("POST", "import", body);
    $("import-file").value = "";
    if (!result.ok) { $("import-summary").textContent = ""; return failed(result); }
    showError("");
    const made = result.json.packs || [];
    const lines = result.json.lines || [];
    $("import-summary").textContent = tn("imported", made.length);
    $("skipped-heading").hidden = lines.length === 0;
    $("skipped").replaceChildren(...lines.map((line) => el("li", { text: line })));
    say($("import-summary").textContent);
    await showList();
  }

  // -- opening a pack ------------------------------------------------------------------
  function go(ref) {
    // the pack's address is in the page's: Back, a reload and a bookmark find it again
    const hash = "#edit=" + encodeURIComponent(ref);
    if (location.hash === hash) route(); else location.hash = hash;
  }

  async function openPack(ref) {
    // true when the pack is shown; a pack that cannot be opened leaves the one on screen
    // (and its edits) as it was, or the list when there is none
    const result = await api("GET", packPath(ref));
    if (!result.ok) {
      failed(result);
      afterOpen = null;
      if (!pack || pack.ref !== ref) location.hash = "";
      return result;
    }
    showError("");
    notice("");
    say("");  // the last pack's "Saved." is not this one's
    // a file the form cannot hold (its YAML unreadable): its problems shown, nothing editable,
    // so a save can never replace what the teacher wrote with an empty form
    const unreadable = !result.json.document || typeof result.json.document !== "object";
    pack = {
      ref: result.json.ref || ref,
      editable: result.json.editable && !unreadable,
      unreadable: unreadable,
      document: unreadable ? {} : result.json.document,
      revision: result.json.revision || "",
      pictures: result.json.pictures || {},
    };
    if (!Array.isArray(pack.document.rounds)) pack.document.rounds = [];
    if (!Array.isArray(pack.document.questions)) pack.document.questions = [];
    problems = result.json.problems || [];
    dirty = false;
    version += 1;
    fullApplied = version;
    for (const key of Object.keys(itemApplied)) delete itemApplied[key];
    badgeCounts = {};
    $("list-view").hidden = true;
    $("editor-view").hidden = false;
    $("read-only").hidden = pack.editable;
    $("read-only-text").textContent = t(pack.unreadable ? "unreadable" : "read_only");
    $("copy-this").hidden = pack.editable || pack.unreadable || !pack.ref.startsWith("bundled:");
    $("summary").open = pack.unreadable;
    for (const id of ["save", "add-round", "add-question"]) $(id).disabled = !pack.editable;
    $("start").disabled = false;
    drawHeading();
    drawOutline();
    openItem(open && sameItemExists(open) ? open : (pack.document.questions.length ? ["questions", 0] : "details"), false);
    drawProblems();
    drawSaveState();
    performance.mark("studio-pack-open");
    $("pack-heading").focus();
    if (afterOpen) { notice(afterOpen); afterOpen = null; }
    return result;
  }

  function sameItemExists(item) {
    if (item === "details") return true;
    return item[1] < pack.document[item[0]].length;
  }

  function drawHeading() {
    const title = pack.document.title || t("untitled");
    $("pack-heading").textContent = title;
    $("pack-heading").title = title;
    $("pack-heading").lang = pack.document.language || "";
    document.title = title + " · " + t("studio");
  }

  function drawSaveState() {
    const state = $("save-state");
    state.hidden = !pack || !pack.editable;  // a pack that cannot be changed has no saving
    if (state.hidden) return;
    state.textContent = dirty ? "● " + t("unsaved") : "✓ " + t("all_saved");
    state.classList.toggle("is-dirty", dirty);
  }

  // -- the outline: details, rounds and questions --------------------------------------
  function scopeOf(item) { return item === "details" ? "" : item[0] + "[" + item[1] + "]"; }

  function questionSummary(question, index) {
    const prompt = typeof question.prompt === "string" && question.prompt.trim() ? question.prompt : "…";
    return { number: String(index + 1) + ".", text: prompt };
  }
  function roundSummary(round, index) {
    const answer = typeof round.answer === "string" && round.answer.trim() ? round.answer : "…";
    return { number: t("round_n", { number: index + 1 }) + ":", text: answer };
  }

  function outlineEntry(section, index) {
    const value = pack.document[section][index] || {};
    const summary = section === "questions" ? questionSummary(value, index) : roundSummary(value, index);
    const button = el("button", {
      class: "outline-item",
      type: "button",
      "data-item": section + "[" + index + "]",
      "aria-current": isOpen([section, index]) ? "true" : null,
    }, [
      el("span", { class: "outline-number", text: summary.number }),
      " ",
      el("span", { class: "outline-text", text: summary.text, lang: pack.document.language || null, dir: "auto" }),
      el("span", { class: "badges" }),
    ]);
    const item = el("li", { class: "outline-entry" }, [button]);
    if (section === "questions" && pack.editable) {
      item.draggable = true;
      item.dataset.index = String(index);
    }
    return item;
  }

  function drawOutline() {
    const doc = pack.document;
    // one element per question, built in one go: a 1,000-question pack takes milliseconds
    const rounds = document.createDocumentFragment();
    doc.rounds.forEach((_, i) => rounds.append(outlineEntry("rounds", i)));
    $("round-list").replaceChildren(rounds);
    const questions = document.createDocumentFragment();
    doc.questions.forEach((_, i) => questions.append(outlineEntry("questions", i)));
    $("question-list").replaceChildren(questions);
    $("open-details").setAttribute("aria-current", open === "details" ? "true" : "false");
    badgeCounts = {};
  }

  function outlineButton(item) {
    if (item === "details") return $("open-details");
    const list = item[0] === "rounds" ? $("round-list") : $("question-list");
    const entry = list.children[item[1]];
    return entry ? entry.firstElementChild : null;
  }

  function refreshOutlineEntry(item) {
    const button = outlineButton(item);
    if (!button || item === "details") return;
    const value = pack.document[item[0]][item[1]] || {};
    const summary = item[0] === "questions" ? questionSummary(value, item[1]) : roundSummary(value, item[1]);
    button.querySelector(".outline-text").textContent = summary.text;
  }

  function isOpen(item) {
    if (open === null) return false;
    if (item === "details" || open === "details") return item === open;
    return open[0] === item[0] && open[1] === item[1];
  }

  function openItem(item, focus) {
    const before = open ? outlineButton(open) : null;
    if (before) before.removeAttribute("aria-current");
    open = item;
    const now = outlineButton(item);
    if (now) now.setAttribute("aria-current", "true");
    $("open-details").setAttribute("aria-current", item === "details" ? "true" : "false");
    drawItem();
    drawFieldProblems();
    if (focus) $("item-heading").focus();
  }

  // -- the form of the open item -------------------------------------------------------
  let fieldCount = 0;
  function fieldId() { fieldCount += 1; return "f" + fieldCount; }

  function setValue(target, key, value) {
    // an empty field is left out of the document, never written as ""
    if (value === "" || value === null || value === undefined) delete target[key];
    else target[key] = value;
  }

  function textField(options) {
    // {label, field, target, key, multiline, help, number, packText, list: "lines"|"commas"}
    const id = fieldId();
    const current = options.target[options.key];
    let shown = "";
    if (options.list === "lines") shown = Array.isArray(current) ? current.join("\n") : current || "";
    else if (options.list === "commas") shown = Array.isArray(current) ? current.join(", ") : current || "";
    else shown = typeof current === "string" ? current : current === undefined ? "" : String(current);
    const attrs = { id: id, class: "field", "data-field": options.field, autocomplete: "off" };
    if (options.packText) { attrs.lang = pack.document.language || null; attrs.dir = "auto"; }
    if (options.number) { attrs.inputmode = "numeric"; attrs.class = "field short"; }
    if (options.help) attrs["aria-describedby"] = id + "-help";
    const input = options.multiline || options.list === "lines"
      ? el("textarea", Object.assign(attrs, { rows: options.rows || 3 }))
      : el("input", Object.assign(attrs, { type: "text" }));
    input.value = shown;
    input.readOnly = !pack.editable;
    input.addEventListener("input", () => {
      let value = input.value;
      if (options.list === "lines") {
        const lines = value.split("\n").map((s) => s.trim()).filter((s) => s);
        value = lines.length ? lines : "";
      } else if (options.list === "commas") {
        const parts = value.split(",").map((s) => s.trim()).filter((s) => s);
        value = parts.length ? parts : "";
      } else if (!options.multiline) {
        value = value.trim() ? value : "";
      }
      setValue(options.target, options.key, value);
      if (options.onchange) options.onchange();
      edited();
    });
    const box = el("div", { class: "field-box" + (options.wide ? " wide" : "") }, [el("label", { for: id, text: options.label }), input]);
    if (options.help) box.append(el("p", { id: id + "-help", class: "help", text: options.help }));
    return box;
  }

  function selectField(options) {
    // {label, field, target, key, choices: [[value, label]], empty: label or null}
    const id = fieldId();
    const select = el("select", { id: id, class: "field", "data-field": options.field });
    const current = options.target[options.key];
    const values = options.choices.map((c) => c[0]);
    if (options.empty !== undefined && options.empty !== null) select.append(el("option", { value: "", text: options.empty }));
    if (typeof current === "string" && current && !values.includes(current)) select.append(el("option", { value: current, text: current }));
    for (const [value, label] of options.choices) select.append(el("option", { value: value, text: label }));
    select.value = typeof current === "string" ? current : "";
    select.disabled = !pack.editable;
    select.addEventListener("change", () => {
      if (options.onchange) options.onchange(select.value);
      else setValue(options.target, options.key, select.value);
      edited();
    });
    return el("div", { class: "field-box" }, [el("label", { for: id, text: options.label }), select]);
  }

  function drawItem() {
    fieldCount = 0;
    const body = $("item-form");
    const doc = pack.document;
    let heading = "";
    let content;
    if (open === "details") {
      heading = t("details");
      content = detailsForm(doc);
    } else if (open[0] === "rounds") {
      heading = t("round_n", { number: open[1] + 1 });
      content = roundForm(doc.rounds[open[1]], open[1]);
    } else {
      heading = t("question_n", { number: open[1] + 1 });
      content = questionForm(doc.questions[open[1]], open[1]);
    }
    $("item-heading").textContent = heading;
    body.replaceChildren(content);
    body.dataset.field = scopeOf(open);
  }

  function detailsForm(doc) {
    const languages = form.languages.map((l) => [l.code, l.name && l.name !== l.code ? l.name + " (" + l.code + ")" : l.code]);
    const grid = el("div", { class: "form-grid" }, [
      textField({ label: t("title"), field: "title", target: doc, key: "title", packText: true, wide: true, onchange: drawHeading }),
      textField({ label: t("description"), field: "description", target: doc, key: "description", multiline: true, packText: true, wide: true }),
      // a pack without a language says so with an empty entry; the server says what that means
      selectField({ label: t("language"), field: "language", target: doc, key: "language", choices: languages, empty: typeof doc.language === "string" ? null : "—" }),
      textField({ label: t("time_limit"), field: "time_limit", target: doc, key: "time_limit", number: true, help: t("time_limit_help") }),
      textField({ label: t("author"), field: "author", target: doc, key: "author", packText: true }),
      textField({ label: t("license"), field: "license", target: doc, key: "license", help: t("license_help") }),
      textField({ label: t("pack_id"), field: "id", target: doc, key: "id", help: t("pack_id_help") }),
    ]);
    return grid;
  }

  // -- pictures ------------------------------------------------------------------------
  function pictureUrl(image) {
    if (!image) return null;
    if (pack.pictures[image]) return pack.pictures[image];
    return "api/" + packPath(pack.ref) + "/picture?image=" + encodeURIComponent(image);
  }

  function pictureField(options) {
    // {label, field, target, key, grid: true (the tiles drawn over it), onchange}
    const id = fieldId();
    const image = options.target[options.key];
    const box = el("div", { class: "field-box picture-box wide", "data-field": options.field, role: "group", "aria-labelledby": id + "-label" });
    box.append(el("span", { id: id + "-label", class: "label", text: options.label }), el("div", { class: "problem-slot" }));
    const frame = el("div", { class: "picture-frame" });
    const name = el("p", { class: "note picture-name", text: image ? image : t("no_picture") });
    if (image) {
      const img = el("img", { src: pictureUrl(image), alt: "", class: "picture" });
      img.addEventListener("error", () => { name.textContent = t("picture_missing", { image: image }); });
      frame.append(img);
      if (options.grid) frame.append(el("div", { class: "tiles", "aria-hidden": "true" }));
    }
    const input = el("input", { id: id, class: "file-input", type: "file", accept: "image/png,image/jpeg,image/webp,image/gif,image/bmp" });
    const chooser = el("label", { class: "action secondary small file-button", for: id, text: t("choose_picture") });
    input.disabled = !pack.editable;
    input.addEventListener("change", () => { if (input.files.length) upload(input.files[0], options); });
    const drop = el("div", { class: "drop picture-drop" }, [
      frame, name, el("p", { class: "note", text: t("drop_picture") }), el("div", { class: "picture-buttons" }, [chooser, input]),
    ]);
    if (image && !options.grid && pack.editable) {
      drop.querySelector(".picture-buttons").append(el("button", {
        class: "action secondary small", type: "button", text: t("remove_picture"),
        onclick: () => { delete options.target[options.key]; edited(); drawItem(); drawFieldProblems(); },
      }));
    }
    dropTarget(drop, (files) => upload(files[0], options));
    box.append(drop);
    return box;
  }

  async function upload(file, options) {
    if (!pack.editable) return;
    say(t("uploading"));
    const body = new FormData();
    body.append("file", file, file.name);
    let result;
    try {
      result = await api("POST", packPath(pack.ref) + "/pictures", body);
    } finally {
      unsay(t("uploading"));
    }
    if (!result.ok) return failed(result);
    showError("");
    pack.pictures[result.json.image] = result.json.url;
    options.target[options.key] = result.json.image;
    edited();
    drawItem();
    drawFieldProblems();
    say(t("picture_added", { image: result.json.image }));
  }

  function dropTarget(zone, take) {
    zone.addEventListener("dragover", (event) => {
      if (!event.dataTransfer || !Array.from(event.dataTransfer.types).includes("Files")) return;
      event.preventDefault();
      zone.classList.add("dragging");
    });
    zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
    zone.addEventListener("drop", (event) => {
      if (!event.dataTransfer || !event.dataTransfer.files.length) return;
      event.preventDefault();
      zone.classList.remove("dragging");
      take(Array.from(event.dataTransfer.files));
    });
  }

  // -- a round -------------------------------------------------------------------------
  function parseGrid(text) {
    // only to draw the tiles and fill the two fields: the server says whether it is right
    const match = /^\s*(\d+)\s*[xX×]\s*(\d+)\s*$/.exec(typeof text === "string" ? text : "");
    return match ? [Number(match[1]), Number(match[2])] : null;
  }

  function drawTiles(round, container) {
    const tiles = container.querySelector(".tiles");
    if (!tiles) return;
    const grid = parseGrid(round.grid || form.grids.default) || [0, 0];
    tiles.replaceChildren();
    const [rows, cols] = grid;
    if (!rows || !cols || rows * cols > 400) return;
    tiles.style.gridTemplateColumns = "repeat(" + cols + ", 1fr)";
    tiles.style.gridTemplateRows = "repeat(" + rows + ", 1fr)";
    for (let i = 0; i < rows * cols; i += 1) tiles.append(el("span", { class: "tile" }));
  }

  function roundForm(round, index) {
    const scope = "rounds[" + index + "]";
    const wrap = el("div", { class: "form-grid" });
    wrap.append(pictureField({ label: t("picture"), field: scope + ".image", target: round, key: "image", grid: true }));
    const grid = parseGrid(round.grid || form.grids.default);
    const tiles = el("fieldset", { class: "field-box grid-box", "data-field": scope + ".grid" }, [el("legend", { text: t("tiles") }), el("div", { class: "problem-slot" })]);
    const count = el("p", { class: "note tiles-count" });
    const inputs = [];
    for (const [key, position] of [["rows", 0], ["columns", 1]]) {
      const id = fieldId();
      const input = el("input", { id: id, class: "field short", type: "number", min: form.grids.min, max: form.grids.max, step: 1 });
      input.value = grid ? String(grid[position]) : "";
      input.readOnly = !pack.editable;
      inputs.push(input);
      tiles.append(el("div", { class: "inline-field" }, [el("label", { for: id, text: t(key) }), input]));
    }
    const update = () => {
      const rows = inputs[0].value.trim();
      const cols = inputs[1].value.trim();
      setValue(round, "grid", rows || cols ? rows + "x" + cols : "");
      const now = parseGrid(round.grid || form.grids.default);
      count.textContent = now ? tn("tiles_count", now[0] * now[1]) : "";
      drawTiles(round, wrap);
      edited();
    };
    for (const input of inputs) input.addEventListener("input", update);
    count.textContent = grid ? tn("tiles_count", grid[0] * grid[1]) : "";
    tiles.append(count);
    wrap.append(tiles);
    wrap.append(textField({ label: t("mystery_answer"), field: scope + ".answer", target: round, key: "answer", packText: true, onchange: () => refreshOutlineEntry(["rounds", index]) }));
    wrap.append(textField({ label: t("mystery_accept"), field: scope + ".accept", target: round, key: "accept", list: "lines", packText: true }));
    wrap.append(textField({ label: t("caption"), field: scope + ".caption", target: round, key: "caption", multiline: true, packText: true, wide: true }));
    if (pack.editable) {
      wrap.append(el("div", { class: "item-buttons wide" }, [
        el("button", { class: "action danger small", type: "button", text: t("delete_round"), onclick: () => deleteItem("rounds", index) }),
      ]));
    }
    drawTiles(round, wrap);
    return wrap;
  }

  // -- a question ----------------------------------------------------------------------
  const TYPE_WORDS = { choice: "type_choice", truefalse: "type_truefalse", typed: "type_typed", number: "type_number" };
  const COMMON_KEYS = ["id", "type", "prompt", "explain", "image", "time_limit", "difficulty", "tags"];

  function retype(question, type) {
    // the keys the new type has kept; the answer carried over where it still means something
    const before = question.type;
    const answer = question.answer;
    const kept = {};
    for (const [key, value] of Object.entries(question)) if (COMMON_KEYS.includes(key)) kept[key] = value;
    for (const key of Object.keys(question)) delete question[key];
    Object.assign(question, kept);
    question.type = type;
    const firstText = Array.isArray(answer) ? answer[0] : answer;
    if (type === "choice") {
      question.choices = firstText && before !== "truefalse" ? [firstText, ""] : ["", ""];
      if (firstText && before !== "truefalse") question.answer = firstText;
    } else if (type === "truefalse") {
      question.answer = "true";
    } else if (firstText && before !== "truefalse") {
      question.answer = firstText;
    }
  }

  function answerList(question) {
    if (Array.isArray(question.answer)) return question.answer.filter((a) => typeof a === "string");
    return typeof question.answer === "string" ? [question.answer] : [];
  }

  function choicesBox(question, scope, index) {
    const box = el("fieldset", { class: "field-box choices-box wide", "data-field": scope + ".answer" }, [el("legend", { text: t("choices") }), el("div", { class: "problem-slot" })]);
    const list = el("ol", { class: "choices", "data-field": scope + ".choices" });
    if (!Array.isArray(question.choices)) question.choices = [];
    const rights = answerList(question);
    const marks = [];
    const syncAnswer = () => {
      // the answer is the text of every ticked choice: one text, or a list when more count
      const right = question.choices.filter((_, i) => marks[i] && marks[i].checked);
      if (right.length === 0) delete question.answer;
      else question.answer = right.length === 1 ? right[0] : right;
    };
    question.choices.forEach((choice, i) => {
      const id = fieldId();
      const mark = el("input", { type: "checkbox", class: "right-mark", "aria-label": t("right_n", { number: i + 1 }) });
      mark.checked = typeof choice === "string" && choice !== "" && rights.includes(choice);
      mark.disabled = !pack.editable;
      marks.push(mark);
      const text = el("input", { id: id, type: "text", class: "field", "data-field": scope + ".choices[" + i + "]", "aria-label": t("choice_n", { number: i + 1 }), autocomplete: "off", lang: pack.document.language || null, dir: "auto" });
      text.value = typeof choice === "string" ? choice : String(choice);
      text.readOnly = !pack.editable;
      text.addEventListener("input", () => {
        const ticked = marks.some((m) => m.checked);
        question.choices[i] = text.value;
        // a ticked choice renamed stays right; with none ticked the answer is the teacher's own
        if (ticked) syncAnswer();
        edited();
      });
      mark.addEventListener("change", () => { syncAnswer(); edited(); });
      const row = el("li", { class: "choice-row" }, [el("label", { class: "right-label" }, [mark, el("span", { class: "right-word", "aria-hidden": "true", text: "✓" })]), text]);
      if (pack.editable) {
        row.append(el("button", { class: "action secondary small icon", type: "button", "aria-label": t("remove_choice_n", { number: i + 1 }), text: "✕", onclick: () => {
          const wasRight = marks[i].checked;
          question.choices.splice(i, 1);
          marks.splice(i, 1);
          if (wasRight || marks.some((m) => m.checked)) syncAnswer();
          edited();
          redrawKeepingFocus(scope + ".choices[" + Math.max(0, i - 1) + "]");
        } }));
      }
      list.append(row);
    });
    box.append(list);
    if (pack.editable) {
      box.append(el("button", { class: "action secondary small", type: "button", text: "+ " + t("add_choice"), onclick: () => {
        question.choices.push("");
        edited();
        redrawKeepingFocus(scope + ".choices[" + (question.choices.length - 1) + "]");
      } }));
    }
    const shuffleId = fieldId();
    const shuffle = el("input", { id: shuffleId, type: "checkbox", "data-field": scope + ".shuffle" });
    shuffle.checked = !/^(false|no|off)$/i.test(String(question.shuffle === undefined ? "true" : question.shuffle));
    shuffle.disabled = !pack.editable;
    shuffle.addEventListener("change", () => {
      if (shuffle.checked) delete question.shuffle; else question.shuffle = "false";
      edited();
    });
    box.append(el("div", { class: "check-line" }, [shuffle, el("label", { for: shuffleId, text: t("shuffle") })]));
    void index;
    return box;
  }

  function trueFalseBox(question, scope) {
    const box = el("fieldset", { class: "field-box", "data-field": scope + ".answer" }, [el("legend", { text: t("the_answer") }), el("div", { class: "problem-slot" })]);
    const name = fieldId();
    const current = String(question.answer === undefined ? "" : question.answer);
    for (const [value, word, pattern] of [["true", "true", /^(true|yes|on|y)$/i], ["false", "false", /^(false|no|off|n)$/i]]) {
      const id = fieldId();
      const radio = el("input", { id: id, type: "radio", name: name, value: value });
      radio.checked = pattern.test(current);
      radio.disabled = !pack.editable;
      radio.addEventListener("change", () => { if (radio.checked) { question.answer = value; edited(); } });
      box.append(el("div", { class: "check-line" }, [radio, el("label", { for: id, text: t(word) })]));
    }
    return box;
  }

  function questionForm(question, index) {
    const scope = "questions[" + index + "]";
    const total = pack.document.questions.length;
    const wrap = el("div", { class: "form-grid" });
    if (pack.editable) {
      wrap.append(el("div", { class: "item-buttons wide" }, [
        el("button", { class: "action secondary small", type: "button", text: "↑ " + t("move_up"), "data-action": "up", disabled: index === 0, onclick: () => moveQuestion(index, index - 1, "up") }),
        el("button", { class: "action secondary small", type: "button", text: "↓ " + t("move_down"), "data-action": "down", disabled: index === total - 1, onclick: () => moveQuestion(index, index + 1, "down") }),
        el("button", { class: "action secondary small", type: "button", text: t("duplicate"), onclick: () => duplicateQuestion(index) }),
        el("button", { class: "action danger small", type: "button", text: t("delete_question"), onclick: () => deleteItem("questions", index) }),
      ]));
    }
    const types = (form.question_types.length ? form.question_types : Object.keys(TYPE_WORDS))
      .map((type) => [type, TYPE_WORDS[type] ? t(TYPE_WORDS[type]) : type]);
    wrap.append(selectField({ label: t("type"), field: scope + ".type", target: question, key: "type", choices: types, onchange: (value) => {
      retype(question, value);
      redrawKeepingFocus(scope + ".type");
    } }));
    wrap.append(textField({ label: t("question_id"), field: scope + ".id", target: question, key: "id", help: t("question_id_help") }));
    wrap.append(textField({ label: t("prompt"), field: scope + ".prompt", target: question, key: "prompt", multiline: true, rows: 2, packText: true, wide: true, onchange: () => refreshOutlineEntry(["questions", index]) }));
    const type = question.type;
    if (type === "choice") {
      wrap.append(choicesBox(question, scope, index));
    } else if (type === "truefalse") {
      wrap.append(trueFalseBox(question, scope));
    } else if (type === "number") {
      wrap.append(textField({ label: t("number_answer"), field: scope + ".answer", target: question, key: "answer", number: true }));
      wrap.append(textField({ label: t("tolerance"), field: scope + ".tolerance", target: question, key: "tolerance", number: true }));
      wrap.append(textField({ label: t("min"), field: scope + ".min", target: question, key: "min", number: true }));
      wrap.append(textField({ label: t("max"), field: scope + ".max", target: question, key: "max", number: true }));
      wrap.append(textField({ label: t("accept"), field: scope + ".accept", target: question, key: "accept", list: "lines", rows: 2 }));
    } else {
      wrap.append(textField({ label: t("the_answer"), field: scope + ".answer", target: question, key: "answer", packText: true }));
      wrap.append(textField({ label: t("accept"), field: scope + ".accept", target: question, key: "accept", list: "lines", packText: true, rows: 2 }));
    }
    wrap.append(textField({ label: t("explain"), field: scope + ".explain", target: question, key: "explain", multiline: true, rows: 2, packText: true, wide: true }));
    const difficulties = (form.difficulties.length ? form.difficulties : ["easy", "medium", "hard"])
      .map((d) => [d, data.texts[d] ? t(d) : d]);
    wrap.append(selectField({ label: t("difficulty"), field: scope + ".difficulty", target: question, key: "difficulty", choices: difficulties, empty: t("difficulty_none") }));
    wrap.append(textField({ label: t("question_time"), field: scope + ".time_limit", target: question, key: "time_limit", number: true, help: t("question_time_help") }));
    wrap.append(textField({ label: t("tags"), field: scope + ".tags", target: question, key: "tags", list: "commas", packText: true, wide: true }));
    wrap.append(pictureField({ label: t("question_picture"), field: scope + ".image", target: question, key: "image" }));
    return wrap;
  }

  function redrawKeepingFocus(field) {
    drawItem();
    drawFieldProblems();
    const target = fieldElement(field);
    if (target) target.focus();
  }

  // -- reorder, duplicate, add, delete -------------------------------------------------
  function uniqueId(base) {
    const used = new Set(pack.document.questions.map((q) => q && q.id));
    const stem = (typeof base === "string" && base ? base : "question").replace(/-\d+$/, "");
    for (let n = 2; ; n += 1) if (!used.has(stem + "-" + n)) return stem + "-" + n;
  }

  function renumber(section, map) {
    // problems follow their item when items move: map[old index] -> new index (or -1: gone)
    const pattern = new RegExp("^" + section + "\\[(\\d+)\\]");
    problems = problems.filter((p) => {
      const match = pattern.exec(p.field);
      if (!match) return true;
      const to = map(Number(match[1]));
      if (to < 0) return false;
      p.field = section + "[" + to + "]" + p.field.slice(match[0].length);
      return true;
    });
    for (const key of Object.keys(itemApplied)) if (key.startsWith(section + "[")) delete itemApplied[key];
  }

  function structureChanged(section, map, openNow, focus) {
    renumber(section, map);
    dirty = true;
    version += 1;
    drawOutline();
    openItem(openNow, false);
    drawProblems();
    drawSaveState();
    scheduleFull(0);
    if (focus) focus();
  }

  function moveQuestion(from, to, how) {
    const list = pack.document.questions;
    if (to < 0 || to >= list.length || from === to) return;
    const [moved] = list.splice(from, 1);
    list.splice(to, 0, moved);
    const map = (i) => {
      if (i === from) return to;
      if (from < to && i > from && i <= to) return i - 1;
      if (from > to && i >= to && i < from) return i + 1;
      return i;
    };
    const wasOpen = open !== "details" && open[0] === "questions" ? map(open[1]) : null;
    structureChanged("questions", map, wasOpen !== null ? ["questions", wasOpen] : open, () => {
      // the focus stays on what moved it: the list entry, or the same button in the form
      if (how === "list") outlineButton(["questions", to]).focus();
      else if (how) {
        const button = $("item-form").querySelector('[data-action="' + how + '"]');
        if (button && !button.disabled) button.focus();
        else outlineButton(["questions", to]).focus();
      }
    });
    say(t("moved", { number: to + 1, total: list.length }));
  }

  function duplicateQuestion(index) {
    const list = pack.document.questions;
    const copy = JSON.parse(JSON.stringify(list[index]));
    if (copy.id) copy.id = uniqueId(copy.id);
    list.splice(index + 1, 0, copy);
    structureChanged("questions", (i) => (i > index ? i + 1 : i), ["questions", index + 1], () => $("item-heading").focus());
    say(t("duplicated", { number: index + 1 }));
  }

  function addQuestion() {
    const list = pack.document.questions;
    list.push({ id: uniqueId("question"), type: "choice", prompt: "", choices: ["", ""] });
    structureChanged("questions", (i) => i, ["questions", list.length - 1], () => {
      const prompt = fieldElement("questions[" + (list.length - 1) + "].prompt");
      if (prompt) prompt.focus();
    });
  }

  function addRound() {
    const list = pack.document.rounds;
    list.push({ answer: "" });
    delete list[list.length - 1].answer;
    structureChanged("rounds", (i) => i, ["rounds", list.length - 1], () => $("item-heading").focus());
  }

  function deleteItem(section, index) {
    const list = pack.document[section];
    const [value] = list.splice(index, 1);
    lastDeleted = { section: section, index: index, value: value };
    const next = list.length ? [section, Math.min(index, list.length - 1)] : "details";
    structureChanged(section, (i) => (i === index ? -1 : i > index ? i - 1 : i), next, () => $("item-heading").focus());
    const words = section === "questions" ? "question_deleted" : "round_deleted";
    notice(t(words, { number: index + 1 }), () => {
      const gone = lastDeleted;
      if (!gone || !pack) return;
      lastDeleted = null;
      pack.document[gone.section].splice(gone.index, 0, gone.value);
      notice("");
      structureChanged(gone.section, (i) => (i >= gone.index ? i + 1 : i), [gone.section, gone.index], () => $("item-heading").focus());
      say(t(gone.section === "questions" ? "question_restored" : "round_restored", { number: gone.index + 1 }));
    });
  }

  // -- drag and keyboard reorder in the list -------------------------------------------
  let dragFrom = null;
  function listEvents() {
    const list = $("question-list");
    list.addEventListener("click", (event) => {
      const button = event.target.closest(".outline-item");
      if (button) openItem(["questions", indexOf(button)], true);
    });
    list.addEventListener("keydown", (event) => {
      const button = event.target.closest(".outline-item");
      if (!button || !event.altKey || !pack.editable) return;
      const index = indexOf(button);
      if (event.key === "ArrowUp") { event.preventDefault(); moveQuestion(index, index - 1, "list"); }
      else if (event.key === "ArrowDown") { event.preventDefault(); moveQuestion(index, index + 1, "list"); }
    });
    list.addEventListener("dragstart", (event) => {
      const entry = event.target.closest(".outline-entry");
      if (!entry) return;
      dragFrom = Number(entry.dataset.index);
      event.dataTransfer.effectAllowed = "move";
      event.dataTransfer.setData("text/plain", String(dragFrom));
      entry.classList.add("dragged");
    });
    list.addEventListener("dragover", (event) => {
      if (dragFrom === null) return;
      const entry = event.target.closest(".outline-entry");
      if (!entry) return;
      event.preventDefault();
      for (const other of list.querySelectorAll(".drop-before, .drop-after")) other.classList.remove("drop-before", "drop-after");
      const box = entry.getBoundingClientRect();
      entry.classList.add(event.clientY < box.top + box.height / 2 ? "drop-before" : "drop-after");
    });
    list.addEventListener("drop", (event) => {
      if (dragFrom === null) return;
      const entry = event.target.closest(".outline-entry");
      event.preventDefault();
      if (entry) {
        let to = Number(entry.dataset.index);
        if (entry.classList.contains("drop-after")) to += 1;
        if (to > dragFrom) to -= 1;
        moveQuestion(dragFrom, to, null);
      }
      dragFrom = null;
    });
    list.addEventListener("dragend", () => {
      dragFrom = null;
      for (const other of list.querySelectorAll(".dragged, .drop-before, .drop-after")) other.classList.remove("dragged", "drop-before", "drop-after");
    });
    $("round-list").addEventListener("click", (event) => {
      const button = event.target.closest(".outline-item");
      if (button) openItem(["rounds", indexOf(button)], true);
    });
  }
  function indexOf(button) {
    const entry = button.closest("li");
    return Array.prototype.indexOf.call(entry.parentNode.children, entry);
  }

  // -- checking as the teacher types ---------------------------------------------------
  function edited() {
    if (!pack) return;
    version += 1;
    if (!dirty) { dirty = true; drawSaveState(); }
    if (open !== "details") scheduleItem(open);
    scheduleFull(open === "details" ? ITEM_DELAY : FULL_DELAY);
  }

  function scheduleItem(item) {
    // the first keystroke after a pause is checked at once; those typed within ITEM_DELAY
    // of a check sent go out together, once, when the delay is over
    const scope = scopeOf(item);
    const now = performance.now();
    const last = itemSent[scope] || -Infinity;
    if (itemTimers[scope]) return;
    const wait = Math.max(0, last + ITEM_DELAY - now);
    const send = () => { itemTimers[scope] = null; itemSent[scope] = performance.now(); checkItem(item, scope); };
    if (wait === 0) send(); else itemTimers[scope] = setTimeout(send, wait);
  }
  function scheduleFull(delay) {
    clearTimeout(fullTimer);
    fullTimer = setTimeout(checkFull, delay);
  }

  async function checkItem(item, scope) {
    const sent = version;
    const ref = pack.ref;
    let result;
    try {
      result = await api("POST", packPath(ref) + "/check", { document: pack.document, item: [item[0], item[1]] });
    } catch (e) { return; }
    if (!pack || pack.ref !== ref || !result.ok) return;
    // only the latest answer counts: an older one, or one a whole check has overtaken, is dropped
    if (sent <= (itemApplied[scope] || 0) || sent < fullApplied) return;
    itemApplied[scope] = sent;
    const shown = result.json.scope !== undefined ? result.json.scope : scope;
    problems = problems.filter((p) => !inScope(p.field, shown)).concat(result.json.problems || []);
    drawProblems();
  }

  async function checkFull() {
    if (!pack) return;
    const sent = version;
    const ref = pack.ref;
    let result;
    try {
      result = await api("POST", packPath(ref) + "/check", { document: pack.document, item: null });
    } catch (e) { return; }
    if (!pack || pack.ref !== ref || !result.ok) return;
    if (sent < fullApplied) return;
    applyFull(result.json.problems || [], sent);
    drawProblems();
  }

  function applyFull(list, sent) {
    // a question checked since this whole check went out keeps its newer problems
    const newer = Object.keys(itemApplied).filter((scope) => itemApplied[scope] > sent);
    const fresh = (p) => newer.some((scope) => inScope(p.field, scope));
    problems = list.filter((p) => !fresh(p)).concat(problems.filter(fresh));
    fullApplied = sent;
  }

  function inScope(field, scope) {
    if (scope === "") return true;
    return field === scope || field.startsWith(scope + ".") || field.startsWith(scope + "[");
  }

  // -- showing the problems ------------------------------------------------------------
  function itemOfField(field) {
    const match = /^(questions|rounds)\[(\d+)\]/.exec(field);
    if (match) return [match[1], Number(match[2])];
    return field ? "details" : null;
  }
  // the form's own label of a field, to say in the list of problems where each one is
  const FIELD_WORDS = {
    questions: { prompt: "prompt", answer: "the_answer", accept: "accepted_short", explain: "explain", image: "question_picture", time_limit: "question_time", difficulty: "difficulty", tags: "tags_short", id: "question_id", type: "type", shuffle: "shuffle", tolerance: "tolerance", min: "min", max: "max", choices: "choices_short" },
    rounds: { image: "picture", answer: "mystery_answer", accept: "guesses_short", caption: "caption", grid: "tiles" },
    details: { title: "title", description: "description", language: "language", author: "author", license: "license", time_limit: "time_limit", id: "pack_id" },
  };
  // one entry of a list field by its place: "choices[0]" is "Choice 1" (the field grammar
  // of the loader's Problem.field), by the section of the item it is in
  const ENTRY_WORDS = {
    questions: { choices: "choice_n", accept: "accepted_n", tags: "tag_n", answer: "right_answer_n" },
    rounds: { accept: "guess_n" },
  };
  function fieldWords(field, item) {
    const rest = item === "details" ? field : field.replace(/^(questions|rounds)\[\d+\]\.?/, "");
    const match = /^([a-z_]+)(?:\[(\d+)\])?/.exec(rest);
    if (!match) return "";
    const section = item === "details" ? "details" : item[0];
    const entry = (ENTRY_WORDS[section] || {})[match[1]];
    if (entry && match[2] !== undefined) return t(entry, { number: Number(match[2]) + 1 });
    const key = FIELD_WORDS[section][match[1]];
    return key ? t(key) : "";
  }
  function pathWords(path, field) {
    // a field name inside a problem's text in the form's words: "questions[2].choices[0]"
    // is "Question 3, Choice 2"; one without its item ("choices[0]") is in the item of the
    // problem's own field; "" when the form has no words for it
    const whole = /^(questions|rounds)\[(\d+)\](?:\.(.*))?$/.exec(path);
    if (whole) {
      const item = [whole[1], Number(whole[2])];
      const named = t(item[0] === "questions" ? "question_n" : "round_n", { number: item[1] + 1 });
      if (!whole[3]) return named;
      const words = fieldWords(path, item);
      return words ? t("where_field", { item: named, field: words }) : "";
    }
    const item = itemOfField(field);
    if (item === null || item === "details") return "";
    return fieldWords(item[0] + "[" + item[1] + "]." + path, item);
  }
  const PATH = /\b(?:(?:questions|rounds)\[\d+\](?:\.[a-z_]+(?:\[\d+\])?)?|(?:choices|accept|tags|answer)\[\d+\])/g;
  const QUOTED = /("[^"]*"|«[^»]*»|“[^”]*”|„[^“”]*[“”])/;
  function readable(text, field) {
    // the field names a problem's text gives (YAML paths) said as the form says them; what
    // is quoted (the teacher's own text) and what has no words here stay as written
    return text.split(QUOTED).map((part, i) => (i % 2 ? part
      : part.replace(PATH, (path) => pathWords(path, field) || path))).join("");
  }
  function subjectOf(problem, target) {
    // a problem drawn on its own input needs no subject; one drawn elsewhere (a missing
    // field, a group, the item) says which field it is about: "The answer: is missing"
    const own = target && target.getAttribute("data-field") === problem.field
      && /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
    if (own) return "";
    const item = itemOfField(problem.field);
    if (item === null) return "";
    const words = fieldWords(problem.field, item);
    if (words) return words;
    // a field the form has no words for (the file's "clarity" line): its own name
    const rest = item === "details" ? problem.field : problem.field.replace(/^(questions|rounds)\[\d+\]\.?/, "");
    return rest;
  }
  function whereWords(field) {
    const item = itemOfField(field);
    if (item === null) return t("file_problem");
    const named = item === "details" ? t("details")
      : t(item[0] === "questions" ? "question_n" : "round_n", { number: item[1] + 1 });
    const words = fieldWords(field, item);
    return words ? t("where_field", { item: named, field: words }) : named;
  }

  function fieldElement(field) {
    // the element named by the field, or by the nearest enclosing field that has one
    const form = $("item-form");
    let name = field;
    while (name) {
      const found = form.querySelector('[data-field="' + CSS.escape(name) + '"]');
      if (found) return found;
      const cut = Math.max(name.lastIndexOf("."), name.lastIndexOf("["));
      if (cut <= 0) break;
      name = name.slice(0, cut);
    }
    return null;
  }

  function drawProblems() {
    drawFieldProblems();
    drawBadges();
    drawSummary();
  }

  let decorated = [];   // the inputs given aria-invalid / aria-describedby by the last drawing
  let problemCount = 0;
  function drawFieldProblems() {
    const formBox = $("item-form");
    for (const node of formBox.querySelectorAll(".problem")) node.remove();
    for (const [node, describedBy] of decorated) {
      node.removeAttribute("aria-invalid");
      if (describedBy) node.setAttribute("aria-describedby", describedBy); else node.removeAttribute("aria-describedby");
    }
    decorated = [];
    if (!pack || open === null) return;
    const scope = scopeOf(open);
    const mine = problems.filter((p) => (open === "details" ? itemOfField(p.field) === "details" : inScope(p.field, scope)));
    // errors first, then warnings, each under its field
    mine.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
    for (const problem of mine) {
      const target = fieldElement(problem.field) || formBox;
      const subject = subjectOf(problem, target);
      const text = readable(problem.text, problem.field);
      problemCount += 1;
      const id = "problem-" + problemCount;
      const error = problem.severity === "error";
      const line = el("p", { id: id, class: "problem " + (error ? "is-error" : "is-warning") }, [
        el("span", { class: "problem-mark", "aria-hidden": "true", text: error ? "✖" : "⚠" }),
        " ",
        el("strong", { class: "problem-kind", text: t(error ? "error" : "warning") }),
        " ",
        el("span", { class: "problem-text", text: subject ? t("problem_at", { where: subject, text: text }) : text }),
      ]);
      const isInput = /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
      const box = isInput ? target.closest(".field-box, .choice-row") || target.parentNode : target;
      const slot = box.querySelector(":scope > .problem-slot");
      if (box.classList.contains("choice-row")) box.after(line);
      else if (slot) slot.append(line);
      else if (box === formBox) box.prepend(line);
      else box.append(line);
      const described = isInput ? target : target;
      if (!decorated.some(([node]) => node === described)) decorated.push([described, described.getAttribute("aria-describedby")]);
      const ids = (described.getAttribute("aria-describedby") || "").split(" ").filter((s) => s);
      described.setAttribute("aria-describedby", ids.concat(id).join(" "));
      if (error) described.setAttribute("aria-invalid", "true");
    }
  }

  function drawBadges() {
    const counts = {};
    for (const p of problems) {
      const item = itemOfField(p.field);
      const key = item === null || item === "details" ? "details" : item[0] + "[" + item[1] + "]";
      const c = counts[key] || (counts[key] = [0, 0]);
      c[p.severity === "error" ? 0 : 1] += 1;
    }
    const keys = new Set(Object.keys(counts).concat(Object.keys(badgeCounts)));
    const next = {};
    for (const key of keys) {
      const c = counts[key] || [0, 0];
      next[key] = c[0] + "/" + c[1];
      if (badgeCounts[key] === next[key]) continue;
      const item = key === "details" ? "details" : itemOfField(key);
      const button = outlineButton(item);
      if (!button) continue;
      const badges = button.querySelector(".badges");
      badges.replaceChildren();
      button.classList.toggle("has-errors", c[0] > 0);
      button.classList.toggle("has-warnings", c[0] === 0 && c[1] > 0);
      if (c[0]) badges.append(el("span", { class: "badge is-error", text: "✖ " + number(c[0]) }));
      if (c[1]) badges.append(el("span", { class: "badge is-warning", text: "⚠ " + number(c[1]) }));
      // said with the entry's name: "3. Capital of France? 1 error"
      const words = problemsLine(c[0], c[1]);
      if (words) badges.append(el("span", { class: "visually-hidden", text: " " + words }));
    }
    badgeCounts = next;
  }

  function drawSummary() {
    const errors = problems.filter((p) => p.severity === "error").length;
    const warnings = problems.length - errors;
    // "fix the errors first" goes when the last error does
    if (!errors && $("error").textContent === t("fix_first")) showError("");
    const line = $("summary-line");
    line.replaceChildren();
    line.className = errors ? "has-errors" : warnings ? "has-warnings" : "no-problems";
    if (!problems.length) {
      line.textContent = "✓ " + t("no_problems_found");
    } else {
      line.append(el("strong", { text: t("problems_heading") }), " " + (errors ? "✖ " : "⚠ ") + problemsLine(errors, warnings));
    }
    const list = document.createDocumentFragment();
    const ordered = problems.slice().sort((a, b) => order(a) - order(b));
    for (const problem of ordered.slice(0, SUMMARY_MAX)) {
      const error = problem.severity === "error";
      const link = el("a", { href: "#", class: "problem-link " + (error ? "is-error" : "is-warning") }, [
        el("span", { "aria-hidden": "true", text: error ? "✖ " : "⚠ " }),
        el("strong", { text: t(error ? "error" : "warning") }),
        " " + t("problem_at", { where: whereWords(problem.field), text: readable(problem.text, problem.field) }),
      ]);
      link.addEventListener("click", (event) => { event.preventDefault(); goToProblem(problem.field); });
      list.append(el("li", {}, [link]));
    }
    if (ordered.length > SUMMARY_MAX) list.append(el("li", { class: "note", text: tn("more_problems", ordered.length - SUMMARY_MAX) }));
    $("summary-list").replaceChildren(list);
    $("summary").hidden = false;
  }
  function order(problem) {
    const item = itemOfField(problem.field);
    const base = item === null ? 0 : item === "details" ? 1 : item[0] === "rounds" ? 2 + item[1] : 100000 + item[1];
    return base * 2 + (problem.severity === "error" ? 0 : 1);
  }

  function goToProblem(field) {
    const item = itemOfField(field) || "details";
    if (!isOpen(item)) openItem(item, false);
    const target = fieldElement(field);
    if (!target) { $("item-heading").focus(); return; }
    const focusable = /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) ? target : target.querySelector("input, textarea, select, button");
    (focusable || $("item-heading")).focus();
    target.scrollIntoView({ block: "center" });
  }

  // -- saving --------------------------------------------------------------------------
  let saving = false;
  async function save(force) {
    if (!pack || !pack.editable || saving) return false;
    saving = true;
    $("save").disabled = true;
    say(t("saving"));
    const sent = version;
    let result;
    try {
      result = await api("PUT", packPath(pack.ref), { document: pack.document, revision: pack.revision, force: !!force });
    } catch (e) {
      return false;
    } finally {
      saving = false;
      $("save").disabled = !pack || !pack.editable;
      unsay(t("saving"));
    }
    if (result.status === 409) {
      // the file changed on disk, or is gone (moved, renamed, deleted): the teacher decides
      if (result.json.disk_revision === "") ask("gone", "gone-save");
      else ask("conflict", "conflict-reload");
      return false;
    }
    if (!result.ok) { failed(result); return false; }
    showError("");
    pack.revision = result.json.revision;
    if (version === sent) dirty = false;
    if (Array.isArray(result.json.problems) && version === sent) {
      applyFull(result.json.problems, sent);
      drawProblems();
    }
    drawSaveState();
    const errors = problems.filter((p) => p.severity === "error").length;
    const warnings = problems.length - errors;
    say(errors || warnings ? t("saved_problems", { problems: problemsLine(errors, warnings) }) : t("saved"));
    return true;
  }

  async function saveFirst() {
    // trying, printing, exporting and starting read the saved file: the teacher says so
    if (!dirty || !pack.editable) return true;
    const dialog = $("save-first");
    const answer = await new Promise((resolve) => {
      const yes = () => { finish(true); };
      const no = () => { finish(false); };
      const finish = (value) => {
        $("save-first-yes").removeEventListener("click", yes);
        $("save-first-no").removeEventListener("click", no);
        dialog.removeEventListener("cancel", no);
        dialog.close();
        resolve(value);
      };
      $("save-first-yes").addEventListener("click", yes);
      $("save-first-no").addEventListener("click", no);
      dialog.addEventListener("cancel", no);
      dialog.showModal();
      $("save-first-yes").focus();
    });
    return answer ? save(false) : false;
  }

  function ask(dialogId, first) {
    // a dialog about saving: closed by one of its choices, or by Cancel and Esc, which
    // leave everything as it was and the focus back on Save
    const dialog = $(dialogId);
    dialog.returnValue = "";
    dialog.showModal();
    $(first).focus();
  }
  function chose(dialogId) {
    $(dialogId).returnValue = "chosen";
    $(dialogId).close();
  }
  function dismissed(dialogId) {
    $(dialogId).addEventListener("close", () => {
      if ($(dialogId).returnValue === "chosen") return;
      const button = $("save");
      if (!$("editor-view").hidden && !button.disabled) button.focus();
    });
  }

  // -- try, print, export, start -------------------------------------------------------
  async function ready() {
    // trying, printing, exporting and starting read the saved pack, which must have no
    // errors: the page knows them, and says so here instead of sending the teacher to an
    // error in another tab
    if (!(await saveFirst())) return false;
    if (!problems.some((p) => p.severity === "error")) return true;
    showError(t("fix_first"));
    $("summary").open = true;
    $("summary-line").focus();
    return false;
  }
  async function tryIt() {
    if (!(await ready())) return;
    showError("");
    window.open("api/" + packPath(pack.ref) + "/play", "_blank", "noopener");
  }
  async function askThen(dialogId, formId, send) {
    if (!(await ready())) return;
    const dialog = $(dialogId);
    dialog.returnValue = "";
    dialog.showModal();
    dialog.addEventListener("close", async function closed() {
      dialog.removeEventListener("close", closed);
      if (dialog.returnValue !== "go") return;
      const fields = new FormData($(formId));
      notice(t("preparing"));
      try {
        await send(fields);
      } finally {
        if ($("notice-text").textContent === t("preparing")) notice("");
      }
    });
  }
  function print() {
    askThen("print-dialog", "print-form", async (fields) => {
      const result = await api("POST", packPath(pack.ref) + "/print", {
        kind: fields.get("kind"), paper: fields.get("paper"), key: fields.get("key") === "yes",
      });
      if (!result.ok) return failed(result);
      showError("");
      await download(result);
    });
  }
  function exportPack() {
    askThen("export-dialog", "export-form", async (fields) => {
      const result = await api("POST", packPath(pack.ref) + "/export", { format: fields.get("format") });
      if (!result.ok) return failed(result);
      showError("");
      await download(result);
    });
  }
  async function startGame() {
    if (!(await ready())) return;
    const result = await api("POST", packPath(pack.ref) + "/start");
    if (!result.ok) return failed(result);
    showError("");
    notice(t("started"));
  }

  // -- routing -------------------------------------------------------------------------
  function route() {
    const match = /^#edit=(.+)$/.exec(location.hash);
    if (match) openPack(decodeURIComponent(match[1]));
    else showList().then(() => $("list-heading").focus());
  }
  function leaveAllowed() {
    return !dirty || window.confirm(t("leave_unsaved"));
  }

  async function start() {
    const result = await api("GET", "form");
    if (result.ok) form = Object.assign(form, result.json);
    languageOptions($("new-language"), document.documentElement.lang || "en");
    $("new-form").addEventListener("submit", newPack);
    $("import-file").addEventListener("change", () => importFiles(Array.from($("import-file").files)));
    dropTarget($("import-box"), importFiles);
    $("notice-undo").addEventListener("click", () => { if (noticeUndo) noticeUndo(); });
    $("back").addEventListener("click", () => {
      if (!leaveAllowed()) return;
      dirty = false;
      location.hash = "";
    });
    $("save").addEventListener("click", () => save(false));
    $("try").addEventListener("click", tryIt);
    $("print").addEventListener("click", print);
    $("export").addEventListener("click", exportPack);
    $("start").addEventListener("click", startGame);
    $("open-details").addEventListener("click", () => openItem("details", true));
    $("add-question").addEventListener("click", addQuestion);
    $("add-round").addEventListener("click", addRound);
    $("conflict-reload").addEventListener("click", async () => {
      chose("conflict");
      const result = await openPack(pack.ref);
      if (result.ok) say(t("reloaded"));
      else if (result.status === 404) { showError(""); ask("gone", "gone-save"); }
    });
    $("conflict-keep").addEventListener("click", () => { chose("conflict"); save(true); });
    $("conflict-cancel").addEventListener("click", () => $("conflict").close());
    // the pack's file is gone: written again from the form, or the form closed, never
    // the teacher's edits dropped unasked
    $("gone-save").addEventListener("click", () => { chose("gone"); save(true); });
    $("gone-close").addEventListener("click", () => {
      chose("gone");
      dirty = false;
      location.hash = "";
    });
    $("gone-cancel").addEventListener("click", () => $("gone").close());
    dismissed("conflict");
    dismissed("gone");
    $("copy-this").addEventListener("click", () => {
      if (pack) copyPack({ ref: pack.ref }, pack.document.title || t("untitled"));
    });
    listEvents();
    // the outline sits under the bar however many lines the bar takes
    new ResizeObserver(() => {
      document.documentElement.style.setProperty("--bar", document.querySelector(".toolbar").offsetHeight + "px");
    }).observe(document.querySelector(".toolbar"));
    document.addEventListener("keydown", (event) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "s") {
        event.preventDefault();
        if (pack) save(false);
      }
    });
    window.addEventListener("beforeunload", (event) => {
      if (!dirty) return;
      event.preventDefault();
      event.returnValue = "";
    });
    window.addEventListener("hashchange", (event) => {
      // a pack left by Back with unsaved changes: the teacher decides
      if (pack && dirty && !/^#edit=/.test(location.hash) && !leaveAllowed()) {
        history.replaceState(null, "", new URL(event.oldURL).hash);
        return;
      }
      dirty = false;
      route();
    });
    route();
  }

  start();
})();

// The page of story-summarizer: gathers articles and options, calls POST /summarize, and shows the summary with
// its sources. Plain JavaScript, no build step; text is only ever inserted as text (textContent), never as HTML.
"use strict";

(() => {
  const { $, el } = window.ui;
  const collapse = (text) => text.split(/\s+/).filter(Boolean).join(" ");

  let boxCounter = 0;   // unique suffix for the element ids of article boxes
  let result = null;    // {summary, raw, texts, ids}: the last summary and the texts its offsets index
  let selected = null;  // index of the chosen summary sentence, or null

  // ---------------------------------------------------------------- article boxes

  const articleList = $("articles");
  const boxes = () => Array.from(articleList.querySelectorAll("li.article"));
  const docId = (box, position) => box.querySelector(".name").value.trim() || `article-${position + 1}`;

  function addArticle({ id = "", text = "", format = "text", focus = false } = {}) {
    boxCounter += 1;
    const n = boxCounter;
    const name = el("input", { type: "text", id: `name-${n}`, className: "name", value: id, autocomplete: "off",
      spellcheck: false });
    const kind = el("select", { id: `format-${n}`, className: "format" },
      el("option", { value: "text", text: "Plain text" }), el("option", { value: "html", text: "HTML" }));
    kind.value = format;
    const area = el("textarea", { id: `text-${n}`, className: "text", rows: 6, value: text,
      "aria-describedby": `error-${n}` });
    const error = el("p", { id: `error-${n}`, class: "error", role: "alert", hidden: true });
    const remove = el("button", { type: "button", className: "remove", text: "Remove" });
    const legend = el("legend");
    const box = el("li", { class: "article" }, el("fieldset", {},
      legend,
      el("div", { class: "article-head" },
        el("span", { class: "field" }, el("label", { for: `name-${n}`, text: "Name (optional)" }), name),
        el("span", { class: "field" }, el("label", { for: `format-${n}`, text: "Format" }), kind),
        remove),
      el("label", { for: `text-${n}`, class: "text-label", text: "Text" }),
      area,
      error));
    remove.addEventListener("click", () => {
      const list = boxes();
      const next = list[list.indexOf(box) + 1] || list[list.indexOf(box) - 1];
      box.remove();
      renumber();
      (next ? next.querySelector("textarea") : $("add")).focus();
    });
    articleList.append(box);
    renumber();
    if (focus) area.focus();
    return box;
  }

  function renumber() {
    boxes().forEach((box, i) => {
      box.querySelector("legend").textContent = `Article ${i + 1}`;
      box.querySelector(".name").placeholder = `article-${i + 1}`;
      box.querySelector(".remove").setAttribute("aria-label", `Remove article ${i + 1}`);
    });
  }

  function setArticles(documents) {
    for (const box of boxes()) box.remove();
    for (const doc of documents) addArticle(doc);
    if (!documents.length) addArticle();
  }

  /** Fill the first empty boxes, then new ones, with these documents. */
  function appendArticles(documents) {
    const empty = boxes().filter((b) => !b.querySelector("textarea").value.trim() && !b.querySelector(".name").value);
    for (const doc of documents) {
      const box = empty.shift();
      if (!box) { addArticle(doc); continue; }
      box.querySelector(".name").value = doc.id;
      box.querySelector(".format").value = doc.format;
      box.querySelector("textarea").value = doc.text;
    }
  }

  $("add").addEventListener("click", () => addArticle({ focus: true }));

  // ---------------------------------------------------------------- files and the sample

  async function readFiles(fileList) {
    clearErrors();
    const documents = [];
    const refused = [];
    for (const file of Array.from(fileList)) {
      const lower = file.name.toLowerCase();
      const html = /\.html?$/.test(lower) || file.type === "text/html";
      if (!html && !/\.(txt|text|md)$/.test(lower) && !file.type.startsWith("text/")) {
        refused.push(file.name);
        continue;
      }
      const stem = file.name.replace(/\.[^.]*$/, "") || file.name;
      documents.push({ id: stem, text: await file.text(), format: html ? "html" : "text" });
    }
    appendArticles(documents);
    if (refused.length) {
      showError($("articles-error"), `Not read: ${refused.join(", ")}. Drop .txt or .html files only.`);
    }
    setStatus(documents.length ? `Added ${documents.length} article${documents.length > 1 ? "s" : ""}.` : "");
  }

  window.ui.dropZone($("drop"), $("files"), readFiles);

  $("sample").addEventListener("click", async () => {
    clearErrors();
    setStatus("Loading the sample story…");
    try {
      const response = await fetch("/sample", { headers: authHeaders() });
      const body = await readJson(response);
      if (!response.ok) { showApiError(response, body); setStatus(""); return; }
      setArticles(body.documents.map((d) => ({ id: d.id, text: d.text, format: "text" })));
      setStatus(`Loaded the sample story: ${body.documents.length} articles.`);
    } catch (err) {
      setStatus("");
      showError($("form-error"), `Could not load the sample story: ${err.message}`);
    }
  });

  // ---------------------------------------------------------------- errors

  const allErrors = () => Array.from(document.querySelectorAll("#form .error"));

  function clearErrors() {
    for (const node of allErrors()) { node.hidden = true; node.textContent = ""; }
    for (const node of document.querySelectorAll("[aria-invalid]")) node.removeAttribute("aria-invalid");
  }

  function showError(node, message, input) {
    node.textContent = node.hidden || !node.textContent ? message : `${node.textContent} ${message}`;
    node.hidden = false;
    if (input) input.setAttribute("aria-invalid", "true");
  }

  function boxError(box, message) {
    showError(box.querySelector(".error"), message, box.querySelector("textarea"));
  }

  const lengthError = (message) => showError($("length-error"), message, $("length"));

  /** Show an error body next to what caused it: details[].field of a 422, or the article a message names. */
  function showApiError(response, body) {
    const error = (body && body.error) || { code: "http_error", message: `The server answered ${response.status}.` };
    const list = boxes();
    const sentIds = list.map(docId);
    const byId = (id) => list[sentIds.indexOf(id)];
    const message = error.message || "";
    const named = /[Dd]ocument '([^']+)'/.exec(message) || /^([^:]+): /.exec(message);
    if (response.status === 401) {
      $("key-group").open = true;
      showError($("key-error"), message, $("api-key"));
    } else if (error.code === "invalid_request" && Array.isArray(error.details)) {
      for (const detail of error.details) showFieldError(detail.field || "body", detail.message || message, list);
    } else if (/\b(sentences|words|ratio)\b/.test(message) && error.code === "invalid_option") {
      lengthError(message);
    } else if (/repeated: /.test(message)) {
      showRepeated(message);
    } else if (named && byId(named[1])) {
      boxError(byId(named[1]), message);
    } else if ([400, 413].includes(response.status)) {
      showError($("articles-error"), message);
    } else if (response.status === 429) {
      const wait = response.headers.get("Retry-After");
      showError($("form-error"), `${message}${wait ? ` Try again in ${wait} s.` : ""}`);
    } else {
      showError($("form-error"), `${message} (${error.code}, ${response.status})`);
    }
    const first = allErrors().find((node) => !node.hidden);
    const input = document.querySelector("[aria-invalid=true]");
    if (input) input.focus();
    else if (first) first.scrollIntoView({ block: "center" });
  }

  function showFieldError(field, message, list) {
    const path = field.split(".");
    if (path[0] === "documents" && path.length > 1 && list[Number(path[1])]) {
      const what = path[2] ? `${path[2]}: ` : "";
      boxError(list[Number(path[1])], `${what}${message}`);
    } else if (path[0] === "documents" && /repeated: /.test(message)) {
      showRepeated(message);
    } else if (path[0] === "documents") {
      showError($("articles-error"), message);
    } else if (["sentences", "words", "ratio"].includes(path[0])) {
      lengthError(`${path[0]}: ${message}`);
    } else if (path[0] === "order") {
      showError($("order-error"), message);
    } else {
      showError($("form-error"), `${field}: ${message}`);
    }
  }

  function showRepeated(message) {
    const ids = message.split("repeated: ")[1].replace(/\.$/, "").split(", ");
    const list = boxes();
    for (const id of ids) {
      const named = list.filter((box, i) => docId(box, i) === id);
      for (const box of named) boxError(box, `Another article is also named “${id}”; give each article its own name.`);
      if (!named.length) showError($("articles-error"), message);
    }
  }

  // ---------------------------------------------------------------- summarising

  function authHeaders() {
    const key = $("api-key").value.trim();
    return key ? { "X-API-Key": key } : {};
  }

  async function readJson(response) {
    try { return await response.json(); } catch { return null; }
  }

  function setStatus(text) { $("status").textContent = text; }

  /** The request body, or null (with errors shown) when something must be fixed first. */
  function buildRequest() {
    const list = boxes();
    if (!list.length) {
      showError($("articles-error"), "Add at least one article.");
      return null;
    }
    const documents = [];
    list.forEach((box, i) => {
      const text = box.querySelector("textarea").value;
      if (!text.trim()) boxError(box, "This article is empty: paste its text, or remove it.");
      const format = box.querySelector(".format").value;
      documents.push({ id: docId(box, i), [format === "html" ? "html" : "text"]: text });
    });
    const unit = document.querySelector("input[name=unit]:checked").value;
    const raw = $("length").value.trim();
    if (!raw) lengthError(`Enter how many ${unit} the summary should have.`);
    if (allErrors().some((node) => !node.hidden)) return null;
    const body = { documents, [unit]: Number(raw), order: document.querySelector("input[name=order]:checked").value };
    if (documents.some((d) => "html" in d)) body.return_text = true;
    return body;
  }

  $("form").addEventListener("submit", async (event) => {
    event.preventDefault();
    clearErrors();
    const body = buildRequest();
    if (!body) {
      const input = document.querySelector("[aria-invalid=true]");
      if (input) input.focus();
      return;
    }
    const button = $("summarize");
    button.disabled = true;
    $("form").setAttribute("aria-busy", "true");
    try {
      await summarize(body, Date.now() + 180000);
    } finally {
      button.disabled = false;
      $("form").removeAttribute("aria-busy");
    }
  });

  async function summarize(body, deadline) {
    const n = body.documents.length;
    setStatus(`Summarising ${n} article${n > 1 ? "s" : ""}…`);
    let response;
    try {
      response = await fetch("/summarize", {
        method: "POST", headers: { "Content-Type": "application/json", ...authHeaders() }, body: JSON.stringify(body),
      });
    } catch (err) {
      setStatus("");
      showError($("form-error"), `Could not reach the server (${err.message}); check that it is running.`);
      return;
    }
    const raw = await response.text();
    let parsed = null;
    try { parsed = JSON.parse(raw); } catch { parsed = null; }
    if (response.status === 503 && parsed && parsed.error && parsed.error.code === "model_loading"
        && Date.now() < deadline) {
      const wait = Number(response.headers.get("Retry-After")) || 2;
      setStatus(`The model is still loading; trying again in ${wait} s…`);
      await new Promise((resolve) => setTimeout(resolve, wait * 1000));
      return summarize(body, deadline);
    }
    if (!response.ok || !parsed) {
      setStatus("");
      showApiError(response, parsed);
      return;
    }
    const texts = {};
    for (const doc of body.documents) {
      texts[doc.id] = "text" in doc ? doc.text : (parsed.extracted_text || {})[doc.id] || "";
    }
    result = { summary: parsed, raw, texts, ids: body.documents.map((d) => d.id) };
    selected = null;
    render();
    const count = parsed.sentences.length;
    setStatus(`Done: ${count} sentence${count === 1 ? "" : "s"} from ${n} article${n > 1 ? "s" : ""}.`);
  }

  // ---------------------------------------------------------------- the result

  function render() {
    const { summary } = result;
    const warnings = $("warnings");
    warnings.replaceChildren(...summary.warnings.map((w) => el("li", { text: w })));
    warnings.hidden = !summary.warnings.length;

    const list = $("sentences");
    list.replaceChildren(...summary.sentences.map((s, i) => {
      const others = [...new Set(s.support.map((x) => x.document_id))];
      const button = el("button", { type: "button", class: "sentence", "aria-pressed": "false",
        "aria-controls": `support-${i}` },
      el("span", { class: "sentence-text", text: collapse(s.text) }),
      el("span", { class: "meta" }, el("span", { class: "badge", text: s.document_id }),
        others.length ? ` also reported by ${others.length} other article${others.length > 1 ? "s" : ""}`
          : " reported by this article only",
        (s.disagreements || []).length ? el("span", { class: "differ-mark", text: "sources differ" }) : null));
      button.addEventListener("click", () => select(selected === i ? null : i, true));
      button.addEventListener("mouseenter", () => highlight(i));
      button.addEventListener("mouseleave", () => highlight(selected));
      button.addEventListener("focus", () => highlight(i));
      button.addEventListener("blur", () => highlight(selected));
      const support = el("div", { id: `support-${i}`, class: "support-panel", hidden: true });
      return el("li", {}, button, differences(s), support);
    }));
    if (!summary.sentences.length) list.append(el("li", { text: "No sentence could be chosen." }));

    renderCoverage();
    renderClusters();
    renderSources();
    highlight(null);
    const section = $("result");
    section.hidden = false;
    section.focus({ preventScroll: true });
    section.scrollIntoView({ block: "start" });
  }

  /** The figures the articles give differently for a sentence's point, side by side; null when they agree. */
  function differences(sentence) {
    const found = sentence.disagreements || [];
    if (!found.length) return null;
    return el("div", { class: "differ", role: "group", "aria-label": "Sources differ" },
      ...found.map((d) => el("p", { class: "differ-row" },
        el("span", { class: "differ-label", text: "Sources differ:" }),
        ...d.values.map((v) => el("span", { class: "differ-value", title: `${v.document_id}, characters ${v.start}–${v.end}` },
          el("strong", { text: collapse(v.text) }), " ", el("span", { class: "badge", text: v.document_id }))))));
  }

  function renderCoverage() {
    const { summary, ids } = result;
    const table = $("coverage");
    const head = el("tr", {}, el("th", { scope: "col", text: "Point" }),
      ...ids.map((id) => el("th", { scope: "col", title: id }, el("span", { class: "col-id", text: id }))),
      el("th", { scope: "col", text: "Articles" }));
    const rows = summary.sentences.map((s, i) => {
      const reporting = new Set([s.document_id, ...s.support.map((x) => x.document_id)]);
      const rowButton = el("button", { type: "button", class: "link", text: `${i + 1}`,
        title: collapse(s.text), "aria-label": `Point ${i + 1}: ${collapse(s.text).slice(0, 80)}` });
      rowButton.addEventListener("click", () => select(i, true));
      const cells = ids.map((id) => {
        const kind = id === s.document_id ? "own" : reporting.has(id) ? "also" : "none";
        const words = { own: "its source", also: "reports it", none: "not reported" }[kind];
        return el("td", { class: `cell-${kind}` }, el("span", { class: `dot ${kind}`, "aria-hidden": "true" }),
          el("span", { class: "sr", text: words }));
      });
      const row = el("tr", { "data-index": String(i) }, el("th", { scope: "row" }, rowButton), ...cells,
        el("td", { class: "count", text: `${reporting.size}/${ids.length}` }));
      row.addEventListener("mouseenter", () => highlight(i));
      row.addEventListener("mouseleave", () => highlight(selected));
      return row;
    });
    table.replaceChildren(el("caption", { class: "sr", text: "Summary points by article" }),
      el("thead", {}, head), el("tbody", {}, ...rows));
  }

  function renderClusters() {
    const { clusters } = result.summary;
    $("clusters-summary").textContent =
      `Topics: the ${clusters.length} groups of sentences the summary was chosen from`;
    const head = el("tr", {}, ...["Topic", "Sentences", "Articles", "Terms", "In the summary"].map(
      (name) => el("th", { scope: "col", text: name })));
    const rows = clusters.map((c, i) => el("tr", {},
      el("th", { scope: "row", text: `${i + 1}` }),
      el("td", { text: String(c.size) }),
      el("td", { text: String(c.documents.length), title: c.documents.join(", ") }),
      el("td", { text: c.terms.join(", ") }),
      el("td", { text: c.selected ? "yes" : "no" })));
    $("clusters").replaceChildren(el("thead", {}, head), el("tbody", {}, ...rows));
  }

  function renderSources() {
    const { summary, ids } = result;
    const notes = Object.fromEntries(summary.documents.map((d) => [d.id, d]));
    $("sources").replaceChildren(...ids.map((id, i) => {
      const note = notes[id];
      const facts = note ? `${note.sentences} sentences, ${note.selected} in the summary` : "";
      return el("article", { class: "source-card", id: `source-${i}`, "data-doc": id },
        el("h4", {}, el("span", { class: "badge", text: id }), el("span", { class: "facts", text: ` ${facts}` })),
        el("div", { class: "source-text", tabIndex: 0, role: "region", "aria-label": `Text of ${id}` }));
    }));
  }

  function select(index, scroll) {
    selected = index;
    document.querySelectorAll("#sentences .sentence").forEach((button, i) => {
      button.setAttribute("aria-pressed", String(i === index));
      const panel = $(`support-${i}`);
      panel.hidden = i !== index;
      if (i === index) fillSupport(panel, result.summary.sentences[i]);
    });
    document.querySelectorAll("#coverage tbody tr").forEach((row, i) => row.classList.toggle("chosen", i === index));
    highlight(index, scroll);
  }

  function fillSupport(panel, sentence) {
    const from = el("p", {}, "From ", el("span", { class: "badge", text: sentence.document_id }),
      `, characters ${sentence.start}–${sentence.end}.`);
    const items = sentence.support.map((x) => el("li", {}, el("span", { class: "badge support", text: x.document_id }),
      ` ${collapse(x.text)} `, el("span", { class: "similarity", text: `(similarity ${x.similarity.toFixed(2)})` })));
    const first = sentence.first_reported
      ? el("p", {}, "First reported by ", el("span", { class: "badge", text: sentence.first_reported.document_id }),
        `, published ${sentence.first_reported.published}.`)
      : null;
    panel.replaceChildren(...[from, first, items.length
      ? el("div", {}, el("p", { text: "Also reported by:" }), el("ul", {}, ...items))
      : el("p", { text: "No other article reports this." })].filter(Boolean));
  }

  /** Python offsets count code points; JavaScript strings count UTF-16 units. Map one to the other. */
  function offsetMapper(text) {
    if (!/[\uD800-\uDFFF]/.test(text)) return (cp) => cp;
    const units = [];
    let unit = 0;
    for (const ch of text) { units.push(unit); unit += ch.length; }
    units.push(unit);
    return (cp) => units[Math.min(cp, units.length - 1)];
  }

  /** Marks in every article: the chosen sentence and its support, or, with none chosen, every summary sentence. */
  function highlight(index, scroll = false) {
    if (!result) return;
    const { summary, texts } = result;
    const spans = {};
    const add = (doc, start, end, kind, label) => (spans[doc] = spans[doc] || []).push({ start, end, kind, label });
    if (index == null) {
      summary.sentences.forEach((s, i) => add(s.document_id, s.start, s.end, "chosen", `${i + 1}`));
    } else {
      const s = summary.sentences[index];
      add(s.document_id, s.start, s.end, "primary", `${index + 1}`);
      for (const x of s.support) add(x.document_id, x.start, x.end, "support", `${index + 1}`);
    }
    for (const article of document.querySelectorAll("#sources .source-card")) {
      const doc = article.dataset.doc;
      const text = texts[doc] || "";
      const box = article.querySelector(".source-text");
      const map = offsetMapper(text);
      const parts = [];
      let at = 0;
      for (const span of (spans[doc] || []).sort((a, b) => a.start - b.start)) {
        const start = map(span.start);
        const end = map(span.end);
        if (start < at) continue; // overlapping spans: the first one wins
        parts.push(text.slice(at, start));
        const mark = el("mark", { class: span.kind, title: `Summary sentence ${span.label}` }, text.slice(start, end));
        parts.push(mark);
        at = end;
      }
      parts.push(text.slice(at));
      box.replaceChildren(...parts);
      article.classList.toggle("involved", index != null && Boolean(spans[doc]));
      if (scroll) {
        const mark = box.querySelector("mark");
        if (mark) box.scrollTop = Math.max(0, mark.offsetTop - 24);
      }
    }
  }

  // ---------------------------------------------------------------- copy and download

  /** The summary as Markdown, the same as `summarize --format markdown`. */
  function markdown(summary) {
    const lines = ["# Summary", ""];
    const references = [];
    for (const s of summary.sentences) {
      const numbers = [];
      const spans = [[s.document_id, s.start, s.end, ""],
        ...s.support.map((x) => [x.document_id, x.start, x.end, `, similarity ${x.similarity.toFixed(2)}`])];
      for (const [doc, start, end, note] of spans) {
        references.push(`[${references.length + 1}] \`${doc}\`, characters ${start}–${end}${note}`);
        numbers.push(String(references.length));
      }
      lines.push(`${collapse(s.text)} [${numbers.join(", ")}]`, "");
      for (const d of s.disagreements || []) {
        const values = d.values.map((v) => `“${collapse(v.text)}” (\`${v.document_id}\`, characters ${v.start}–${v.end})`);
        lines.push(`> Sources differ: ${values.join(" / ")}`, "");
      }
    }
    if (references.length) {
      lines.push("## Sources", "", ...references.slice(0, -1).map((r) => `${r}  `), references[references.length - 1]);
    }
    return `${lines.join("\n").replace(/\n+$/, "")}\n`;
  }

  $("copy-md").addEventListener("click", async () => {
    if (!result) return;
    const text = markdown(result.summary);
    let copied = false;
    try {
      await navigator.clipboard.writeText(text);
      copied = true;
    } catch {
      // No clipboard API outside secure contexts (plain http to another host): the old way still works there.
      const area = el("textarea", { value: text, readOnly: true, class: "offscreen" });
      document.body.append(area);
      area.select();
      copied = document.execCommand("copy");
      area.remove();
    }
    $("copy-status").textContent = copied ? "Copied the summary as Markdown." : "Copying failed; select the text instead.";
  });

  $("download-json").addEventListener("click", () => {
    if (!result) return;
    const url = URL.createObjectURL(new Blob([result.raw], { type: "application/json" }));
    const link = el("a", { href: url, download: "summary.json" });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    $("copy-status").textContent = "Downloaded summary.json.";
  });

  // ---------------------------------------------------------------- start

  addArticle();
  addArticle();
  // A story opened from the stories page (/piles): its articles and summary, shown as if summarised here.
  const handover = sessionStorage.getItem("story-summarizer:open");
  if (handover) {
    sessionStorage.removeItem("story-summarizer:open");
    const story = JSON.parse(handover);
    setArticles(story.documents);
    result = { summary: story.summary, raw: JSON.stringify(story.summary, null, 2),
      texts: Object.fromEntries(story.documents.map((d) => [d.id, d.text])), ids: story.documents.map((d) => d.id) };
    selected = null;
    render();
    setStatus(`Story: ${story.label} (${story.documents.length} article${story.documents.length > 1 ? "s" : ""}).`);
  }
  fetch("/readyz").then((response) => {
    if (response.status === 503) setStatus("The model is still loading; you can add the articles meanwhile.");
  }).catch(() => {});
})();

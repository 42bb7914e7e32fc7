// The stories page: gathers a pile of articles, sends it to POST /stories, polls GET /jobs/{id}, and lists the
// stories (label, size, outlets); "Open" shows a story in the summary view of the main page. Text is only ever
// inserted as text (textContent), never as HTML.
"use strict";

(() => {
  const { $, el } = window.ui;
  //: Where the main page looks for a story to show (see app.js).
  const HANDOVER = "story-summarizer:open";

  let files = [];  // {id, text|html} read from dropped or chosen files

  const pasted = () => $("pile-text").value.split(/^\s*---\s*$/m).map((t) => t.trim()).filter(Boolean)
    .map((text, i) => ({ id: `article-${i + 1}`, text }));
  const pile = () => [...files, ...pasted()];
  const count = () => {
    const n = pile().length;
    $("pile-count").textContent = n ? `${n} article${n > 1 ? "s" : ""} in the pile.` : "No articles yet.";
  };
  const status = (text) => { $("pile-status").textContent = text; };
  const fail = (message) => { const node = $("pile-error"); node.textContent = message; node.hidden = false; };
  const headers = () => {
    const key = $("pile-api-key").value.trim();
    return key ? { "X-API-Key": key } : {};
  };

  async function readFiles(list) {
    for (const file of Array.from(list)) {
      const text = await file.text();
      const id = file.name.replace(/\.[^.]*$/, "") || file.name;
      const html = /\.html?$/i.test(file.name) || file.type === "text/html";
      files = files.filter((f) => f.id !== id).concat([html ? { id, html: text } : { id, text }]);
    }
    count();
  }

  window.ui.dropZone($("pile-drop"), $("pile-files"), readFiles);
  $("pile-text").addEventListener("input", count);

  async function readJson(response) {
    try { return await response.json(); } catch { return null; }
  }

  $("pile-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    $("pile-error").hidden = true;
    const documents = pile();
    if (!documents.length) { fail("Add at least one article: drop files or paste text."); return; }
    const body = { documents, sentences: Number($("pile-sentences").value) || 3 };
    $("group").disabled = true;
    try {
      await group(body);
    } finally {
      $("group").disabled = false;
    }
  });

  async function group(body) {
    status(`Sending ${body.documents.length} articles…`);
    let response;
    try {
      response = await fetch("/stories", {
        method: "POST", headers: { "Content-Type": "application/json", ...headers() }, body: JSON.stringify(body),
      });
    } catch (err) {
      status("");
      fail(`Could not reach the server (${err.message}); check that it is running.`);
      return;
    }
    const accepted = await readJson(response);
    if (response.status !== 202 || !accepted) {
      status("");
      fail(accepted && accepted.error ? accepted.error.message : `The server answered ${response.status}.`);
      return;
    }
    const location = response.headers.get("Location") || accepted.location;
    for (;;) {
      const polled = await fetch(location, { headers: headers() });
      const job = await readJson(polled);
      if (!polled.ok || !job) { status(""); fail(job && job.error ? job.error.message : "The job was lost."); return; }
      if (job.status === "succeeded") { show(job.result, body.documents); return; }
      if (job.status === "failed") { status(""); fail(job.error.message); return; }
      status(job.status === "queued" ? "Waiting for the server…" : "Grouping and summarising the stories…");
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }

  function show(result, documents) {
    const byId = Object.fromEntries(documents.map((d) => [d.id, d]));
    const extracted = result.extracted_text || {};
    const warnings = $("pile-warnings");
    warnings.replaceChildren(...result.warnings.map((w) => el("li", { text: w })));
    warnings.hidden = !result.warnings.length;
    $("stories").replaceChildren(...result.stories.map((story, i) => {
      const size = story.documents.length;
      const open = el("button", { type: "button", class: "open-story", text: "Open",
        "aria-label": `Open story ${i + 1}: ${story.label}` });
      open.addEventListener("click", () => {
        const docs = story.documents.map((id) => {
          const doc = byId[id];
          return "html" in doc ? { id, text: extracted[id] || "" } : { id, text: doc.text };
        });
        sessionStorage.setItem(HANDOVER, JSON.stringify({ label: story.label, documents: docs,
          summary: story.summary }));
        window.location.assign("/");
      });
      return el("li", { class: "story", "data-story": story.id },
        el("h3", { class: "story-label", text: story.label }),
        el("p", { class: "story-size", text: `${size} article${size > 1 ? "s" : ""}` }),
        el("p", { class: "story-outlets", text: story.documents.join(", ") }),
        el("p", { class: "story-lead", text: story.summary.sentences.length
          ? story.summary.sentences[0].text.split(/\s+/).join(" ") : "" }),
        open);
    }));
    $("stories-result").hidden = false;
    const n = result.stories.length;
    status(`Done: ${n} stor${n === 1 ? "y" : "ies"} from ${documents.length} articles.`);
    $("stories-result").focus();
  }

  count();
})();

// What both pages share (window.ui): finding and making elements, where text is only ever inserted as text
// (textContent), never as HTML; and a drop zone with a file input that hand their files to a reader. A file dropped
// beside the zone must not replace the page (and lose what was typed), so the window refuses drops of its own.
"use strict";

window.ui = (() => {
  const $ = (id) => document.getElementById(id);
  const el = (tag, props = {}, ...children) => {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === "class") node.className = value;
      else if (key === "text") node.textContent = value;
      else if (key.startsWith("aria-") || key.startsWith("data-") || key === "for" || key === "role") {
        node.setAttribute(key, value);
      } else node[key] = value;
    }
    for (const child of children) if (child != null) node.append(child);
    return node;
  };
  const dropZone = (zone, input, read) => {
    for (const type of ["dragenter", "dragover"]) {
      zone.addEventListener(type, (event) => { event.preventDefault(); zone.classList.add("over"); });
    }
    for (const type of ["dragleave", "drop"]) zone.addEventListener(type, () => zone.classList.remove("over"));
    zone.addEventListener("drop", (event) => { event.preventDefault(); read(event.dataTransfer.files); });
    window.addEventListener("dragover", (event) => event.preventDefault());
    window.addEventListener("drop", (event) => event.preventDefault());
    input.addEventListener("change", (event) => { read(event.target.files); event.target.value = ""; });
  };
  return { $, el, dropZone };
})();

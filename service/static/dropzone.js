// What both pages share: a drop zone and a file input that hand their files to `read`. A file dropped beside the
// zone must not replace the page (and lose what was typed), so the window refuses drops of its own.
"use strict";

window.dropZone = (zone, input, read) => {
  for (const type of ["dragenter", "dragover"]) {
    zone.addEventListener(type, (event) => { event.preventDefault(); zone.classList.add("over"); });
  }
  for (const type of ["dragleave", "drop"]) zone.addEventListener(type, () => zone.classList.remove("over"));
  zone.addEventListener("drop", (event) => { event.preventDefault(); read(event.dataTransfer.files); });
  window.addEventListener("dragover", (event) => event.preventDefault());
  window.addEventListener("drop", (event) => event.preventDefault());
  input.addEventListener("change", (event) => { read(event.target.files); event.target.value = ""; });
};

// The theme's search panel has role="dialog" but no accessible name; name it after its
// own (localised) search field so screen readers announce it.
document.querySelectorAll('.md-search[role="dialog"]').forEach((dialog) => {
  const input = dialog.querySelector("input[aria-label]");
  dialog.setAttribute("aria-label", input ? input.getAttribute("aria-label") : "Search");
});

// Notebook code and outputs scroll sideways (extra.css); make them reachable with the keyboard.
document
  .querySelectorAll(".jupyter-wrapper .highlight-ipynb, .jupyter-wrapper pre")
  .forEach((block) => block.setAttribute("tabindex", "0"));

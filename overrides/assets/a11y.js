// The theme's search panel has role="dialog" but no accessible name; name it after its
// own (localised) search field so screen readers announce it.
document.querySelectorAll('.md-search[role="dialog"]').forEach((dialog) => {
  const input = dialog.querySelector("input[aria-label]");
  dialog.setAttribute("aria-label", input ? input.getAttribute("aria-label") : "Search");
});

// Notebook code cells scroll sideways; make them reachable with the keyboard.
document.querySelectorAll(".jupyter-wrapper .highlight-ipynb").forEach((cell) => cell.setAttribute("tabindex", "0"));

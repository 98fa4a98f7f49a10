// A zone's country list: typing in the search box hides the countries that do not match,
// so a manager on a phone finds "Tunisie" without scrolling 250 names. Checked ones stay.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input[data-filter]").forEach((box) => {
    const list = document.querySelector(box.dataset.filter);
    if (!list) return;
    const fold = (text) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
    box.addEventListener("input", () => {
      const wanted = fold(box.value.trim());
      list.querySelectorAll("label").forEach((label) => {
        const checked = label.querySelector("input").checked;
        label.hidden = Boolean(wanted) && !checked && !fold(label.textContent).includes(wanted);
      });
    });
  });
});

// The chosen countries, as chips above the list, follow the boxes as they are ticked.
document.addEventListener("DOMContentLoaded", () => {
  const chosen = document.getElementById("countries-chosen");
  const list = document.getElementById("countries-list");
  if (!chosen || !list) return;
  list.addEventListener("change", () => {
    chosen.replaceChildren(
      ...[...list.querySelectorAll("input:checked")].map((box) => {
        const chip = document.createElement("span");
        chip.className = "chip";
        chip.textContent = box.closest("label").textContent.trim();
        return chip;
      }),
    );
  });
});

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

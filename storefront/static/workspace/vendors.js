/* Workspace vendor pages, without any library: the storefront preview follows the form as
   the artisan types, chosen files are listed (and flagged above 10 MB) before sending. */
(function () {
  "use strict";
  var MAX = 10 * 1024 * 1024;
  function byId(id) { return document.getElementById(id); }

  function listFiles(input, list) {
    list.textContent = "";
    Array.prototype.forEach.call(input.files || [], function (file) {
      var item = document.createElement("li");
      var name = document.createElement("span");
      name.textContent = file.name;
      var size = document.createElement("small");
      size.textContent = (file.size / 1048576).toFixed(1) + " MB";
      if (file.size > MAX) { item.className = "too-big"; }
      item.appendChild(name);
      item.appendChild(size);
      list.appendChild(item);
    });
  }

  var documents = byId("id_documents");
  var files = byId("vw-files");
  if (documents && files) {
    documents.addEventListener("change", function () { listFiles(documents, files); });
  }

  var preview = byId("preview");
  if (!preview) { return; }
  function bindText(fieldId, targetId) {
    var field = byId(fieldId), target = byId(targetId);
    if (!field || !target) { return; }
    field.addEventListener("input", function () {
      target.textContent = field.value;
      target.hidden = !field.value;
    });
  }
  bindText("id_tagline", "preview-tagline");
  bindText("id_craft", "preview-craft");
  var story = byId("id_story"), storyBox = byId("preview-story");
  if (story && storyBox) {
    story.addEventListener("input", function () {
      storyBox.textContent = "";
      story.value.split(/\n\s*\n/).forEach(function (text) {
        if (!text.trim()) { return; }
        var p = document.createElement("p");
        p.textContent = text.trim();
        storyBox.appendChild(p);
      });
    });
  }
  [["id_primary_color", "--brand"], ["id_secondary_color", "--brand-soft"]].forEach(function (pair) {
    var field = byId(pair[0]);
    if (!field) { return; }
    field.addEventListener("input", function () {
      if (/^#[0-9a-fA-F]{6}$/.test(field.value)) { preview.style.setProperty(pair[1], field.value); }
    });
  });
  [["id_logo", "preview-logo"], ["id_banner", "preview-banner"]].forEach(function (pair) {
    var field = byId(pair[0]), image = byId(pair[1]);
    if (!field || !image || !window.URL) { return; }
    field.addEventListener("change", function () {
      var file = field.files && field.files[0];
      if (!file || file.size > MAX) { return; }
      image.src = URL.createObjectURL(file);
      image.hidden = false;
    });
  });
})();

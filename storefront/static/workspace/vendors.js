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

  // Making-of photos: the chosen files are listed and shown in the preview (dashed: not yet
  // sent); captions typed on a saved photo follow in the preview.
  var making = byId("id_making_images"), makingList = byId("vw-making-files");
  var gallery = byId("preview-making-list"), galleryBox = byId("preview-making");
  if (making && makingList) {
    making.addEventListener("change", function () {
      listFiles(making, makingList);
      if (!gallery || !window.URL) { return; }
      Array.prototype.forEach.call(gallery.querySelectorAll(".unsaved"), function (item) {
        item.parentNode.removeChild(item);
      });
      Array.prototype.forEach.call(making.files || [], function (file) {
        if (file.size > MAX || !/^image\//.test(file.type)) { return; }
        var item = document.createElement("li"), figure = document.createElement("figure");
        var image = document.createElement("img");
        item.className = "unsaved";
        image.src = URL.createObjectURL(file);
        image.alt = "";
        figure.appendChild(image);
        item.appendChild(figure);
        gallery.appendChild(item);
      });
      if (galleryBox) { galleryBox.hidden = !gallery.children.length; }
    });
  }
  // Each chosen photo is sent on its own (a request carries 11 MB at most, a phone photo
  // 3 to 8), with the progress of the whole; a refusal shows the page the server answered.
  var addForm = byId("making-of-add"), bar = byId("making-of-progress");
  if (addForm && making && bar && window.FormData && window.XMLHttpRequest) {
    addForm.addEventListener("submit", function (event) {
      var files = Array.prototype.slice.call(making.files || []);
      if (files.length < 2) { return; }
      event.preventDefault();
      var meter = bar.querySelector("progress"), label = bar.querySelector(".pct");
      bar.hidden = false;
      addForm.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = true; });
      function send(index) {
        var data = new FormData(addForm);
        data.delete("images");
        data.append("images", files[index]);
        if (index === files.length - 1) { data.append("announce", String(files.length)); }
        var xhr = new XMLHttpRequest();
        xhr.open("POST", addForm.getAttribute("action"));
        xhr.setRequestHeader("X-Requested-With", "XMLHttpRequest");
        xhr.upload.addEventListener("progress", function (e) {
          if (!e.lengthComputable) { return; }
          var done = (index + e.loaded / e.total) / files.length;
          meter.value = Math.round(done * 100);
          label.textContent = (index + 1) + " / " + files.length + " · " + meter.value + " %";
        });
        xhr.addEventListener("load", function () {
          var type = xhr.getResponseHeader("Content-Type") || "";
          if (xhr.status === 200 && type.indexOf("application/json") === 0) {
            if (index + 1 < files.length) { send(index + 1); return; }
            var target = JSON.parse(xhr.responseText).redirect;
            var samePage = target.split("#")[0] === window.location.pathname;
            window.location.assign(target);
            if (samePage) { window.location.reload(); }  // only the #fragment changed
            return;
          }
          if (type.indexOf("text/html") === 0) {
            document.open(); document.write(xhr.responseText); document.close();
            return;
          }
          label.textContent = xhr.responseText;  // the upload guard's plain-text refusal
          addForm.querySelectorAll("button[type=submit]").forEach(function (b) { b.disabled = false; });
        });
        xhr.addEventListener("error", function () { addForm.submit(); });
        xhr.send(data);
      }
      send(0);
    });
  }

  var lang = document.documentElement.lang;
  Array.prototype.forEach.call(document.querySelectorAll("[data-caption]"), function (field) {
    if (field.getAttribute("data-caption") !== lang) { return; }
    var photo = field.closest("[data-photo]");
    var target = photo && document.querySelector('[data-preview-caption="' + photo.getAttribute("data-photo") + '"]');
    if (!target) { return; }
    field.addEventListener("input", function () {
      target.textContent = field.value;
      target.hidden = !field.value;
    });
  });
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

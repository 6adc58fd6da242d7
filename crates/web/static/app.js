// ficshelf: the little that needs JavaScript. Every page works without it; this adds the
// theme switch and font sizes (kept in localStorage), arrow keys in the reader, the reading
// position remembered per work, a chapter menu that jumps on change, and the upload form.
(function () {
  "use strict";
  var root = document.documentElement;
  var body = document.body;

  function load(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; }
  }
  function save(key, value) {
    try { localStorage.setItem(key, value); } catch (e) { /* storage blocked */ }
  }

  // --- Theme -----------------------------------------------------------------------------
  var dark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  function theme() {
    return root.getAttribute("data-theme") || (dark && dark.matches ? "dark" : "light");
  }
  var toggle = document.getElementById("theme-toggle");
  function label() {
    if (toggle) {
      toggle.textContent = theme() === "dark" ? "Light theme" : "Dark theme";
    }
  }
  if (toggle) {
    toggle.hidden = false;
    label();
    toggle.addEventListener("click", function () {
      var next = theme() === "dark" ? "light" : "dark";
      root.setAttribute("data-theme", next);
      save("ficshelf.theme", next);
      label();
    });
  }

  // --- Font size -------------------------------------------------------------------------
  var controls = document.getElementById("reader-controls");
  if (controls) {
    controls.hidden = false;
    controls.addEventListener("click", function (event) {
      var step = event.target.getAttribute && event.target.getAttribute("data-font-step");
      if (!step) { return; }
      var size = parseInt(root.getAttribute("data-font") || "0", 10) + parseInt(step, 10);
      size = Math.max(-3, Math.min(5, size));
      root.setAttribute("data-font", String(size));
      save("ficshelf.font", String(size));
    });
  }

  // --- Chapter menu: jump as soon as a chapter is picked ----------------------------------
  Array.prototype.forEach.call(document.querySelectorAll("form.chapter-jump"), function (form) {
    var go = form.querySelector("button.go");
    if (go) { go.hidden = true; }
    var select = form.querySelector("select");
    if (select) {
      select.addEventListener("change", function () { form.submit(); });
    }
  });

  // --- Filters start folded on a phone ------------------------------------------------------
  var filters = document.getElementById("filters-box");
  if (filters && window.matchMedia && window.matchMedia("(max-width: 50em)").matches) {
    filters.open = false;
  }

  var work = body.getAttribute("data-work");
  var chapter = parseInt(body.getAttribute("data-chapter") || "-1", 10);
  var key = work ? "ficshelf.pos." + work : null;

  // --- Reader: arrow keys and the reading position ------------------------------------------
  if (body.classList.contains("reader-page") && key) {
    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
      var tag = event.target && event.target.tagName;
      if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") { return; }
      var rel = event.key === "ArrowLeft" ? "prev" : event.key === "ArrowRight" ? "next" : null;
      var link = rel && document.querySelector('a[rel="' + rel + '"]');
      if (link) {
        event.preventDefault();
        window.location.href = link.href;
      }
    });

    // Which chapter the top of the window is in (the whole work on one page has them all).
    function chapterInView() {
      if (chapter > 0) { return chapter; }
      var seen = 1;
      var sections = document.querySelectorAll("section.chapter");
      for (var i = 0; i < sections.length; i++) {
        if (sections[i].getBoundingClientRect().top > 80) { break; }
        seen = parseInt(sections[i].getAttribute("data-chapter"), 10) || seen;
      }
      return seen;
    }
    function position() {
      var height = Math.max(1, document.documentElement.scrollHeight - window.innerHeight);
      return {
        chapter: chapterInView(),
        full: chapter === 0,
        y: Math.min(1, Math.max(0, window.scrollY / height)),
        at: Date.now()
      };
    }

    var saved = null;
    try { saved = JSON.parse(load(key) || "null"); } catch (e) { saved = null; }
    var here = saved && !window.location.hash &&
      (chapter === 0 ? saved.full === true : saved.full !== true && saved.chapter === chapter);
    if (here && typeof saved.y === "number") {
      var height = document.documentElement.scrollHeight - window.innerHeight;
      window.scrollTo(0, Math.round(saved.y * height));
    }

    var pending = false;
    function remember() {
      pending = false;
      save(key, JSON.stringify(position()));
    }
    window.addEventListener("scroll", function () {
      if (!pending) {
        pending = true;
        window.setTimeout(remember, 300);
      }
    }, { passive: true });
    window.addEventListener("pagehide", remember);
    remember();
  }

  // --- Work page: offer to continue where the reader left off ------------------------------
  var resume = document.getElementById("resume");
  if (resume && key) {
    var last = null;
    try { last = JSON.parse(load(key) || "null"); } catch (e) { last = null; }
    if (last && last.chapter > 0) {
      var a = document.createElement("a");
      a.className = "button";
      a.href = last.full
        ? "/works/" + encodeURIComponent(work) + "/full"
        : "/works/" + encodeURIComponent(work) + "/chapters/" + encodeURIComponent(last.chapter);
      a.textContent = "Continue reading (chapter " + last.chapter + ")";
      resume.appendChild(a);
      resume.hidden = false;
    }
  }

  // --- Upload form: the token goes in a header, which a plain form cannot send ----------------
  var form = document.getElementById("upload-form");
  if (form) {
    var note = document.getElementById("upload-noscript");
    if (note) { note.hidden = true; }
    var results = document.getElementById("upload-results");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var token = document.getElementById("upload-token").value.trim();
      var data = new FormData();
      var files = document.getElementById("upload-files").files;
      for (var i = 0; i < files.length; i++) { data.append("file", files[i], files[i].name); }
      results.textContent = "Uploading…";
      fetch("/api/works", {
        method: "POST",
        headers: { "Authorization": "Bearer " + token },
        body: data
      }).then(function (response) {
        return response.json().then(function (json) { return { status: response.status, json: json }; });
      }).then(function (answer) {
        results.textContent = "";
        var rows = answer.json.files || [{ file: "upload", outcome: "failed", error: answer.json.error }];
        rows.forEach(function (row) {
          var li = document.createElement("li");
          li.className = row.outcome;
          if (row.id) {
            var link = document.createElement("a");
            link.href = "/works/" + encodeURIComponent(row.id);
            link.textContent = row.file;
            li.appendChild(link);
          } else {
            li.appendChild(document.createTextNode(row.file));
          }
          li.appendChild(document.createTextNode(": " + row.outcome + (row.error ? " (" + row.error + ")" : "")));
          results.appendChild(li);
        });
      }).catch(function (error) {
        results.textContent = "The upload failed: " + error;
      });
    });
  }
})();

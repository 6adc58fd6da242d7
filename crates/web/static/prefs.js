// ficshelf: applies the reader's saved theme and font size before the page is drawn, so that
// a dark-theme reader never sees a white flash. Loaded (not inline: the CSP forbids inline
// script) at the top of every page; app.js does the rest.
(function () {
  "use strict";
  var root = document.documentElement;
  try {
    var theme = localStorage.getItem("ficshelf.theme");
    if (theme === "dark" || theme === "light") {
      root.setAttribute("data-theme", theme);
    }
    var font = localStorage.getItem("ficshelf.font");
    if (font !== null && /^-?[0-9]$/.test(font)) {
      root.setAttribute("data-font", font);
    }
  } catch (e) {
    // Storage blocked (private mode, cookies off): the defaults apply.
  }
})();

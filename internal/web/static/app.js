// vksnews: small enhancements; every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Changing the sort order runs the search again at once.
  document.querySelectorAll("select.autosubmit").forEach(function (sel) {
    sel.addEventListener("change", function () { if (sel.form) sel.form.submit(); });
  });
  // "/" puts the cursor in the search box, as on many search sites.
  var box = document.querySelector("input[type=search]");
  document.addEventListener("keydown", function (e) {
    if (!box || e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target && e.target.tagName;
    if (t === "INPUT" || t === "TEXTAREA" || t === "SELECT") return;
    e.preventDefault();
    box.focus();
    box.select();
  });
});

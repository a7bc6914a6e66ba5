// vksnews: small enhancements; every page works without this file.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // On a phone the filters are folded above the results.
  var fbox = document.querySelector("details.facet-box");
  if (fbox && window.matchMedia("(max-width: 820px)").matches) fbox.open = false;
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

  // Shift+click on a month bar selects the months from the current "from"
  // (or the bar clicked before) to that bar; a plain click picks one month.
  document.querySelectorAll("a.mbar").forEach(function (bar) {
    bar.addEventListener("click", function (e) {
      var from = bar.getAttribute("data-from"), to = bar.getAttribute("data-to");
      if (!e.shiftKey) {
        try { sessionStorage.setItem("vksnews-month", from + "|" + to); } catch (x) { /* private mode */ }
        return;
      }
      var url = new URL(window.location.href), p = url.searchParams;
      var lo = p.get("from"), hi = p.get("to");
      if (!lo) {
        try { var prev = (sessionStorage.getItem("vksnews-month") || "").split("|"); lo = prev[0]; hi = prev[1]; } catch (x) { /* ignore */ }
      }
      if (!lo) return;
      e.preventDefault();
      p.set("from", lo < from ? lo : from);
      p.set("to", hi && hi > to ? hi : to);
      p.delete("page");
      window.location.href = url.pathname + "?" + p.toString();
    });
  });
  // j / k move through the results, Enter opens the one in focus.
  var hits = Array.prototype.slice.call(document.querySelectorAll(".hit h3 a"));
  var at = -1;
  // Escape leaves the search box, so that j / k work after typing.
  if (box) box.addEventListener("keydown", function (e) { if (e.key === "Escape") box.blur(); });
  document.addEventListener("keydown", function (e) {
    if (!hits.length || e.ctrlKey || e.metaKey || e.altKey) return;
    var t = e.target && e.target.tagName;
    if (t === "INPUT" || t === "TEXTAREA" || t === "SELECT") return;
    if (e.key !== "j" && e.key !== "k") return;
    e.preventDefault();
    at = e.key === "j" ? Math.min(hits.length - 1, at + 1) : Math.max(0, at - 1);
    hits[at].focus();
    hits[at].closest(".hit").scrollIntoView({ block: "nearest" });
  });
});

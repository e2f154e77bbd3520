// The review app works without script; this only submits the filter form when a select changes.
"use strict";
document.addEventListener("DOMContentLoaded", function () {
  var form = document.getElementById("filters");
  if (!form) return;
  form.querySelectorAll("select").forEach(function (sel) {
    sel.addEventListener("change", function () { form.submit(); });
  });
});

// Settings: "Copy the address" copies the calendar feed's address and says so.
(function () {
  "use strict";
  document.querySelectorAll("[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) { return; }
    var label = button.textContent;
    var status = document.getElementById(button.getAttribute("data-done"));
    button.addEventListener("click", function () {
      field.focus();
      field.select();
      var done = function () {
        button.textContent = "Copied";
        if (status) { status.textContent = "The address is copied: paste it into your calendar app."; }
        setTimeout(function () { button.textContent = label; }, 2500);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () { document.execCommand("copy"); done(); });
      } else {
        document.execCommand("copy");
        done();
      }
    });
  });
  document.querySelectorAll(".copy-field").forEach(function (field) {
    field.addEventListener("focus", function () { field.select(); });
  });
})();

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

// Settings: "Download it as a PDF" fetches the PDF itself, so it can say "Preparing your
// PDF…" while the server makes it (said only when that takes a moment) and then save it.
// Without fetch, or if anything goes wrong, the link works as a plain link.
(function () {
  "use strict";
  if (!window.fetch || !window.URL || !URL.createObjectURL) { return; }
  document.querySelectorAll("[data-pdf]").forEach(function (link) {
    var status = document.getElementById(link.getAttribute("data-pdf"));
    if (!status) { return; }
    var busy = false;
    link.addEventListener("click", function (event) {
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) { return; }
      event.preventDefault();
      if (busy) { return; }
      busy = true;
      var slow = setTimeout(function () { status.textContent = "Preparing your PDF…"; }, 300);
      var done = function (words) {
        clearTimeout(slow);
        busy = false;
        status.textContent = words;
      };
      fetch(link.href, { credentials: "same-origin" }).then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (!response.ok || type.indexOf("application/pdf") !== 0) { throw new Error("not a PDF"); }
        return response.blob();
      }).then(function (pdf) {
        var address = URL.createObjectURL(pdf);
        var save = document.createElement("a");
        save.href = address;
        save.download = link.getAttribute("data-filename") || "";
        document.body.appendChild(save);
        save.click();
        save.remove();
        setTimeout(function () { URL.revokeObjectURL(address); }, 60000);
        done("Your PDF is ready: it is in your downloads.");
      }).catch(function () {
        done("");
        window.location.href = link.href;
      });
    });
  });
})();

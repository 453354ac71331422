// Bring in runs from a watch: files dropped on the box are sent as if chosen with the
// picker. Without JavaScript the picker and its button work on their own.
(() => {
  for (const form of document.querySelectorAll("[data-watch-drop]")) {
    const input = form.querySelector('input[type="file"]');
    const stop = (event) => {
      event.preventDefault();
      event.stopPropagation();
    };
    for (const name of ["dragenter", "dragover"]) {
      form.addEventListener(name, (event) => {
        stop(event);
        form.classList.add("dropping");
      });
    }
    form.addEventListener("dragleave", (event) => {
      stop(event);
      form.classList.remove("dropping");
    });
    form.addEventListener("drop", (event) => {
      stop(event);
      form.classList.remove("dropping");
      if (!event.dataTransfer || !event.dataTransfer.files.length) return;
      input.files = event.dataTransfer.files;
      form.requestSubmit();
    });
  }
})();

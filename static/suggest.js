// Fills the search box's datalist from /api/suggest as the user types. The pages work
// without this script; it only adds suggestions.
(function () {
  var list = document.getElementById("suggesties");
  var input = document.getElementById("q") || document.getElementById("q-top");
  if (!list || !input || !window.fetch) { return; }
  var pending = null;
  input.addEventListener("input", function () {
    var prefix = input.value.trim();
    if (pending) { clearTimeout(pending); }
    if (prefix.length < 2) { return; }
    pending = setTimeout(function () {
      fetch("/api/suggest?q=" + encodeURIComponent(prefix))
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (body) {
          list.textContent = "";
          body.suggestions.forEach(function (suggestion) {
            var option = document.createElement("option");
            option.value = suggestion.text;
            list.appendChild(option);
          });
        })
        .catch(function () { /* suggestions are optional; the search still works */ });
    }, 120);
  });
})();

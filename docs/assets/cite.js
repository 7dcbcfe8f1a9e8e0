// "Cite this term": complete the permalink from the address bar when the site's URL is not
// configured, and put in today's date as the access date. Without scripts the citation shows
// the page path and a YYYY-MM-DD placeholder, which is still usable.
(function () {
  var today = new Date();
  var pad = function (n) { return (n < 10 ? "0" : "") + n; };
  var date = today.getFullYear() + "-" + pad(today.getMonth() + 1) + "-" + pad(today.getDate());
  document.querySelectorAll(".cite-block").forEach(function (block) {
    var path = block.getAttribute("data-cite-path") || "";
    var url = path.charAt(0) === "/" ? location.origin + location.pathname : path;
    block.querySelectorAll(".cite-plain, .cite-bibtex, .cite-csl").forEach(function (el) {
      var text = el.textContent.split("YYYY-MM-DD").join(date);
      if (path.charAt(0) === "/") text = text.split(path).join(url);
      el.textContent = text;
    });
  });
})();

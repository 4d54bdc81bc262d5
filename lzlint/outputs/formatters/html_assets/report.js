"use strict";
// Jumping between the side list and the highlights, and sorting the overview
// table. Plain DOM, no library: the page must work offline.
(function () {
  function marksOf(id) {
    return document.querySelectorAll('mark[data-f~="' + id + '"]');
  }

  function setCurrent(id) {
    document.querySelectorAll(".current").forEach(function (el) { el.classList.remove("current"); });
    marksOf(id).forEach(function (el) { el.classList.add("current"); });
    var link = document.querySelector('a.jump[data-f="' + id + '"]');
    if (link) {
      link.parentElement.classList.add("current");
      revealInList(link);
    }
    return link;
  }

  // Scroll only the side list (not the page) so the entry shows in it.
  function revealInList(link) {
    var side = link.closest(".side");
    var top = link.getBoundingClientRect().top - side.getBoundingClientRect().top;
    if (top < 0 || top > side.clientHeight - link.offsetHeight) {
      side.scrollTop += top - side.clientHeight / 3;
    }
  }

  function jumpTo(id) {
    var target = marksOf(id)[0] || document.getElementById(id);
    if (!target) { return; }
    setCurrent(id);
    target.scrollIntoView({ block: "center", inline: "nearest" });
    history.replaceState(null, "", "#" + id);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest("a.jump");
    if (link) {
      event.preventDefault();
      jumpTo(link.dataset.f);
      return;
    }
    var mark = event.target.closest("mark[data-f]");
    if (mark) {
      setCurrent(mark.dataset.f.split(" ")[0]);
    }
  });

  function cellValue(row, index, type) {
    var text = row.cells[index].textContent.trim();
    return type === "num" ? Number(text) : text;
  }

  document.querySelectorAll("table.sortable").forEach(function (table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, index) {
      th.tabIndex = 0;
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        var type = th.dataset.type;
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, index, type), y = cellValue(b, index, type);
          var order = type === "num" ? x - y : x.localeCompare(y, "zh-CN");
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { body.appendChild(row); });
        Array.prototype.forEach.call(heads, function (other) { other.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); }
      });
    });
  });

  if (location.hash.length > 1 && /^#f\d+$/.test(location.hash)) { jumpTo(location.hash.slice(1)); }
})();

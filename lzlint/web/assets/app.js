"use strict";
// The upload page: choose or drop drafts, post them to /api/report, show the
// HTML report in a sandboxed frame and offer the downloads. Everything the
// server answers is in that one response; nothing is fetched later.
(function () {
  var TOKEN_KEY = "lzlint-token";
  var SEVERITIES = [["error", "错误"], ["warning", "警告"], ["info", "提示"]];
  var chosen = [];
  var blobUrls = [];

  var form = document.getElementById("check-form");
  var input = document.getElementById("files");
  var drop = document.getElementById("drop");
  var list = document.getElementById("chosen");
  var statusLine = document.getElementById("status");
  var button = document.getElementById("check");
  var tokenRow = document.getElementById("token-row");
  var tokenInput = document.getElementById("token");

  function say(text, problem) {
    statusLine.textContent = text;
    statusLine.className = problem ? "problem" : "";
  }

  function showChosen() {
    list.textContent = "";
    chosen.forEach(function (file, index) {
      var item = document.createElement("li");
      var name = document.createElement("span");
      name.textContent = file.name + "（" + Math.max(1, Math.round(file.size / 1024)) + " KB）";
      var remove = document.createElement("button");
      remove.type = "button";
      remove.textContent = "移除";
      remove.addEventListener("click", function () { chosen.splice(index, 1); showChosen(); });
      item.appendChild(name);
      item.appendChild(remove);
      list.appendChild(item);
    });
  }

  function add(files) {
    Array.prototype.forEach.call(files, function (file) { chosen.push(file); });
    showChosen();
  }

  input.addEventListener("change", function () { add(input.files); input.value = ""; });
  ["dragenter", "dragover"].forEach(function (type) {
    drop.addEventListener(type, function (event) { event.preventDefault(); drop.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (type) {
    drop.addEventListener(type, function () { drop.classList.remove("over"); });
  });
  drop.addEventListener("drop", function (event) {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files) { add(event.dataTransfer.files); }
  });
  drop.addEventListener("keydown", function (event) {
    if (event.key === "Enter" || event.key === " ") { event.preventDefault(); input.click(); }
  });
  document.getElementById("clear").addEventListener("click", function () {
    chosen = [];
    showChosen();
    say("");
  });

  function token() {
    var typed = tokenInput.value.trim();
    if (typed) { sessionStorage.setItem(TOKEN_KEY, typed); }
    return typed || sessionStorage.getItem(TOKEN_KEY) || "";
  }

  function blobLink(download) {
    var bytes = Uint8Array.from(atob(download.base64), function (c) { return c.charCodeAt(0); });
    var url = URL.createObjectURL(new Blob([bytes], { type: download.media_type }));
    blobUrls.push(url);
    var link = document.createElement("a");
    link.href = url;
    link.download = download.name;
    link.textContent = download.label;
    link.title = download.name;
    link.className = "download";
    return link;
  }

  function counts(findings) {
    var span = document.createElement("span");
    span.className = "counts";
    if (!findings.length) {
      span.textContent = "未发现问题";
      return span;
    }
    SEVERITIES.forEach(function (pair) {
      var n = findings.filter(function (f) { return f.severity === pair[0]; }).length;
      var c = document.createElement("span");
      c.className = "count " + pair[0];
      c.textContent = pair[1] + " " + n;
      span.appendChild(c);
    });
    return span;
  }

  function show(answer) {
    blobUrls.forEach(function (url) { URL.revokeObjectURL(url); });
    blobUrls = [];
    var files = document.getElementById("files-result");
    files.textContent = "";
    answer.files.forEach(function (file) {
      var item = document.createElement("li");
      item.className = file.error ? "unreadable" : "checked";
      var name = document.createElement("span");
      name.className = "name";
      name.textContent = file.name;
      item.appendChild(name);
      if (file.error) {
        var error = document.createElement("span");
        error.className = "reason";
        error.textContent = file.error;
        item.appendChild(error);
      } else {
        item.appendChild(counts(file.findings));
        var links = document.createElement("div");
        links.className = "downloads";
        file.downloads.forEach(function (d) { links.appendChild(blobLink(d)); });
        item.appendChild(links);
      }
      files.appendChild(item);
    });
    var overall = document.getElementById("overall");
    overall.textContent = "";
    answer.downloads.forEach(function (d) { overall.appendChild(blobLink(d)); });
    var frame = document.getElementById("report");
    frame.hidden = !answer.report_html;
    frame.srcdoc = answer.report_html || "";
    document.getElementById("results").hidden = false;
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (!chosen.length) { say("请先选择或拖入要检查的报告文件。", true); return; }
    var data = new FormData();
    chosen.forEach(function (file) { data.append("files", file, file.name); });
    var year = document.getElementById("year").value.trim();
    if (year) { data.append("year", year); }
    var headers = {};
    var t = token();
    if (t) { headers.Authorization = "Bearer " + t; }
    button.disabled = true;
    say("正在检查 " + chosen.length + " 个文件……");
    fetch("/api/report", { method: "POST", body: data, headers: headers, credentials: "same-origin" })
      .then(function (response) {
        return response.json().catch(function () { return { error: "服务器返回了无法识别的内容（状态 " + response.status + "）。" }; })
          .then(function (body) { return { response: response, body: body }; });
      })
      .then(function (got) {
        if (!got.response.ok) {
          if (got.response.status === 401) { tokenRow.hidden = false; sessionStorage.removeItem(TOKEN_KEY); }
          say(got.body.error || ("检查失败（状态 " + got.response.status + "）。"), true);
          return;
        }
        show(got.body);
        var unreadable = got.body.files.filter(function (f) { return f.error; }).length;
        say("检查完成：" + got.body.files.length + " 个文件" + (unreadable ? "，其中 " + unreadable + " 个无法读取" : "") + "。", unreadable > 0);
      })
      .catch(function () { say("无法连接服务器，请检查网络后重试。", true); })
      .then(function () { button.disabled = false; });
  });

  fetch("/api/health").then(function (r) { return r.json(); }).then(function (health) {
    if (health.token_required && !sessionStorage.getItem(TOKEN_KEY)) { tokenRow.hidden = false; }
  }).catch(function () {});
})();

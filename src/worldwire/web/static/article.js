// Click a highlighted span to pin its records (events, quotations, actors) beside the text.
(function () {
  var records = JSON.parse(document.getElementById("records").textContent);
  var box = document.getElementById("record"), body = document.getElementById("record-body");
  function names(list) { return (list || []).map(function (x) { return x.name; }).join(", ") || "?"; }
  function row(k, v) {
    var tr = document.createElement("tr"), th = document.createElement("th"), td = document.createElement("td");
    th.textContent = k; td.textContent = v == null ? "" : String(v); tr.appendChild(th); tr.appendChild(td); return tr;
  }
  function show(keys) {
    body.textContent = "";
    keys.forEach(function (key) {
      var r = records[key]; if (!r) return;
      var t = document.createElement("table"), h = document.createElement("h3");
      if (key.indexOf("e:") === 0) {
        h.textContent = "Event " + r.type;
        [["trigger", r.trigger.text], ["source", names(r.source)], ["target", names(r.target)], ["modality", r.modality],
         ["mode", r.mode], ["CAMEO", r.cameo_code], ["Goldstein", r.goldstein], ["quad class", r.quad_class],
         ["date", r.date], ["place", r.location && r.location.name], ["confidence", r.confidence], ["method", r.method]]
          .forEach(function (p) { t.appendChild(row(p[0], p[1])); });
      } else if (key.indexOf("q:") === 0) {
        h.textContent = "Quotation (" + r.kind + ")";
        [["speaker", r.speaker ? r.speaker.name : r.speaker_text], ["cue", r.cue], ["text", r.text]]
          .forEach(function (p) { t.appendChild(row(p[0], p[1])); });
      } else {
        h.textContent = "Actor " + r.name;
        [["id", r.actor_id], ["kind", r.kind], ["country", r.country], ["sector", r.sector], ["found by", r.method]]
          .forEach(function (p) { t.appendChild(row(p[0], p[1])); });
        var a = document.createElement("a"); a.href = "/actors/" + encodeURIComponent(r.actor_id); a.textContent = "actor page →";
        body.appendChild(h); body.appendChild(t); body.appendChild(a); return;
      }
      body.appendChild(h); body.appendChild(t);
    });
    box.hidden = false;
  }
  document.getElementById("text").addEventListener("click", function (ev) {
    var el = ev.target.closest("[data-rec]");
    if (!el || !el.dataset.rec) return;
    show(el.dataset.rec.split(" "));
  });
  document.getElementById("record-close").addEventListener("click", function () { box.hidden = true; });
})();

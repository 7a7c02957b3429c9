/* Review mode (`actorgraph serve OUT --review`): accept or reject edges, rename, retype, merge or split
   actors. Each decision is POSTed to /review with this session's token and appended to the review file
   beside the articles; the next build applies it. Text from the graph is only ever set with textContent. */
(function () {
  "use strict";
  function meta(name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute("content") : "";
  }
  var token = meta("ag-review-token");
  if (!token) return;

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function button(text, cls, onClick) {
    var b = el("button", text, "ag-review-btn " + (cls || ""));
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  /* ---- the review bar: who decides, a note, and what happened ---- */
  var bar = el("div", null, "ag-review-bar");
  bar.id = "ag-review-bar";
  bar.style.cssText = "background:#fff8e1;border:1px solid #e0c36a;padding:6px 10px;margin:6px 0;font-size:14px";
  bar.appendChild(el("strong", "Review mode "));
  var who = el("input");
  who.id = "ag-review-reviewer";
  who.placeholder = "your name (optional)";
  who.value = meta("ag-reviewer");
  var note = el("input");
  note.id = "ag-review-note";
  note.placeholder = "note for the next decision (optional)";
  note.size = 40;
  var status = el("span", "decisions go to " + meta("ag-review-file") + " and apply at the next build");
  status.id = "ag-review-status";
  status.setAttribute("aria-live", "polite");
  [el("span", " reviewer "), who, el("span", " note "), note, el("span", " "), status].forEach(function (x) {
    bar.appendChild(x);
  });
  var header = document.querySelector("header") || document.body.firstChild;
  document.body.insertBefore(bar, header ? header.nextSibling : null);

  function send(decision) {
    if (who.value.trim()) decision.reviewer = who.value.trim();
    if (note.value.trim()) decision.note = note.value.trim();
    status.textContent = "saving…";
    return fetch("/review", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-Review-Token": token },
      body: JSON.stringify(decision)
    }).then(function (r) {
      return r.json().then(function (body) { return { ok: r.ok, status: r.status, body: body }; });
    }).then(function (res) {
      if (res.ok) {
        status.textContent = "saved: " + decision.op + " (applies at the next build)";
        status.className = "ag-review-ok";
        note.value = "";
      } else {
        status.textContent = "refused (" + res.status + "): " + (res.body.error || "");
        status.className = "ag-review-error";
      }
      return res;
    }, function (err) {
      status.textContent = "could not reach the server: " + err;
      status.className = "ag-review-error";
    });
  }

  function edgeButtons(edge, into) {
    var box = el("span", null, "ag-review-edge");
    box.appendChild(button("accept", "ag-accept", function () { send({ op: "accept", s: edge.s, p: edge.p, o: edge.o, doc: edge.doc }); }));
    box.appendChild(button("reject", "ag-reject", function () { send({ op: "reject", s: edge.s, p: edge.p, o: edge.o, doc: edge.doc }); }));
    into.appendChild(box);
  }

  /* ---- every evidence row: accept or reject the edge as that document states it ---- */
  var rows = document.querySelectorAll("td[data-s]");
  if (rows.length) {
    var headRow = document.querySelector("table.ag-table thead tr");
    if (headRow) headRow.appendChild(el("th", "review"));
    rows.forEach(function (ref) {
      var td = el("td");
      edgeButtons({ s: ref.getAttribute("data-s"), p: ref.getAttribute("data-p"), o: ref.getAttribute("data-o"),
                    doc: ref.getAttribute("data-doc") }, td);
      ref.parentNode.appendChild(td);
    });
  }

  /* ---- the evidence panel of a clicked edge: accept or reject it in every document ---- */
  document.addEventListener("ag:edge", function (ev) {
    var p = el("p", null, "ag-review-panel");
    p.appendChild(el("span", "Review this relation: "));
    edgeButtons({ s: ev.detail.s, p: ev.detail.p, o: ev.detail.o }, p);
    ev.detail.panel.appendChild(p);
  });

  /* ---- a document's page: give the article its date (its events are dated against it) ---- */
  var docHolder = document.getElementById("ag-doc");
  if (docHolder) {
    var docForm = el("section", null, "ag-review-doc");
    docForm.id = "ag-review-doc";
    docForm.appendChild(el("h2", "Review this article"));
    var when = el("input");
    when.id = "ag-review-date";
    when.placeholder = "YYYY-MM-DD, YYYY-MM or YYYY";
    docForm.appendChild(el("label", "its date "));
    docForm.appendChild(when);
    docForm.appendChild(button("set the date", "ag-date", function () {
      send({ op: "date", doc: docHolder.getAttribute("data-doc"), date: when.value.trim() });
    }));
    docForm.appendChild(el("span", " (say where it comes from in the note)", "ag-meta"));
    bar.parentNode.insertBefore(docForm, bar.nextSibling);
  }

  /* ---- an actor's page: rename, change class, merge another actor into it, split an alias off ---- */
  var holder = document.getElementById("ag-entity");
  if (!holder) return;
  var id = holder.getAttribute("data-entity");
  fetch("/review/actors", { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (data) {
    var me = data.actors.filter(function (a) { return a.id === id; })[0];
    if (!me) return;
    var form = el("section", null, "ag-review-actor");
    form.id = "ag-review-actor";
    form.appendChild(el("h2", "Review this actor"));

    var name = el("input");
    name.id = "ag-review-name";
    name.value = me.label;
    form.appendChild(el("label", "name "));
    form.appendChild(name);
    form.appendChild(button("rename", "ag-rename", function () { send({ op: "rename", entity: id, label: name.value }); }));

    var cls = el("select");
    cls.id = "ag-review-class";
    data.classes.forEach(function (c) {
      var o = el("option", c);
      o.value = c;
      if (c === me.cls) o.selected = true;
      cls.appendChild(o);
    });
    form.appendChild(el("label", " class "));
    form.appendChild(cls);
    form.appendChild(button("change class", "ag-retype", function () { send({ op: "retype", entity: id, cls: cls.value }); }));

    var other = el("select");
    other.id = "ag-review-merge";
    data.actors.forEach(function (a) {
      if (a.id === id) return;
      var o = el("option", a.label + " (" + a.cls + ")");
      o.value = a.id;
      other.appendChild(o);
    });
    form.appendChild(el("br"));
    form.appendChild(el("label", "merge into this actor: "));
    form.appendChild(other);
    form.appendChild(button("merge", "ag-merge", function () { send({ op: "merge", entity: id, other: other.value }); }));

    if (me.aliases.length) {
      var alias = el("select");
      alias.id = "ag-review-alias";
      me.aliases.forEach(function (a) { var o = el("option", a); o.value = a; alias.appendChild(o); });
      form.appendChild(el("label", " split off the alias "));
      form.appendChild(alias);
      form.appendChild(button("split", "ag-split", function () { send({ op: "split", entity: id, alias: alias.value }); }));
    }
    bar.parentNode.insertBefore(form, bar.nextSibling);
  });
})();

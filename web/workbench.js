// The drafting workbench: an editor for a policy file with diagnostics as you type, and beside it the
// rendered official text, the example cases, an applicant form built from the declared facts and a
// registry simulation. Everything it knows comes from the server's API (docs/serve.md): /check,
// /render, /fmt and /evaluate on the text being edited, /complete and /hover (the language service
// behind `zhengce lsp` too) at the cursor, /simulate on an uploaded registry, and the file endpoints
// for opening, autosaving drafts and saving.
(function () {
  "use strict";

  var $ = function (id) { return document.getElementById(id); };
  var state = {
    id: null,            // the policy file being edited, or null for a scratch text kept in the browser
    version: null,       // the file's version when it was opened or last saved
    readOnly: false,
    check: null,         // the last /check answer
    checkSeq: 0,
    formSignature: "",
    draftTimer: null,
    lastDraft: null
  };
  var SCRATCH_KEY = "zhengce-workbench-scratch";
  var SCRATCH_TEXT = "政策“新的政策”。\n出资方「区财政」：本级，默认。\n事实「研发投入」：金额。\n\n" +
    "规则「研发补助」：对「研发投入」50万元以上的企业，按「研发投入」的10%给予补助，最高不超过10万元。\n";

  // ---- Small helpers -----------------------------------------------------------------------------

  function api(method, path, body, type) {
    var opts = { method: method, headers: {} };
    if (body !== undefined) {
      opts.body = typeof body === "string" ? body : JSON.stringify(body);
      opts.headers["Content-Type"] = type || (typeof body === "string" ? "text/plain; charset=utf-8" : "application/json");
    }
    return fetch(path, opts).then(function (r) {
      return r.json().then(function (j) { return { status: r.status, body: j }; });
    });
  }

  function h(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") e.textContent = attrs[k];
      else if (k.slice(0, 2) === "on") e.addEventListener(k.slice(2), attrs[k]);
      else e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }

  function clock() {
    var d = new Date();
    return [d.getHours(), d.getMinutes(), d.getSeconds()].map(function (n) { return (n < 10 ? "0" : "") + n; }).join(":");
  }

  // An exact decimal string in 元 as it reads: from 1万元 up in 万元 (the decimal point moved, never
  // through a float), below that in 元.
  function money(s) {
    if (s === null || s === undefined) return "";
    if (s.indexOf("/") >= 0) return s + "元";
    var neg = s.charAt(0) === "-";
    var t = neg ? s.slice(1) : s;
    var parts = t.split(".");
    var ip = parts[0].replace(/^0+(?=\d)/, ""), fp = (parts[1] || "").replace(/0+$/, "");
    var out;
    if (ip.length > 4) {
      var w = ip.slice(0, ip.length - 4), rest = (ip.slice(ip.length - 4) + fp).replace(/0+$/, "");
      out = w + (rest ? "." + rest : "") + "万元";
    } else {
      out = ip + (fp ? "." + fp : "") + "元";
    }
    return (neg ? "-" : "") + out;
  }
  function range(a) { return a.min === a.max ? money(a.max) : money(a.min) + "～" + money(a.max); }

  function setBanner(text, buttons, kind) {
    var b = $("banner");
    b.innerHTML = "";
    b.className = kind || "info";
    if (!text) { b.hidden = true; return; }
    b.appendChild(h("span", { text: text }));
    (buttons || []).forEach(function (x) { b.appendChild(h("button", { type: "button", text: x[0], onclick: x[1] })); });
    b.hidden = false;
  }

  // ---- The editor --------------------------------------------------------------------------------

  var cm = CodeMirror.fromTextArea($("editor"), {
    mode: "zhengce",
    lineNumbers: true,
    lineWrapping: true,
    matchBrackets: true,
    styleActiveLine: true,
    gutters: ["CodeMirror-lint-markers"],
    lint: { getAnnotations: checkText, async: true, delay: 350 },
    extraKeys: {
      "Ctrl-Space": "autocomplete",
      "Ctrl-S": function () { save(); },
      "Cmd-S": function () { save(); }
    },
    hintOptions: { hint: ZhengceMode.hint, completeSingle: false }
  });
  cm.setSize(null, "100%");
  // Typing 「, a Han character or a letter (pinyin: gqrd, gaoqi) offers completion.
  cm.on("inputRead", function (ed, change) {
    if (ed.state.completionActive) return;
    var t = change.text.join("");
    if (t === "「" || /[\u4e00-\u9fffA-Za-z]/.test(t)) ed.showHint({ hint: ZhengceMode.hint, completeSingle: false });
  });
  cm.on("changes", function () { scheduleDraft(); });

  // Hover: resting the mouse on a name, a bound word or an amount shows what the language service
  // says of it (POST /api/v1/hover, the answer `zhengce lsp` gives editors), as plain text.
  var hoverTip = h("div", { id: "hover-tip", class: "hover-tip", role: "tooltip" });
  hoverTip.hidden = true;
  document.body.appendChild(hoverTip);
  var hoverTimer = null, hoverSeq = 0;
  function hideHover() { clearTimeout(hoverTimer); ++hoverSeq; hoverTip.hidden = true; }
  cm.getWrapperElement().addEventListener("mousemove", function (e) {
    hideHover();
    var x = e.clientX, y = e.clientY;
    hoverTimer = setTimeout(function () {
      var p = cm.coordsChar({ left: x, top: y }, "window");
      if (p.outside) return;
      var seq = ++hoverSeq;
      api("POST", "/api/v1/hover?line=" + p.line + "&character=" + p.ch, cm.getValue()).then(function (r) {
        if (seq !== hoverSeq || r.status !== 200 || !r.body.hover) return;
        hoverTip.textContent = r.body.hover.markdown.replace(/\*\*|`/g, "");
        hoverTip.style.left = (x + 12) + "px";
        hoverTip.style.top = (y + 16) + "px";
        hoverTip.hidden = false;
      }).catch(function () {});
    }, 450);
  });
  cm.getWrapperElement().addEventListener("mouseleave", hideHover);
  cm.on("changes", hideHover);

  function pos(at, end) {
    if (!at) return CodeMirror.Pos(0, 0);
    return end ? CodeMirror.Pos(at.end_line - 1, (at.utf16_end_column || at.end_column) - 1)
               : CodeMirror.Pos(at.line - 1, (at.utf16_column || at.column) - 1);
  }
  function jump(from, to) {
    cm.focus();
    cm.setSelection(from, to || from);
    cm.scrollIntoView({ from: from, to: to || from }, 80);
  }

  // ---- Checking as you type ----------------------------------------------------------------------

  function checkText(text, update) {
    var seq = ++state.checkSeq;
    $("check-state").textContent = "检查中…";
    api("POST", "/api/v1/check", text).then(function (r) {
      if (seq !== state.checkSeq) return;
      var c = r.body;
      state.check = c;
      update(annotations(c.diagnostics));
      showProblems(c.diagnostics);
      showCases(c.examples);
      $("check-state").textContent = c.errors === 0 && c.warnings === 0 ? "✓ 未发现问题" : (c.errors > 0 ? "✗ " : "⚠ ") + c.summary;
      $("check-state").className = c.errors > 0 ? "bad" : c.warnings > 0 ? "warn" : "good";
      if (c.policy) {
        var declared = [];
        c.policy.facts.forEach(function (f) { declared.push({ name: f.name, kind: (f.indicator ? "指标 · " : "事实 · ") + f.type }); });
        c.policy.rules.forEach(function (n) { declared.push({ name: n, kind: "规则" }); });
        c.policy.payers.forEach(function (n) { declared.push({ name: n, kind: "出资方" }); });
        if (ZhengceMode.setNames(declared)) cm.setOption("mode", "zhengce");
        buildForm(c.policy);
      }
      renderText(text);
    }).catch(function () {
      if (seq === state.checkSeq) $("check-state").textContent = "无法连接服务器";
    });
  }

  function annotations(diags) {
    return diags.filter(function (d) { return d.at; }).map(function (d) {
      var from = pos(d.at), to = pos(d.at, true);
      if (to.line === from.line && to.ch <= from.ch) to = CodeMirror.Pos(from.line, from.ch + 1);
      return {
        from: from, to: to,
        severity: d.severity === "error" ? "error" : "warning",
        message: d.code + " " + d.message + (d.help ? "\n帮助：" + d.help : "")
      };
    });
  }

  function showProblems(diags) {
    var ul = $("problem-list");
    ul.innerHTML = "";
    $("problem-count").textContent = diags.length ? String(diags.length) : "";
    if (!diags.length) { ul.appendChild(h("li", { class: "none", text: "没有问题" })); return; }
    diags.forEach(function (d) {
      var where = d.at ? "第 " + d.at.line + " 行第 " + d.at.column + " 列" : "";
      var li = h("li", { class: "problem " + d.severity, tabindex: "0", title: "点击跳到这里" }, [
        h("span", { class: "code", text: d.code }), " ",
        h("span", { class: "where", text: where }), " ",
        h("span", { class: "message", text: d.message }),
        d.help ? h("div", { class: "help", text: "帮助：" + d.help }) : null
      ]);
      if (d.at) {
        var go = function () { jump(pos(d.at), pos(d.at, true)); };
        li.addEventListener("click", go);
        li.addEventListener("keydown", function (e) { if (e.key === "Enter") go(); });
      }
      ul.appendChild(li);
    });
  }

  function showCases(examples) {
    var ul = $("cases");
    ul.innerHTML = "";
    if (!examples) {
      $("case-count").textContent = "";
      ul.appendChild(h("li", { class: "none", text: "政策有错误，案例未运行" }));
      return;
    }
    var passed = examples.filter(function (e) { return e.passed; }).length;
    $("case-count").textContent = examples.length ? passed + "/" + examples.length : "";
    if (!examples.length) ul.appendChild(h("li", { class: "none", text: "没有案例。写一条：案例「名称」：「事实」为……；预期：「规则」为……。" }));
    examples.forEach(function (e) {
      var li = h("li", { class: e.passed ? "pass" : "fail" }, [
        h("span", { class: "mark", text: e.passed ? "✓" : "✗" }), " ", h("span", { text: e.name })
      ]);
      e.failures.forEach(function (f) {
        var d = h("div", { class: "failure", text: f.message + (f.help ? "（" + f.help + "）" : "") });
        if (f.at) d.addEventListener("click", function () { jump(pos(f.at), pos(f.at, true)); });
        li.appendChild(d);
      });
      ul.appendChild(li);
    });
  }

  // ---- The official text -------------------------------------------------------------------------

  var renderSeq = 0;
  function renderText(text) {
    var seq = ++renderSeq;
    api("POST", "/api/v1/render?format=html", text).then(function (r) {
      if (seq !== renderSeq) return;
      var box = $("rendered");
      if (!r.body.ok) {
        box.classList.add("stale");
        return;  // keep the last good rendering, greyed, while the text has errors
      }
      box.classList.remove("stale");
      var doc = new DOMParser().parseFromString(r.body.text, "text/html");
      box.innerHTML = "";
      Array.prototype.forEach.call(doc.querySelectorAll("article"), function (a) { box.appendChild(document.importNode(a, true)); });
    });
  }

  // A sentence of the rendered text → its statement in the source: a decision by its rule's name,
  // another sentence as the n-th statement of its kind.
  var STATEMENT = { definition: "定义", cap: "上限", nodup: "不重复", constraint: "约束", target: "目标" };
  $("rendered").addEventListener("click", function (e) {
    var s = e.target.closest("span.decision, span.definition, span.cap, span.nodup, span.constraint, span.target");
    if (!s) return;
    var lines = cm.getValue().split("\n");
    if (s.dataset.rule) {
      var name = s.dataset.rule;
      for (var i = 0; i < lines.length; i++) {
        var m = lines[i].match(/^\s*规则\s*「?/);
        if (m && lines[i].slice(m[0].length).indexOf(name) === 0) return jump(CodeMirror.Pos(i, m[0].length), CodeMirror.Pos(i, m[0].length + name.length));
      }
      return;
    }
    var kind = s.className.split(" ")[0], word = STATEMENT[kind];
    var nth = Array.prototype.indexOf.call($("rendered").querySelectorAll("span." + kind), s);
    var re = new RegExp("^\\s*" + word + "[「：:]");
    for (var j = 0, k = 0; j < lines.length; j++) {
      if (re.test(lines[j]) && k++ === nth) return jump(CodeMirror.Pos(j, 0), CodeMirror.Pos(j, lines[j].length));
    }
  });

  // ---- The applicant form ------------------------------------------------------------------------

  function factControl(f) {
    var t = f.type, id = "fact-" + f.name;
    var label = h("label", { for: id, class: "fact-name", text: f.name });
    var control;
    if (t.indexOf("是否") === 0) {
      var box = h("input", { type: "checkbox", id: id, "data-fact": f.name, "data-kind": "bool", role: "switch" });
      box.checked = f.default === "是";
      control = h("label", { class: "switch" }, [box, h("span", { class: "slider" }), h("span", { class: "state" })]);
    } else if (t.indexOf("选项") === 0) {
      control = h("select", { id: id, "data-fact": f.name, "data-kind": "option" });
      if (!f.default) control.appendChild(h("option", { value: "", text: "（未填）" }));
      f.options.forEach(function (o) {
        var opt = h("option", { value: o, text: o });
        if (o === f.default) opt.selected = true;
        control.appendChild(opt);
      });
    } else if (t.indexOf("金额") === 0) {
      control = h("span", { class: "money" }, [
        h("input", { type: "number", id: id, min: "0", step: "any", "data-fact": f.name, "data-kind": "money", placeholder: f.default || "" }),
        h("select", { "data-unit-for": f.name, "aria-label": "单位" }, [h("option", { value: "万元", text: "万元" }), h("option", { value: "元", text: "元" })])
      ]);
    } else if (t.indexOf("日期") === 0) {
      control = h("input", { type: "date", id: id, "data-fact": f.name, "data-kind": "date" });
    } else if (t.indexOf("比例") === 0) {
      control = h("span", { class: "unit" }, [h("input", { type: "number", id: id, min: "0", step: "any", "data-fact": f.name, "data-kind": "rate" }), " %"]);
    } else {
      var unit = (t.match(/（(.+)）/) || [])[1] || "";
      control = h("span", { class: "unit" }, [h("input", { type: "number", id: id, min: "0", step: t.indexOf("数量") === 0 ? "1" : "any", "data-fact": f.name, "data-kind": "number", placeholder: f.default || "" }), unit ? " " + unit : ""]);
    }
    return h("div", { class: "fact" }, [label, control, h("span", { class: "type", text: t + (f.default ? "，默认" + f.default : "") })]);
  }

  function buildForm(policy) {
    var facts = policy.facts.filter(function (f) { return !f.indicator; });
    var sig = JSON.stringify(facts);
    if (sig === state.formSignature) return;
    var old = readForm();
    state.formSignature = sig;
    var form = $("applicant");
    form.innerHTML = "";
    var fields = h("div", { class: "facts" });
    facts.forEach(function (f) { fields.appendChild(factControl(f)); });
    form.appendChild(fields);
    form.appendChild(h("div", { class: "actions" }, [h("button", { type: "submit", id: "btn-evaluate", text: "计算" }), h("button", { type: "reset", text: "清空" })]));
    Object.keys(old.raw).forEach(function (name) {
      var input = form.querySelector('[data-fact="' + CSS.escape(name) + '"]');
      if (!input) return;
      if (input.type === "checkbox") input.checked = old.raw[name]; else input.value = old.raw[name];
    });
  }

  // The facts the form says: only what was filled in (an empty field is unknown, so a default applies).
  function readForm() {
    var facts = {}, raw = {};
    Array.prototype.forEach.call($("applicant").querySelectorAll("[data-fact]"), function (input) {
      var name = input.dataset.fact, kind = input.dataset.kind;
      if (kind === "bool") { facts[name] = input.checked; raw[name] = input.checked; return; }
      raw[name] = input.value;
      if (input.value === "") return;
      if (kind === "money") {
        var unit = $("applicant").querySelector('[data-unit-for="' + CSS.escape(name) + '"]').value;
        facts[name] = input.value + unit;
      } else if (kind === "rate") facts[name] = input.value + "%";
      else facts[name] = input.value;
    });
    return { facts: facts, raw: raw };
  }

  $("applicant").addEventListener("submit", function (e) {
    e.preventDefault();
    var out = $("result");
    out.innerHTML = "";
    out.appendChild(h("p", { class: "hint", text: "计算中…" }));
    api("POST", "/api/v1/evaluate", { source: cm.getValue(), facts: readForm().facts, applicant: "试算申请人", explain: true }).then(function (r) {
      out.innerHTML = "";
      if (r.status !== 200) {
        var err = r.body.error;
        out.appendChild(h("p", { class: "bad", text: err.message }));
        (err.diagnostics || []).forEach(function (d) { out.appendChild(h("p", { class: "bad", text: d.message + (d.help ? "（" + d.help + "）" : "") })); });
        return;
      }
      showResult(r.body);
    });
  });

  function showResult(res) {
    var out = $("result");
    var totals = h("table", { class: "totals" }, [h("tr", {}, [h("th", { text: "出资方" }), h("th", { text: "合计" })])]);
    res.totals.forEach(function (t) {
      totals.appendChild(h("tr", { class: t.role }, [h("td", { text: t.payer + (t.role === "local" ? "" : t.role === "upper" ? "（上级）" : "（其他方）") }), h("td", { class: "amount", text: range(t) })]));
    });
    out.appendChild(h("h3", { text: "各出资方合计" }));
    out.appendChild(totals);
    if (!res.complete) out.appendChild(h("p", { class: "bad", text: "有规则因缺少事实无法计算，合计不完整（见下）。" }));
    var paying = res.rules.filter(function (r) { return r.status !== "not_applicable"; });
    var table = h("table", { class: "rules" }, [h("tr", {}, [h("th", { text: "条" }), h("th", { text: "规则" }), h("th", { text: "结果" })])]);
    paying.forEach(function (r) {
      var note = r.status === "excluded" ? "（因不重复未予支持）" : r.status === "error" ? "（无法计算：缺少「" + (r.missing_fact || "") + "」）" : "";
      table.appendChild(h("tr", { class: r.status }, [h("td", { text: r.article }), h("td", { text: r.rule }), h("td", { class: "amount", text: r.text + note })]));
    });
    out.appendChild(h("h3", { text: "适用的规则（" + paying.length + " 条，其余 " + (res.rules.length - paying.length) + " 条不予支持）" }));
    out.appendChild(table);
    if (res.explain) {
      out.appendChild(h("h3", { text: "说明" }));
      out.appendChild(h("pre", { class: "explain", text: res.explain }));
    }
  }

  // ---- Registry simulation -----------------------------------------------------------------------

  $("sim-form").addEventListener("submit", function (e) {
    e.preventDefault();
    var file = $("registry").files[0];
    if (!file) { $("sim-phase").textContent = "请先选择登记册文件"; $("sim-progress").hidden = false; return; }
    var fd = new FormData();
    fd.append("source", cm.getValue());
    fd.append("registry", file, file.name);
    var bar = $("sim-bar");
    $("sim-progress").hidden = false;
    $("sim-result").innerHTML = "";
    bar.value = 0;
    $("sim-phase").textContent = "上传中 0%";
    var xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/v1/simulate");
    xhr.upload.onprogress = function (ev) {
      if (!ev.lengthComputable) return;
      var p = Math.round(100 * ev.loaded / ev.total);
      bar.value = p;
      $("sim-phase").textContent = "上传中 " + p + "%（" + (ev.loaded / 1048576).toFixed(1) + " / " + (ev.total / 1048576).toFixed(1) + " MB）";
    };
    xhr.upload.onload = function () { bar.removeAttribute("value"); $("sim-phase").textContent = "已上传，正在逐户求值…"; };
    xhr.onload = function () {
      var j;
      try { j = JSON.parse(xhr.responseText); } catch (err) { j = { error: { message: "服务器的回答无法读取" } }; }
      bar.value = 100;
      if (xhr.status !== 200) { $("sim-phase").textContent = "模拟失败：" + j.error.message; return; }
      $("sim-phase").textContent = "完成：" + j.rows + " 行，求值 " + j.evaluated + " 户";
      showSimulation(j);
    };
    xhr.onerror = function () { $("sim-phase").textContent = "上传失败（连接中断或文件超过上限）"; };
    xhr.send(fd);
  });

  function num(s) { return s.indexOf("/") >= 0 ? Number(s.split("/")[0]) / Number(s.split("/")[1]) : Number(s); }

  function showSimulation(j) {
    var out = $("sim-result");
    var p = j.summary.policies[0];
    out.appendChild(h("p", { class: "sim-summary", text: "登记册 " + j.rows + " 行：求值 " + j.evaluated + " 户，坏行 " + j.bad_rows + "，含无法计算规则的行 " + j.rows_with_errors + "；获本级资金的企业 " + p.with_local_award + " 户。" }));
    (j.summary.problems || []).slice(0, 5).forEach(function (x) { out.appendChild(h("p", { class: "warn", text: x.message })); });

    out.appendChild(h("h3", { text: "各出资方合计" }));
    var pt = h("table", { class: "sim-payers" }, [h("tr", {}, ["出资方", "角色", "受益企业", "合计"].map(function (t) { return h("th", { text: t }); }))]);
    p.payers.forEach(function (x) {
      pt.appendChild(h("tr", {}, [h("td", { text: x.name }), h("td", { text: { local: "本级", upper: "上级", other: "其他方" }[x.role] }), h("td", { text: String(x.beneficiaries) }), h("td", { class: "amount", text: range(x.total) })]));
    });
    out.appendChild(h("div", { class: "side" }, [pt, ZhengceCharts.bars(p.payers.map(function (x) {
      return { label: x.name, min: num(x.total.min), max: num(x.total.max), text: range(x.total) };
    }), { title: "各出资方合计", labelWidth: 120, width: 260 })]));

    out.appendChild(h("h3", { text: "各条款（本级资金）" }));
    var clauses = p.clauses.filter(function (c) { return c.beneficiaries > 0; });
    out.appendChild(ZhengceCharts.bars(clauses.map(function (c) {
      return { label: (c.article ? c.article + " " : "") + c.rule, min: num(c.total_local.min), max: num(c.total_local.max), text: range(c.total_local) };
    }), { title: "各条款本级合计（深色为至少，浅色到至多）" }));
    var ct = h("table", { class: "sim-clauses" }, [h("tr", {}, ["条", "条款", "受益企业", "本级合计", "P50", "P90", "最高"].map(function (t) { return h("th", { text: t }); }))]);
    clauses.forEach(function (c) {
      var pc = function (q) {
        var x = (c.distribution.percentiles || []).filter(function (y) { return y.p === q; })[0];
        return x ? range(x) : "";
      };
      ct.appendChild(h("tr", {}, [h("td", { text: c.article }), h("td", { text: c.rule }), h("td", { text: String(c.beneficiaries) }),
        h("td", { class: "amount", text: range(c.total_local) }), h("td", { class: "amount", text: pc(50) }), h("td", { class: "amount", text: pc(90) }),
        h("td", { class: "amount", text: c.distribution.count ? money(c.distribution.max) : "" })]));
    });
    out.appendChild(ct);

    out.appendChild(h("h3", { text: "每条款的奖补金额分布" }));
    var withAwards = j.histograms.filter(function (x) { return x.awards > 0; });
    var pick = h("select", { id: "hist-rule", "aria-label": "选择条款" });
    withAwards.forEach(function (x) { pick.appendChild(h("option", { value: x.rule, text: x.rule + "（" + x.awards + " 户）" })); });
    var holder = h("div", { class: "side", id: "hist" });
    function draw() {
      holder.innerHTML = "";
      var x = withAwards.filter(function (y) { return y.rule === pick.value; })[0];
      if (!x) return;
      var bins = x.bins.map(function (b) {
        var label = b.from === b.to ? money(b.from) : money(b.from) + "～" + money(b.to);
        return { label: label, short: label, count: b.count };
      });
      var t = h("table", { class: "sim-hist" }, [h("tr", {}, [h("th", { text: x.distinct ? "金额" : "金额区间" }), h("th", { text: "企业数" })])]);
      bins.forEach(function (b) { t.appendChild(h("tr", {}, [h("td", { class: "amount", text: b.label }), h("td", { text: String(b.count) })])); });
      holder.appendChild(ZhengceCharts.histogram(bins, { title: x.rule + " 的金额分布（按最高额计）" }));
      holder.appendChild(t);
    }
    pick.addEventListener("change", draw);
    if (withAwards.length) {
      out.appendChild(h("label", {}, ["条款 ", pick]));
      out.appendChild(holder);
      draw();
    } else {
      out.appendChild(h("p", { class: "hint", text: "没有企业获得有金额的奖补。" }));
    }
  }

  // ---- Files: open, autosave a draft, save -------------------------------------------------------

  function scheduleDraft() {
    clearTimeout(state.draftTimer);
    state.draftTimer = setTimeout(writeDraft, 800);
  }

  function writeDraft() {
    var text = cm.getValue();
    if (text === state.lastDraft) return;
    if (!state.id) {
      localStorage.setItem(SCRATCH_KEY, text);
      state.lastDraft = text;
      $("save-state").textContent = "草稿已保存在浏览器中 " + clock();
      return;
    }
    if (state.readOnly) return;
    api("PUT", "/api/v1/policies/" + encodeURIComponent(state.id) + "/draft", text).then(function (r) {
      if (r.status === 200) {
        state.lastDraft = text;
        $("save-state").textContent = "草稿已自动保存 " + clock() + "（" + state.id + ".zc.draft）";
      } else {
        $("save-state").textContent = "草稿未能保存：" + r.body.error.message;
      }
    }).catch(function () { $("save-state").textContent = "草稿未能保存：无法连接服务器"; });
  }

  function save() {
    if (!state.id) { setBanner("这是浏览器中的草稿，没有对应的文件；复制全文保存为 .zc 文件后用 zhengce serve 打开。", [], "info"); return; }
    var text = cm.getValue();
    api("PUT", "/api/v1/policies/" + encodeURIComponent(state.id) + "/source?base=" + state.version, text).then(function (r) {
      if (r.status === 200) {
        state.version = r.body.version;
        state.lastDraft = text;
        setBanner("");
        $("save-state").textContent = "已保存到文件 " + clock();
        return;
      }
      var err = r.body.error;
      if (err.code === "changed_on_disk") {
        setBanner("未保存：" + err.message, [["载入磁盘上的版本", function () { open(state.id, true); }]], "bad");
      } else {
        setBanner("未保存：" + err.message, [], "bad");
      }
    });
  }

  function open(id, ignoreDraft) {
    setBanner("");
    if (!id) {
      state.id = null;
      state.version = null;
      var text = localStorage.getItem(SCRATCH_KEY) || SCRATCH_TEXT;
      state.lastDraft = text;
      cm.setValue(text);
      cm.clearHistory();
      $("btn-save").disabled = true;
      $("save-state").textContent = "浏览器中的草稿";
      return;
    }
    api("GET", "/api/v1/policies/" + encodeURIComponent(id) + "/source").then(function (r) {
      if (r.status !== 200) { setBanner(r.body.error.message, [], "bad"); return; }
      var s = r.body;
      state.id = id;
      state.version = s.version;
      state.readOnly = s.read_only;
      state.lastDraft = s.text;
      cm.setValue(s.text);
      cm.clearHistory();
      $("btn-save").disabled = s.read_only;
      $("save-state").textContent = s.read_only ? "只读（服务以 --read-only 启动）" : "已打开 " + id + ".zc";
      location.hash = id;
      if (s.draft && s.draft.text !== s.text && !ignoreDraft) {
        setBanner("发现 " + s.draft.saved_at + " 自动保存的草稿，与文件不同（尚未保存到文件）。", [
          ["恢复草稿", function () { cm.setValue(s.draft.text); state.lastDraft = s.draft.text; setBanner(""); }],
          ["保留文件内容", function () { setBanner(""); }]
        ], "warn");
      }
    });
  }

  $("file").addEventListener("change", function () { writeDraft(); open($("file").value || null); });
  $("btn-save").addEventListener("click", save);
  $("btn-fmt").addEventListener("click", function () {
    api("POST", "/api/v1/fmt", cm.getValue()).then(function (r) {
      if (r.body.ok) {
        if (r.body.changed) {
          var c = cm.getCursor();
          cm.replaceRange(r.body.text, CodeMirror.Pos(0, 0), CodeMirror.Pos(cm.lastLine()));
          cm.setCursor(c);
        }
        $("save-state").textContent = r.body.changed ? "已整理格式" : "格式已是标准版式";
      } else {
        $("save-state").textContent = r.body.status === "refused" ? "未整理：" + r.body.problem : "有语法错误，无法整理格式";
      }
    });
  });

  // Tabs.
  Array.prototype.forEach.call(document.querySelectorAll("#tabs button"), function (b) {
    b.addEventListener("click", function () {
      Array.prototype.forEach.call(document.querySelectorAll("#tabs button"), function (x) { x.classList.toggle("active", x === b); });
      Array.prototype.forEach.call(document.querySelectorAll(".tab"), function (t) { t.classList.toggle("active", t.id === "tab-" + b.dataset.tab); });
    });
  });

  window.addEventListener("beforeunload", function () { writeDraft(); });

  // Start: the loaded policies, then the one named in the address (#id), else the first.
  api("GET", "/api/v1/policies").then(function (r) {
    var sel = $("file");
    r.body.policies.forEach(function (p) {
      sel.appendChild(h("option", { value: p.id, text: p.id + ".zc" + (p.title ? " — " + p.title : "") + (p.state !== "ok" ? "（有错误）" : "") }));
    });
    sel.appendChild(h("option", { value: "", text: "（浏览器中的草稿）" }));
    var want = decodeURIComponent(location.hash.slice(1));
    var first = r.body.policies.length ? r.body.policies[0].id : "";
    var id = r.body.policies.some(function (p) { return p.id === want; }) ? want : first;
    sel.value = id;
    open(id || null);
  });

  window.zhengceWorkbench = { editor: cm, state: state };  // for the browser tests
})();

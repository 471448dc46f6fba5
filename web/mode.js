// The policy language for CodeMirror 5: highlighting (a mode) and completion (a hint helper). The
// keywords come from keywords.js, generated at build time from compiler/syntax/keywords.def; the
// declared names come from the last check of the text (ZhengceMode.setNames). Like the lexer, a
// word is matched longest-first over keywords and declared names together. Completion is not
// computed here: the server's language service answers it (/api/v1/complete), as it answers editors.
(function () {
  "use strict";

  // Tokens whose words read as comparisons, units or values rather than as structure.
  var OPERATORS = { GE_POST: 1, GE_PRE: 1, GT_PRE: 1, LE_POST: 1, LE_PRE: 1, LT_PRE: 1, AND: 1, OR: 1, NOT: 1, VAGUE: 1, INCL: 1 };
  var ATOMS = { MONEY_UNIT: 1, UNIT: 1, YES: 1, NO: 1, FEN: 1, JIAO: 1, PCT_PREFIX: 1, PML_PREFIX: 1, ROUND_MODE: 1, PAYER_ROLE: 1, TYPE: 1 };

  var keywordStyle = {};   // spelling → CodeMirror style
  var keywordInfo = {};    // spelling → meaning
  ZHENGCE_KEYWORDS.forEach(function (k) {
    keywordStyle[k[0]] = OPERATORS[k[1]] ? "operator" : ATOMS[k[1]] ? "atom" : "keyword";
    keywordInfo[k[0]] = k[2];
  });

  // Words by their first character, longest first.
  var byFirst = {};
  function index(words) {
    byFirst = {};
    words.forEach(function (w) {
      var c = w.charAt(0);
      (byFirst[c] = byFirst[c] || []).push(w);
    });
    Object.keys(byFirst).forEach(function (c) {
      byFirst[c].sort(function (a, b) { return b.length - a.length; });
    });
  }

  var names = {};  // declared name → what it is (事实 · 金额, 规则 …)
  function rebuild() { index(Object.keys(keywordStyle).concat(Object.keys(names))); }
  rebuild();

  var DIGITS = /[0-9０-９.．]/;
  var PUNCT = /[，,、；;。：:（）()%％‰∶\-—－～~]/;

  CodeMirror.defineMode("zhengce", function () {
    return {
      startState: function () { return { quote: 0, ascii: false }; },
      token: function (stream, state) {
        if (state.quote > 0 || state.ascii) {
          while (!stream.eol()) {
            var c = stream.next();
            if (state.ascii) { if (c === '"') { state.ascii = false; break; } }
            else if (c === "“") state.quote++;
            else if (c === "”" && --state.quote === 0) break;
          }
          return "string";
        }
        if (stream.eatSpace()) return null;
        var ch = stream.peek();
        if (ch === "#") { stream.skipToEnd(); return "comment"; }
        if (ch === "“") { stream.next(); state.quote = 1; return this.token(stream, state) || "string"; }
        if (ch === '"') { stream.next(); state.ascii = true; return this.token(stream, state) || "string"; }
        if (ch === "「") {
          stream.next();
          while (!stream.eol() && stream.next() !== "」") {}
          return "variable-2";
        }
        if (DIGITS.test(ch)) { while (!stream.eol() && DIGITS.test(stream.peek())) stream.next(); return "number"; }
        var words = byFirst[ch];
        if (words) {
          var rest = stream.string.slice(stream.pos);
          for (var i = 0; i < words.length; i++) {
            if (rest.lastIndexOf(words[i], 0) === 0) {
              stream.pos += words[i].length;
              return keywordStyle.hasOwnProperty(words[i]) && !names.hasOwnProperty(words[i]) ? keywordStyle[words[i]] : "variable-2";
            }
          }
        }
        stream.next();
        return PUNCT.test(ch) ? "bracket" : null;
      },
      lineComment: "#"
    };
  });

  // Completion: the language service's answer for the text and the cursor (POST /api/v1/complete,
  // the one `zhengce lsp` gives editors): declared names by characters, pinyin initials or full
  // pinyin, keywords and sentence forms, best first. A sentence form's placeholders become their text.
  function plain(snippet) { return snippet.replace(/\$\{\d+:([^}]*)\}/g, "$1").replace(/\$\d+/g, ""); }
  function pos(p) { return CodeMirror.Pos(p.line, p.character); }
  function hint(cm) {
    var cur = cm.getCursor();
    var url = "/api/v1/complete?line=" + cur.line + "&character=" + cur.ch;
    var req = { method: "POST", body: cm.getValue(), headers: { "Content-Type": "text/plain; charset=utf-8" } };
    return fetch(url, req).then(function (r) { return r.ok ? r.json() : { items: [] }; }).then(function (c) {
      var list = c.items.slice(0, 50).map(function (it) {
        return { text: it.snippet ? plain(it.text) : it.text, displayText: it.label + "　" + it.detail,
                 from: pos(it.from), to: pos(it.to) };
      });
      return { list: list, from: list.length ? list[0].from : cur, to: cur };
    }).catch(function () { return null; });
  }

  window.ZhengceMode = {
    // `declared`: [{name, kind}] from the last check; highlighting uses them.
    setNames: function (declared) {
      var next = {};
      declared.forEach(function (d) { next[d.name] = d.kind; });
      var changed = Object.keys(next).length !== Object.keys(names).length ||
        Object.keys(next).some(function (k) { return names[k] !== next[k]; });
      names = next;
      rebuild();
      return changed;
    },
    names: function () { return names; },
    hint: hint,
    keywordInfo: keywordInfo
  };
})();

// The policy language for CodeMirror 5: highlighting (a mode) and completion (a hint helper). The
// keywords come from keywords.js, generated at build time from compiler/syntax/keywords.def; the
// declared names come from the last check of the text (ZhengceMode.setNames). Like the lexer, a
// word is matched longest-first over keywords and declared names together.
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

  // Completion: the word being typed (after 「, or the run of letters before the cursor) against
  // declared names and keywords; names first. Inside 「 a name is completed with its closing 」.
  function hint(cm) {
    var cur = cm.getCursor();
    var line = cm.getLine(cur.line).slice(0, cur.ch);
    var open = line.lastIndexOf("「"), close = line.lastIndexOf("」");
    var inName = open > close;
    var start = inName ? open + 1 : cur.ch;
    if (!inName) while (start > 0 && !/[\s，,、；;。：:（）()「」“”"#]/.test(line.charAt(start - 1))) start--;
    var typed = line.slice(start);
    var list = [];
    function add(text, kind, info, prefixRank) {
      list.push({ text: text, displayText: text + "　" + kind, rank: prefixRank, info: info });
    }
    Object.keys(names).forEach(function (n) {
      var at = n.indexOf(typed);
      if (typed === "" || at >= 0) add(inName ? n + "」" : "「" + n + "」", names[n], n, at === 0 ? 0 : 1);
    });
    if (!inName) {
      Object.keys(keywordStyle).forEach(function (k) {
        if (typed !== "" && k !== typed && k.indexOf(typed) === 0) add(k, "关键字", keywordInfo[k], 2);
      });
    }
    list.sort(function (a, b) { return a.rank - b.rank || a.text.length - b.text.length; });
    return { list: list.slice(0, 50), from: CodeMirror.Pos(cur.line, start), to: cur };
  }

  window.ZhengceMode = {
    // `declared`: [{name, kind}] from the last check; highlighting and completion use them.
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

// Drafting checks on how thresholds and categories are written: bound words with no exact legal
// meaning or that contradict each other, numbers with no bound word (E0515-E0517), banded tables
// with gaps or overlaps (E0511-E0513) and categories listed twice (E0510). They read the AST only
// (and the declared types), so they run on every file that parsed, errors or not.
#include <algorithm>
#include <functional>
#include <unordered_map>

#include "base/units.h"
#include "compiler/check/lint_internal.h"
#include "compiler/syntax/lexer.h"

namespace zc::sema::lint_detail {
namespace {

// The token name of a keyword spelling ("VAGUE", "GT_PRE"), or "" for other text.
const std::string& token_of(const std::string& spelling) {
  static const std::unordered_map<std::string, std::string> table = [] {
    std::unordered_map<std::string, std::string> m;
    for (const syntax::KeywordEntry& k : syntax::keyword_table()) m.emplace(k.spelling, k.token);
    return m;
  }();
  static const std::string none;
  auto it = table.find(spelling);
  return it == table.end() ? none : it->second;
}

bool is_range(const ast::Value& v) { return v.kind == ast::Value::Kind::Literal && v.lit.hi.has_value(); }

// Whether a comparison has a legal meaning the checks below can rely on.
bool well_worded(const ast::Comparison& c) {
  if (c.pre.empty() && c.post.empty()) return false;
  return token_of(c.pre) != "VAGUE" && token_of(c.post) != "VAGUE";
}

void each_cond(const ast::Cond& c, const std::function<void(const ast::Cond&)>& f) {
  f(c);
  for (const auto& ch : c.children) each_cond(*ch, f);
}

// Every comparison the policy writes, with the name it compares and the article it belongs to.
void each_comparison(const ast::Policy& p, const std::function<void(const ast::Comparison&, const std::string&, int)>& f) {
  auto in_cond = [&](const ast::Cond& c, int article) {
    each_cond(c, [&](const ast::Cond& x) {
      if (x.cmp && !x.names.empty()) f(*x.cmp, x.names[0].text, article);
    });
  };
  for (const ast::Rule& r : p.rules)
    for (const ast::Clause& cl : r.branches)
      for (const ast::CondSeg& seg : cl.conds)
        if (seg.cond) in_cond(*seg.cond, r.article);
  for (const ast::Define& d : p.defines) {
    for (const ast::Band& b : d.bands) {
      if (b.lo) f(*b.lo, d.band_on.text, d.article);
      if (b.hi && b.hi->pre != "至") f(*b.hi, d.band_on.text, d.article);
    }
    for (const ast::CaseBranch& b : d.cases) in_cond(*b.cond, d.article);
    if (d.cond) in_cond(*d.cond, d.article);
  }
  for (const ast::Target& t : p.targets) f(t.cmp, t.indicator.text, -1);
  // The bounds of the parts of an amount (超过200万元至1000万元（含）的部分), as a band's.
  for (const ast::Rule& r : p.rules)
    for (const ast::Clause& cl : r.branches)
      for (const ast::Award::Part& part : cl.award.parts) {
        std::string base = cl.award.part_base ? cl.award.part_base->text : std::string();
        if (part.lo) f(*part.lo, base, r.article);
        if (part.hi && part.hi->pre != "至") f(*part.hi, base, r.article);
      }
}

// A range with an end that neither the text nor a neighbour states (E0517): the help names the open
// ends and shows the forms that state them.
void range_without_ends(Ctx& c, const ast::Comparison& cmp, const std::string& lhs, int article) {
  const ast::Literal& l = cmp.rhs.lit;
  model::Key key = c.fact_index(lhs);
  if (key < 0 && c.define_index(lhs) >= 0) key = -1 - c.define_index(lhs);
  bool known = c.fact_index(lhs) >= 0 || c.define_index(lhs) >= 0;
  // A share (占……的比例3%（含）-6%) compares rates whatever the fact named first is.
  auto shown = [&](const Rational& v) {
    if (l.kind == ast::LitKind::Rate) return rate_text(v);
    return known ? c.model.value_text(key, v) : v.to_decimal();
  };
  std::string lo = shown(l.value), hi = shown(*l.hi);
  std::string open = !cmp.lo_incl && !cmp.hi_incl ? "「" + lo + "」和「" + hi + "」" : !cmp.lo_incl ? "「" + lo + "」" : "「" + hi + "」";
  std::string both = lo + (cmp.lo_incl.value_or(true) ? "（含）" : "") + "至" + hi + (cmp.hi_incl.value_or(true) ? "（含）" : "");
  std::string help = "原文和相邻的档或情形都没有写明" + open + "是否含本数：含本数的一端加（含），如“" + both + "”";
  if (!cmp.lo_incl) help += "；下端不含本数写“超过" + lo + "至" + hi + (cmp.hi_incl.value_or(true) ? "（含）" : "") + "”";
  if (!cmp.hi_incl) help += "；上端不含本数，在相邻的档或情形写明“" + hi + "以上”";
  Diagnostic& d = c.report(DiagCode::E0517, cmp.span, {cmp.rhs.lit.text}, article);
  d.help_override = Text{help, "say whether each end is included: mark it （含）, or write 超过A至B, or state the number in the neighbouring band (B以上)"};
}

}  // namespace

void check_bound_words(Ctx& c) {
  each_comparison(c.p, [&](const ast::Comparison& cmp, const std::string& lhs, int article) {
    // A yes/no or option fact compared with a number is already E0401: the words are beside the point.
    int fact = c.fact_index(lhs);
    if (fact >= 0 && (c.prog.facts[static_cast<size_t>(fact)].type == ValueType::Bool ||
                      c.prog.facts[static_cast<size_t>(fact)].type == ValueType::Option))
      return;
    const std::string& pre = token_of(cmp.pre);
    const std::string& post = token_of(cmp.post);
    // 近三年 on a date is the three years up to the 评价日期 (period.cpp), not a vague number.
    if (cmp.pre == "近" && (cmp.post.empty() || post == "LE_POST") && fact >= 0 &&
        c.prog.facts[static_cast<size_t>(fact)].type == ValueType::Date && cmp.rhs.kind == ast::Value::Kind::Literal &&
        cmp.rhs.lit.kind == ast::LitKind::Count && (cmp.rhs.lit.unit == "年" || cmp.rhs.lit.unit == "月"))
      return;
    if (pre == "VAGUE" || post == "VAGUE") {
      c.report(DiagCode::E0516, cmp.span, {pre == "VAGUE" ? cmp.pre : cmp.post}, article);
      return;
    }
    if (post == "DATE_POST" && !cmp.incl) {
      std::string shown = cmp.rhs.kind == ast::Value::Kind::Literal ? cmp.rhs.lit.text : c.text(cmp.rhs.span);
      c.report(DiagCode::E0520, cmp.span, {cmp.post, shown, cmp.post == "以后" ? "晚于" : "早于"}, article);
      return;
    }
    if (cmp.between) {
      if (cmp.lo_incl && cmp.hi_incl) return;
      range_without_ends(c, cmp, lhs, article);
      return;
    }
    // 75分（含）至90分 in a band: （含） is the lower end's bound word (parse.cpp reads it as >=).
    if (cmp.pre.empty() && cmp.post.empty() && !(cmp.incl && cmp.op == CmpOp::Ge)) {
      std::string shown = cmp.rhs.kind == ast::Value::Kind::Literal ? cmp.rhs.lit.text : c.text(cmp.rhs.span);
      Diagnostic& d = c.report(DiagCode::E0517, cmp.span, {shown}, article);
      // The four words of the Civil Code that say it; which one the text means is the drafter's call.
      const Span before{cmp.span.file, cmp.span.begin, cmp.span.begin}, after{cmp.span.file, cmp.span.end, cmp.span.end};
      d.fixes.push_back(Fix{Text{"写作“" + shown + "以上”（含本数）", "write " + shown + "以上 (included)"}, {{after, "以上"}}});
      if (!cmp.incl)
        d.fixes.push_back(Fix{Text{"写作“超过" + shown + "”（不含本数）", "write 超过" + shown + " (excluded)"}, {{before, "超过"}}});
      d.fixes.push_back(Fix{Text{"写作“" + shown + "以下”（含本数）", "write " + shown + "以下 (included)"}, {{after, "以下"}}});
      if (!cmp.incl)
        d.fixes.push_back(Fix{Text{"写作“不满" + shown + "”（不含本数）", "write 不满" + shown + " (excluded)"}, {{before, "不满"}}});
      return;
    }
    bool pre_up = pre == "GE_PRE" || pre == "GT_PRE";
    bool pre_strict = pre == "GT_PRE" || pre == "LT_PRE";
    bool post_up = post == "GE_POST" || (post == "DATE_POST" && cmp.post == "以后");
    std::string help;
    if (!cmp.pre.empty() && !cmp.post.empty() && pre_up != post_up) {
      help = "「" + cmp.pre + "」与「" + cmp.post + "」方向相反：只保留一个界限用语";
    } else if (pre_strict && !cmp.post.empty()) {
      help = "「" + cmp.pre + "」不含本数，「" + cmp.post + "」含本数：不含本数只写“" + cmp.pre + "”，含本数只写“" + cmp.post + "”";
    } else if (cmp.excl && !cmp.pre.empty() && !pre_strict) {
      help = "「" + cmp.pre + "」含本数，（不含）又写不含本数：不含本数写“" + std::string(pre_up ? "超过" : "不满") + "”，含本数删去（不含）";
    } else if (pre_strict && cmp.incl && !is_range(cmp.rhs)) {
      help = "「" + cmp.pre + "」不含本数，（含）又写含本数：含本数写“" + std::string(pre_up ? "以上" : "以下") + "”或“" +
             (pre_up ? "不低于" : "不超过") + "”，不含本数删去（含）";
    }
    if (help.empty()) return;
    Diagnostic& d = c.report(DiagCode::E0515, cmp.span, {c.text(cmp.span), help}, article);
    d.help_override = Text{help, "keep one bound word: 超过/不满 exclude the number, 以上/以下/（含） include it"};
  });
  for (const ast::Constraint& k : c.p.constraints) {
    for (const syntax::KeywordEntry& e : syntax::keyword_table()) {
      std::string_view w = e.spelling;
      if (std::string_view(e.token) == "VAGUE" && k.words.size() >= w.size() &&
          k.words.compare(k.words.size() - w.size(), w.size(), w) == 0) {
        c.report(DiagCode::E0516, k.span, {std::string(w)}, k.article);
        break;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Bands

namespace {

using model::Bound;
using model::Range;

// The interval a band covers, read as check_derived reads it; nullopt when a bound is not a
// written number with a legal bound word (reported elsewhere, or not analysable).
std::optional<Range> band_range(const ast::Band& b) {
  if (b.lo && b.lo->between && b.lo->rhs.lit.hi && !b.hi) {
    // 25%（含）-30%, 超过5000万元至2亿元（含）: each end as written or settled by its neighbour.
    const ast::Comparison& r = *b.lo;
    if (!r.lo_incl || !r.hi_incl) return std::nullopt;
    return Range::cmp(*r.lo_incl ? CmpOp::Ge : CmpOp::Gt, r.rhs.lit.value).meet(Range::cmp(*r.hi_incl ? CmpOp::Le : CmpOp::Lt, *r.rhs.lit.hi));
  }
  if (!b.lo || !well_worded(*b.lo) || b.lo->rhs.kind != ast::Value::Kind::Literal) return std::nullopt;
  const ast::Comparison& lo = *b.lo;
  if (lo.rhs.lit.hi) return std::nullopt;
  Range r = Range::cmp(lo.op, lo.rhs.lit.value);
  if (b.hi) {
    if (b.hi->rhs.kind != ast::Value::Kind::Literal || b.hi->rhs.lit.hi) return std::nullopt;
    if (b.hi->pre != "至" && !well_worded(*b.hi)) return std::nullopt;
    r = r.meet(Range::cmp(b.hi->op, b.hi->rhs.lit.value));
  }
  return r;
}

bool lower_first(const std::pair<Range, size_t>& a, const std::pair<Range, size_t>& b) {
  const auto& x = a.first.lo;
  const auto& y = b.first.lo;
  if (!x || !y) return !x && y;
  int c = x->v.compare(y->v);
  if (c != 0) return c < 0;
  return x->incl && !y->incl;
}

// Every pair of bands (by index as written) that both hold somewhere, with where.
void overlaps(const std::vector<std::pair<Range, size_t>>& bands, const std::function<bool(const Range&)>& empty,
              const std::function<void(size_t, size_t, const Range&)>& report) {
  for (size_t i = 0; i < bands.size(); ++i)
    for (size_t j = i + 1; j < bands.size(); ++j) {
      Range m = bands[i].first.meet(bands[j].first);
      if (!empty(m)) report(bands[i].second, bands[j].second, m);
    }
}

// What no band covers, from 0 (or from below everything: dates) up: each gap with the band after
// it (the last band for a gap at the top). Sweeps in order of lower ends; `covered` is the upper
// end of what the bands so far cover, starting below the domain (amounts, rates, counts and points
// are never negative).
void gaps(std::vector<std::pair<Range, size_t>> bands, const std::function<bool(const Range&)>& empty, bool from_minus_infinity,
          const std::function<void(const Range&, size_t)>& report) {
  std::sort(bands.begin(), bands.end(), lower_first);
  std::optional<Bound> covered = from_minus_infinity ? std::nullopt : std::optional<Bound>(Bound{Rational(0), false});
  bool started = !from_minus_infinity;
  auto gap = [&](Range g, size_t band) {
    if (!empty(g)) report(g, band);
  };
  bool to_infinity = false;
  for (const auto& [r, index] : bands) {
    if (!started) {
      if (r.lo) gap(Range{std::nullopt, Bound{r.lo->v, !r.lo->incl}}, index);
      started = true;
    } else if (r.lo && covered) {
      gap(Range{Bound{covered->v, !covered->incl}, Bound{r.lo->v, !r.lo->incl}}, index);
    }
    if (!r.hi) { to_infinity = true; break; }
    if (!covered || r.hi->v > covered->v || (r.hi->v == covered->v && r.hi->incl)) covered = r.hi;
  }
  if (!to_infinity && covered) gap(Range{Bound{covered->v, !covered->incl}, std::nullopt}, bands.back().second);
}

}  // namespace

void check_bands(Ctx& c) {
  for (const ast::Define& d : c.p.defines) {
    if (d.kind != ast::Define::Kind::Bands) continue;
    model::Key key = c.fact_index(d.band_on.text);
    if (key < 0) {
      int def = c.define_index(d.band_on.text);
      if (def < 0) continue;
      key = -1 - def;
    }
    ValueType t = c.model.key_type(key);
    if (t == ValueType::Bool || t == ValueType::Option) continue;
    // Bands on a share (按「甲」占「乙」的比例分档, 「乙」的15%以上为……) band a rate, not the fact itself.
    const ast::Name* whole = d.band_share ? &d.band_share->whole : nullptr;
    for (const ast::Band& b : d.bands)
      if (b.lo && b.lo->of && !whole) whole = &*b.lo->of;
    if (whole) t = ValueType::Rate;
    bool integral = !whole && c.model.key_integral(key);
    auto value_text = [&](const Rational& v) { return whole ? rate_text(v) : c.model.value_text(key, v); };
    auto range_text = [&](const Range& r) {
      if (!whole) return c.model.range_text(key, r);
      std::string out = "「" + d.band_on.text + "」占「" + whole->text + "」的比例";
      if (r.lo && r.hi && r.lo->v == r.hi->v) return out + "恰为" + rate_text(r.lo->v);
      if (r.lo) out += (r.lo->incl ? "不低于" : "超过") + rate_text(r.lo->v);
      if (r.lo && r.hi) out += "且";
      if (r.hi) out += (r.hi->incl ? "不超过" : "不满") + rate_text(r.hi->v);
      return out;
    };
    auto empty = [&](const Range& r) { return integral ? r.empty_of_integers() : r.empty(); };
    std::vector<std::pair<Range, size_t>> bands;
    bool otherwise = false, readable = true;
    for (size_t i = 0; i < d.bands.size(); ++i) {
      if (d.bands[i].otherwise) { otherwise = true; continue; }
      auto r = band_range(d.bands[i]);
      if (!r) { readable = false; break; }
      bands.emplace_back(*r, i);
    }
    if (!readable) continue;
    const std::string name = d.band_on.text;
    overlaps(bands, empty, [&](size_t i, size_t j, const Range& m) {
      const ast::Band& later = d.bands[j];
      std::string bi = std::to_string(i + 1), bj = std::to_string(j + 1);
      if (m.lo && m.hi && m.lo->v == m.hi->v)
        c.report(DiagCode::E0513, later.span, {name, value_text(m.lo->v), bi, bj}, d.article);
      else
        c.report(DiagCode::E0512, later.span, {name, bi, bj, range_text(m)}, d.article);
    });
    if (otherwise || bands.empty()) continue;
    gaps(bands, empty, t == ValueType::Date,
         [&](const Range& g, size_t band) { c.report(DiagCode::E0511, d.bands[band].span, {name, range_text(g)}, d.article); });
  }
}

// The parts of an amount (200万元以下（含）的部分按2%、超过200万元至1000万元（含）的部分按1%、超过1000万元
// 的部分按0.5%) are bands of the amount that each pay their own rate: read and swept as bands are,
// two or more must cover every amount from 0 up, once (E0530, E0531). One part alone is the part
// above a threshold (超过2亿元的部分): it covers what it says.
void check_parts(Ctx& c) {
  for (const ast::Rule& rule : c.p.rules) {
    for (const ast::Clause& cl : rule.branches) {
      const ast::Award& w = cl.award;
      if (w.parts.size() < 2) continue;
      const std::string name = w.part_base ? w.part_base->text : std::string("金额");
      // The part's range in the clause's terms, without the name the message already gives and
      // without a lower end of 0元 (every amount is at least that): 超过200万元且不超过1000万元.
      auto range_text = [](const Range& r) {
        std::optional<model::Bound> lo = r.lo;
        if (lo && lo->incl && lo->v == Rational(0)) lo.reset();
        std::string out;
        if (lo) out += (lo->incl ? "不低于" : "超过") + money_text(lo->v);
        if (lo && r.hi) out += "且";
        if (r.hi) out += (r.hi->incl ? "不超过" : "不满") + money_text(r.hi->v);
        return out;
      };
      std::vector<std::pair<Range, size_t>> parts;
      bool readable = true;
      for (size_t i = 0; i < w.parts.size() && readable; ++i) {
        ast::Band b;
        b.lo = w.parts[i].lo;
        b.hi = w.parts[i].hi;
        auto r = band_range(b);
        if (r) parts.emplace_back(*r, i);
        else readable = false;  // a bound word missing or vague: E0515-E0517 say which
      }
      if (!readable) continue;
      auto empty = [](const Range& r) { return r.empty(); };
      overlaps(parts, empty, [&](size_t i, size_t j, const Range& m) {
        c.report(DiagCode::E0531, w.parts[j].span, {name, std::to_string(i + 1), std::to_string(j + 1), range_text(m)}, rule.article);
      });
      gaps(parts, empty, false, [&](const Range& g, size_t part) { c.report(DiagCode::E0530, w.parts[part].span, {name, range_text(g)}, rule.article); });
    }
  }
}

// 每增加2000万元，再给予1万元 pays whole steps (the reference says so). 每满2000万元 says it too; 每增加 and
// 每超过 leave a part step open, so the drafter is asked to confirm in the rule's 说明 (quoting the step).
void check_steps(Ctx& c) {
  for (const ast::Rule& rule : c.p.rules)
    for (const ast::Clause& cl : rule.branches)
      for (const ast::Award::Steps& st : cl.award.steps_each) {
        const std::string written = c.text(st.span);
        if (st.verb != "满" && !c.note_quotes(rule, written)) c.report(DiagCode::W0618, st.span, {written}, rule.article);
      }
}

// 20万(含)以上, 不超过20万: 万 or 亿 with no 元 is read as 万元 (the lexer). A drafter's slip the text
// does not settle by itself, so the reading is confirmed in the 说明 of the rule it is in, quoting the
// figure as written; written anywhere else (a case, a default) it is ours, and 元 is added.
void check_bare_scales(Ctx& c) {
  for (const Span& at : c.p.bare_scales) {
    const std::string written = c.text(at);
    const ast::Rule* in = nullptr;
    for (const ast::Rule& rule : c.p.rules)
      if (rule.span.begin <= at.begin && at.end <= rule.span.end) in = &rule;
    auto tight = [](const std::string& t) {  // 20 万 and 20万 are one figure (fmt joins them)
      std::string out;
      for (char ch : t)
        if (ch != ' ' && ch != '\t') out += ch;
      return out;
    };
    const std::string fixed = tight(written);
    if (in && tight(in->note).find(fixed) != std::string::npos) continue;
    Diagnostic& d = c.report(DiagCode::W0619, at, {written, fixed + "元"}, in ? in->article : -1);
    if (!in)
      d.help_override = Text{"规则之外（案例、默认值）由编码者书写：写作“" + fixed + "元”", "outside a rule (a case, a default) the text is ours: write " + fixed + "元"};
  }
}

// ---------------------------------------------------------------------------------------------
// Categories

void check_categories(Ctx& c) {
  auto dupes = [&](const std::vector<std::pair<std::string, Span>>& items, int article) {
    for (size_t i = 0; i < items.size(); ++i)
      for (size_t j = 0; j < i; ++j)
        if (items[j].first == items[i].first) {
          c.report(DiagCode::E0510, items[i].second, {items[i].first}, article);
          break;
        }
  };
  auto in_cond = [&](const ast::Cond& root, int article) {
    each_cond(root, [&](const ast::Cond& x) {
      std::vector<std::pair<std::string, Span>> items;
      if (x.kind == ast::Cond::Kind::Is) {
        for (const ast::Value& v : x.values)
          if (v.kind == ast::Value::Kind::Name) items.emplace_back(v.name.text, v.name.span);
      } else if (x.kind == ast::Cond::Kind::Fact && x.names.size() > 1) {
        for (const ast::Name& n : x.names) items.emplace_back(n.text, n.span);
      }
      dupes(items, article);
    });
  };
  for (const ast::Rule& r : c.p.rules) {
    for (const ast::Clause& cl : r.branches) {
      for (const ast::CondSeg& seg : cl.conds)
        if (seg.cond) in_cond(*seg.cond, r.article);
      // A keyed tier: 给予大型企业10万元、中型企业5万元 — the option names before the amounts.
      std::vector<std::pair<std::string, Span>> keys;
      for (const ast::Award::Ref& a : cl.award.refs)
        if (a.slot == ast::Award::Ref::Slot::Free && c.fact_index(a.name.text) < 0 && c.is_option(a.name.text))
          keys.emplace_back(a.name.text, a.name.span);
      dupes(keys, r.article);
    }
  }
  for (const ast::Define& d : c.p.defines) {
    for (const ast::CaseBranch& b : d.cases) in_cond(*b.cond, d.article);
    if (d.cond) in_cond(*d.cond, d.article);
  }
}

// ---------------------------------------------------------------------------------------------
// 「甲」、「乙」 read as any of them

// A 、 list of yes/no facts with no comparison is read as "any of them" (docs/language.md §3): right for
// kinds (对「高新技术企业」、「科技型中小企业」), rarely for qualities, which a text lists when all must
// hold (对连续三年纳税、社会贡献大、成长迅速的企业: XH4). A list that names a quality, outside a 分别
// pairing (each item its own amount), is W0627; writing 或 (any) or 且 (all) answers it.
void check_any_of_qualities(Ctx& c) {
  auto in_cond = [&](const ast::Cond& root, int article) {
    each_cond(root, [&](const ast::Cond& x) {
      if (x.kind != ast::Cond::Kind::Fact || x.names.size() < 2 || x.cmp || x.window || x.share) return;
      auto quality = std::find_if(x.names.begin(), x.names.end(), [](const ast::Name& n) { return !syntax::names_a_kind(n.text); });
      if (quality == x.names.end()) return;
      std::string listed, all, any;
      for (size_t k = 0; k < x.names.size(); ++k) {
        std::string n = "「" + x.names[k].text + "」";
        listed += (k ? (k - 1 < x.name_seps.size() ? x.name_seps[k - 1] : std::string("、")) : std::string()) + n;
        all += (k ? "且" : "") + n;
        any += (k ? "或" : "") + n;
      }
      c.report(DiagCode::W0627, x.span, {listed, quality->text, all, any}, article);
    });
  };
  for (const ast::Rule& r : c.p.rules)
    for (const ast::Clause& cl : r.branches) {
      if (cl.award.respectively) continue;
      for (const ast::CondSeg& seg : cl.conds)
        if (seg.cond) in_cond(*seg.cond, r.article);
    }
  for (const ast::Define& d : c.p.defines) {
    for (const ast::CaseBranch& b : d.cases) in_cond(*b.cond, d.article);
    if (d.cond) in_cond(*d.cond, d.article);
  }
}

}  // namespace zc::sema::lint_detail

// The checker: resolves names, types conditions and definitions, checks units, groups, targets and
// example cases, and builds the Program codegen consumes. It reports every problem it finds and keeps
// going; it never guesses a meaning the text does not state. Award phrases are read in award.cpp.
#include <algorithm>
#include <functional>

#include "base/utf8.h"
#include "compiler/check/checker.h"
#include "base/units.h"
#include "compiler/syntax/domain.h"

namespace zc::sema {

ExprPtr Expr::clone() const {
  auto e = std::make_unique<Expr>();
  e->op = op;
  e->type = type;
  e->c = c;
  e->c2 = c2;
  e->ref = ref;
  e->cmp = cmp;
  e->span = span;
  e->trace = trace;
  for (const auto& a : args) e->args.push_back(a->clone());
  return e;
}

std::string article_label(const ast::Policy& p, int article) {
  if (article < 0 || static_cast<size_t>(article) >= p.articles.size()) return "";
  return "第" + p.articles[static_cast<size_t>(article)].number + "条";
}

Checker::Checker(const ast::Policy& p, const SourceManager& sm, DiagSink& sink)
    : p_(p), sm_(sm), src_(sm.file(p.file)), sink_(sink) {
  unknown_.insert(p.unknown_names.begin(), p.unknown_names.end());
}

void Checker::report(Diagnostic d) {
  if (d.article.empty()) d.article = article_label(p_, article_);
  sink_.report(std::move(d));
}

void Checker::error(DiagCode code, Span at, std::vector<std::string> args) {
  report(make_diag(code, at, std::move(args)));
}

std::string Checker::source_text(Span s) const { return std::string(src_.slice(s)); }

std::string Checker::type_text(ValueType t) const { return type_word(t); }

// Placeholder type hints for trace templates (docs/bytecode.md).
std::string Checker::hint(ValueType t, const std::string& unit) const {
  switch (t) {
    case ValueType::Money: return "money";
    case ValueType::Rate: return "rate";
    case ValueType::Count: return unit.empty() ? "count" : "count:" + unit;
    case ValueType::Points: return "points";
    case ValueType::Date: return "date";
    case ValueType::Bool: return "bool";
    case ValueType::Option: return "option";
  }
  return "count";
}

std::string Checker::kind_text(const Symbol& s) const {
  switch (s.kind) {
    case Symbol::Kind::Fact:
      return prog_.facts[static_cast<size_t>(s.index)].indicator ? "指标" : type_text(type_of(s)) + "事实";
    case Symbol::Kind::Payer: return "出资方";
    case Symbol::Kind::Derived: return "定义";
    case Symbol::Kind::Rule: return "规则";
    case Symbol::Kind::Group: return "规则组";
    case Symbol::Kind::Constraint: return "约束";
  }
  return "?";
}

ValueType Checker::type_of(const Symbol& s) const {
  if (s.kind == Symbol::Kind::Fact) return prog_.facts[static_cast<size_t>(s.index)].type;
  if (s.kind == Symbol::Kind::Derived) {
    const Derived& d = prog_.derived[static_cast<size_t>(s.index)];
    return d.options.empty() ? d.type : ValueType::Option;
  }
  return ValueType::Bool;
}

bool Checker::is_amount(const Symbol& s) const {
  return (s.kind == Symbol::Kind::Fact || s.kind == Symbol::Kind::Derived) && type_of(s) == ValueType::Money;
}

namespace {

// 「名称」 -> 名称, for diagnostics whose templates add the brackets themselves.
std::string bare(const std::string& s) {
  if (s.size() >= 6 && s.compare(0, 3, "「") == 0 && s.compare(s.size() - 3, 3, "」") == 0) return s.substr(3, s.size() - 6);
  return s;
}

std::u32string to_u32(const std::string& s) {
  std::u32string out;
  size_t i = 0;
  char32_t cp = 0;
  while (i < s.size() && utf8_next(s, i, cp)) out.push_back(cp);
  return out;
}

size_t edit_distance(const std::u32string& a, const std::u32string& b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j)
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

}  // namespace

std::string Checker::suggest(const std::string& name) const {
  std::u32string n = to_u32(name);
  std::string best;
  size_t best_d = SIZE_MAX;
  auto consider = [&](const std::string& cand) {
    std::u32string c = to_u32(cand);
    size_t d = edit_distance(n, c);
    size_t limit = std::min(n.size(), c.size()) / 3;  // one typo per three characters; none for short names
    if (d > 0 && d <= limit && d < best_d) {
      best_d = d;
      best = cand;
    }
  };
  for (const auto& [k, v] : syms_) consider(k);
  for (const auto& [k, v] : options_) consider(k);
  return best;
}

const Symbol* Checker::lookup_payer(const ast::Name& n) { return find_symbol(n, true, true); }

const Symbol* Checker::lookup(const ast::Name& n, bool report_missing) { return find_symbol(n, report_missing, false); }

const Symbol* Checker::find_symbol(const ast::Name& n, bool report_missing, bool as_payer) {
  // Text the lexer could not read was reported there; it names nothing, even if it spells a name.
  if (unknown_.count(n.span.begin)) return nullptr;
  auto it = syms_.find(n.text);
  if (it != syms_.end()) {
    if (it->second.kind == Symbol::Kind::Fact) prog_.facts[static_cast<size_t>(it->second.index)].used = true;
    return &it->second;
  }
  bool broken = std::find(p_.broken_names.begin(), p_.broken_names.end(), n.text) != p_.broken_names.end();
  if (report_missing && !unknown_.count(n.span.begin) && !broken) {
    Diagnostic d = make_diag(DiagCode::E0301, n.span, {n.text, ""});
    std::string near = suggest(n.text);
    // Where only a payer can stand, the fix is a payer declaration, not a fact.
    std::string decl = as_payer ? "出资方「" + n.text + "」：其他方。" : "事实「" + n.text + "」：类型。";
    if (!near.empty())
      d.help_override = Text{"是否想写「" + near + "」？若是新的" + std::string(as_payer ? "出资方" : "事实") + "，先声明，如 " + decl,
                             "did you mean `" + near + "`? If it is a new " + std::string(as_payer ? "payer" : "fact") + ", declare it, e.g. " + decl};
    else if (as_payer)
      d.help_override = Text{"先声明这个出资方，如 " + decl + "（角色按实际写本级、上级或其他方），或检查拼写",
                             "declare the payer first, e.g. " + decl + " (the role is 本级, 上级 or 其他方), or check the spelling"};
    report(std::move(d));
  }
  return nullptr;
}

void Checker::declare_name(const ast::Name& n, Symbol s) {
  auto [it, inserted] = syms_.emplace(n.text, s);
  if (!inserted) {
    Diagnostic d = make_diag(DiagCode::E0302, n.span, {n.text});
    report(std::move(d));
  }
}

// ---------------------------------------------------------------------------------------------
// Declarations

void Checker::declare() {
  for (size_t i = 0; i < p_.payers.size(); ++i) {
    const ast::PayerDecl& pd = p_.payers[i];
    prog_.payers.push_back(Payer{pd.name.text, pd.role, pd.span});
    declare_name(pd.name, Symbol{Symbol::Kind::Payer, static_cast<int>(i)});
    if (pd.is_default) {
      if (prog_.default_payer >= 0) error(DiagCode::E0206, pd.span, {"默认出资方"});
      prog_.default_payer = static_cast<int>(i);
    }
  }
  size_t fact_count = 0;
  for (const ast::FactDecl& fd : p_.facts) fact_count += fd.names.size();
  prog_.facts.reserve(fact_count);
  for (const ast::FactDecl& fd : p_.facts) {
    for (const ast::Name& n : fd.names) {
      Fact f;
      f.name = n.text;
      f.type = fd.type.type;
      f.unit = fd.type.unit;
      f.indicator = fd.indicator;
      f.span = n.span;
      int index = static_cast<int>(prog_.facts.size());
      for (size_t k = 0; k < fd.type.options.size(); ++k) {
        const ast::Name& o = fd.type.options[k];
        if (std::find(f.options.begin(), f.options.end(), o.text) != f.options.end()) {
          error(DiagCode::E0302, o.span, {o.text});
          continue;
        }
        f.options.push_back(o.text);
        options_[o.text].push_back({index, static_cast<int>(k)});
      }
      prog_.facts.push_back(std::move(f));
      declare_name(n, Symbol{Symbol::Kind::Fact, index});
    }
  }
  for (size_t i = 0; i < p_.defines.size(); ++i) {
    prog_.derived.emplace_back();
    declare_name(p_.defines[i].name, Symbol{Symbol::Kind::Derived, static_cast<int>(i)});
  }
  prog_.rules.resize(p_.rules.size());
  for (size_t i = 0; i < p_.rules.size(); ++i)
    declare_name(p_.rules[i].name, Symbol{Symbol::Kind::Rule, static_cast<int>(i)});
  for (size_t i = 0; i < p_.nodups.size(); ++i)
    declare_name(p_.nodups[i].name, Symbol{Symbol::Kind::Group, static_cast<int>(i)});
  for (size_t i = 0; i < p_.caps.size(); ++i)
    declare_name(p_.caps[i].name, Symbol{Symbol::Kind::Group, static_cast<int>(p_.nodups.size() + i)});
  for (size_t i = 0; i < p_.constraints.size(); ++i)
    declare_name(p_.constraints[i].name, Symbol{Symbol::Kind::Constraint, static_cast<int>(i)});
}

std::optional<FactValue> fact_value(const Fact& f, const ast::Value& v, std::string& why, bool* out_of_range) {
  FactValue out;
  switch (f.type) {
    case ValueType::Bool:
      why = "是或否";
      if (v.kind == ast::Value::Kind::Yes || v.kind == ast::Value::Kind::No) {
        out.kind = FactValue::Kind::Bool;
        out.b = v.kind == ast::Value::Kind::Yes;
        return out;
      }
      return std::nullopt;
    case ValueType::Option: {
      why = "选项之一（";
      for (size_t i = 0; i < f.options.size(); ++i) why += (i ? "、" : "") + f.options[i];
      why += "）";
      if (v.kind != ast::Value::Kind::Name) return std::nullopt;
      auto it = std::find(f.options.begin(), f.options.end(), v.name.text);
      if (it == f.options.end()) return std::nullopt;
      out.kind = FactValue::Kind::Opt;
      out.opt = static_cast<uint16_t>(it - f.options.begin());
      return out;
    }
    default:
      break;
  }
  if (v.kind != ast::Value::Kind::Literal) {
    why = f.type == ValueType::Money ? "金额，如 10万元" : f.type == ValueType::Rate ? "比例，如 20%" : "数字";
    return std::nullopt;
  }
  const ast::Literal& l = v.lit;
  out.kind = FactValue::Kind::Num;
  out.num = l.value;
  // A value of the right type must also lie in the type's domain: 2.5人 is no count of people.
  auto admitted = [&]() -> std::optional<FactValue> {
    if (auto rule = syntax::domain_violation(f.type, f.unit, l.value)) {
      why = *rule;
      if (out_of_range) *out_of_range = true;
      return std::nullopt;
    }
    return out;
  };
  switch (f.type) {
    case ValueType::Money:
      why = "金额，如 10万元";
      if (l.kind == ast::LitKind::Money && !l.hi) return admitted();
      return std::nullopt;
    case ValueType::Rate:
      why = "比例，如 20%";
      if (l.kind == ast::LitKind::Rate) return admitted();
      return std::nullopt;
    case ValueType::Count:
      why = "数量" + (f.unit.empty() ? std::string() : "，单位「" + f.unit + "」，如 2" + f.unit);
      if (l.kind == ast::LitKind::Number) return admitted();
      if (l.kind == ast::LitKind::Count && (f.unit.empty() || l.unit == f.unit)) return admitted();
      return std::nullopt;
    case ValueType::Points:
      why = "分数，如 30分";
      if (l.kind == ast::LitKind::Number || (l.kind == ast::LitKind::Count && l.unit == "分")) return admitted();
      return std::nullopt;
    case ValueType::Date:
      why = "日期，如 2024年2月21日";
      if (l.kind == ast::LitKind::Date) return admitted();
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

namespace {

// A value in the domain of fact `f`'s type, as an example for E0806.
std::string example_of(const Fact& f) {
  switch (f.type) {
    case ValueType::Money: return "10万元";
    case ValueType::Rate: return "20%";
    case ValueType::Count: return "2" + f.unit;
    case ValueType::Points: return "30分";
    default: return "";
  }
}

}  // namespace

void Checker::check_facts() {
  size_t k = 0;
  for (const ast::FactDecl& fd : p_.facts) {
    int from = -1;
    if (fd.from) {
      if (const Symbol* s = lookup_payer(*fd.from)) {
        if (s->kind != Symbol::Kind::Payer) {
          report(make_diag(DiagCode::E0303, fd.from->span, {fd.from->text, kind_text(*s), "出资方", "“来自”后写出资方"}));
        } else {
          from = s->index;
        }
      }
      if (fd.type.type != ValueType::Money)
        report(make_diag(DiagCode::E0303, fd.from->span, {fd.from->text, type_text(fd.type.type) + "事实", "金额事实",
                                                          "只有金额才能“来自”其他出资方"}));
    }
    if (fd.type.type == ValueType::Option && fd.type.options.empty())
      error(DiagCode::E0201, fd.type.span, {fd.type.word, "选项（「甲」、「乙」）"});
    for (size_t n = 0; n < fd.names.size(); ++n, ++k) {
      Fact& f = prog_.facts[k];
      f.from_payer = from;
      if (fd.def) {
        std::string why;
        bool out_of_range = false;
        auto v = fact_value(f, *fd.def, why, &out_of_range);
        if (out_of_range) {
          error(DiagCode::E0806, fd.def->span, {f.name, source_text(fd.def->span), why, example_of(f)});
        } else if (!v) {
          error(DiagCode::E0406, fd.def->span, {f.name, why});
        } else {
          f.def = v;
        }
      }
    }
  }
}

ExprPtr Checker::load(const Symbol& s, Span at, bool traced) {
  ExprPtr e;
  if (s.kind == Symbol::Kind::Fact) {
    const Fact& f = prog_.facts[static_cast<size_t>(s.index)];
    e = Expr::make(f.item_of >= 0 ? Expr::Op::ItemFact : Expr::Op::Fact, f.type, at);
    e->ref = s.index;
    if (traced) e->trace = "「" + f.name + "」为{0:" + hint(f.type, f.unit) + "}";
  } else {
    e = Expr::make(Expr::Op::Derived, prog_.derived[static_cast<size_t>(s.index)].type, at);
    e->ref = s.index;
    if (current_derived_ >= 0) prog_.derived[static_cast<size_t>(current_derived_)].deps.push_back(s.index);
    if (traced && e->type != ValueType::Bool) e->trace = "「" + p_.defines[static_cast<size_t>(s.index)].name.text + "」为{0:" + hint(e->type, "") + "}";
  }
  return e;
}

ExprPtr Checker::literal_expr(const ast::Literal& l, Span at) {
  ValueType t = ValueType::Count;
  switch (l.kind) {
    case ast::LitKind::Money: t = ValueType::Money; break;
    case ast::LitKind::Rate: t = ValueType::Rate; break;
    case ast::LitKind::Count: t = l.unit == "分" ? ValueType::Points : ValueType::Count; break;
    case ast::LitKind::Number: t = ValueType::Count; break;
    case ast::LitKind::Date: t = ValueType::Date; break;
  }
  auto e = Expr::constant(l.value, t, at);
  e->c2 = l.hi;
  return e;
}

// ---------------------------------------------------------------------------------------------
// Conditions

// A number compared with a fact must have the fact's type and unit.
ExprPtr Checker::operand(const ast::Value& v, ValueType want, const std::string& unit, const std::string& lhs_text) {
  if (v.kind == ast::Value::Kind::Name) {
    const Symbol* s = lookup(v.name);
    if (!s) return nullptr;
    if (s->kind != Symbol::Kind::Fact && s->kind != Symbol::Kind::Derived) {
      report(make_diag(DiagCode::E0303, v.name.span, {v.name.text, kind_text(*s), type_text(want), "写一个数值或数值类事实"}));
      return nullptr;
    }
    ValueType t = type_of(*s);
    if (t != want) {
      report(make_diag(DiagCode::E0401, v.span, {bare(lhs_text), type_text(want), "「" + v.name.text + "」（" + type_text(t) + "）",
                                                 "两边应同为" + type_text(want)}));
      return nullptr;
    }
    // 「研发人员数」（人）不低于「职工人数」（名）: two counts compare only in one unit.
    if (want == ValueType::Count && !unit.empty() && s->kind == Symbol::Kind::Fact) {
      const std::string& other = prog_.facts[static_cast<size_t>(s->index)].unit;
      if (!other.empty() && other != unit) report(make_diag(DiagCode::E0404, v.span, {bare(lhs_text), unit, other}));
    }
    return load(*s, v.span, true);
  }
  if (v.kind != ast::Value::Kind::Literal) {
    report(make_diag(DiagCode::E0401, v.span, {bare(lhs_text), type_text(want), "是/否", "是否类事实直接写作条件，如「甲」或未「甲」"}));
    return nullptr;
  }
  const ast::Literal& l = v.lit;
  if (l.hi) {
    report(make_diag(DiagCode::E0401, v.span, {bare(lhs_text), type_text(want), "金额区间「" + l.text + "」", "比较时写一个金额"}));
    return nullptr;
  }
  ValueType got = ValueType::Count;
  switch (l.kind) {
    case ast::LitKind::Money: got = ValueType::Money; break;
    case ast::LitKind::Rate: got = ValueType::Rate; break;
    case ast::LitKind::Count: got = l.unit == "分" ? ValueType::Points : ValueType::Count; break;
    case ast::LitKind::Date: got = ValueType::Date; break;
    case ast::LitKind::Number: got = (want == ValueType::Count || want == ValueType::Points) ? want : ValueType::Count; break;
  }
  if (got != want) {
    std::string help = want == ValueType::Money ? "金额写作 50万元" : want == ValueType::Rate ? "比例写作 5%" : "写同类的数值";
    report(make_diag(DiagCode::E0401, v.span, {bare(lhs_text), type_text(want), "「" + l.text + "」（" + type_text(got) + "）", help}));
    return nullptr;
  }
  if (want == ValueType::Count && l.kind == ast::LitKind::Count && !unit.empty() && l.unit != unit && (l.unit != "年" || unit == "月")) {
    report(make_diag(DiagCode::E0404, l.span, {bare(lhs_text), unit, l.unit}));
  }
  return literal_expr(l, v.span);
}

std::pair<ast::Comparison, ast::Comparison> range_ends(const ast::Comparison& range) {
  ast::Comparison lo = range, hi = range;
  lo.between = hi.between = false;
  lo.rhs.lit.hi.reset();
  hi.rhs.lit.hi.reset();
  hi.rhs.lit.value = *range.rhs.lit.hi;
  lo.op = range.lo_incl.value_or(true) ? CmpOp::Ge : CmpOp::Gt;
  hi.op = range.hi_incl.value_or(true) ? CmpOp::Le : CmpOp::Lt;
  return {std::move(lo), std::move(hi)};
}

ExprPtr Checker::comparison(ExprPtr lhs, const ast::Comparison& cmp, const std::string& lhs_text) {
  if (cmp.between && cmp.rhs.kind == ast::Value::Kind::Literal && cmp.rhs.lit.hi) {
    // 25%（含）-30%: both ends, each included as written or as its neighbour settled it (an end
    // left open is E0517, reported by the drafting checks; no code is generated then).
    auto [lo, hi] = range_ends(cmp);
    ExprPtr a = comparison(lhs->clone(), lo, lhs_text);
    ExprPtr b = a ? comparison(std::move(lhs), hi, lhs_text) : nullptr;
    if (!a || !b) return nullptr;
    a->trace.clear();
    b->trace.clear();
    b->args[0]->trace.clear();
    auto e = Expr::binary(Expr::Op::And, ValueType::Bool, std::move(a), std::move(b), cmp.span);
    e->trace = "条件" + lhs_text + source_text(cmp.span) + "：{0:bool}";
    return e;
  }
  ValueType t = lhs->type;
  if (lhs->op == Expr::Op::Derived && !prog_.derived[static_cast<size_t>(lhs->ref)].options.empty()) t = ValueType::Option;
  const std::string unit = lhs->op == Expr::Op::Fact ? prog_.facts[static_cast<size_t>(lhs->ref)].unit : std::string();
  if (t == ValueType::Bool || t == ValueType::Option) {
    report(make_diag(DiagCode::E0401, cmp.span, {bare(lhs_text), type_text(t), "数值", t == ValueType::Option ? "选项写作「事实」为「选项」" : "是否类事实直接写作条件"}));
    return nullptr;
  }
  if (t == ValueType::Date && cmp.rhs.kind == ast::Value::Kind::Literal && cmp.rhs.lit.kind == ast::LitKind::Count &&
      (cmp.rhs.lit.unit == "年" || cmp.rhs.lit.unit == "月"))
    return duration(std::move(lhs), cmp, lhs_text);
  ExprPtr rhs = operand(cmp.rhs, t, unit, lhs_text);
  if (!rhs) return nullptr;
  if (cmp.incl_value && cmp.rhs.kind == ast::Value::Kind::Literal && !(cmp.incl_value->value == cmp.rhs.lit.value)) {
    report(make_diag(DiagCode::E0401, cmp.incl_span, {cmp.incl_value->text, "（含）中的数", "前面的「" + cmp.rhs.lit.text + "」",
                                                      "（含N家）里的数应与门槛相同"}));
  }
  lhs->trace = lhs_text + "为{0:" + hint(t, unit) + "}";
  auto e = Expr::binary(Expr::Op::Cmp, ValueType::Bool, std::move(lhs), std::move(rhs), cmp.span);
  e->cmp = cmp.op;
  e->trace = "条件" + lhs_text + source_text(cmp.span) + "：{0:bool}";
  return e;
}

ExprPtr Checker::cond_fact(const ast::Cond& c, std::vector<Categories>* cats) {
  if (c.names.size() == 1 && c.cmp && (c.share || c.cmp->of)) return cond_share(c);
  if (c.window) return date_window(c);
  if (c.names.size() > 1) {
    // 更新用能设备、总投资30万元以上的 (FR1): yes/no conditions listed with 、 before the one compared all
    // hold, as conditions listed with 、 do (§3); anything else with a comparison is refused below.
    if (c.cmp && std::all_of(c.name_seps.begin(), c.name_seps.end(), [](const std::string& s) { return s == "、"; })) {
      bool yes_no = true;
      for (size_t k = 0; k + 1 < c.names.size() && yes_no; ++k) {
        auto it = syms_.find(c.names[k].text);
        yes_no = it != syms_.end() && (it->second.kind == Symbol::Kind::Fact || it->second.kind == Symbol::Kind::Derived) &&
                 type_of(it->second) == ValueType::Bool;
      }
      if (yes_no) {
        ast::Cond last;
        last.span = c.span;
        last.names = {c.names.back()};
        last.cmp = c.cmp;
        ExprPtr all = cond_fact(last, cats);
        if (!all) return nullptr;
        for (size_t k = c.names.size() - 1; k-- > 0;) {
          auto held = load(*lookup(c.names[k]), c.names[k].span, false);
          held->trace = "条件「" + c.names[k].text + "」：{0:bool}";
          all = Expr::binary(Expr::Op::And, ValueType::Bool, std::move(held), std::move(all), c.span);
        }
        return all;
      }
    }
    // 「甲」、「乙」: any of them (with 分别: each pays its own amount).
    if (c.cmp) {
      error(DiagCode::E0201, c.cmp->span, {source_text(c.cmp->span), "每个事实分别写比较，用「且」或「或」连接"});
      return nullptr;
    }
    auto any = Expr::make(Expr::Op::Or, ValueType::Bool, c.span);
    Categories found;
    found.kind = Categories::Kind::Facts;
    found.span = c.span;
    for (const ast::Name& n : c.names) {
      const Symbol* s = lookup(n);
      if (!s) return nullptr;
      if (type_of(*s) != ValueType::Bool || (s->kind != Symbol::Kind::Fact && s->kind != Symbol::Kind::Derived)) {
        report(not_a_condition(n, *s));
        return nullptr;
      }
      auto leaf = load(*s, n.span, false);
      leaf->trace = "条件「" + n.text + "」：{0:bool}";
      any->args.push_back(std::move(leaf));
      found.items.push_back(s->kind == Symbol::Kind::Fact ? s->index : -1 - s->index);
      found.labels.push_back(n.text);
    }
    if (cats) cats->push_back(std::move(found));
    return any;
  }
  const ast::Name& n = c.names[0];
  const Symbol* s = lookup(n);
  if (!s) return nullptr;
  if (s->kind != Symbol::Kind::Fact && s->kind != Symbol::Kind::Derived) {
    report(make_diag(DiagCode::E0303, n.span, {n.text, kind_text(*s), "事实或定义", "条件里写事实，如「首次通过认定」"}));
    return nullptr;
  }
  if (s->kind == Symbol::Kind::Fact && prog_.facts[static_cast<size_t>(s->index)].indicator) {
    report(make_diag(DiagCode::E0303, n.span, {n.text, "指标", "申请人的事实", "指标只用于“目标”"}));
    return nullptr;
  }
  ExprPtr e = load(*s, n.span, false);
  std::string text = "「" + n.text + "」";
  if (c.cmp) return comparison(std::move(e), *c.cmp, text);
  if (e->type != ValueType::Bool) {
    report(not_a_condition(n, *s));
    return nullptr;
  }
  e->trace = "条件" + text + "：{0:bool}";
  return e;
}

// E0405 with a comparison example in the fact's own type and unit (3人以上 for a count in 人).
Diagnostic Checker::not_a_condition(const ast::Name& n, const Symbol& s) {
  Diagnostic d = make_diag(DiagCode::E0405, n.span, {n.text, kind_text(s)});
  std::string unit = s.kind == Symbol::Kind::Fact ? prog_.facts[static_cast<size_t>(s.index)].unit : std::string();
  std::string example;
  switch (type_of(s)) {
    case ValueType::Count: example = "「" + n.text + "」3" + (unit.empty() ? "家" : unit) + "以上"; break;
    case ValueType::Rate: example = "「" + n.text + "」10%以上"; break;
    case ValueType::Points: example = "「" + n.text + "」60分以上"; break;
    case ValueType::Date: example = "「" + n.text + "」不低于2024年1月1日"; break;
    case ValueType::Option: example = "「" + n.text + "」为某个选项"; break;
    default: return d;
  }
  d.help_override = Text{"写出比较，如" + example, "write a comparison, e.g. " + example};
  return d;
}

ExprPtr Checker::cond_is(const ast::Cond& c, std::vector<Categories>* cats) {
  const ast::Name& n = c.names[0];
  const Symbol* s = lookup(n);
  if (!s) return nullptr;
  // 「级别」为国家级或「首次认定」: 或 joins the values of a list ("any of"), so a declared fact or
  // definition after it would be read as one more value. The drafter meant a second condition:
  // refuse, and show the brackets that say so (docs/diagnostics.md, "List connectors").
  for (size_t i = 1; i < c.values.size(); ++i) {
    const ast::Value& v = c.values[i];
    if (i - 1 >= c.value_seps.size() || v.kind != ast::Value::Kind::Name) continue;
    const std::string& sep = c.value_seps[i - 1];
    auto it = syms_.find(v.name.text);
    if (it == syms_.end() || (it->second.kind != Symbol::Kind::Fact && it->second.kind != Symbol::Kind::Derived)) continue;
    std::string before = source_text(Span{c.span.file, c.span.begin, c.values[i - 1].span.end});
    if (sep != "或" && sep != "或者") {
      // 「级别」为国家级、「首次认定」: the 、 list of values has taken a second condition in; both must
      // hold, which 且 says (a 、 between two comparisons already reads as 且).
      report(make_diag(DiagCode::E0209, v.span, {sep, "「" + n.text + "」的取值与另一个条件「" + v.name.text + "」",
                                                  "两个条件都须满足时写「且」：" + before + "且「" + v.name.text + "」"}));
      return nullptr;
    }
    report(make_diag(DiagCode::E0209, v.span, {sep, "「" + n.text + "」的取值与另一个条件「" + v.name.text + "」",
                                                "另一个条件写在括号外：（" + before + "）" + sep + "「" + v.name.text + "」"}));
    return nullptr;
  }
  ValueType t = type_of(*s);
  bool is_value = s->kind == Symbol::Kind::Fact || s->kind == Symbol::Kind::Derived;
  if (is_value && t == ValueType::Bool && c.values.size() == 1 &&
      (c.values[0].kind == ast::Value::Kind::Yes || c.values[0].kind == ast::Value::Kind::No)) {
    auto e = load(*s, n.span, false);
    e->trace = "条件「" + n.text + "」：{0:bool}";
    if (c.values[0].kind == ast::Value::Kind::No) e = Expr::unary(Expr::Op::Not, ValueType::Bool, std::move(e), c.span);
    return e;
  }
  bool numeric = t == ValueType::Money || t == ValueType::Rate || t == ValueType::Count || t == ValueType::Points ||
                 t == ValueType::Date;
  if (is_value && numeric) {
    // 「Ⅱ类知识产权」为3项: equal to one of the listed numbers.
    auto any = Expr::make(Expr::Op::Or, ValueType::Bool, c.span);
    const std::string unit = s->kind == Symbol::Kind::Fact ? prog_.facts[static_cast<size_t>(s->index)].unit : "";
    for (const ast::Value& v : c.values) {
      ExprPtr rhs = operand(v, t, unit, "「" + n.text + "」");
      if (!rhs) return nullptr;
      auto lhs = load(*s, n.span, false);
      lhs->trace = "「" + n.text + "」为{0:" + hint(t, unit) + "}";
      auto eq = Expr::binary(Expr::Op::Cmp, ValueType::Bool, std::move(lhs), std::move(rhs), v.span);
      eq->cmp = CmpOp::Eq;
      eq->trace = "条件「" + n.text + "」为" + source_text(v.span) + "：{0:bool}";
      any->args.push_back(std::move(eq));
    }
    if (any->args.size() == 1) return std::move(any->args[0]);
    return any;
  }
  if (s->kind == Symbol::Kind::Derived && t == ValueType::Option) return rating_is(c, *s);
  if (!is_value || s->kind != Symbol::Kind::Fact || t != ValueType::Option) {
    report(make_diag(DiagCode::E0303, n.span, {n.text, kind_text(*s), "选项事实", "“为”后列出选项时，前面应是选项类事实"}));
    return nullptr;
  }
  const Fact& f = prog_.facts[static_cast<size_t>(s->index)];
  auto any = Expr::make(Expr::Op::Or, ValueType::Bool, c.span);
  Categories found;
  found.kind = Categories::Kind::Options;
  found.fact = s->index;
  found.span = c.span;
  for (const ast::Value& v : c.values) {
    int idx = listed_option(v, f.options, f.name);
    if (idx < 0) return nullptr;
    const std::string& label = f.options[static_cast<size_t>(idx)];
    auto eq = Expr::unary(Expr::Op::OptEq, ValueType::Bool, load(*s, v.span, false), v.span);
    eq->ref = idx;
    eq->trace = "条件「" + f.name + "」为" + label + "：{0:bool}";
    any->args.push_back(std::move(eq));
    found.items.push_back(idx);
    found.labels.push_back(label);
  }
  if (cats) cats->push_back(std::move(found));
  if (any->args.size() == 1) return std::move(any->args[0]);
  return any;
}

// 「甲」、「乙」或「丙」: 是否 facts joined by 或 are one list of categories too ("any of"), as they
// are joined by 、 and 和. Any other 或 (a comparison, an option list, brackets) offers none.
void Checker::or_categories(const ast::Cond& g, std::vector<Categories>& cats) {
  Categories found;
  found.kind = Categories::Kind::Facts;
  found.span = g.span;
  for (const auto& child : g.children) {
    if (child->kind != ast::Cond::Kind::Fact || child->cmp || child->parenthesized) return;
    for (const ast::Name& n : child->names) {
      auto it = syms_.find(n.text);
      if (it == syms_.end()) return;
      found.items.push_back(it->second.kind == Symbol::Kind::Fact ? it->second.index : -1 - it->second.index);
      found.labels.push_back(n.text);
    }
  }
  cats.push_back(std::move(found));
}

// Converts a condition. `cats` collects every category list found at the top level of a clause's
// conjunction (what a 分别 may pair with: read_award picks the one whose length matches); null
// inside 或 and 未, where a list cannot pair.
ExprPtr Checker::cond(const ast::Cond& c, std::vector<Categories>* cats) {
  switch (c.kind) {
    case ast::Cond::Kind::Fact: return cond_fact(c, cats);
    case ast::Cond::Kind::Is: return cond_is(c, cats);
    case ast::Cond::Kind::Not: {
      ExprPtr inner = cond(*c.children[0], nullptr);
      if (!inner) return nullptr;
      return Expr::unary(Expr::Op::Not, ValueType::Bool, std::move(inner), c.span);
    }
    case ast::Cond::Kind::Group: {
      bool first_and = c.op_is_and[0];
      for (size_t i = 1; i < c.op_is_and.size(); ++i) {
        if (c.op_is_and[i] != first_and) {
          Diagnostic d = make_diag(DiagCode::E0205, c.op_spans[i]);
          d.notes.push_back(Label{c.op_spans[0], Text{"先写的连接词「" + c.ops[0] + "」", "the earlier connective"}});
          report(std::move(d));
          return nullptr;
        }
      }
      auto g = Expr::make(first_and ? Expr::Op::And : Expr::Op::Or, ValueType::Bool, c.span);
      for (const auto& child : c.children) {
        ExprPtr e = cond(*child, first_and ? cats : nullptr);
        if (!e) return nullptr;
        g->args.push_back(std::move(e));
      }
      if (!first_and && cats) or_categories(c, *cats);
      return g;
    }
  }
  return nullptr;
}

// ---------------------------------------------------------------------------------------------
// Definitions

ExprPtr Checker::derived_value(const ast::Value& v, ValueType& type, Span at) {
  if (current_derived_ >= 0) {
    const std::vector<std::string>& opts = prog_.derived[static_cast<size_t>(current_derived_)].options;
    if (!opts.empty() && v.kind == ast::Value::Kind::Name) {
      // A rating's band gives the index of its option.
      type = ValueType::Count;
      auto it = std::find(opts.begin(), opts.end(), v.name.text);
      return Expr::constant(Rational(static_cast<int64_t>(it - opts.begin())), ValueType::Count, at);
    }
  }
  if (v.kind == ast::Value::Kind::Literal) {
    auto e = literal_expr(v.lit, at);
    if (v.lit.hi) {
      error(DiagCode::E0401, v.span, {source_text(v.span), "区间", "单个数值", "定义的每一档给出一个数值"});
      return nullptr;
    }
    type = e->type;
    return e;
  }
  if (v.kind == ast::Value::Kind::Yes || v.kind == ast::Value::Kind::No) {
    type = ValueType::Bool;
    return Expr::make(v.kind == ast::Value::Kind::Yes ? Expr::Op::True : Expr::Op::False, ValueType::Bool, at);
  }
  const Symbol* s = lookup(v.name);
  if (!s) return nullptr;
  if (s->kind != Symbol::Kind::Fact && s->kind != Symbol::Kind::Derived) {
    report(make_diag(DiagCode::E0303, v.name.span, {v.name.text, kind_text(*s), "数值", "写一个数值或事实"}));
    return nullptr;
  }
  type = type_of(*s);
  return load(*s, at, false);
}

// 「研发人员数」不低于「职工总数」的10%的企业: a condition on a ratio of two facts, which the parser
// reads as a comparison with 「职工总数」 followed by an award starting at 10%. Said as what it is,
// before the award reader would call it a rate without a base (E0204).
bool Checker::ratio_condition(const ast::Clause& cl) {
  if (cl.conds.empty() || cl.pays.empty() || cl.pays[0].empty()) return false;
  const ast::CondSeg& seg = cl.conds.back();
  const ast::Atom& first = cl.pays[0][0];
  if (seg.kind != ast::CondSeg::Kind::For || !seg.cond || seg.end_word != "的" || seg.subj != ast::CondSeg::Subj::None ||
      first.kind != ast::Atom::Kind::Rate)
    return false;
  const ast::Cond* last = seg.cond.get();
  while (last->kind == ast::Cond::Kind::Group && !last->children.empty()) last = last->children.back().get();
  if (last->kind != ast::Cond::Kind::Fact || !last->cmp || last->cmp->rhs.kind != ast::Value::Kind::Name || last->names.empty())
    return false;
  const std::string& x = last->names[0].text;
  const std::string& base = last->cmp->rhs.name.text;
  std::string cmp_words = last->cmp->pre + last->cmp->post;
  Diagnostic d = make_diag(DiagCode::E0204, last->span.to(first.span),
                           {"「" + x + "」" + cmp_words + "「" + base + "」的" + first.lit.text + "是比例条件，不是给付",
                            ""});
  d.help_override = Text{"比例条件写作一个比例事实：事实「" + x + "占" + base + "比例」：比例。条件写「" + x + "占" + base +
                             "比例」" + (cmp_words.empty() ? "不低于" : cmp_words) + first.lit.text,
                         "a condition on a ratio: declare a 比例 fact for the ratio and compare it with " + first.lit.text};
  report(std::move(d));
  return true;
}

ExprPtr Checker::band_cond(ExprPtr x, const ast::Comparison& c, const std::string& x_text) {
  return comparison(std::move(x), c, x_text);
}

// The type of every definition, before any body is checked, so a definition may use one written
// after it. A cycle leaves the type as 是否 here; order_derived() reports it.
// A rating: a banded or case table whose every value is a name that is not a fact, definition or
// payer (90分以上为「A级」，……): those names are its options, in the order first written.
void Checker::find_ratings() {
  for (size_t i = 0; i < p_.defines.size(); ++i) {
    const ast::Define& d = p_.defines[i];
    std::vector<const ast::Value*> values;
    for (const ast::Band& b : d.bands)
      if (!b.none) values.push_back(&b.value);
    for (const ast::CaseBranch& b : d.cases) values.push_back(&b.value);
    if (d.otherwise) values.push_back(&*d.otherwise);
    if (values.empty() || (d.kind != ast::Define::Kind::Bands && d.kind != ast::Define::Kind::Cases)) continue;
    std::vector<std::string> labels;
    for (const ast::Value* v : values) {
      if (v->kind != ast::Value::Kind::Name || syms_.count(v->name.text)) { labels.clear(); break; }
      if (std::find(labels.begin(), labels.end(), v->name.text) == labels.end()) labels.push_back(v->name.text);
    }
    prog_.derived[i].options = std::move(labels);
  }
}

void Checker::infer_derived_types() {
  find_ratings();
  std::vector<uint8_t> state(p_.defines.size(), 0);
  std::function<ValueType(size_t)> infer = [&](size_t i) -> ValueType {
    if (state[i] == 2) return prog_.derived[i].type;
    if (state[i] == 1) return ValueType::Bool;
    state[i] = 1;
    if (!prog_.derived[i].options.empty()) {
      prog_.derived[i].type = ValueType::Count;  // the option's index
      state[i] = 2;
      return ValueType::Count;
    }
    const ast::Define& d = p_.defines[i];
    auto of_value = [&](const ast::Value& v) -> ValueType {
      switch (v.kind) {
        case ast::Value::Kind::Yes: case ast::Value::Kind::No: return ValueType::Bool;
        case ast::Value::Kind::Literal: return literal_expr(v.lit, v.span)->type;
        case ast::Value::Kind::Name: {
          auto it = syms_.find(v.name.text);
          if (it == syms_.end()) return ValueType::Bool;
          if (it->second.kind == Symbol::Kind::Derived) return infer(static_cast<size_t>(it->second.index));
          return type_of(it->second);
        }
      }
      return ValueType::Bool;
    };
    ValueType t = ValueType::Bool;
    switch (d.kind) {
      case ast::Define::Kind::Cond: t = ValueType::Bool; break;
      case ast::Define::Kind::Sum:
        if (!d.terms.empty()) {
          ast::Value v;
          v.kind = ast::Value::Kind::Name;
          v.name = d.terms[0];
          t = of_value(v);
        }
        break;
      case ast::Define::Kind::Cases:
        if (!d.cases.empty()) t = of_value(d.cases[0].value);
        else if (d.otherwise) t = of_value(*d.otherwise);
        break;
      case ast::Define::Kind::Bands:
        if (!d.bands.empty()) t = of_value(d.bands[0].value);
        break;
      case ast::Define::Kind::TopUp: t = ValueType::Money; break;
    }
    prog_.derived[i].type = t;
    state[i] = 2;
    return t;
  };
  // Cycles first, from the names as written: a definition on a cycle has no value to check.
  std::vector<uint8_t> mark(p_.defines.size(), 0);
  std::function<void(size_t)> visit = [&](size_t i) {
    mark[i] = 1;
    for (const std::string& n : define_refs(i)) {
      auto it = syms_.find(n);
      if (it == syms_.end() || it->second.kind != Symbol::Kind::Derived) continue;
      size_t d = static_cast<size_t>(it->second.index);
      if (mark[d] == 1 && !cyclic_.count(d)) {
        cyclic_.insert(d);
        error(DiagCode::E0305, p_.defines[d].name.span, {p_.defines[d].name.text});
      } else if (mark[d] == 0) {
        visit(d);
      }
    }
    mark[i] = 2;
  };
  for (size_t i = 0; i < p_.defines.size(); ++i)
    if (mark[i] == 0) visit(i);
  for (size_t i = 0; i < p_.defines.size(); ++i) infer(i);
}

void Checker::check_derived() {
  infer_derived_types();
  for (size_t i = 0; i < p_.defines.size(); ++i) {
    const ast::Define& d = p_.defines[i];
    if (!cyclic_.empty()) {
      // A definition on or behind a cycle has no type to check against; the cycle was reported.
      bool skip = false;
      for (size_t c : cyclic_) skip = skip || depends_on(i, c);
      if (skip) continue;
    }
    current_derived_ = static_cast<int>(i);
    article_ = d.article;
    Derived& out = prog_.derived[i];
    switch (d.kind) {
      case ast::Define::Kind::Cond: {
        out.type = ValueType::Bool;
        out.value = cond(*d.cond, nullptr);
        break;
      }
      case ast::Define::Kind::Sum: {
        ExprPtr acc;
        ValueType t = ValueType::Count;
        for (const ast::Name& n : d.terms) {
          const Symbol* s = lookup(n);
          if (!s) { acc.reset(); break; }
          ValueType tt = type_of(*s);
          if ((s->kind != Symbol::Kind::Fact && s->kind != Symbol::Kind::Derived) || tt == ValueType::Bool ||
              tt == ValueType::Option || tt == ValueType::Date) {
            report(make_diag(DiagCode::E0303, n.span, {n.text, kind_text(*s), "可相加的数值", "“之和”只能加金额、数量或分数"}));
            acc.reset();
            break;
          }
          if (acc && tt != t) {
            report(make_diag(DiagCode::E0401, n.span, {n.text, type_text(tt), type_text(t), "只能把同类数值相加"}));
            acc.reset();
            break;
          }
          t = tt;
          auto term = load(*s, n.span, false);
          acc = acc ? Expr::binary(Expr::Op::Add, t, std::move(acc), std::move(term), d.span) : std::move(term);
        }
        out.type = t;
        out.value = std::move(acc);
        break;
      }
      case ast::Define::Kind::TopUp: {
        // 「新级别标准」减去「已获奖励」: max(0, standard − received), and 其他不予支持 where the standard
        // does not exceed what was received (a rule using it reports 不予支持, with the reason).
        ValueType st = ValueType::Bool;
        ExprPtr standard = d.standard ? derived_value(*d.standard, st, d.standard->span) : nullptr;
        const Symbol* s = lookup(d.received);
        if (!standard || !s) break;
        if (st != ValueType::Money) {
          report(make_diag(DiagCode::E0551, d.standard->span, {"「" + source_text(d.standard->span) + "」是" + type_text(st) + "，不是金额"}));
          break;
        }
        if (!is_amount(*s)) {
          report(make_diag(DiagCode::E0550, d.received.span, {d.received.text, kind_text(*s)}));
          break;
        }
        auto got = load(*s, d.received.span, false);
        auto above = Expr::binary(Expr::Op::Cmp, ValueType::Bool, standard->clone(), got->clone(), d.span);
        above->cmp = CmpOp::Gt;
        out.supported = std::move(above);
        auto diff = Expr::binary(Expr::Op::Sub, ValueType::Money, std::move(standard), std::move(got), d.span);
        out.type = ValueType::Money;
        out.value = Expr::unary(Expr::Op::Clamp0, ValueType::Money, std::move(diff), d.span);
        break;
      }
      case ast::Define::Kind::Cases: {
        // Built back to front: the last branch's else is 其他, or 否 for a yes/no definition.
        std::vector<std::pair<ExprPtr, ExprPtr>> arms;
        ValueType t = ValueType::Bool;
        bool ok = true, typed = false;
        for (const ast::CaseBranch& b : d.cases) {
          ExprPtr c = cond(*b.cond, nullptr);
          ValueType vt = ValueType::Bool;
          ExprPtr v = derived_value(b.value, vt, b.value.span);
          if (!c || !v) { ok = false; continue; }
          if (typed && vt != t) {
            error(DiagCode::E0401, b.value.span, {source_text(b.value.span), type_text(vt), type_text(t), "各分支的值应同类"});
            ok = false;
          }
          t = vt;
          typed = true;
          arms.emplace_back(std::move(c), std::move(v));
        }
        ExprPtr tail;
        if (d.otherwise_none && typed) {
          tail = none_value(i, t, d.span);
          auto any = Expr::make(Expr::Op::Or, ValueType::Bool, d.span);
          for (const auto& arm : arms) any->args.push_back(arm.first->clone());
          out.supported = std::move(any);
        } else if (d.otherwise) {
          ValueType vt = t;
          tail = derived_value(*d.otherwise, vt, d.otherwise->span);
          if (tail && typed && vt != t) {
            error(DiagCode::E0401, d.otherwise->span, {source_text(d.otherwise->span), type_text(vt), type_text(t), "各分支的值应同类"});
            ok = false;
          }
        } else if (t == ValueType::Bool) {
          tail = Expr::make(Expr::Op::False, ValueType::Bool, d.span);
        } else {
          Diagnostic diag = make_diag(DiagCode::E0201, d.span, {source_text(d.name.span), "最后一档“其他为……”"});
          diag.help_override = Text{"数值定义须以“；其他为……”结尾，保证每个申请人都有值", "end a numeric definition with ；其他为……"};
          report(std::move(diag));
          ok = false;
        }
        if (!ok || !tail) break;
        for (auto it = arms.rbegin(); it != arms.rend(); ++it) {
          auto sel = Expr::make(Expr::Op::Select, t, d.span);
          sel->args.push_back(std::move(it->first));
          sel->args.push_back(std::move(it->second));
          sel->args.push_back(std::move(tail));
          tail = std::move(sel);
        }
        out.type = t;
        out.value = std::move(tail);
        break;
      }
      case ast::Define::Kind::Bands: {
        const Symbol* s = lookup(d.band_on);
        if (!s) break;
        ValueType xt = type_of(*s);
        if ((s->kind != Symbol::Kind::Fact && s->kind != Symbol::Kind::Derived) || xt == ValueType::Bool || xt == ValueType::Option) {
          report(make_diag(DiagCode::E0303, d.band_on.span, {d.band_on.text, kind_text(*s), "数值事实", "按数值事实分档"}));
          break;
        }
        std::string x_text = "「" + d.band_on.text + "」";
        // Bands on a share (按「甲」占「乙」的比例分档, or bands written 「乙」的15%以上) need 其他: when the
        // whole is 0 the share is undefined and no band holds.
        const ast::Name* whole = d.band_share ? &d.band_share->whole : nullptr;
        for (const ast::Band& b : d.bands)
          for (const auto* c : {b.lo ? &*b.lo : nullptr, b.hi ? &*b.hi : nullptr})
            if (c && c->of && !whole) whole = &*c->of;
        if (d.band_share) x_text += "占「" + d.band_share->whole.text + "」的比例";
        if (whole && std::none_of(d.bands.begin(), d.bands.end(), [](const ast::Band& b) { return b.otherwise; })) {
          error(DiagCode::E0519, d.span, {d.band_on.text, whole->text});
          break;
        }
        // One band's test: the fact (or definition) compared, or the share (false when its whole is 0).
        auto band_test = [&](const ast::Comparison& c) -> ExprPtr {
          if (d.band_share && c.of) {
            report(make_diag(DiagCode::E0401, c.span, {x_text, "比例", "「" + c.of->text + "」的" + c.rhs.lit.text, "占比直接与比例比较，如 4%以上"}));
            return nullptr;
          }
          if (d.band_share) return share_cmp(d.band_on, d.band_share->whole, c, x_text + source_text(c.span), c.span);
          if (c.of) return share_cmp(d.band_on, *c.of, c, x_text + source_text(c.span), c.span);
          return band_cond(load(*s, d.band_on.span, false), c, x_text);
        };
        std::vector<std::pair<ExprPtr, ExprPtr>> arms;
        ExprPtr other;
        ValueType t = ValueType::Bool;
        bool ok = true, typed = false, none = false;
        for (const ast::Band& b : d.bands) {
          if (b.none) { none = true; continue; }
          ValueType vt = ValueType::Bool;
          ExprPtr v = derived_value(b.value, vt, b.value.span);
          if (!v) { ok = false; continue; }
          if (typed && vt != t) {
            error(DiagCode::E0401, b.value.span, {source_text(b.value.span), type_text(vt), type_text(t), "各档的值应同类"});
            ok = false;
          }
          t = vt;
          typed = true;
          if (b.otherwise) { other = std::move(v); continue; }
          ast::Comparison lo = *b.lo;
          std::optional<ast::Comparison> hi = b.hi;
          ExprPtr c = band_test(lo);
          if (c && hi) {
            ExprPtr c2 = band_test(*hi);
            c = c2 ? Expr::binary(Expr::Op::And, ValueType::Bool, std::move(c), std::move(c2), b.span) : nullptr;
          }
          if (!c) { ok = false; continue; }
          arms.emplace_back(std::move(c), std::move(v));
        }
        if (!ok || arms.empty()) break;
        if (none) {
          // 其他不予支持: the value there is 0 (or no option), and the table says where it applies.
          other = none_value(i, t, d.span);
          auto any = Expr::make(Expr::Op::Or, ValueType::Bool, d.span);
          for (const auto& arm : arms) any->args.push_back(arm.first->clone());
          out.supported = std::move(any);
        }
        // The last band is the fallback when there is no 其他; the band checks prove the bands
        // cover every value before a program is generated.
        bool has_other = other != nullptr;
        ExprPtr tail = has_other ? std::move(other) : std::move(arms.back().second);
        if (!has_other) arms.pop_back();
        for (auto it = arms.rbegin(); it != arms.rend(); ++it) {
          auto sel = Expr::make(Expr::Op::Select, t, d.span);
          sel->args.push_back(std::move(it->first));
          sel->args.push_back(std::move(it->second));
          sel->args.push_back(std::move(tail));
          tail = std::move(sel);
        }
        out.type = t;
        out.value = std::move(tail);
        break;
      }
    }
    if (out.value && !out.options.empty()) out.value->trace.clear();  // shown by the conditions on it
    else if (out.value && out.type != ValueType::Bool)
      out.value->trace = "「" + d.name.text + "」为{0:" + hint(out.type, "") + "}";
  }
  current_derived_ = -1;
  article_ = -1;
  order_derived();
}

// Whether definition `i` refers to definition `target`, directly or through others (by name, as
// written; used before the bodies are checked).
bool Checker::depends_on(size_t i, size_t target) const {
  std::vector<uint8_t> seen(p_.defines.size(), 0);
  std::vector<size_t> stack{i};
  while (!stack.empty()) {
    size_t k = stack.back();
    stack.pop_back();
    if (k == target) return true;
    if (seen[k]) continue;
    seen[k] = 1;
    for (const std::string& n : define_refs(k)) {
      auto it = syms_.find(n);
      if (it != syms_.end() && it->second.kind == Symbol::Kind::Derived) stack.push_back(static_cast<size_t>(it->second.index));
    }
  }
  return false;
}

// The names a definition's body mentions, as written.
std::vector<std::string> Checker::define_refs(size_t i) const {
  std::vector<std::string> out;
  std::function<void(const ast::Cond&)> walk = [&](const ast::Cond& c) {
    for (const ast::Name& n : c.names) out.push_back(n.text);
    if (c.cmp && c.cmp->rhs.kind == ast::Value::Kind::Name) out.push_back(c.cmp->rhs.name.text);
    for (const auto& ch : c.children) walk(*ch);
  };
  const ast::Define& d = p_.defines[i];
  auto value = [&](const ast::Value& v) {
    if (v.kind == ast::Value::Kind::Name) out.push_back(v.name.text);
  };
  out.push_back(d.band_on.text);
  for (const ast::Name& n : d.terms) out.push_back(n.text);
  for (const ast::Band& b : d.bands) {
    value(b.value);
    if (b.lo) value(b.lo->rhs);
    if (b.hi) value(b.hi->rhs);
  }
  for (const ast::CaseBranch& b : d.cases) {
    walk(*b.cond);
    value(b.value);
  }
  if (d.otherwise) value(*d.otherwise);
  if (d.cond) walk(*d.cond);
  if (d.standard) value(*d.standard);
  if (d.kind == ast::Define::Kind::TopUp) out.push_back(d.received.text);
  return out;
}

// Dependencies first; a cycle is reported once, at the definition where it closes.
void Checker::order_derived() {
  size_t n = prog_.derived.size();
  std::vector<uint8_t> state(n, 0);  // 0 new, 1 on the current path, 2 done
  std::function<void(size_t)> visit = [&](size_t i) {
    state[i] = 1;
    for (int dep : prog_.derived[i].deps) {
      size_t d = static_cast<size_t>(dep);
      if (state[d] == 1) {
        if (!cyclic_.count(d)) error(DiagCode::E0305, p_.defines[d].name.span, {p_.defines[d].name.text});
      } else if (state[d] == 0) {
        visit(d);
      }
    }
    state[i] = 2;
    prog_.derived_order.push_back(static_cast<int>(i));
  };
  for (size_t i = 0; i < n; ++i)
    if (state[i] == 0) visit(i);
}

// ---------------------------------------------------------------------------------------------
// Rules

ExprPtr Checker::none_value(size_t i, ValueType t, Span at) {
  const Derived& d = prog_.derived[i];
  if (!d.options.empty()) return Expr::constant(Rational(static_cast<int64_t>(d.options.size())), ValueType::Count, at);
  if (t == ValueType::Bool) return Expr::make(Expr::Op::False, ValueType::Bool, at);
  return Expr::constant(Rational(0), t, at);
}

// Where a listed value stands among `options` (of the fact or rating `owner`), or -1 once E0304 is
// reported; a name already reported as unknown is not reported again. 为 lists on option facts
// and on ratings read their values alike.
int Checker::listed_option(const ast::Value& v, const std::vector<std::string>& options, const std::string& owner) {
  auto it = v.kind == ast::Value::Kind::Name ? std::find(options.begin(), options.end(), v.name.text) : options.end();
  if (it != options.end()) return static_cast<int>(it - options.begin());
  if (v.kind == ast::Value::Kind::Name && unknown_.count(v.name.span.begin)) return -1;
  std::string opts;
  for (size_t i = 0; i < options.size(); ++i) opts += (i ? "、" : "") + options[i];
  std::string shown = v.kind == ast::Value::Kind::Name ? v.name.text : source_text(v.span);
  report(make_diag(DiagCode::E0304, v.span, {shown, owner, opts}));
  return -1;
}

// 「评价等级」为A级、B级: the rating's index is one of the listed options'.
ExprPtr Checker::rating_is(const ast::Cond& c, const Symbol& s) {
  const ast::Name& n = c.names[0];
  const Derived& d = prog_.derived[static_cast<size_t>(s.index)];
  auto any = Expr::make(Expr::Op::Or, ValueType::Bool, c.span);
  for (const ast::Value& v : c.values) {
    int idx = listed_option(v, d.options, n.text);
    if (idx < 0) return nullptr;
    auto eq = Expr::binary(Expr::Op::Cmp, ValueType::Bool, load(s, v.span, false),
                           Expr::constant(Rational(static_cast<int64_t>(idx)), ValueType::Count, v.span), v.span);
    eq->cmp = CmpOp::Eq;
    eq->trace = "条件「" + n.text + "」为" + d.options[static_cast<size_t>(idx)] + "：{0:bool}";
    any->args.push_back(std::move(eq));
  }
  if (any->args.size() == 1) return std::move(any->args[0]);
  return any;
}

// The tests of 其他不予支持 for every numeric definition `e` reads, directly or through others (a
// rating's 其他不予支持 is its own value, no option, and needs none).
ExprPtr Checker::supported_in(const Expr& e, Span at) {
  std::vector<int> seen;
  std::function<void(const Expr&)> refs = [&](const Expr& x) {
    if (x.op == Expr::Op::Derived && std::find(seen.begin(), seen.end(), x.ref) == seen.end()) {
      seen.push_back(x.ref);
      const Derived& d = prog_.derived[static_cast<size_t>(x.ref)];
      if (d.value) refs(*d.value);
    }
    for (const ExprPtr& a : x.args)
      if (a) refs(*a);
  };
  refs(e);
  ExprPtr all;
  for (int i : seen) {
    const Derived& d = prog_.derived[static_cast<size_t>(i)];
    if (!d.supported || !d.options.empty()) continue;
    ExprPtr s = d.supported->clone();
    all = all ? Expr::binary(Expr::Op::And, ValueType::Bool, std::move(all), std::move(s), at) : std::move(s);
  }
  return all;
}

void Checker::check_rules() {
  for (size_t r = 0; r < p_.rules.size(); ++r) {
    const ast::Rule& rule = p_.rules[r];
    article_ = rule.article;
    Rule& out = prog_.rules[r];
    for (const ast::Clause& cl : rule.branches) {
      Branch br;
      br.span = cl.span;
      std::vector<Categories> cats;
      ExprPtr all;
      bool ok = true;
      for (const ast::CondSeg& seg : cl.conds) {
        if (seg.kind == ast::CondSeg::Kind::OnTop) continue;  // read with the award
        if (seg.part_base) continue;  // 对「技术合同成交额」，……的部分: the amount the award divides
        ExprPtr c = cond(*seg.cond, &cats);
        if (!c) { ok = false; continue; }
        if (seg.subj == ast::CondSeg::Subj::Name) {
          // 对……的「规上企业」: a yes/no fact as the subject is one more condition.
          const Symbol* s = lookup(seg.subject_name);
          if (!s) { ok = false; continue; }
          if ((s->kind == Symbol::Kind::Fact || s->kind == Symbol::Kind::Derived) && type_of(*s) == ValueType::Bool) {
            auto subj = load(*s, seg.subject_name.span, false);
            subj->trace = "条件「" + seg.subject_name.text + "」：{0:bool}";
            c = Expr::binary(Expr::Op::And, ValueType::Bool, std::move(c), std::move(subj), seg.span);
          } else {
            report(make_diag(DiagCode::E0303, seg.subject_name.span, {seg.subject_name.text, kind_text(*s), "是否类事实",
                                                                      "“的”后的对象若是名称，应为是否类事实"}));
            ok = false;
          }
        }
        all = all ? Expr::binary(Expr::Op::And, ValueType::Bool, std::move(all), std::move(c), seg.span) : std::move(c);
      }
      br.cond = all ? std::move(all) : Expr::make(Expr::Op::True, ValueType::Bool, cl.span);
      if (ok && ratio_condition(cl)) continue;  // reported; the branch is not read as an award
      br.award = read_award(cl, cats, ok);
      if (br.award.guard) {
        // The award's own condition joins the branch's (the award keeps it for explanations).
        br.cond = br.cond->op == Expr::Op::True
                      ? br.award.guard->clone()
                      : Expr::binary(Expr::Op::And, ValueType::Bool, std::move(br.cond), br.award.guard->clone(), cl.span);
      }
      if (!ok) continue;
      if (!items_branch(br, cl)) continue;
      if (cl.award.extra && !join_extra(out, br, cl)) continue;
      // A definition that says 其他不予支持 where it has no value: the clause holds only where it has one.
      std::vector<const Expr*> used{br.cond.get(), br.award.unspec_max.get(), br.award.deduction.get()};
      for (const Tier& tier : br.award.tiers) used.insert(used.end(), {tier.when.get(), tier.amount.get(), tier.external.get()});
      for (const ExprPtr& cap : br.award.caps) used.push_back(cap.get());
      for (const RiskShare& share : br.award.shares) used.push_back(share.amount.get());
      for (const Expr* e : used) {
        if (!e) continue;
        if (ExprPtr s = supported_in(*e, cl.span))
          br.cond = Expr::binary(Expr::Op::And, ValueType::Bool, std::move(br.cond), std::move(s), cl.span);
      }
      out.branches.push_back(std::move(br));
    }
    if (!out.branches.empty()) out.payer = out.branches[0].award.payer;
  }
  article_ = -1;
}

// ---------------------------------------------------------------------------------------------
// Groups, constraints, targets

void Checker::check_groups() {
  auto members = [&](const std::vector<ast::Name>& names, std::vector<int>& out) {
    for (const ast::Name& n : names) {
      const Symbol* s = lookup(n);
      if (!s) continue;
      if (s->kind != Symbol::Kind::Rule) {
        error(DiagCode::E0503, n.span, {n.text});
        continue;
      }
      if (std::find(out.begin(), out.end(), s->index) != out.end()) {
        error(DiagCode::E0302, n.span, {n.text});
        continue;
      }
      out.push_back(s->index);
    }
  };
  for (const ast::NoDupGroup& g : p_.nodups) {
    article_ = g.article;
    Group out;
    out.kind = GroupKind::NoDup;
    out.name = g.name.text;
    out.mode = g.mode;
    out.article = g.article;
    members(g.members, out.members);
    prog_.groups.push_back(std::move(out));
  }
  for (const ast::CapGroup& g : p_.caps) {
    article_ = g.article;
    Group out;
    out.kind = GroupKind::Cap;
    out.name = g.name.text;
    out.article = g.article;
    members(g.members, out.members);
    int amounts = 0;
    bool reported = false;
    for (const ast::Literal& l : g.limits) {
      if (l.kind != ast::LitKind::Money || l.hi) {
        error(DiagCode::E0403, l.span, {l.text});
        reported = true;
        continue;
      }
      out.cap = l.value;
      ++amounts;
    }
    if (amounts != 1 && !reported) {
      Diagnostic d = make_diag(DiagCode::E0204, g.span, {"上限须写一个金额", "如：「甲」、「乙」合计，单个企业年度最高补助250万元"});
      report(std::move(d));
    }
    prog_.groups.push_back(std::move(out));
  }
  article_ = -1;
}

void Checker::check_constraints() {
  for (const ast::Constraint& c : p_.constraints) {
    article_ = c.article;
    ConstraintIR out;
    out.name = c.name.text;
    out.op = c.op;
    out.article = c.article;
    out.text = "「" + c.rule.text + "」" + c.words + source_text(c.value.span);
    if (const Symbol* s = lookup(c.rule)) {
      if (s->kind != Symbol::Kind::Rule) error(DiagCode::E0503, c.rule.span, {c.rule.text});
      else out.rule = s->index;
    }
    if (c.value.kind != ast::Value::Kind::Literal || c.value.lit.kind != ast::LitKind::Money || c.value.lit.hi) {
      error(DiagCode::E0403, c.value.span, {source_text(c.value.span)});
    } else {
      out.value = c.value.lit.value;
    }
    prog_.constraints.push_back(std::move(out));
  }
  article_ = -1;
}

void Checker::check_targets() {
  for (const ast::Target& t : p_.targets) {
    TargetIR out;
    out.year = t.year.value_or(0);
    out.op = t.cmp.op;
    // The target as a sentence: without 目标： and the final 。, names without their 「」.
    std::string text = source_text(t.span);
    for (const char* prefix : {"目标：", "目标:", "目标"}) {
      if (text.rfind(prefix, 0) == 0) {
        text = text.substr(std::string(prefix).size());
        break;
      }
    }
    if (text.size() >= 3 && text.compare(text.size() - 3, 3, "。") == 0) text.resize(text.size() - 3);
    for (const char* bracket : {"「", "」"}) {
      for (size_t at = text.find(bracket); at != std::string::npos; at = text.find(bracket, at)) text.erase(at, 3);
    }
    out.text = text;
    const Symbol* s = lookup(t.indicator);
    if (!s) continue;
    if (s->kind != Symbol::Kind::Fact || !prog_.facts[static_cast<size_t>(s->index)].indicator) {
      report(make_diag(DiagCode::E0303, t.indicator.span, {t.indicator.text, kind_text(*s), "指标", "目标衡量的是“指标”，如 指标「高企数」：数量（家）。"}));
      continue;
    }
    out.indicator = s->index;
    const Fact& f = prog_.facts[static_cast<size_t>(s->index)];
    if (t.cmp.of) {
      // A target compares an indicator with a figure; a share of another indicator is not one.
      error(DiagCode::E0201, t.cmp.span, {source_text(t.cmp.span), "一个数值，如 60%以上"});
      continue;
    }
    ExprPtr rhs = operand(t.cmp.rhs, f.type, f.unit, "「" + f.name + "」");
    if (rhs) out.value = rhs->c;
    if (t.baseline) {
      ast::Value bv;
      bv.kind = ast::Value::Kind::Literal;
      bv.lit = *t.baseline;
      bv.span = t.baseline->span;
      if (ExprPtr b = operand(bv, f.type, f.unit, "「" + f.name + "」")) out.baseline = b->c;
    }
    prog_.targets.push_back(std::move(out));
  }
}

// ---------------------------------------------------------------------------------------------
// Example cases: what they name must exist; whether they pass is decided by running them.

void Checker::check_examples() {
  for (const ast::Example& e : p_.examples) {
    std::vector<int> seen;
    for (const ast::Assignment& a : e.facts) {
      const Symbol* s = lookup(a.fact);
      if (!s) continue;
      if (s->kind != Symbol::Kind::Fact) {
        report(make_diag(DiagCode::E0303, a.fact.span, {a.fact.text, kind_text(*s), "事实", "案例只能给事实赋值"}));
        continue;
      }
      if (std::find(seen.begin(), seen.end(), s->index) != seen.end()) {
        error(DiagCode::E0302, a.fact.span, {a.fact.text});
        continue;
      }
      seen.push_back(s->index);
      std::string why;
      bool out_of_range = false;
      const Fact& f = prog_.facts[static_cast<size_t>(s->index)];
      if (f.item_of >= 0) {  // an item's fact is written inside the list's （）
        report(make_diag(DiagCode::E0560, a.fact.span, {prog_.facts[static_cast<size_t>(f.item_of)].name, "「" + f.name + "」是各项的事实，写在清单的（）中"}));
        continue;
      }
      if (f.list || a.is_items) {  // 「技术合同」为（「技术交易额」为300万元）、（……）
        Span at = a.span;
        if (!f.list) report(make_diag(DiagCode::E0560, a.fact.span, {f.name, "「" + f.name + "」不是清单"}));
        else if (!a.is_items) report(make_diag(DiagCode::E0560, a.value.span, {f.name, "清单按项写出"}));
        else if (!item_list_value(prog_, s->index, a, why, at)) report(make_diag(DiagCode::E0560, at, {f.name, why}));
        continue;
      }
      if (!fact_value(f, a.value, why, &out_of_range)) {
        if (out_of_range) report(make_diag(DiagCode::E0806, a.value.span, {a.fact.text, source_text(a.value.span), why, example_of(f)}));
        else report(make_diag(DiagCode::E0802, a.value.span, {a.fact.text, source_text(a.value.span), why, why}));
      }
    }
    std::vector<std::pair<int, int>> expected;
    for (const ast::Expectation& x : e.expects) {
      const Symbol* s = lookup(x.target);
      if (!s) continue;
      Symbol::Kind want = x.kind == ast::Expectation::Kind::Total ? Symbol::Kind::Payer : Symbol::Kind::Rule;
      if (s->kind != want) {
        report(make_diag(DiagCode::E0303, x.target.span, {x.target.text, kind_text(*s), want == Symbol::Kind::Rule ? "规则" : "出资方",
                                                          "预期写作「规则」为……，或 合计「出资方」为……"}));
        continue;
      }
      int payer = -2;
      if (x.payer) {
        const Symbol* ps = lookup_payer(*x.payer);
        if (!ps) continue;
        if (ps->kind != Symbol::Kind::Payer) {
          report(make_diag(DiagCode::E0303, x.payer->span, {x.payer->text, kind_text(*ps), "出资方", "括号中写出资方"}));
          continue;
        }
        payer = ps->index;
      }
      std::pair<int, int> key{s->index + (want == Symbol::Kind::Payer ? 1000000 : 0), payer};
      if (std::find(expected.begin(), expected.end(), key) != expected.end()) {
        error(DiagCode::E0703, x.target.span, {x.target.text});
        continue;
      }
      expected.push_back(key);
    }
  }
}

// Hard limits: the bytecode indexes rules, facts and payers with 16 bits, and definitions and long
// tables become deep expression trees; a policy beyond these is refused, never half-compiled.
bool Checker::within_limits() {
  struct Limit {
    size_t count, max;
    const char* what;
  };
  size_t facts = 0;
  for (const ast::FactDecl& f : p_.facts) facts += f.names.size();
  const Limit limits[] = {
      {p_.rules.size(), kMaxRules, "规则"},     {facts, kMaxFacts, "事实"},
      {p_.payers.size(), kMaxPayers, "出资方"}, {p_.defines.size(), kMaxDefinitions, "定义"},
  };
  bool ok = true;
  for (const Limit& l : limits) {
    if (l.count > l.max) {
      error(DiagCode::E0208, Span{p_.file, 0, 0}, {l.what, std::to_string(l.max)});
      ok = false;
    }
  }
  for (const ast::Define& d : p_.defines) {
    if (d.bands.size() > kMaxTableRows || d.cases.size() > kMaxTableRows) {
      error(DiagCode::E0208, d.name.span, {"「" + d.name.text + "」的档次", std::to_string(kMaxTableRows)});
      ok = false;
    }
  }
  for (const ast::Rule& r : p_.rules) {
    if (r.branches.size() > kMaxTableRows) {
      error(DiagCode::E0208, r.name.span, {"「" + r.name.text + "」的分支", std::to_string(kMaxTableRows)});
      ok = false;
    }
  }
  return ok;
}

Program Checker::run() {
  if (!within_limits()) return std::move(prog_);
  declare();
  check_facts();
  check_item_facts();
  check_derived();
  items_in_definitions();
  check_rules();
  check_groups();
  check_constraints();
  check_targets();
  check_examples();
  return std::move(prog_);
}

Program check(const ast::Policy& policy, const SourceManager& sm, DiagSink& sink) {
  return Checker(policy, sm, sink).run();
}

}  // namespace zc::sema

// Shares of one quantity in another (docs/language.md §3, "Shares"): 「研发费用」占「营业收入」的比例不低于4%,
// 「研发人员数」不少于「职工总数」的15%, and banded tables 按「甲」占「乙」的比例分档. It types the two
// quantities (like quantities only, E0407) and builds the exact test; it does not divide. Values are never
// negative, so for a whole w > 0 the test part ÷ w ≥ r is exactly part ≥ w × r; a whole of 0 leaves the
// share undefined and the condition does not hold, with a trace line that says so.
#include "compiler/check/checker.h"

namespace zc::sema {

namespace {

bool numeric(ValueType t) {
  return t == ValueType::Money || t == ValueType::Rate || t == ValueType::Count || t == ValueType::Points;
}

}  // namespace

// The quantity named `n` as one side of a share, with its type and (for a fact counted in a unit)
// unit; null after a diagnostic.
ExprPtr Checker::share_side(const ast::Name& n, ValueType& type, std::string& unit) {
  const Symbol* s = lookup(n);
  if (!s) return nullptr;
  if (s->kind != Symbol::Kind::Fact && s->kind != Symbol::Kind::Derived) {
    report(make_diag(DiagCode::E0303, n.span, {n.text, kind_text(*s), "数值事实或定义", "比例的两项写数值事实，如「研发费用」占「营业收入」的比例"}));
    return nullptr;
  }
  if (s->kind == Symbol::Kind::Fact && prog_.facts[static_cast<size_t>(s->index)].indicator) {
    report(make_diag(DiagCode::E0303, n.span, {n.text, "指标", "申请人的事实", "指标只用于“目标”"}));
    return nullptr;
  }
  type = type_of(*s);
  unit = s->kind == Symbol::Kind::Fact ? prog_.facts[static_cast<size_t>(s->index)].unit : std::string();
  return load(*s, n.span, true);
}

// part ÷ whole op rate, exactly: (whole > 0) ? part op whole × rate : false.
ExprPtr Checker::share_cmp(const ast::Name& part, const ast::Name& whole, const ast::Comparison& cmp, const std::string& text,
                           Span at) {
  if (cmp.between && cmp.rhs.kind == ast::Value::Kind::Literal && cmp.rhs.lit.hi) {
    // 占「营业收入」的比例3%（含）-6%: both ends, as comparison() reads a range.
    auto [lo, hi] = range_ends(cmp);
    ExprPtr a = share_cmp(part, whole, lo, text, at);
    ExprPtr b = a ? share_cmp(part, whole, hi, text, at) : nullptr;
    if (!a || !b) return nullptr;
    a->trace.clear();
    b->trace.clear();
    auto e = Expr::binary(Expr::Op::And, ValueType::Bool, std::move(a), std::move(b), at);
    e->trace = "条件" + text + "：{0:bool}";
    return e;
  }
  ValueType pt = ValueType::Bool, wt = ValueType::Bool;
  std::string pu, wu;
  ExprPtr num = share_side(part, pt, pu);
  ExprPtr den = share_side(whole, wt, wu);
  if (!num || !den) return nullptr;
  auto described = [&](ValueType t, const std::string& u) { return type_text(t) + (u.empty() ? std::string() : "（" + u + "）"); };
  if (!numeric(pt) || !numeric(wt) || pt != wt || (!pu.empty() && !wu.empty() && pu != wu)) {
    report(make_diag(DiagCode::E0407, at, {part.text, described(pt, pu), whole.text, described(wt, wu)}));
    return nullptr;
  }
  // The share is a pure number: it compares with a rate (4%, 百分之十五, a 比例 fact or definition).
  ExprPtr rate = operand(cmp.rhs, ValueType::Rate, "", part.text + "占" + whole.text + "的比例");
  if (!rate) return nullptr;
  if (cmp.incl_value && cmp.rhs.kind == ast::Value::Kind::Literal && !(cmp.incl_value->value == cmp.rhs.lit.value)) {
    report(make_diag(DiagCode::E0401, cmp.incl_span, {cmp.incl_value->text, "（含）中的数", "前面的「" + cmp.rhs.lit.text + "」",
                                                      "（含N%）里的数应与门槛相同"}));
  }
  rate->trace.clear();
  const std::string whole_text = "「" + whole.text + "」";
  auto positive = Expr::binary(Expr::Op::Cmp, ValueType::Bool, std::move(den), Expr::constant(Rational(0), wt, whole.span), at);
  positive->cmp = CmpOp::Gt;
  ExprPtr whole_again = load(*lookup(whole), whole.span, false);
  auto scaled = Expr::binary(Expr::Op::Mul, wt, std::move(whole_again), std::move(rate), at);
  auto holds = Expr::binary(Expr::Op::Cmp, ValueType::Bool, std::move(num), std::move(scaled), at);
  holds->cmp = cmp.op;
  holds->trace = "条件" + text + "：{0:bool}";
  auto undefined = Expr::make(Expr::Op::False, ValueType::Bool, at);
  undefined->trace = "条件" + text + "：" + whole_text + "为0，比例无从计算，不成立";
  auto sel = Expr::make(Expr::Op::Select, ValueType::Bool, at);
  sel->args.push_back(std::move(positive));
  sel->args.push_back(std::move(holds));
  sel->args.push_back(std::move(undefined));
  return sel;
}

// 「研发费用」占「营业收入」的比例不低于4%   「研发人员数」不少于「职工总数」的15%
ExprPtr Checker::cond_share(const ast::Cond& c) {
  const ast::Comparison& cmp = *c.cmp;
  std::string text = source_text(c.span);
  if (c.share && cmp.of) {
    // 「甲」占「乙」的比例不低于「丙」的15%: a share of a share is not a form of the language.
    report(make_diag(DiagCode::E0401, cmp.span, {"「" + c.names[0].text + "」占「" + c.share->whole.text + "」的比例", "比例",
                                                 "「" + cmp.of->text + "」的" + cmp.rhs.lit.text, "占比直接与比例比较，如 不低于4%"}));
    return nullptr;
  }
  if (c.share && !c.share->words.empty() && c.share->words != "的" && c.share->words != "的比例" && c.share->words != "比例" &&
      c.share->words != "的比重" && c.share->words != "比重") {
    error(DiagCode::E0201, c.share->span, {source_text(c.share->span), "占「总数」的比例"});
    return nullptr;
  }
  const ast::Name& whole = c.share ? c.share->whole : *cmp.of;
  return share_cmp(c.names[0], whole, cmp, text, c.span);
}

}  // namespace zc::sema

// Time in conditions (docs/language.md §3, "Dates and durations"): durations counted from a date fact to
// the policy's 评价日期 (「成立日期」满2年, 不满6个月, 三年内, 近三年) and windows of named days
// (自2023年7月1日起至2025年6月30日止, 于……—……期间). Every threshold day is computed here, once, with
// base/units.h's calendar; evaluation is one or two comparisons of day numbers. It does not count
// periods between two facts, nor to a date only the applicant knows.
#include "base/units.h"
#include "compiler/check/checker.h"

namespace zc::sema {

namespace {

std::string unbracketed(const std::string& s) {
  if (s.size() >= 6 && s.compare(0, 3, "「") == 0 && s.compare(s.size() - 3, 3, "」") == 0) return s.substr(3, s.size() - 6);
  return s;
}

}  // namespace

// 「成立日期」满2年 (a date fact and a duration in 年 or 月): the time from that date to the 评价日期,
// counted on the calendar as 民法典第二百零一条、第二百零三条 count periods. With T the latest start whose
// period has fully run by the 评价日期 (base/units.h), 满N年 / N年以上 is date <= T, 超过N年 is date < T,
// 不满N年 is date > T and N年以内 / 不超过N年 is date >= T: one comparison with a constant, exact.
ExprPtr Checker::duration(ExprPtr date, const ast::Comparison& cmp, const std::string& lhs_text) {
  const ast::Literal& n = cmp.rhs.lit;
  const auto& eval = p_.header.eval_date;
  if (!eval) {
    report(make_diag(DiagCode::E0521, cmp.span, {unbracketed(lhs_text), n.text}));
    return nullptr;
  }
  int64_t per = n.unit == "年" ? 12 : 1;
  if (!n.value.is_integer() || n.value.num() > 12000 / per) {
    report(make_diag(DiagCode::E0401, cmp.rhs.span, {unbracketed(lhs_text), "日期", "期限「" + n.text + "」",
                                                     "期限写整年或整月，如 2年、18个月"}));
    return nullptr;
  }
  int64_t by = eval->value.num();
  Rational start(period_start_by(by, n.value.num() * per));
  if (cmp.pre == "近") {
    // 近三年: the three years that end on the 评价日期. A date on the day three years before is exactly
    // three years back (民法典第二百零一条: the start day is not counted), so it is within them, as
    // 三年以内 includes the number (第一千二百五十九条); a date after the 评价日期 is not in the past
    // three years. start <= date <= 评价日期.
    ExprPtr again = date->clone();
    date->trace = lhs_text + "为{0:date}";
    auto from = Expr::binary(Expr::Op::Cmp, ValueType::Bool, std::move(date), Expr::constant(start, ValueType::Date, cmp.rhs.span), cmp.span);
    from->cmp = CmpOp::Ge;
    again->trace.clear();
    auto until = Expr::binary(Expr::Op::Cmp, ValueType::Bool, std::move(again), Expr::constant(eval->value, ValueType::Date, cmp.rhs.span), cmp.span);
    until->cmp = CmpOp::Le;
    auto e = Expr::binary(Expr::Op::And, ValueType::Bool, std::move(from), std::move(until), cmp.span);
    e->trace = "条件" + lhs_text + source_text(cmp.span) + "（" + date_text(start) + "至评价日期" + date_text(eval->value) + "）：{0:bool}";
    return e;
  }
  CmpOp op = CmpOp::Eq;
  switch (cmp.op) {
    case CmpOp::Ge: op = CmpOp::Le; break;
    case CmpOp::Gt: op = CmpOp::Lt; break;
    case CmpOp::Le: op = CmpOp::Ge; break;
    case CmpOp::Lt: op = CmpOp::Gt; break;
    case CmpOp::Eq: op = CmpOp::Eq; break;  // no bound word: E0517 is reported by the word checks
  }
  date->trace = lhs_text + "为{0:date}";
  auto e = Expr::binary(Expr::Op::Cmp, ValueType::Bool, std::move(date), Expr::constant(start, ValueType::Date, cmp.rhs.span), cmp.span);
  e->cmp = op;
  e->trace = "条件" + lhs_text + source_text(cmp.span) + "（算至评价日期" + date_text(eval->value) + "）：{0:bool}";
  return e;
}

// 「完成日期」自2023年7月1日起至2025年6月30日止, 于2023年1月1日—2024年12月31日期间, 自2024年1月1日起:
// the days written are named, not counted from an event, so both belong to the window (自……起 and
// ……止 say so; 期间 is the span between them, ends included). from <= date [<= to].
ExprPtr Checker::date_window(const ast::Cond& c) {
  const ast::DateWindow& w = *c.window;
  const ast::Name& n = c.names[0];
  const Symbol* s = lookup(n);
  if (!s) return nullptr;
  const std::string lhs_text = "「" + n.text + "」";
  ValueType t = type_of(*s);
  if ((s->kind != Symbol::Kind::Fact && s->kind != Symbol::Kind::Derived) || t != ValueType::Date) {
    report(make_diag(DiagCode::E0401, w.span, {n.text, type_text(t), "日期区间", "日期区间只用于日期类事实"}));
    return nullptr;
  }
  if (w.lead.empty() && w.start.empty() && w.end.empty()) {
    report(make_diag(DiagCode::E0522, w.span, {w.from.text, w.to ? w.to->text : std::string()}));
    return nullptr;
  }
  if (w.to && w.to->value < w.from.value) {
    report(make_diag(DiagCode::E0523, w.span, {w.from.text, w.to->text}));
    return nullptr;
  }
  ExprPtr date = load(*s, n.span, true);
  date->trace = lhs_text + "为{0:date}";
  auto e = Expr::binary(Expr::Op::Cmp, ValueType::Bool, std::move(date), Expr::constant(w.from.value, ValueType::Date, w.from.span), w.span);
  e->cmp = CmpOp::Ge;
  if (w.to) {
    auto until = Expr::binary(Expr::Op::Cmp, ValueType::Bool, load(*s, n.span, false), Expr::constant(w.to->value, ValueType::Date, w.to->span), w.span);
    until->cmp = CmpOp::Le;
    e = Expr::binary(Expr::Op::And, ValueType::Bool, std::move(e), std::move(until), w.span);
  }
  e->trace = "条件" + lhs_text + source_text(w.span) + "：{0:bool}";
  return e;
}

}  // namespace zc::sema

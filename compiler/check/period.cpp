// Durations on the calendar (docs/language.md §3, "Dates and durations"): 「成立日期」满2年, 不满6个月,
// counted from a date fact to the policy's 评价日期. The threshold day is computed here, once, with
// base/units.h's calendar; evaluation is one comparison of two day numbers. It does not count
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

}  // namespace zc::sema

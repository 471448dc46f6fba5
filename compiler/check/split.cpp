// One award split between payers (issue 11 form 11; docs/language.md §4, *One award, several payers*):
//   按「服务费用」的40%给予补助（其中「市财政」承担25%，「区财政」承担15%），每家每年最高15万元（其中「市财政」最高10万元）
//   给予20万元奖励，所需资金由「市财政」、「区财政」按3∶7比例分担
// Each part is a share of the whole — the whole after the award's own caps — so the parts keep the
// proportion the text gives; a part's own cap then cuts that part only, and the total shrinks (the other
// payer does not make it up: the text gives it no more than its own share). The checker proves the parts
// add up to the whole: rates that sum to the award's rate, shares that sum to 100%, amounts that sum to the
// amount, a part's cap no higher than the whole's. Every share is an exact rational; each part is rounded
// on its own, as each payer pays its own amount.
#include "compiler/check/checker.h"

#include "base/units.h"

namespace zc::sema {

namespace {

// 62.5%, 30%; a share with no finite decimal (1/3) as a fraction of the whole.
std::string share_text(const Rational& r) {
  auto pct = r.mul(Rational(100000000));
  if (pct && pct->is_integer()) return rate_text(r);
  return number_text(Interval::exact(r));
}

// 30000.5元; a part with no finite decimal as its amount to the 分 with …: 33333.33…元.
std::string part_money(const Rational& v) {
  auto pct = v.mul(Rational(100000000));
  if (pct && pct->is_integer()) return v.to_decimal() + "元";
  auto r = v.round(RoundingMode::Down, RoundingUnit::Fen);
  return (r ? r->to_decimal(2) : std::string("?")) + "…元";
}

}  // namespace

void Checker::split_award(const ast::Award& w, const SplitWhole& whole, Award& award, Span at) {
  if (award.kind != Award::Kind::Amount || award.tiers.empty()) return;  // what was wrong is reported
  if (!w.split_parts.empty() && w.ratio_split) {
    report(make_diag(DiagCode::E0549, w.ratio_split->span, {"已用“其中”写出各方的部分，又按比例分担"}));
    return;
  }
  struct Part {
    int payer = -1;
    Rational share;
    std::string text;
    const ast::Award::SplitPart* src = nullptr;
  };
  std::vector<Part> parts;
  auto payer_of = [&](const ast::Name& n) -> int {
    const Symbol* s = lookup_payer(n);
    if (!s) return -1;
    if (s->kind != Symbol::Kind::Payer) {
      report(make_diag(DiagCode::E0303, n.span, {n.text, kind_text(*s), "出资方", "“其中”和“分担”中写出资方，如（其中「市财政」承担25%）"}));
      return -1;
    }
    for (const Part& p : parts)
      if (p.payer == s->index) {
        report(make_diag(DiagCode::E0549, n.span, {"「" + n.text + "」写了两次"}));
        return -1;
      }
    return s->index;
  };

  if (w.ratio_split) {
    // 按3∶7比例分担: a∶b is read as b/a (the rate literal of 1∶1 配套): the shares are 1/(1+v) and v/(1+v).
    const ast::Award::RatioSplit& rs = *w.ratio_split;
    if (rs.payers.size() != 2) {
      report(make_diag(DiagCode::E0549, rs.span, {"比例「" + rs.ratio.text + "」有两项，列出的出资方却有" + std::to_string(rs.payers.size()) + "个"}));
      return;
    }
    Rational v = rs.ratio.value;
    auto sum = Rational(1).add(v);
    auto first = sum ? Rational(1).div(*sum) : std::nullopt;
    auto second = sum ? v.div(*sum) : std::nullopt;
    if (!first || !second) {
      report(make_diag(DiagCode::E0549, rs.ratio.span, {"比例「" + rs.ratio.text + "」无法计算"}));
      return;
    }
    Rational shares[2] = {*first, *second};
    for (size_t k = 0; k < 2; ++k) {
      int payer = payer_of(rs.payers[k]);
      if (payer < 0) return;
      parts.push_back(Part{payer, shares[k], "「" + rs.payers[k].text + "」按" + rs.ratio.text + "分担（占整项" + share_text(shares[k]) + "）", nullptr});
    }
  } else {
    // （其中「市财政」承担25%，「区财政」承担15%）: every part written the same way, each with its share.
    bool any_rate = false, any_amount = false;
    for (const ast::Award::SplitPart& sp : w.split_parts) {
      any_rate = any_rate || sp.rate;
      any_amount = any_amount || sp.amount;
    }
    Rational sum(0);
    for (const ast::Award::SplitPart& sp : w.split_parts) {
      int payer = payer_of(sp.payer);
      if (payer < 0) return;
      if (!sp.rate && !sp.amount) {
        report(make_diag(DiagCode::E0547, sp.span, {sp.payer.text, "份额（比例或金额），只写了上限"}));
        return;
      }
      if ((any_rate && !sp.rate) || (any_amount && !sp.amount)) {
        report(make_diag(DiagCode::E0547, sp.span, {sp.payer.text, any_rate ? "比例（其他部分写的是比例）" : "金额（其他部分写的是金额）"}));
        return;
      }
      const ast::Literal& lit = sp.rate ? *sp.rate : *sp.amount;
      auto s = sum.add(lit.value);
      if (!s) {
        report(make_diag(DiagCode::E0549, sp.span, {"各部分合计溢出"}));
        return;
      }
      sum = *s;
      parts.push_back(Part{payer, lit.value, "「" + sp.payer.text + "」承担" + lit.text, &sp});
    }
    if (parts.size() < 2) {
      report(make_diag(DiagCode::E0547, at, {parts.empty() ? std::string("出资方") : w.split_parts[0].payer.text, "分担的另一方：“其中”至少写两个出资方的部分"}));
      return;
    }
    // What the parts are parts of: rates of the base summing to the award's rate (25% + 15% = 40%), or
    // shares of the whole summing to 100%; amounts summing to the award's one amount.
    Rational of(1);
    if (any_amount) {
      if (!whole.amount) {
        report(make_diag(DiagCode::E0547, w.split_parts[0].span, {w.split_parts[0].payer.text, "比例：整项给付不是一个确定的金额，各部分写比例，如 承担60%"}));
        return;
      }
      if (!(sum == whole.amount->value)) {
        report(make_diag(DiagCode::E0546, w.split_parts[0].span.to(w.split_parts.back().span), {money_text(sum), whole.amount->text}));
        return;
      }
      of = whole.amount->value;
    } else if (whole.rate && whole.rate->value.sign() > 0 && sum == whole.rate->value) {
      of = whole.rate->value;
    } else if (!(sum == Rational(1))) {
      report(make_diag(DiagCode::E0546, w.split_parts[0].span.to(w.split_parts.back().span),
                       {rate_text(sum), whole.rate ? whole.rate->text + "（各部分为基数的比例时），也不是100%（各部分为整项的份额时）" : std::string("100%")}));
      return;
    }
    if (of.sign() == 0) {
      report(make_diag(DiagCode::E0549, at, {"整项给付为0"}));
      return;
    }
    for (Part& p : parts) {
      if (!(of == Rational(1))) {
        p.share = *p.share.div(of);
        p.text += "（占整项" + share_text(p.share) + "）";
      }
    }
  }

  // Part caps: never above the whole's cap (E0548); one that its share of the whole never reaches caps
  // nothing (W0624). A fixed whole bounds the parts as a cap does.
  const ast::Literal* bound = whole.cap;
  if (whole.amount && (!bound || whole.amount->value < bound->value)) bound = whole.amount;
  for (Part& p : parts) {
    if (!p.src || !p.src->cap) continue;
    const ast::Literal& cap = *p.src->cap;
    if (whole.cap && cap.value > whole.cap->value) {
      report(make_diag(DiagCode::E0548, cap.span, {p.src->payer.text, cap.text, whole.cap->text}));
      return;
    }
    if (bound) {
      auto most = bound->value.mul(p.share);
      if (most && cap.value >= *most)
        report(make_diag(DiagCode::W0624, cap.span, {p.src->payer.text, cap.text, bound->text, money_text(*most)}));
    }
  }
  // A fixed whole whose parts are not whole 分 (角, 元): each part is rounded on its own.
  if (whole.amount && !p_.header.rounding_written) {
    for (const Part& p : parts) {
      auto v = whole.amount->value.mul(p.share);
      auto units = v ? v->mul(Rational(per_yuan(p_.header.rounding_unit))) : std::nullopt;
      if (units && !units->is_integer()) {
        report(make_diag(DiagCode::W0625, w.ratio_split ? w.ratio_split->span : at,
                         {whole.amount->text, prog_.payers[static_cast<size_t>(p.payer)].name, part_money(*v),
                          unit_name(p_.header.rounding_unit)}));
        break;
      }
    }
  }

  for (Part& p : parts) {
    SplitShare s;
    s.payer = p.payer;
    s.share = Expr::constant(p.share, ValueType::Rate, at);
    s.text = p.text;
    if (p.src && p.src->cap) {
      s.caps.push_back(Expr::constant(p.src->cap->value, ValueType::Money, p.src->cap->span));
      s.cap_texts.push_back("其中「" + p.src->payer.text + "」" + p.src->cap_words);
    }
    award.split.push_back(std::move(s));
  }
}

}  // namespace zc::sema

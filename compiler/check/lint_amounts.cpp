// Drafting checks on figures: 元/万元/亿元 slips (W0601), caps that never or always bind (W0602,
// W0603), matching ratios above 100% (W0604) and group caps over different payers (E0514). They
// compare written amounts with each other and bound computed amounts with the cond_model ranges;
// a base the text does not bound (按「研发投入」的2%) has no maximum, so its cap is never judged.
#include <algorithm>
#include <functional>

#include "compiler/check/lint_internal.h"
#include "base/units.h"

namespace zc::sema::lint_detail {
namespace {

using model::Range;

const Rational kSlip(1000);  // two written amounts this far apart are suspicious

// Whether a and b (both positive) differ by a factor of kSlip or more.
bool far_apart(const Rational& a, const Rational& b) {
  if (a.sign() <= 0 || b.sign() <= 0) return false;
  const Rational& big = a > b ? a : b;
  const Rational& small = a > b ? b : a;
  auto scaled = small.mul(kSlip);
  return !scaled || big >= *scaled;
}

struct Figure {
  Rational value;
  Span span;
  size_t rule = 0;
};

// The written amount of a tier, when it is one: 10万元, 100-500万元 (its top), 最高50万元.
std::optional<Figure> lump(const Expr* e, size_t rule) {
  if (!e) return std::nullopt;
  if (e->op == Expr::Op::Upto && e->args.size() == 1) e = e->args[0].get();
  if (e->op != Expr::Op::Const) return std::nullopt;
  return Figure{e->c2 ? *e->c2 : e->c, e->span, rule};
}

// The unit price of a per-unit award: 每「认定数量」1家补助5000元.
std::optional<Figure> unit_price(const Expr* e, size_t rule) {
  if (!e || e->op != Expr::Op::Mul || e->args.size() != 2) return std::nullopt;
  const Expr* price = e->args[1].get();
  if (price->op != Expr::Op::Const || price->type != ValueType::Money || e->args[0]->type != ValueType::Count) return std::nullopt;
  return Figure{price->c, price->span, rule};
}

// "did you mean" for an amount written in the wrong unit: 50元 -> 50万元 when it should be larger.
// Sets the help line of `d` and, when the corrected amount fits, the fix that writes it at `at`.
void explain_slip(Diagnostic& d, Span at, const std::string& written, const Rational& value, const Rational& reference) {
  static const std::pair<const char*, const char*> kUp[] = {{"万元", "亿元"}, {"元", "万元"}};
  std::string number, unit;
  for (const char* u : {"亿元", "万元", "元"}) {
    std::string_view su(u);
    if (written.size() > su.size() && written.compare(written.size() - su.size(), su.size(), su) == 0) {
      unit = u;
      number = written.substr(0, written.size() - su.size());
      break;
    }
  }
  std::string fix;
  bool up = value < reference;
  for (const auto& [small, big] : kUp) {
    if (up && unit == small) fix = number + big;
    if (!up && unit == big) fix = number + small;
  }
  bool range = false;
  for (const char* sep : {"-", "至", "到", "～", "~", "—", "－"}) range = range || number.find(sep) != std::string::npos;
  if (!number.empty() && !range && !fix.empty()) {
    auto fixed = up ? value.mul(Rational(10000)) : value.div(Rational(10000));
    if (fixed && !far_apart(*fixed, reference)) {
      d.help_override = Text{"是否想写「" + fix + "」？金额无误时，在规则的说明中写明「" + written + "」",
                             "did you mean `" + fix + "`? If the amount is right, quote `" + written + "` in the rule's 说明"};
      d.fixes.push_back(Fix{Text{"改为「" + fix + "」", "change to `" + fix + "`"}, {{at, fix}}});
      return;
    }
  }
  d.help_override = Text{"核对金额与单位（元、万元、亿元相差一万倍）；金额无误时，在规则的说明中写明「" + written + "」",
              "check the amount and its unit (元, 万元 and 亿元 differ by 10^4); if it is right, quote `" + written + "` in the rule's 说明"};
}

}  // namespace

// ---------------------------------------------------------------------------------------------

void check_matching_ratio(Ctx& c) {
  for (const ast::Rule& r : c.p.rules) {
    for (const ast::Clause& cl : r.branches) {
      const ast::Award& w = cl.award;
      if (!w.matching) continue;
      std::vector<const ast::Literal*> rates;
      if (w.rate) rates.push_back(&*w.rate);
      for (const ast::Award::Share& sh : w.shares)
        if (sh.rate) rates.push_back(&*sh.rate);
      for (const ast::Literal* rate : rates)
        if (rate->value > Rational(1) && !c.note_quotes(r, rate->text)) c.report(DiagCode::W0604, rate->span, {rate->text}, r.article);
    }
  }
}

void check_group_cap_payers(Ctx& c) {
  size_t first_cap = c.p.nodups.size();
  for (size_t g = 0; g < c.p.caps.size() && first_cap + g < c.prog.groups.size(); ++g) {
    const Group& group = c.prog.groups[first_cap + g];
    std::vector<int> payers;
    auto add = [&](int payer) {
      if (payer >= 0 && std::find(payers.begin(), payers.end(), payer) == payers.end()) payers.push_back(payer);
    };
    // An award split between payers has each part's payer: a group cap over it would cap only the
    // rule's 本级 part and leave the others' parts out of the sum, with no word said.
    for (int m : group.members)
      for (const Branch& b : c.prog.rules[static_cast<size_t>(m)].branches) {
        if (b.award.kind == Award::Kind::Benefit || b.award.kind == Award::Kind::Risk) continue;
        if (b.award.split.empty()) add(b.award.payer);
        for (const SplitShare& part : b.award.split) add(part.payer);
      }
    if (payers.size() < 2) continue;
    std::string list;
    for (size_t i = 0; i < payers.size(); ++i) list += (i ? "、" : "") + std::string("「") + c.prog.payers[static_cast<size_t>(payers[i])].name + "」";
    c.report(DiagCode::E0514, c.p.caps[g].name.span, {c.p.caps[g].name.text, list}, c.p.caps[g].article);
  }
}

// ---------------------------------------------------------------------------------------------

namespace {

struct Bounds {
  std::optional<Rational> min, max;  // nullopt: unbounded
};

// Bounds of an amount over the satisfiable terms of a branch's condition.
Bounds amount_bounds(Ctx& c, const Expr& amount, const std::optional<model::Dnf>& terms) {
  Bounds out;
  bool first = true;
  auto take = [&](const Range& r) {
    std::optional<Rational> lo = r.lo ? std::optional<Rational>(r.lo->v) : std::nullopt;
    std::optional<Rational> hi = r.hi ? std::optional<Rational>(r.hi->v) : std::nullopt;
    if (first) {
      out.min = lo;
      out.max = hi;
      first = false;
      return;
    }
    out.min = lo && out.min ? std::optional<Rational>(std::min(*lo, *out.min)) : std::nullopt;
    out.max = hi && out.max ? std::optional<Rational>(std::max(*hi, *out.max)) : std::nullopt;
  };
  if (terms) {
    for (const model::Term& t : *terms)
      if (c.model.satisfiable(t)) take(c.model.value_range(amount, &t));
  }
  if (first) take(c.model.value_range(amount, nullptr));
  return out;
}

// The most a branch can pay, after its own caps; nullopt when unbounded.
std::optional<Rational> branch_max(Ctx& c, const Branch& b) {
  const Award& aw = b.award;
  if (aw.kind == Award::Kind::Benefit) return Rational(0);
  if (aw.kind == Award::Kind::Unspecified) return aw.unspec_max ? std::optional<Rational>(aw.unspec_max->c) : std::nullopt;
  if (aw.kind != Award::Kind::Amount) return std::nullopt;
  auto terms = c.model.dnf(*b.cond);
  std::optional<Rational> total = Rational(0);
  for (const Tier& t : aw.tiers) {
    if (!t.amount) continue;
    std::optional<Rational> m = amount_bounds(c, *t.amount, terms).max;
    for (const ExprPtr& cap : aw.caps)  // a cap relative to a fact (不超过「实际损失」的70%) bounds nothing fixed
      if (cap->op == Expr::Op::Const && (!m || cap->c < *m)) m = cap->c;
    if (!m) return std::nullopt;
    if (aw.tiers_each) {
      auto s = total->add(*m);
      if (!s) return std::nullopt;
      total = s;
    } else if (*m > *total) {
      total = m;
    }
  }
  return total;
}

void figure_slips(Ctx& c, const std::vector<Figure>& list, const std::string& what, std::vector<uint32_t>& reported) {
  if (list.size() < 2) return;
  for (size_t k = 0; k < list.size(); ++k) {
    if (list.size() == 2 && k == 0) continue;  // of two, the later one is taken as the slip
    bool far = true;
    for (size_t j = 0; j < list.size(); ++j) far = far && (j == k || far_apart(list[k].value, list[j].value));
    if (!far) continue;
    const ast::Rule& r = c.p.rules[list[k].rule];
    std::string written = c.text(list[k].span);
    if (c.note_quotes(r, written) || std::count(reported.begin(), reported.end(), list[k].span.begin)) continue;
    const Figure& ref = list[k == 0 ? 1 : 0];
    Diagnostic& d = c.report(DiagCode::W0601, list[k].span, {written, what + "「" + c.text(ref.span) + "」", ""}, r.article);
    explain_slip(d, list[k].span, written, list[k].value, ref.value);
    reported.push_back(list[k].span.begin);
  }
}

// 按50万元减去「已获奖励」给予补差 where the conditions hold 「已获奖励」 at 50万元 or more: the standard can
// never exceed what was received, so the top-up never pays (W0626). Only a bounded standard and a
// received amount bounded below are judged.
void topup_never_pays(Ctx& c, const ast::Rule& rule, const Branch& b) {
  const Award& aw = b.award;
  // The clause's own conditions: the top-up's guard (standard > received) left out, as it is what is judged.
  ExprPtr cond = b.cond->clone();
  std::function<void(ExprPtr&)> drop = [&](ExprPtr& x) {
    if (x->trace == aw.guard->trace) {
      x = Expr::make(Expr::Op::True, ValueType::Bool, x->span);
      return;
    }
    for (ExprPtr& a : x->args) drop(a);
  };
  drop(cond);
  auto terms = c.model.dnf(*cond);
  std::optional<Rational> most;
  for (const ExprPtr& st : aw.topup_standard) {
    if (!st) continue;
    Bounds bd = amount_bounds(c, *st, terms);
    if (!bd.max) return;
    if (!most || *bd.max > *most) most = bd.max;
  }
  Bounds got = amount_bounds(c, *aw.topup_received, terms);
  if (!most || !got.min || *most > *got.min) return;
  c.report(DiagCode::W0626, aw.topup_received->span, {money_text(*most), aw.topup_received_name, money_text(*got.min)}, rule.article);
}

}  // namespace

void check_amounts(Ctx& c) {
  std::vector<uint32_t> reported;
  std::vector<std::vector<Figure>> by_article(c.p.articles.size() + 1);
  for (size_t r = 0; r < c.p.rules.size() && r < c.prog.rules.size(); ++r) {
    const ast::Rule& rule = c.p.rules[r];
    for (const Branch& b : c.prog.rules[r].branches) {
      const Award& aw = b.award;
      if (aw.kind != Award::Kind::Amount) continue;
      if (aw.guard_topup) topup_never_pays(c, rule, b);
      std::vector<Figure> tiers, external, refs;  // refs: what a cap is compared with
      for (const Tier& t : aw.tiers) {
        if (auto f = lump(t.amount.get(), r)) tiers.push_back(*f);
        if (auto f = lump(t.external.get(), r)) external.push_back(*f);
        if (auto f = unit_price(t.amount.get(), r)) refs.push_back(*f);
      }
      for (const Figure& f : tiers) {
        refs.push_back(f);
        by_article[static_cast<size_t>(rule.article + 1)].push_back(f);
      }
      // A range whose ends are a thousand times apart: 100元-500万元.
      for (const Tier& t : aw.tiers) {
        const Expr* e = t.amount.get();
        if (e && e->op == Expr::Op::Upto && e->args.size() == 1) e = e->args[0].get();
        if (!e || e->op != Expr::Op::Const || !e->c2 || !far_apart(e->c, *e->c2)) continue;
        std::string written = c.text(e->span);
        if (c.note_quotes(rule, written)) continue;
        Diagnostic& d = c.report(DiagCode::W0601, e->span, {written, "它的上端（" + money_text(*e->c2) + "）", ""}, rule.article);
        d.help_override = Text{"核对区间两端的单位；金额无误时，在规则的说明中写明「" + written + "」",
                               "check the units of both ends; if they are right, quote `" + written + "` in the rule's 说明"};
        reported.push_back(e->span.begin);
      }
      figure_slips(c, tiers, "同一列表中的", reported);
      figure_slips(c, external, "同一列表中的", reported);

      // Clause caps: against the written amounts they cap, then against what the amount can be.
      // Only fixed caps are compared: a relative one (不超过「实际损失」的70%) has no figure of its own.
      std::optional<size_t> smallest;
      for (size_t k = 0; k < aw.caps.size(); ++k)
        if (aw.caps[k]->op == Expr::Op::Const && (!smallest || aw.caps[k]->c < aw.caps[*smallest]->c)) smallest = k;
      if (!smallest) continue;
      const Expr& cap = *aw.caps[*smallest];
      std::string cap_text = c.text(cap.span);
      if (c.note_quotes(rule, cap_text)) continue;
      // A cap far from every amount it caps; a cap far above a unit price is normal (many units).
      bool slip = !refs.empty() && std::all_of(refs.begin(), refs.end(), [&](const Figure& f) {
        bool unit = std::none_of(tiers.begin(), tiers.end(), [&](const Figure& t) { return t.span.begin == f.span.begin; });
        return far_apart(cap.c, f.value) && (!unit || cap.c < f.value);
      });
      if (slip) {
        Diagnostic& d = c.report(DiagCode::W0601, cap.span, {cap_text, "所限金额「" + c.text(refs[0].span) + "」", ""}, rule.article);
        explain_slip(d, cap.span, cap_text, cap.c, refs[0].value);
        continue;
      }
      auto terms = c.model.dnf(*b.cond);
      std::optional<Rational> most, least;
      bool first = true, unbounded = false, unbounded_below = false;
      for (const Tier& t : aw.tiers) {
        if (!t.amount) continue;
        Bounds bd = amount_bounds(c, *t.amount, terms);
        if (!bd.max) unbounded = true;
        if (!bd.min) unbounded_below = true;
        if (first) {
          most = bd.max;
          least = bd.min;
          first = false;
          continue;
        }
        if (bd.max && most && *bd.max > *most) most = bd.max;
        if (bd.min && least && *bd.min < *least) least = bd.min;
      }
      if (first) continue;
      if (!unbounded && most && *most <= cap.c)
        c.report(DiagCode::W0602, cap.span, {cap_text, money_text(*most)}, rule.article);
      else if (!unbounded_below && least && *least > cap.c)
        c.report(DiagCode::W0603, cap.span, {cap_text, money_text(*least)}, rule.article);
    }
  }

  // Written amounts of one article: one a thousand times away from all the others (at least two).
  for (std::vector<Figure>& list : by_article) {
    if (list.size() < 3) continue;
    for (size_t k = 0; k < list.size(); ++k) {
      bool far = true;
      for (size_t j = 0; j < list.size(); ++j) far = far && (j == k || far_apart(list[k].value, list[j].value));
      const ast::Rule& r = c.p.rules[list[k].rule];
      std::string written = c.text(list[k].span);
      if (!far || c.note_quotes(r, written) || std::count(reported.begin(), reported.end(), list[k].span.begin)) continue;
      std::vector<Rational> others;
      std::string shown;
      for (size_t j = 0; j < list.size(); ++j) {
        if (j == k) continue;
        others.push_back(list[j].value);
        if (others.size() <= 3) shown += (others.size() > 1 ? "、" : "") + c.text(list[j].span);
      }
      std::sort(others.begin(), others.end());
      Diagnostic& d = c.report(DiagCode::W0601, list[k].span, {written, "同一条款中的其他金额（" + shown + "）", ""}, r.article);
      explain_slip(d, list[k].span, written, list[k].value, others[others.size() / 2]);
      reported.push_back(list[k].span.begin);
    }
  }

  // Group caps that the members can never reach together.
  size_t first_cap = c.p.nodups.size();
  for (size_t g = 0; g < c.p.caps.size() && first_cap + g < c.prog.groups.size(); ++g) {
    const Group& group = c.prog.groups[first_cap + g];
    if (!group.cap || group.members.empty()) continue;
    std::optional<Rational> total = Rational(0);
    for (int m : group.members) {
      std::optional<Rational> most = Rational(0);
      for (const Branch& b : c.prog.rules[static_cast<size_t>(m)].branches) {
        auto bm = branch_max(c, b);
        if (!bm) { most.reset(); break; }
        if (*bm > *most) most = bm;
      }
      if (!most) { total.reset(); break; }
      total = total->add(*most);
      if (!total) break;
    }
    if (!total || *total > *group.cap) continue;
    const ast::CapGroup& ag = c.p.caps[g];
    Span at = ag.name.span;
    std::string cap_text = money_text(*group.cap);
    for (const ast::Literal& l : ag.limits)
      if (l.kind != ast::LitKind::Rate) {
        at = l.span;
        cap_text = l.text;
      }
    bool answered = std::any_of(group.members.begin(), group.members.end(),
                                [&](int m) { return c.note_quotes(c.p.rules[static_cast<size_t>(m)], cap_text); });
    if (!answered) c.report(DiagCode::W0602, at, {cap_text, money_text(*total)}, ag.article);
  }
}

}  // namespace zc::sema::lint_detail

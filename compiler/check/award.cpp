// Reads the meaning of an award phrase into a sema::Award: who pays, what amount expression, which
// tiers, which caps. The syntax stage typed its words (ast::Award, compiler/syntax/award.cpp); here
// each name is resolved in the order written — a payer, the base, an option keying an amount, a
// count — and the parts are put together. Anything that cannot be read with certainty is an error
// that says what is missing, never a guess (docs/language.md §4).
#include <algorithm>
#include <functional>

#include "compiler/check/checker.h"
#include "base/units.h"

namespace zc::sema {

// What the names of one award phrase (or of its 在……基础上 part) resolve to.
struct AwardReading {
  struct Item {
    const ast::Award::Amount* amount = nullptr;
    int key_fact = -1, key_option = -1;  // keyed tier: 大型企业10万元
    std::string key_label;
  };
  struct Key {
    int fact = -1, option = -1;
    std::string label;
    Span span;
  };
  struct Share {
    int payer = -1;
    int of_payer = -1;  // 承担「聊城市风险补偿资金」的40%: a share of another party's share
    Span span;
    std::optional<ast::Literal> rate;
  };
  int payer = -1;
  ExprPtr base;
  std::string base_text;
  Span base_span;
  int base_fact = -1;
  std::optional<ast::Literal> rate;
  bool rate_upto = false;
  // 按「贷款本金」的「LPR」的40%, 按「净资产」的「贴息比例」: rates that are facts or definitions,
  // multiplied with the written rate (if any) into the rate of the base.
  struct RateRef {
    ExprPtr rate;
    std::string name;
    Span span;
  };
  std::vector<RateRef> rate_refs;
  ExprPtr per_count;            // 每「认定数量」1家: the count (already net of a baseline)
  ExprPtr per_count_raw;        // the count before a baseline is taken off
  std::string per_unit;
  const ast::Award::Amount* per_amount = nullptr;
  std::vector<Item> items;
  std::vector<const ast::Award::Amount*> caps;
  std::vector<Share> shares;
  std::vector<const ast::Award::Part*> parts;  // 超过200万元的部分按1%: each part at its own rate
  const ast::Award::Steps* steps = nullptr;    // 每增加2000万元: whole steps, each paid per_amount
  std::optional<Key> key;       // an option waiting for its amount
  // 不超过「实际损失」的70%: a cap relative to a fact, placed after the first `after` fixed caps
  // (the order written).
  struct RelCap {
    ExprPtr cap;
    std::string words;
    size_t after = 0;
  };
  std::vector<RelCap> rel_caps;
  // 较「上年研发投入」新增部分: the award needs the amount to have grown (of > base).
  ExprPtr growth;
  // 减去「已获奖励」: a top-up, the amount already received (traced where it is subtracted).
  ExprPtr received;
  std::string received_text;
  bool base_topup = false;      // the base is a definition 「标准」减去「已获奖励」: paid as it is
  ExprPtr baseline;             // 在完成「年度目标任务」的基础上: a count to reach and count from
  std::string baseline_name;
  bool unresolved = false;      // a name was already reported: later errors would only echo it
};

// Follows the award's steps: each name resolved, each amount placed, each problem the words showed
// reported where it stands, so the diagnostics come in the order of the text.
void Checker::resolve_award(const ast::Award& w, const ast::Clause& cl, const std::vector<Categories>& cats, AwardReading& r, bool ontop) {
  r.rate = w.rate;
  r.rate_upto = w.rate_upto;
  for (const ast::Award::Share& s : w.shares) r.shares.push_back(AwardReading::Share{-1, -1, s.span, s.rate});
  for (const ast::Award::Step& st : w.steps) {
    size_t i = static_cast<size_t>(st.index);
    switch (st.kind) {
      case ast::Award::Step::Kind::Ref: award_ref(w.refs[i], cats, r, ontop); break;
      case ast::Award::Step::Kind::Amount: award_amount(w.amounts[i], w, r); break;
      case ast::Award::Step::Kind::Limit: award_limit(w.limits[i], r); break;
      case ast::Award::Step::Kind::PerUnit: award_per_unit(w.per_units[i], cl, r); break;
      case ast::Award::Step::Kind::Problem: report(w.problems[i]); break;
      case ast::Award::Step::Kind::RelCap: award_rel_cap(w.rel_caps[i], r); break;
      case ast::Award::Step::Kind::Part: r.parts.push_back(&w.parts[i]); break;
      case ast::Award::Step::Kind::Growth: award_growth(w.growths[i], r); break;
      case ast::Award::Step::Kind::TopUp: award_topup_received(w.topups[i], r); break;
      case ast::Award::Step::Kind::Steps:
        if (r.steps) report(make_diag(DiagCode::E0204, w.steps_each[i].span, {"两个“每……”", "一句给付只按一种档距递增"}));
        else r.steps = &w.steps_each[i];
        break;
      case ast::Award::Step::Kind::SegmentEnd:
        // An option keys the amount after it (大型企业10万元); one with no amount after it would key
        // nothing and vanish — as the last item of a condition list did when it ran into the award.
        if (r.key && !r.unresolved) {
          report(make_diag(DiagCode::E0204, r.key->span, {"选项「" + r.key->label + "」后没有金额",
                                                          "按类别给付写作 给予大型企业10万元、中型企业5万元；条件中的选项写在“为”之后，如「平台级别」为国家级、省级和市级"}));
          r.unresolved = true;
        }
        r.key.reset();
        break;
    }
  }
}

void Checker::award_ref(const ast::Award::Ref& ref, const std::vector<Categories>& cats, AwardReading& r, bool ontop) {
  using Slot = ast::Award::Ref::Slot;
  const ast::Name& n = ref.name;
  // An option written before an amount keys it: 大型企业10万元.
  auto opt = options_.find(n.text);
  if ((ref.slot == Slot::Free || ref.slot == Slot::ShareOf) && !syms_.count(n.text) && opt != options_.end()) {
    const auto& cands = opt->second;
    int fact = -1, index = -1;
    for (const auto& [f, k] : cands)
      for (const Categories& list : cats)
        if (list.kind == Categories::Kind::Options && list.fact == f) { fact = f; index = k; }
    if (fact < 0 && cands.size() == 1) { fact = cands[0].first; index = cands[0].second; }
    if (fact < 0) {
      std::string list;
      for (size_t c = 0; c < cands.size(); ++c)
        list += (c ? "、" : "") + std::string("「") + prog_.facts[static_cast<size_t>(cands[c].first)].name + "」";
      report(make_diag(DiagCode::E0306, n.span, {n.text, list, prog_.facts[static_cast<size_t>(cands[0].first)].name}));
      r.unresolved = true;
      return;
    }
    r.key = AwardReading::Key{fact, index, n.text, n.span};
    return;
  }
  bool payer_slot = ref.slot == Slot::From || ref.slot == Slot::Party;
  const Symbol* s = payer_slot ? lookup_payer(n) : lookup(n);
  if (!s) { r.unresolved = true; return; }
  if (s->kind == Symbol::Kind::Payer) {
    if (ref.slot == Slot::Party) { r.shares[static_cast<size_t>(ref.share)].payer = s->index; return; }
    if (ref.slot == Slot::ShareOf) { r.shares[static_cast<size_t>(ref.share)].of_payer = s->index; return; }
    if (r.payer >= 0 && r.payer != s->index) {
      report(make_diag(DiagCode::E0204, n.span, {"两个出资方「" + prog_.payers[static_cast<size_t>(r.payer)].name + "」「" + n.text + "」",
                                                 "一句给付只写一个出资方；由上级先行给付的写作“在「上级」给予……的基础上”"}));
      return;
    }
    r.payer = s->index;
    return;
  }
  if (payer_slot) {  // 由「市级财政」给予……, 「合作银行」承担30%: only a payer stands here
    report(make_diag(DiagCode::E0303, n.span, {n.text, kind_text(*s), "出资方",
                                               ref.slot == Slot::From ? "“由”后写出资方，如 由「市级财政」给予10万元" : "“承担”前写出资方，如「合作银行」承担30%"}));
    r.unresolved = true;
    return;
  }
  if (s->kind != Symbol::Kind::Fact && s->kind != Symbol::Kind::Derived) {
    report(make_diag(DiagCode::E0303, n.span, {n.text, kind_text(*s), "金额事实或出资方", "给付里写出资方和作为基数的金额事实"}));
    r.unresolved = true;
    return;
  }
  ValueType t = type_of(*s);
  if (t == ValueType::Money) {
    if (r.base && ref.after_of) {
      // 按「贷款本金」的「贴息金额」: where a rate stands, an amount; amount × amount is no award.
      report(make_diag(DiagCode::E0408, n.span, {r.base_text, n.text}));
      r.unresolved = true;
      return;
    }
    if (r.base) {
      report(make_diag(DiagCode::E0204, n.span, {"两个基数「" + r.base_text + "」「" + n.text + "」",
                                                 "一句给付只有一个基数；两者取低时写作「甲」（不超过「乙」的3%）"}));
      return;
    }
    r.base = load(*s, n.span, true);
    r.base_text = n.text;
    r.base_span = n.span;
    r.base_fact = s->kind == Symbol::Kind::Fact ? s->index : -1;
    r.base_topup = s->kind == Symbol::Kind::Derived && p_.defines[static_cast<size_t>(s->index)].kind == ast::Define::Kind::TopUp;
    return;
  }
  if (t == ValueType::Rate) {  // 按「LPR」的40%: a rate that is a fact or a definition
    r.rate_refs.push_back(AwardReading::RateRef{load(*s, n.span, true), n.text, n.span});
    return;
  }
  if (t == ValueType::Count && ontop && !r.baseline) {
    r.baseline = load(*s, n.span, true);
    r.baseline_name = n.text;
    return;
  }
  if (t == ValueType::Count)
    report(make_diag(DiagCode::E0204, n.span, {"数量「" + n.text + "」不能直接作为给付",
                                               "按数量给付写作：每「" + n.text + "」1" + prog_.facts[static_cast<size_t>(s->index)].unit + "给予……"}));
  else if (t == ValueType::Bool) {
    // A yes/no fact among the award's words is a condition written where the award is read
    // (……给予15万元奖励，「复审通过」的，给予5万元): say how an alternative of its own is written.
    Diagnostic d = make_diag(DiagCode::E0402, n.span, {n.text, type_text(t)});
    d.help_override = Text{"「" + n.text + "」是条件时，写在“对”后另起一种情形：……，对「" + n.text + "」的，给予……",
                           "if `" + n.text + "` is a condition, open an alternative of its own with 对: ……，对「" + n.text + "」的，给予……"};
    report(std::move(d));
  } else {
    report(make_diag(DiagCode::E0402, n.span, {n.text, type_text(t)}));
  }
  r.unresolved = true;
}

void Checker::award_amount(const ast::Award::Amount& am, const ast::Award& w, AwardReading& r) {
  std::optional<AwardReading::Key> key = std::move(r.key);
  r.key.reset();
  switch (am.role) {
    case ast::Award::Amount::Role::Cap:
      if (key) {
        // 按「销售价格」的30%给予成套装备最高100万元、单台设备最高50万元: caps keyed by category
        // would each apply to every category; refuse rather than drop the keys.
        if (!r.unresolved)
          report(make_diag(DiagCode::E0204, key->span.to(am.span),
                           {"按类别的上限「" + source_text(key->span.to(am.span)) + "」",
                            "按类别分别封顶时分成几种情形，各写一个上限：对「" + prog_.facts[static_cast<size_t>(key->fact)].name + "」为" +
                                key->label + "的，按……给予奖励，最高" + am.lit.text + "；对……"}));
        r.unresolved = true;
        return;
      }
      r.caps.push_back(&am);
      return;
    case ast::Award::Amount::Role::PerUnit:
      r.per_amount = &am;
      return;
    case ast::Award::Amount::Role::Item:
      if (am.upto && r.base && !w.rate) {
        // 依据「税收地方留成」给予最高不超过200万元: [0, min(base, 200万元)]
        r.caps.push_back(&am);
        r.rate_upto = true;
        return;
      }
      r.items.push_back(key ? AwardReading::Item{&am, key->fact, key->option, key->label} : AwardReading::Item{&am, -1, -1, ""});
      return;
  }
}

// （不超过「投保金额」的3%） right after a base: the base is capped.
void Checker::award_limit(const ast::Award::Limit& l, AwardReading& r) {
  if (!r.base) {
    report(make_diag(DiagCode::E0204, l.span, {"括号中的限额前没有基数", "写作「保费」（不超过「投保金额」的3%）"}));
    return;
  }
  ExprPtr limit;
  for (const ast::Value& v : l.operands) {
    if (v.kind != ast::Value::Kind::Name) {
      limit = literal_expr(v.lit, v.span);
      continue;
    }
    const Symbol* s = lookup(v.name);
    if (s && is_amount(*s))
      limit = load(*s, v.span, true);
    else if (s)
      report(make_diag(DiagCode::E0402, v.span, {v.name.text, kind_text(*s)}));
  }
  if (!l.max || !limit) {
    report(make_diag(DiagCode::E0204, l.span, {"无法读懂括号中的限额", "写作（不超过「投保金额」的3%）或（不超过100万元）"}));
    return;
  }
  if (l.rate)
    limit = Expr::binary(Expr::Op::Mul, ValueType::Money, std::move(limit), Expr::constant(l.rate->value, ValueType::Rate, l.rate->span), l.span);
  r.base = Expr::binary(Expr::Op::Min, ValueType::Money, std::move(r.base), std::move(limit), l.span);
  r.base->trace = "「" + r.base_text + "」" + source_text(l.span) + "，计为{0:money}";
}

// 补偿金额不超过「实际损失」的70%, 资助金额不超过「实际支付费用」: min(amount, fact × rate). The name
// must be an amount (a fact or a definition); a count or a rate there caps nothing in 元.
void Checker::award_rel_cap(const ast::Award::RelCap& c, AwardReading& r) {
  const Symbol* s = lookup(c.name);
  if (!s) {
    r.unresolved = true;
    return;
  }
  if (!is_amount(*s)) {
    report(make_diag(DiagCode::E0403, c.name.span, {c.name.text}));
    r.unresolved = true;
    return;
  }
  ExprPtr cap = load(*s, c.name.span, false);
  if (c.rate) cap = Expr::binary(Expr::Op::Mul, ValueType::Money, std::move(cap), Expr::constant(c.rate->value, ValueType::Rate, c.rate->span), c.span);
  cap->trace = "「" + c.name.text + "」" + (c.rate ? "的" + c.rate->text : "") + "为{0:money}";
  r.rel_caps.push_back(AwardReading::RelCap{std::move(cap), c.words, r.caps.size()});
}

// 按「当年研发投入」较「上年研发投入」新增部分的15%: the base is max(0, of − base) and the award needs
// of > base — no growth, no award (不予支持, as below the threshold of 超过2亿元的部分), the trace
// saying which it was. Both are amounts; anything else is E0534 (a count grows per unit: 每……较……增加).
void Checker::award_growth(const ast::Award::Growth& g, AwardReading& r) {
  const Symbol* cur = lookup(*g.of);
  const Symbol* prev = lookup(g.base);
  if (!cur || !prev) {
    r.unresolved = true;
    return;
  }
  if (!is_amount(*cur) || !is_amount(*prev)) {
    report(make_diag(DiagCode::E0534, g.span, {g.of->text, kind_text(*cur), g.base.text, kind_text(*prev)}));
    r.unresolved = true;
    return;
  }
  if (r.base) {
    report(make_diag(DiagCode::E0204, g.span, {"两个基数「" + r.base_text + "」「" + g.of->text + "」",
                                               "一句给付只有一个基数；两者取低时写作「甲」（不超过「乙」的3%）"}));
    return;
  }
  auto diff = Expr::binary(Expr::Op::Sub, ValueType::Money, load(*cur, g.of->span, true), load(*prev, g.base.span, true), g.span);
  r.base = Expr::unary(Expr::Op::Clamp0, ValueType::Money, std::move(diff), g.span);
  r.base->trace = "较「" + g.base.text + "」新增{0:money}";
  r.base_text = g.of->text;
  r.base_span = g.span;
  r.growth = Expr::binary(Expr::Op::Cmp, ValueType::Bool, load(*cur, g.of->span, false), load(*prev, g.base.span, false), g.span);
  r.growth->cmp = CmpOp::Gt;
  r.growth->trace = "「" + g.of->text + "」较「" + g.base.text + "」有增长：{0:bool}";
}

// 减去「已获奖励」: what was already received must be an amount (a fact or a definition); E0550 otherwise.
void Checker::award_topup_received(const ast::Award::TopUp& t, AwardReading& r) {
  const Symbol* s = lookup(t.received);
  if (!s) {
    r.unresolved = true;
    return;
  }
  if (!is_amount(*s)) {
    report(make_diag(DiagCode::E0550, t.received.span, {t.received.text, kind_text(*s)}));
    r.unresolved = true;
    return;
  }
  if (r.received) {
    report(make_diag(DiagCode::E0204, t.span, {"两处补差「" + r.received_text + "」「" + t.received.text + "」",
                                               "已获得的几笔金额合计为一个定义，如 定义「已获奖励」：「已获市级奖励」、「已获区级奖励」合计。"}));
    r.unresolved = true;
    return;
  }
  r.received = load(*s, t.received.span, true);
  r.received_text = t.received.text;
}

namespace {
// A copy without the explanation templates: a condition that recomputes an amount traced elsewhere.
ExprPtr untraced(const Expr& e) {
  ExprPtr c = e.clone();
  std::function<void(Expr&)> strip = [&](Expr& x) {
    x.trace.clear();
    for (ExprPtr& a : x.args) strip(*a);
  };
  strip(*c);
  return c;
}
// Whether an amount is one definite sum (no 最高…… maximum, no range): a top-up's standard must be.
bool definite(const Expr& e) {
  if (e.op == Expr::Op::Upto || (e.op == Expr::Op::Const && e.c2)) return false;
  return std::all_of(e.args.begin(), e.args.end(), [](const ExprPtr& a) { return definite(*a); });
}
}  // namespace

// 按「新级别标准」减去「已获奖励」给予补差, 分别按50万元、30万元减去「已获奖励」给予补差: each tier's amount,
// with the clause's caps, is the standard; the award is max(0, standard − received). It needs
// standard > received (the tier taken's): where what was received already reaches the standard the
// rule reports 不予支持 with that reason, never an award of 0元 (docs/language.md §4, *Top-ups*).
void Checker::award_topup(const ast::Award& w, AwardReading& main, Award& award) {
  const ast::Award::TopUp& tu = w.topups[0];
  auto refuse = [&](const std::string& why) {
    report(make_diag(DiagCode::E0551, tu.span, {why}));
    award.tiers.clear();
  };
  if (award.tiers.empty()) return;  // the amount was already reported
  if (award.tiers_each) return refuse("分别给付的几项相加，不是一个标准");
  if (!w.split_parts.empty() || w.ratio_split) return refuse("补差不在出资方之间分担");
  if (award.guard) return refuse("补差不与较基期增长、超过门槛的部分或完成目标的基础同用");
  const std::string& name = main.received_text;
  ExprPtr guard;
  for (Tier& t : award.tiers) {
    if (!t.amount) {
      award.topup_standard.push_back(nullptr);
      continue;
    }
    if (!definite(*t.amount)) return refuse("「" + source_text(t.amount->span) + "」是最高额或区间，不是一个确定的金额");
    ExprPtr standard = std::move(t.amount);
    if (standard->trace.empty()) standard->trace = "标准为{0:money}";
    for (size_t i = 0; i < award.caps.size(); ++i) {
      standard = Expr::binary(Expr::Op::Min, ValueType::Money, std::move(standard), award.caps[i]->clone(), award.caps[i]->span);
      standard->trace = award.cap_texts[i] + "，取{0:money}";
    }
    auto above = Expr::binary(Expr::Op::Cmp, ValueType::Bool, untraced(*standard), untraced(*main.received), tu.span);
    above->cmp = CmpOp::Gt;
    if (t.when) {
      auto other = Expr::unary(Expr::Op::Not, ValueType::Bool, untraced(*t.when), tu.span);
      above = Expr::binary(Expr::Op::Or, ValueType::Bool, std::move(other), std::move(above), tu.span);
    }
    guard = guard ? Expr::binary(Expr::Op::And, ValueType::Bool, std::move(guard), std::move(above), tu.span) : std::move(above);
    award.topup_standard.push_back(untraced(*standard));
    auto diff = Expr::binary(Expr::Op::Sub, ValueType::Money, std::move(standard), main.received->clone(), tu.span);
    t.amount = Expr::unary(Expr::Op::Clamp0, ValueType::Money, std::move(diff), tu.span);
    t.amount->trace = "减去「" + name + "」，补差{0:money}";
  }
  award.caps.clear();
  award.cap_texts.clear();
  if (!guard) return;
  guard->trace = "标准高于「" + name + "」：{0:bool}";
  award.guard = std::move(guard);
  award.guard_topup = true;
  award.topup_received = untraced(*main.received);
  award.topup_received_name = name;
}

// 每「认定数量」1家, 每培育1家「高新技术企业」, 每「认定数」较「目标数」增加1家: the count paid for.
void Checker::award_per_unit(const ast::Award::PerUnit& pu, const ast::Clause& cl, AwardReading& r) {
  std::vector<const ast::Name*> names;
  if (pu.fact) names.push_back(&*pu.fact);
  if (pu.fact_after) names.push_back(&*pu.fact_after);
  ExprPtr count;
  for (const ast::Name* n : names) {
    const Symbol* s = lookup(*n);
    if (!s) continue;
    if ((s->kind != Symbol::Kind::Fact && s->kind != Symbol::Kind::Derived) || type_of(*s) != ValueType::Count) {
      report(make_diag(DiagCode::E0303, n->span, {n->text, kind_text(*s), "数量事实", "“每”后写数量事实，如 每「培育高企数」1家"}));
      continue;
    }
    if (count) {
      report(make_diag(DiagCode::E0204, n->span, {"“每”后有两个数量", "只写一个数量事实"}));
      continue;
    }
    const std::string unit = s->kind == Symbol::Kind::Fact ? prog_.facts[static_cast<size_t>(s->index)].unit : "";
    if (!unit.empty() && unit != pu.count.unit) report(make_diag(DiagCode::E0404, pu.count.span, {n->text, unit, pu.count.unit}));
    count = load(*s, n->span, true);
  }
  if (!count && names.empty()) {
    // 「一年认定数量」2家以上的，每认定1家补助5000元: the count the clause's threshold is about.
    std::vector<const ast::Name*> found;
    std::function<void(const ast::Cond&)> walk = [&](const ast::Cond& c) {
      if (c.kind == ast::Cond::Kind::Fact && c.cmp && c.names.size() == 1) {
        auto it = syms_.find(c.names[0].text);
        if (it != syms_.end() && it->second.kind == Symbol::Kind::Fact) {
          const Fact& f = prog_.facts[static_cast<size_t>(it->second.index)];
          bool seen = std::any_of(found.begin(), found.end(), [&](const ast::Name* n) { return n->text == c.names[0].text; });
          if (f.type == ValueType::Count && f.unit == pu.count.unit && !seen) found.push_back(&c.names[0]);
        }
      }
      for (const auto& ch : c.children) walk(*ch);
    };
    for (const ast::CondSeg& seg : cl.conds)
      if (seg.cond) walk(*seg.cond);
    if (found.size() != 1) {
      report(make_diag(DiagCode::E0204, pu.span, {found.empty() ? "“每”后缺少数量事实" : "“每”所指的数量不明确",
                                                  "写作 每「认定数量」1家给予……，或在条件中只写一个该单位的数量门槛"}));
      r.unresolved = true;
      return;
    }
    count = load(*lookup(*found[0]), pu.span, true);
  }
  if (!count) return;
  if (!(pu.count.value == Rational(1)))
    report(make_diag(DiagCode::E0204, pu.count.span, {"按每" + pu.count.text + "给付", "写作每1" + pu.count.unit + "给予……（金额按每1" + pu.count.unit + "计）"}));
  if (pu.baseline) {
    const Symbol* s = lookup(*pu.baseline);
    if (s && (s->kind == Symbol::Kind::Fact || s->kind == Symbol::Kind::Derived) && type_of(*s) == ValueType::Count) {
      auto diff = Expr::binary(Expr::Op::Sub, ValueType::Count, std::move(count), load(*s, pu.baseline->span, true), pu.span);
      count = Expr::unary(Expr::Op::Clamp0, ValueType::Count, std::move(diff), pu.span);
      count->trace = "较「" + pu.baseline->text + "」增加{0:count:" + pu.count.unit + "}";
    } else if (s) {
      report(make_diag(DiagCode::E0303, pu.baseline->span, {pu.baseline->text, kind_text(*s), "数量事实", "“较”后写作为基准的数量事实"}));
    }
  }
  r.per_count_raw = count->clone();
  r.per_count = std::move(count);
  r.per_unit = pu.count.unit;
}

Award Checker::read_award(const ast::Clause& cl, const std::vector<Categories>& cats, bool conds_ok) {
  Award award;
  const ast::Award& w = cl.award;
  AwardReading main;
  resolve_award(w, cl, cats, main, false);
  if (w.refused) return award;
  if (w.per_without_amount && main.per_count) {
    report(make_diag(DiagCode::E0204, cl.pay_spans.back(), {"“每……”后缺少金额", "写作 每「认定数量」1家，给予5000元"}));
    main.unresolved = true;
  }
  AwardReading ontop;
  if (cl.ontop) resolve_award(*cl.ontop, cl, cats, ontop, true);
  bool has_ontop = cl.ontop.has_value();

  // Once a name was reported, or the conditions failed, further errors would only repeat it.
  if (main.unresolved || ontop.unresolved) return award;
  // 「市、区财政」承担「不良本金」35%的风险补偿: one party bearing a rate, not a 风险分担 split, is an
  // award by that party.
  if (main.shares.size() == 1 && !w.risk_split && main.shares[0].of_payer < 0 && main.shares[0].rate) {
    if (main.payer < 0) main.payer = main.shares[0].payer;
    main.rate = main.shares[0].rate;
    main.shares.clear();
  }
  // 在完成「年度目标任务」的基础上，每增加认定1家: the count is taken from the baseline, and the
  // award needs the baseline reached.
  if (ontop.baseline) {
    if (!main.per_count) {
      report(make_diag(DiagCode::E0204, ontop.baseline->span, {"“在完成「" + ontop.baseline_name + "」的基础上”后没有“每……”",
                                                               "写作 在完成「年度目标任务」的基础上，每增加认定1家「高新技术企业」给予……"}));
      return award;
    }
    award.guard = Expr::binary(Expr::Op::Cmp, ValueType::Bool, main.per_count_raw->clone(), ontop.baseline->clone(), ontop.baseline->span);
    award.guard->cmp = CmpOp::Ge;
    award.guard->trace = "条件完成「" + ontop.baseline_name + "」：{0:bool}";
    auto diff = Expr::binary(Expr::Op::Sub, ValueType::Count, std::move(main.per_count), ontop.baseline->clone(), ontop.baseline->span);
    main.per_count = Expr::unary(Expr::Op::Clamp0, ValueType::Count, std::move(diff), ontop.baseline->span);
    main.per_count->trace = "较「" + ontop.baseline_name + "」增加{0:count:" + main.per_unit + "}";
    has_ontop = ontop.payer >= 0;  // a baseline is not a higher level's award
  }
  if (main.growth) {
    award.guard = award.guard ? Expr::binary(Expr::Op::And, ValueType::Bool, std::move(award.guard), std::move(main.growth), w.growths[0].span)
                              : std::move(main.growth);
    award.guard_growth = true;
  }
  award.selective = w.selective;
  award.scope = w.scope;
  // 「临清市财政」对……的企业，给予……: the payer may be written before 对.
  for (const ast::CondSeg& seg : cl.conds) {
    if (!seg.payer || main.payer >= 0) continue;
    const Symbol* s = lookup_payer(*seg.payer);
    if (!s) return award;
    if (s->kind != Symbol::Kind::Payer) {
      report(make_diag(DiagCode::E0303, seg.payer->span, {seg.payer->text, kind_text(*s), "出资方", "“对”前只能写出资方"}));
      return award;
    }
    main.payer = s->index;
  }
  award.payer = main.payer >= 0 ? main.payer : prog_.default_payer;
  if (award.payer < 0 && main.shares.empty()) error(DiagCode::E0507, cl.pay_spans.empty() ? cl.span : cl.pay_spans[0]);

  // Matching (配套) must match another payer's award.
  if (w.matching && main.base_fact >= 0) {
    const Fact& f = prog_.facts[static_cast<size_t>(main.base_fact)];
    if (f.from_payer < 0 || f.from_payer == award.payer) report(make_diag(DiagCode::E0504, main.base_span, {main.base_text}));
  }

  Span at = cl.pay_spans.empty() ? cl.span : cl.pay_spans.front().to(cl.pay_spans.back());

  // An award split between payers (split.cpp) must pay an amount, and only this policy's levels pay it.
  if (!w.split_parts.empty() || w.ratio_split) {
    const char* why = w.case_by_case ? "一事一议没有金额" : w.deduct ? "加计扣除不是给付" : w.unspecified || w.some_rate ? "金额未明确"
                    : !main.shares.empty() ? "风险分担已写明各方承担的比例" : has_ontop ? "在上级给付基础上的给付只由本级给付" : nullptr;
    if (why) {
      report(make_diag(DiagCode::E0549, at, {why}));
      return award;
    }
  }

  // ---- the kinds that carry no amount ----
  if (w.case_by_case) {
    award.kind = Award::Kind::Case;
    return award;
  }
  if (w.deduct) {
    award.kind = Award::Kind::Deduction;
    if (!main.base || !main.rate) {
      report(make_diag(DiagCode::E0204, at, {"加计扣除缺少基数或比例", "写作 落实「研发费用」加计100%扣除政策"}));
      return award;
    }
    award.deduction = Expr::binary(Expr::Op::Mul, ValueType::Money, std::move(main.base),
                                   Expr::constant(main.rate->value, ValueType::Rate, main.rate->span), at);
    award.deduction->trace = "加计扣除" + main.rate->text + "，计得{0:money}";
    award.deduction = Expr::unary(Expr::Op::Round, ValueType::Money, std::move(award.deduction), at);
    return award;
  }
  bool has_amount = !main.items.empty() || main.rate || !main.rate_refs.empty() || main.per_count || main.base || w.same_amount ||
                    w.unspecified || w.some_rate || !main.parts.empty() || main.steps;
  if (w.benefit && !has_amount) {
    award.kind = Award::Kind::Benefit;
    award.benefit = w.benefit_text;
    return award;
  }
  if (w.benefit) award.benefit = w.benefit_text;  // granted together with the amount
  if (!main.shares.empty()) {
    award.kind = Award::Kind::Risk;
    risk_shares(main, award, at);
    return award;
  }
  if (w.unspecified || w.some_rate) {
    award.kind = Award::Kind::Unspecified;
    for (const ast::Award::Amount* cap : main.caps)
      if (!award.unspec_max || cap->lit.value < award.unspec_max->c) award.unspec_max = Expr::constant(cap->lit.value, ValueType::Money, cap->lit.span);
    for (const AwardReading::Item& it : main.items) {
      const ast::Literal& lit = it.amount->lit;
      if (it.amount->upto && (!award.unspec_max || lit.value < award.unspec_max->c))
        award.unspec_max = Expr::constant(lit.hi ? *lit.hi : lit.value, ValueType::Money, it.amount->span);
    }
    if (!main.rel_caps.empty())  // 金额未明确 with a relative cap: its maximum is not a constant
      report(make_diag(DiagCode::E0204, main.rel_caps[0].cap->span, {"金额未明确的给付带有相对上限「" + main.rel_caps[0].words + "」",
                                                                    "金额未明确时只写固定的最高额，如 最高50万元"}));
    return award;
  }
  award.kind = Award::Kind::Amount;
  award_amounts(w, main, cats, conds_ok, award, at);
  if (main.received) award_topup(w, main, award);
  if (!w.split_parts.empty() || w.ratio_split) {
    SplitWhole whole;
    if (main.rate && main.base && main.rate_refs.empty() && !w.same_amount) whole.rate = &*main.rate;
    if (main.items.size() == 1 && !main.base && !main.per_count && !main.steps && main.parts.empty() && main.items[0].key_fact < 0 &&
        !main.items[0].amount->lit.hi) {
      if (main.items[0].amount->upto) whole.cap = &main.items[0].amount->lit;
      else whole.amount = &main.items[0].amount->lit;
    }
    for (const ast::Award::Amount* cap : main.caps)
      if (!cap->lit.hi && (!whole.cap || cap->lit.value < whole.cap->value)) whole.cap = &cap->lit;
    split_award(w, whole, award, at);
  }
  if (award.tiers.empty() || !has_ontop) return award;

  // ---- 在「上级」……的基础上: the higher level's part, paired with the same tiers ----
  if (ontop.payer < 0) {
    report(make_diag(DiagCode::E0204, at, {"“在……基础上”中没有写上级出资方", "写作 在「聊城市财政」给予200万元奖励的基础上"}));
    return award;
  }
  award.external_payer = ontop.payer;
  std::vector<ExprPtr> ext;
  for (const AwardReading::Item& it : ontop.items) ext.push_back(item_expr(*it.amount));
  // 在「聊城市财政」给予「聊城市奖励金额」的基础上: the higher level's part is a fact.
  if (ext.empty() && ontop.base) ext.push_back(ontop.base->clone());
  if (ext.size() == award.tiers.size()) {
    for (size_t k = 0; k < ext.size(); ++k) award.tiers[k].external = std::move(ext[k]);
  } else if (ext.size() == 1) {
    for (Tier& t : award.tiers) t.external = ext[0]->clone();
  } else if (!ext.empty()) {
    report(make_diag(DiagCode::E0501, cl.span, {std::to_string(award.tiers.size()), std::to_string(ext.size())}));
  }
  return award;
}

// 按「不良本金损失」风险分担：「省风险补偿资金」承担35%，……: each party's net share of the loss.
void Checker::risk_shares(AwardReading& main, Award& award, Span at) {
  if (!main.base) {
    report(make_diag(DiagCode::E0204, at, {"风险分担缺少损失金额", "写作 按「不良贷款本金损失」风险分担：「省风险补偿资金」承担35%，……"}));
    return;
  }
  Rational top(0);
  std::vector<Rational> share(main.shares.size());
  for (size_t k = 0; k < main.shares.size(); ++k) {
    const AwardReading::Share& sh = main.shares[k];
    if (!sh.rate) {
      report(make_diag(DiagCode::E0204, sh.span, {"“承担”后缺少比例", "写作「合作银行」承担30%"}));
      return;
    }
    share[k] = sh.rate->value;
    if (sh.rate->value > Rational(1)) {
      error(DiagCode::E0506, sh.span, {prog_.payers[static_cast<size_t>(sh.payer)].name});
      return;
    }
    if (sh.of_payer < 0) top = *top.add(sh.rate->value);
  }
  if (!(top == Rational(1))) {
    auto pct = top.mul(Rational(100));
    error(DiagCode::E0502, at, {(pct ? pct->to_decimal() : std::string("?")) + "%"});
    return;
  }
  // Net shares: a party bearing part of another's share takes it out of that share.
  std::vector<Rational> net = share;
  for (size_t k = 0; k < main.shares.size(); ++k) {
    const AwardReading::Share& sh = main.shares[k];
    if (sh.of_payer < 0) continue;
    size_t owner = main.shares.size();
    for (size_t j = 0; j < main.shares.size(); ++j)
      if (main.shares[j].payer == sh.of_payer && main.shares[j].of_payer < 0) owner = j;
    if (owner == main.shares.size()) {
      report(make_diag(DiagCode::E0204, sh.span, {"「" + prog_.payers[static_cast<size_t>(sh.of_payer)].name + "」没有承担份额", "先写该方承担的比例"}));
      return;
    }
    Rational part = *share[owner].mul(sh.rate->value);
    net[k] = part;
    net[owner] = *net[owner].sub(part);
  }
  for (size_t k = 0; k < main.shares.size(); ++k) {
    RiskShare rs;
    rs.payer = main.shares[k].payer;
    rs.text = "「" + prog_.payers[static_cast<size_t>(rs.payer)].name + "」承担" + rate_text(net[k]);
    rs.amount = Expr::binary(Expr::Op::Mul, ValueType::Money, main.base->clone(), Expr::constant(net[k], ValueType::Rate, at), at);
    rs.amount->trace = rs.text + "，计{0:money}";
    rs.amount = Expr::unary(Expr::Op::Round, ValueType::Money, std::move(rs.amount), at);
    award.shares.push_back(std::move(rs));
  }
}

// One amount as written: 10万元, 100-500万元 (a range), 最高50万元 (anything from 0 to it).
ExprPtr Checker::item_expr(const ast::Award::Amount& am) {
  auto e = Expr::constant(am.lit.value, ValueType::Money, am.span);
  if (am.lit.hi) {
    e->c2 = am.lit.hi;
    if (*am.lit.hi < am.lit.value) report(make_diag(DiagCode::E0204, am.span, {"区间「" + am.lit.text + "」下限高于上限", "写作 100-500万元"}));
  }
  if (am.upto) {
    e = Expr::unary(Expr::Op::Upto, ValueType::Money, std::move(e), am.span);
    e->trace = "最高" + am.lit.text + "，可在{0:money}内确定";
  }
  return e;
}

// The amount expressions (one per listed amount) and the tiers they pay in: one amount, keyed by
// the options written before them, or paired by 分别 with a category list of the conditions.
void Checker::award_amounts(const ast::Award& w, AwardReading& main, const std::vector<Categories>& cats, bool conds_ok, Award& award, Span at) {
  std::vector<ExprPtr> amounts;
  std::vector<const AwardReading::Item*> items;
  if (!main.parts.empty()) {
    ExprPtr e = parts_amount(w, main, award, at);
    if (!e) return;
    amounts.push_back(std::move(e));
  } else if (main.steps) {
    ExprPtr e = steps_amount(w, main, at);
    if (!e) return;
    amounts.push_back(std::move(e));
  } else if (main.base && (main.rate || w.same_amount || !main.rate_refs.empty())) {
    if (!main.items.empty())
      report(make_diag(DiagCode::E0204, main.items[0].amount->span, {"既有比例又有金额「" + main.items[0].amount->lit.text + "」",
                                                                     "按比例给付时，金额上限写作“最高不超过……”"}));
    Rational rate = w.same_amount ? Rational(1) : main.rate ? main.rate->value : Rational(1);
    std::string rate_shown = w.same_amount ? "同等额度" : main.rate ? main.rate->text : "";
    ExprPtr rate_expr = Expr::constant(rate, ValueType::Rate, at);
    if (!main.rate_refs.empty()) {
      // 「LPR」的40%: the rates that are facts, in the order written, then the written rate.
      std::string names;
      ExprPtr product;
      for (AwardReading::RateRef& rr : main.rate_refs) {
        names += (names.empty() ? "" : "×") + std::string("「") + rr.name + "」";
        product = product ? Expr::binary(Expr::Op::Mul, ValueType::Rate, std::move(product), std::move(rr.rate), rr.span) : std::move(rr.rate);
      }
      rate_shown = names + (main.rate ? "的" + main.rate->text : "");
      if (main.rate || main.rate_refs.size() > 1) {
        if (main.rate) product = Expr::binary(Expr::Op::Mul, ValueType::Rate, std::move(product), std::move(rate_expr), at);
        product->trace = rate_shown + "为{0:rate}";
      }
      rate_expr = std::move(product);
    }
    auto e = Expr::binary(Expr::Op::Mul, ValueType::Money, main.base->clone(), std::move(rate_expr), at);
    e->trace = "按" + rate_shown + "计得{0:money}";
    if (main.rate_upto) {
      e = Expr::unary(Expr::Op::Upto, ValueType::Money, std::move(e), at);
      e->trace = "最高" + rate_shown + "，可在{0:money}内确定";
    }
    amounts.push_back(std::move(e));
  } else if ((main.rate || !main.rate_refs.empty()) && !main.base) {
    if (!main.rate_refs.empty())  // 按「研发占比」的20%: a rate of a rate, with no amount to apply it to
      report(make_diag(DiagCode::E0204, main.rate_refs[0].span, {"比例「" + main.rate_refs[0].name + "」缺少金额基数",
                                                                "比例事实要乘以金额，如 按「贷款本金」的「" + main.rate_refs[0].name + "」给予贴息"}));
    else
      report(make_diag(DiagCode::E0204, main.rate->span, {"比例「" + main.rate->text + "」缺少基数", "写出基数，如 按「市到位资金」的20%给予补助"}));
    return;
  } else if (main.per_count && main.per_amount) {
    if (main.per_amount->upto)
      report(make_diag(DiagCode::E0204, main.per_amount->span, {"按数量给付的单价是“最高……”", "单价写确定的金额，总额上限写在后面"}));
    auto e = Expr::binary(Expr::Op::Mul, ValueType::Money, main.per_count->clone(), item_expr(*main.per_amount), at);
    e->trace = "按每1" + main.per_unit + main.per_amount->lit.text + "计得{0:money}";
    amounts.push_back(std::move(e));
  } else if (main.base && main.rate_upto && !main.caps.empty()) {
    // 依据「基数」给予最高不超过X: anything from 0 to min(base, X); the cap below does the min.
    auto e = Expr::unary(Expr::Op::Upto, ValueType::Money, main.base->clone(), at);
    e->trace = "以「" + main.base_text + "」为限，可在{0:money}内确定";
    amounts.push_back(std::move(e));
  } else if (main.base && !main.items.empty()) {
    report(make_diag(DiagCode::E0204, main.base_span, {"「" + main.base_text + "」与金额的关系不明",
                                                       "按比例写作 按「" + main.base_text + "」的20%；以其为限写作 依据「" + main.base_text + "」给予最高不超过……"}));
    return;
  } else if (main.base && (main.received || main.base_topup)) {
    // 按「新级别标准」减去「已获奖励」: the amount named is the standard itself; 给予「相应差额」奖励 (a
    // definition 「新级别标准」减去「已获奖励」) pays the difference.
    amounts.push_back(main.base->clone());
  } else if (main.base) {
    report(make_diag(DiagCode::E0204, main.base_span, {"有基数「" + main.base_text + "」而无比例", "写作 按「" + main.base_text + "」的50%给予……，或 给予「" + main.base_text + "」同等额度支持"}));
    return;
  } else {
    for (const AwardReading::Item& it : main.items) {
      amounts.push_back(item_expr(*it.amount));
      items.push_back(&it);
    }
  }
  if (amounts.empty()) {
    if (!w.benefit) error(DiagCode::E0505, at);
    return;
  }
  // Fixed and relative caps in the order written; the award is the least of them all.
  size_t rel = 0;
  auto relative_caps_before = [&](size_t fixed) {
    for (; rel < main.rel_caps.size() && main.rel_caps[rel].after <= fixed; ++rel) {
      award.caps.push_back(std::move(main.rel_caps[rel].cap));
      award.cap_texts.push_back(main.rel_caps[rel].words);
    }
  };
  for (size_t k = 0; k < main.caps.size(); ++k) {
    relative_caps_before(k);
    const ast::Award::Amount* cap = main.caps[k];
    award.caps.push_back(Expr::constant(cap->lit.value, ValueType::Money, cap->lit.span));
    award.cap_texts.push_back(cap->words);
  }
  relative_caps_before(main.caps.size());

  auto option_is = [&](int fact, int option, const std::string& label, Span span) {
    auto eq = Expr::unary(Expr::Op::OptEq, ValueType::Bool, load(Symbol{Symbol::Kind::Fact, fact}, span, false), span);
    eq->ref = option;
    eq->trace = "「" + prog_.facts[static_cast<size_t>(fact)].name + "」为" + label + "：{0:bool}";
    return eq;
  };
  if (!items.empty() && items[0]->key_fact >= 0) {  // 给予大型企业10万元、中型企业5万元
    for (const AwardReading::Item* it : items) {
      if (it->key_fact != items[0]->key_fact) {
        report(make_diag(DiagCode::E0204, it->amount->span, {"各档金额前的类别不属于同一事实", "同一列表里的类别应是同一选项事实的选项"}));
        return;
      }
    }
    for (size_t k = 0; k < items.size(); ++k)
      award.tiers.push_back(Tier{option_is(items[k]->key_fact, items[k]->key_option, items[k]->key_label, items[k]->amount->span),
                                 std::move(amounts[k]), nullptr, items[k]->key_label});
    return;
  }
  if (amounts.size() == 1) {
    award.tiers.push_back(Tier{nullptr, std::move(amounts[0]), nullptr, ""});
    return;
  }
  if (!w.respectively) {
    error(DiagCode::E0509, at, {std::to_string(amounts.size())});
    return;
  }
  if (!conds_ok) return;
  if (cats.empty()) {
    error(DiagCode::E0508, at);
    return;
  }
  // 分别 pairs the amounts with the one category list whose length matches (「级别」为市级且
  // 「等级」为一等奖、二等奖、三等奖的，分别给予10万元、5万元、3万元 pairs with 「等级」). Two such
  // lists are ambiguous (E0518); with none, the longest list is the one the drafter miscounted.
  std::vector<const Categories*> matching;
  for (const Categories& list : cats)
    if (list.items.size() == amounts.size()) matching.push_back(&list);
  if (matching.size() > 1) {
    Diagnostic d = make_diag(DiagCode::E0518, at, {std::to_string(matching.size()), std::to_string(amounts.size())});
    for (const Categories* list : matching) d.notes.push_back(Label{list->span, Text{"可与金额对应的类别", "categories that could pair"}});
    report(std::move(d));
    return;
  }
  if (matching.empty()) {
    const Categories* longest = &cats[0];
    for (const Categories& list : cats)
      if (list.items.size() > longest->items.size()) longest = &list;
    Diagnostic d = make_diag(DiagCode::E0501, at, {std::to_string(longest->items.size()), std::to_string(amounts.size())});
    d.notes.push_back(Label{longest->span, Text{"类别列在这里", "the categories"}});
    report(std::move(d));
    return;
  }
  const Categories& list = *matching[0];
  award.tiers_each = list.kind == Categories::Kind::Facts;
  for (size_t k = 0; k < amounts.size(); ++k) {
    Tier t;
    if (list.kind == Categories::Kind::Options) {
      t.when = option_is(list.fact, list.items[k], list.labels[k], list.span);
    } else {
      int ref = list.items[k];
      Symbol s = ref >= 0 ? Symbol{Symbol::Kind::Fact, ref} : Symbol{Symbol::Kind::Derived, -1 - ref};
      t.when = load(s, list.span, false);
      t.when->trace = "条件「" + list.labels[k] + "」：{0:bool}";
    }
    t.amount = std::move(amounts[k]);
    t.label = list.labels[k];
    award.tiers.push_back(std::move(t));
  }
}

// 200万元以下（含）的部分按2%、超过200万元至1000万元（含）的部分按1%、超过1000万元的部分按0.5%: each part of
// the amount, min(x, upper) − lower and never below 0, at its own rate; the parts summed. Whether
// the parts cover every amount once is the drafting check's (check_parts, E0530 E0531).
ExprPtr Checker::parts_amount(const ast::Award& w, AwardReading& r, Award& award, Span at) {
  if (r.base || !r.items.empty() || r.per_count || r.rate) {
    Span other = r.base ? r.base_span : !r.items.empty() ? r.items[0].amount->span : r.rate ? r.rate->span : at;
    report(make_diag(DiagCode::E0204, other, {"分段计算之外另有基数、比例或金额「" + source_text(other) + "」",
                                              "分段计算的各部分各写比例，如 200万元以下（含）的部分按2%、超过200万元的部分按1%；定额奖励写作另一种情形"}));
    return nullptr;
  }
  if (std::any_of(r.parts.begin(), r.parts.end(), [](const ast::Award::Part* p) { return !p->rate; })) return nullptr;  // E0532
  if (!w.part_base) {
    report(make_diag(DiagCode::E0204, r.parts[0]->span, {"“" + source_text(r.parts[0]->span) + "”是哪一金额的部分不明确",
                                                         "写出金额，如 对「技术合同成交额」，200万元以下（含）的部分按2%……，或「登记额」超过2亿元的部分按0.5‰"}));
    return nullptr;
  }
  const Symbol* s = lookup(*w.part_base);
  if (!s) return nullptr;
  if (!is_amount(*s)) {
    report(make_diag(DiagCode::E0303, w.part_base->span, {w.part_base->text, kind_text(*s), "金额事实", "分段计算的是金额，如「技术合同成交额」"}));
    return nullptr;
  }
  ExprPtr sum;
  for (const ast::Award::Part* p : r.parts) {
    ExprPtr x = load(*s, p->span, true);
    // A bound must be a sum of money (the bound words themselves are the drafting check's).
    auto bound = [&](const std::optional<ast::Comparison>& c, bool upper) -> std::optional<Rational> {
      if (!c || c->rhs.kind != ast::Value::Kind::Literal) return std::nullopt;
      const ast::Literal& l = c->rhs.lit;
      if (l.kind != ast::LitKind::Money) {
        report(make_diag(DiagCode::E0401, c->span, {w.part_base->text, "金额", l.text, "各部分的界限写金额，如 超过200万元的部分"}));
        return std::nullopt;
      }
      if (l.hi) return upper ? *l.hi : l.value;  // 超过200万元至1000万元（含）read as one range
      return l.value;
    };
    // The lower end: the lower bound's number (a part bounded only above starts at 0).
    const ast::Comparison* lo_c = p->lo && (p->lo->op == CmpOp::Ge || p->lo->op == CmpOp::Gt || p->lo->between) ? &*p->lo : nullptr;
    const ast::Comparison* hi_c = p->hi ? &*p->hi : p->lo && (p->lo->op == CmpOp::Le || p->lo->op == CmpOp::Lt || p->lo->between) ? &*p->lo : nullptr;
    std::optional<Rational> lo, hi;
    if (lo_c) lo = bound(*lo_c, false);
    if (hi_c) hi = bound(*hi_c, true);
    if ((lo_c && !lo) || (hi_c && !hi)) return nullptr;
    if (hi) x = Expr::binary(Expr::Op::Min, ValueType::Money, std::move(x), Expr::constant(*hi, ValueType::Money, p->span), p->span);
    if (lo && lo->sign() != 0) x = Expr::binary(Expr::Op::Sub, ValueType::Money, std::move(x), Expr::constant(*lo, ValueType::Money, p->span), p->span);
    x = Expr::unary(Expr::Op::Clamp0, ValueType::Money, std::move(x), p->span);
    x->trace = source_text(p->span) + "为{0:money}";
    auto e = Expr::binary(Expr::Op::Mul, ValueType::Money, std::move(x), Expr::constant(p->rate->value, ValueType::Rate, p->rate->span), p->span);
    e->trace = "按" + p->rate->text + "计{0:money}";
    sum = sum ? Expr::binary(Expr::Op::Add, ValueType::Money, std::move(sum), std::move(e), at) : std::move(e);
  }
  if (r.parts.size() > 1) sum->trace = "各部分合计{0:money}";
  // One part alone is the part above a threshold (超过2亿元的部分): below it there is no such part,
  // and the award does not apply (不予支持, not 0元).
  const ast::Award::Part& only = *r.parts[0];
  if (r.parts.size() == 1 && only.lo && (only.lo->op == CmpOp::Ge || only.lo->op == CmpOp::Gt) && !only.lo->between) {
    award.guard = band_cond(load(*s, only.span, false), *only.lo, "「" + w.part_base->text + "」");
  }
  return sum;
}

// 达到5000万元的，给予2万元；每增加2000万元，再给予1万元 (or in one clause: 给予30万元，每增加100平方米再给予5万元):
// floor((x − threshold) / step) whole steps, each paid the amount after it, added to the amount written
// before the steps in the same clause (a 再 clause alone is joined to the one before, as 另行 is).
// Partial steps are not paid; the drafting check asks where the text does not say so (W0618).
ExprPtr Checker::steps_amount(const ast::Award& w, AwardReading& r, Span at) {
  const ast::Award::Steps& st = *r.steps;
  if (r.base || r.rate || r.per_count || !r.rate_refs.empty()) {
    Span other = r.base ? r.base_span : r.rate ? r.rate->span : at;
    report(make_diag(DiagCode::E0204, other, {"按档递增之外另有基数或比例「" + source_text(other) + "」",
                                              "按档递增写作 达到5000万元的，给予2万元；每增加2000万元，再给予1万元"}));
    return nullptr;
  }
  if (!r.per_amount) {
    report(make_diag(DiagCode::E0204, st.span, {"“" + source_text(st.span) + "”后缺少每档的金额", "写作 每增加2000万元，再给予1万元"}));
    return nullptr;
  }
  if (r.per_amount->upto || r.per_amount->lit.hi)
    report(make_diag(DiagCode::E0204, r.per_amount->span, {"每档的金额「" + r.per_amount->lit.text + "」不是确定的金额", "每档写确定的金额，总额上限写在后面"}));
  if (!w.step_of || !w.step_from) {
    report(make_diag(DiagCode::E0204, st.span, {"“" + source_text(st.span) + "”从哪一数额起算不明确",
                                                "在条件中写出起点，且只写一个同单位的门槛：「登记额」达到5000万元的，给予2万元；每增加2000万元，再给予1万元"}));
    return nullptr;
  }
  const Symbol* s = lookup(*w.step_of);
  if (!s) return nullptr;
  if (!(st.size.value > Rational(0))) {
    report(make_diag(DiagCode::E0204, st.size.span, {"档距「" + st.size.text + "」不是正数", "写作 每增加2000万元"}));
    return nullptr;
  }
  ValueType t = st.size.kind == ast::LitKind::Money ? ValueType::Money : st.size.kind == ast::LitKind::Rate ? ValueType::Rate : ValueType::Count;
  ExprPtr x = load(*s, st.span, true);
  auto over = Expr::binary(Expr::Op::Sub, t, std::move(x), Expr::constant(w.step_from->value, t, st.span), st.span);
  over = Expr::unary(Expr::Op::Clamp0, t, std::move(over), st.span);
  auto per = Expr::binary(Expr::Op::Mul, ValueType::Count, std::move(over), Expr::constant(*Rational(1).div(st.size.value), ValueType::Count, st.span),
                          st.span);
  auto count = Expr::unary(Expr::Op::Floor, ValueType::Count, std::move(per), st.span);
  count->trace = "较" + w.step_from->text + source_text(st.span) + "为一档，计{0:count}档";
  auto e = Expr::binary(Expr::Op::Mul, ValueType::Money, std::move(count), item_expr(*r.per_amount), st.span);
  e->trace = "每档" + r.per_amount->lit.text + "，计得{0:money}";
  // 给予30万元新建补贴，每增加100平方米再给予5万元: the amount before the steps, then the steps.
  for (const AwardReading::Item& it : r.items) {
    if (it.key_fact >= 0 || it.amount->upto) {
      report(make_diag(DiagCode::E0204, it.amount->span, {"按档递增前的金额「" + it.amount->lit.text + "」不是确定的金额",
                                                          "写作 给予30万元，每增加100平方米再给予5万元"}));
      return nullptr;
    }
    e = Expr::binary(Expr::Op::Add, ValueType::Money, item_expr(*it.amount), std::move(e), at);
    e->trace = "加上" + it.amount->lit.text + "，合计{0:money}";
  }
  return e;
}

// 登记额达到2亿元的，给予5万元；超过2亿元的部分，按0.5‰另行奖励: a 另行 clause is paid with the
// alternative before it — its amount added to each of that one's tiers (after that one's own caps),
// its caps then applying to the sum — and is never taken on its own.
bool Checker::join_extra(Rule& out, Branch& br, const ast::Clause& cl) {
  auto refuse = [&](const std::string& why) {
    report(make_diag(DiagCode::E0533, cl.award.extra_span, {why}));
    return false;
  };
  Branch* target = nullptr;
  for (auto it = out.branches.rbegin(); it != out.branches.rend() && !target; ++it)
    if (!it->joined) target = &*it;
  if (!target) return refuse("前面没有它所加发的情形");
  if (!cl.conds.empty()) return refuse("另行加发的一句另写了条件");
  Award& a = target->award;
  Award& add = br.award;
  if (a.kind != Award::Kind::Amount || a.tiers.empty() || add.kind != Award::Kind::Amount || add.tiers.size() != 1 || add.tiers[0].when ||
      !add.tiers[0].amount)
    return refuse("两者须都给付金额，另行的一句只有一个金额");
  if (a.payer != add.payer) return refuse("两者的出资方不同");
  // A split written on the clause before (给予5万元（其中「市财政」承担40%……）) divides that amount; taken
  // over the sum it would make 「市财政」 pay 40% of the 另行 part too, which the text does not say.
  if (!a.split.empty() && add.split.empty()) return refuse("前一句的出资分担只写在它自己的金额上，另行加发的部分由谁承担未写明（分担合计时把（其中……）写在另行的一句之后）");
  if (!a.split.empty() && !add.split.empty()) return refuse("两句各写了出资分担（合计只能有一种分担，写在另行的一句之后）");
  for (Tier& t : a.tiers) {
    if (!t.amount) continue;
    ExprPtr x = std::move(t.amount);
    if (x->trace.empty()) x->trace = "给予{0:money}";
    for (size_t i = 0; i < a.caps.size(); ++i) {
      x = Expr::binary(Expr::Op::Min, ValueType::Money, std::move(x), a.caps[i]->clone(), a.caps[i]->span);
      x->trace = a.cap_texts[i] + "，取{0:money}";
    }
    t.amount = Expr::binary(Expr::Op::Add, ValueType::Money, std::move(x), add.tiers[0].amount->clone(), br.span);
    t.amount->trace = source_text(cl.award.extra_span) + "加发后合计{0:money}";  // 另行 / 再
  }
  a.caps = std::move(add.caps);
  a.cap_texts = std::move(add.cap_texts);
  if (!add.split.empty()) a.split = std::move(add.split);  // （其中……） after the 另行 clause's cap: of the sum
  add.caps.clear();
  add.cap_texts.clear();
  add.guard.reset();
  br.cond = Expr::make(Expr::Op::False, ValueType::Bool, br.span);
  br.joined = true;
  return true;
}

}  // namespace zc::sema

// The award reader (see award.h). Each atom is typed by the words around it, as the drafter's
// sentence reads: 最高 / 不超过 before an amount makes it an upper end — a cap once an amount is
// computed (a rate of a base, an amount per unit) or after a range, the amount's own maximum
// otherwise, and for every amount of a 、-list it stands before; 承担 joins a party to its rate;
// 每…… waits for the amount after it. docs/language.md §4 lists the forms. Which name is the payer
// and which the base is left to the checker: only their declarations say.
#include "compiler/syntax/award.h"

#include <algorithm>
#include <functional>

namespace zc::syntax {
namespace {

using W = ast::Word;
using K = ast::Atom::Kind;
using Step = ast::Award::Step;

bool is_word(const ast::Atom* a, W w) { return a && a->kind == K::Word && a->word == w; }

class Reader {
 public:
  explicit Reader(ast::Award& out) : w_(out) {}

  // One segment: the atoms between two ，. What a word announces (最高, 承担, a list) ends with it.
  void segment(const std::vector<ast::Atom>& atoms) {
    pending_max_ = list_max_ = in_list_ = after_bear_ = after_benefit_ = false;
    rel_cap_open_ = false;
    minus_ = nullptr;
    cap_words_.clear();
    if (ratio_split(atoms)) {
      step(Step::Kind::SegmentEnd, -1);
      return;
    }
    for (size_t i = 0; i < atoms.size(); ++i) {
      const ast::Atom& a = atoms[i];
      const ast::Atom* prev = i > 0 ? &atoms[i - 1] : nullptr;
      const ast::Atom* next = i + 1 < atoms.size() ? &atoms[i + 1] : nullptr;
      // A relative cap takes its 的 and its rate (不超过「实际损失」的70%); anything else closes it.
      if (rel_cap_open_ && a.kind != K::Rate && !is_word(&a, W::Of)) rel_cap_open_ = false;
      // 减去「已获奖励」: the amount already received is the name right after it.
      if (minus_ && a.kind != K::Name) {
        if (minus_->word == W::Minus)
          unclear(minus_->span.to(a.span), "“" + minus_->text + "”后不是已获得的金额",
                  "补差写作 按「新级别标准」减去「已获奖励」给予补差（已获得的金额是一个金额事实）");
        minus_ = nullptr;
      }
      switch (a.kind) {
        case K::Name: name(a, prev, next); break;
        case K::Amount: amount(a); break;
        case K::Rate: rate(a); break;
        case K::PerUnit: per_unit(a); break;
        case K::String: string(a, prev); break;
        case K::Group: group(a); break;
        case K::Word:
          if (a.word == W::And) and_before_cap(atoms, i);
          else word(a, prev);
          break;
        case K::Part: part(a); break;
        case K::Growth: growth(a); break;
        case K::Step: steps(a); break;
        case K::Within: within(a); break;
      }
    }
    if (minus_ && minus_->word == W::Minus)
      unclear(minus_->span, "“" + minus_->text + "”后没有已获得的金额", "补差写作 按「新级别标准」减去「已获奖励」给予补差");
    minus_ = nullptr;
    step(Step::Kind::SegmentEnd, -1);
  }

  void finish() {
    w_.per_without_amount = per_pending_ && !per_amount_;
    part_rate_missing();
    // 每增加2000万元，再给予1万元 with no amount of its own before the steps: paid on top of the
    // alternative before it, as 另行 is (its caps then apply to the sum).
    bool item = std::any_of(w_.amounts.begin(), w_.amounts.end(), [](const ast::Award::Amount& am) { return am.role == ast::Award::Amount::Role::Item; });
    if (again_ && !w_.steps_each.empty() && !item && !w_.extra) {
      w_.extra = true;
      w_.extra_span = again_span_;
    }
  }

 private:
  void step(Step::Kind k, size_t index) { w_.steps.push_back(Step{k, static_cast<int>(index)}); }
  void problem(Diagnostic d) {
    w_.problems.push_back(std::move(d));
    step(Step::Kind::Problem, w_.problems.size() - 1);
  }
  void unclear(Span at, std::string what, std::string help) {
    problem(make_diag(DiagCode::E0204, at, {std::move(what), std::move(help)}));
  }

  // An amount is computed once a rate stands after a name (the base) or a per-unit amount was read.
  bool computed() const {
    return (free_name_ && (w_.rate || w_.same_amount || w_.some_rate)) || (per_seen_ && per_amount_) || !w_.topups.empty() ||
           std::any_of(w_.parts.begin(), w_.parts.end(), [](const ast::Award::Part& p) { return p.rate.has_value(); });
  }

  // 超过200万元至1000万元（含）的部分按1%: a part waits for its rate; the next part, or the end of the
  // phrase, finds one that never had one.
  void part(const ast::Atom& a) {
    part_rate_missing();
    w_.parts.push_back(ast::Award::Part{a.span, a.part_of, a.part_lo, a.part_hi, std::nullopt});
    step(Step::Kind::Part, w_.parts.size() - 1);
    part_waiting_ = true;
  }
  void part_rate_missing() {
    if (!part_waiting_) return;
    part_waiting_ = false;
    problem(make_diag(DiagCode::E0532, w_.parts.back().span, {}));
  }

  // （其中「市财政」承担25%，「区财政」承担15%）, （其中「市财政」最高10万元）: each part names its payer, then
  // its rate (承担25%), its amount (10万元) or its cap (最高10万元). A payer named again adds to its part.
  void within(const ast::Atom& a) {
    // The parts are separated by ， or, as texts also write them, by 、 or 和 (其中市级30万元、区级20万元).
    std::vector<std::vector<ast::Atom>> segs;
    for (const std::vector<ast::Atom>& written : a.within) {
      segs.emplace_back();
      for (const ast::Atom& g : written) {
        if (is_word(&g, W::EnumSep) || is_word(&g, W::ListAnd)) segs.emplace_back();
        else segs.back().push_back(g);
      }
    }
    for (const std::vector<ast::Atom>& seg : segs) {
      if (seg.empty()) continue;
      ast::Award::SplitPart p;
      p.span = seg.front().span.to(seg.back().span);
      bool named = false, max = false;
      std::string words;
      for (const ast::Atom& g : seg) {
        if (g.kind == K::Name && !named) {
          p.payer = g.name;
          named = true;
          continue;
        }
        if (g.kind == K::Word && (g.word == W::Max || g.word == W::AtMost)) {
          max = true;
          words += g.text;
          continue;
        }
        if (g.kind == K::Word && (g.word == W::Bear || g.word == W::Give || g.word == W::Noun || g.word == W::Of || g.word == W::Scope ||
                                  g.word == W::PerEntity || g.word == W::Subject || g.word == W::Type)) {
          if (max) words += g.text;
          continue;
        }
        if (g.kind == K::Rate && !max && !p.rate) {
          p.rate = g.lit;
          continue;
        }
        if (g.kind == K::Amount && g.lit.kind == ast::LitKind::Money && max && !p.cap) {
          p.cap = g.lit;
          p.cap_words = words + g.lit.text;
          max = false;
          continue;
        }
        if (g.kind == K::Amount && g.lit.kind == ast::LitKind::Money && !max && !p.amount) {
          p.amount = g.lit;
          continue;
        }
        unclear(g.span, "“其中”的这一部分读不懂", "每一部分写出资方和它的份额或上限，如（其中「市财政」承担25%，「区财政」承担15%）、（其中「市财政」最高10万元）");
        return;
      }
      if (!named) {
        unclear(p.span, "“其中”的这一部分没有写出资方", "写作（其中「市财政」承担25%，「区财政」承担15%）");
        return;
      }
      auto same = std::find_if(w_.split_parts.begin(), w_.split_parts.end(), [&](const ast::Award::SplitPart& q) { return q.payer.text == p.payer.text; });
      if (same == w_.split_parts.end()) {
        w_.split_parts.push_back(std::move(p));
        continue;
      }
      if ((p.rate && same->rate) || (p.amount && same->amount) || (p.cap && same->cap)) {
        unclear(p.span, "「" + p.payer.text + "」的部分写了两次", "每个出资方的份额、上限各写一次");
        return;
      }
      if (p.rate) same->rate = p.rate;
      if (p.amount) same->amount = p.amount;
      if (p.cap) {
        same->cap = p.cap;
        same->cap_words = p.cap_words;
      }
    }
  }

  // 所需资金由「市财政」、「区财政」按3∶7比例分担 (or 承担): a segment holding a ratio and 分担 is the
  // split of the whole award among the payers it lists; nothing else of the award is in it.
  bool ratio_split(const std::vector<ast::Atom>& atoms) {
    const ast::Atom* ratio = nullptr;
    bool split = false;
    for (const ast::Atom& a : atoms) {
      if (a.kind == K::Rate && a.lit.unit == "∶" && !ratio) ratio = &a;
      if (is_word(&a, W::Split) || (ratio && is_word(&a, W::Bear))) split = true;
    }
    if (!split) return false;
    if (!ratio) {
      for (const ast::Atom& a : atoms)
        if (is_word(&a, W::Split)) unclear(a.span, "“分担”前没有比例", "写作 所需资金由「市财政」、「区财政」按5∶5比例分担");
      return true;
    }
    ast::Award::RatioSplit r;
    r.span = atoms.front().span.to(atoms.back().span);
    r.ratio = ratio->lit;
    for (const ast::Atom& a : atoms) {
      if (a.kind == K::Name) {
        r.payers.push_back(a.name);
      } else if (&a != ratio && !(a.kind == K::Word && (a.word == W::From || a.word == W::By || a.word == W::EnumSep || a.word == W::ListAnd ||
                                                        a.word == W::Type || a.word == W::Noun || a.word == W::Split || a.word == W::Bear))) {
        unclear(a.span, "按比例分担的一句中有其他内容", "分担单独写一句：所需资金由「市财政」、「区财政」按5∶5比例分担");
        return true;
      }
    }
    if (w_.ratio_split) {
      unclear(r.span, "两处按比例分担", "一项给付只写一次分担比例");
      return true;
    }
    w_.ratio_split = std::move(r);
    return true;
  }

  // 每增加2000万元: a step waits for the amount paid per step, as 每「X」1家 does for its amount.
  void steps(const ast::Atom& a) {
    w_.steps_each.push_back(ast::Award::Steps{a.span, a.lit, a.text});
    step(Step::Kind::Steps, w_.steps_each.size() - 1);
    per_seen_ = per_pending_ = true;
    per_amount_ = false;
  }

  // 按「当年研发投入」较「上年研发投入」新增部分的15%: the growth stands where the base of a rate
  // stands (so 最高100万元 after it is a cap). Which amount grew must be written.
  void growth(const ast::Atom& a) {
    std::string text = (a.growth_of ? "「" + a.growth_of->text + "」" : std::string()) + a.growth_than + "「" + a.growth_base.text + "」" + a.growth_words;
    if (!a.growth_of) {
      unclear(a.span, "“" + text + "”是哪一金额的增长不明确",
              "写出当期的金额，如 按「当年研发投入」较「" + a.growth_base.text + "」" + a.growth_words + "的15%");
      w_.refused = true;  // the rate after it has no base: saying so again would only echo this
      return;
    }
    w_.growths.push_back(ast::Award::Growth{a.span, a.growth_of, a.growth_base, std::move(text)});
    step(Step::Kind::Growth, w_.growths.size() - 1);
    free_name_ = true;
  }

  void name(const ast::Atom& a, const ast::Atom* prev, const ast::Atom* next) {
    if (minus_) {  // 减去「已获奖励」: a top-up (the standard is the rest of the award)
      w_.topups.push_back(ast::Award::TopUp{minus_->span.to(a.span), a.name, minus_->text});
      step(Step::Kind::TopUp, w_.topups.size() - 1);
      minus_ = nullptr;
      return;
    }
    // 单个「技术合同」奖励不超过20万元, 单台「设备」: a name right after whom a cap counts is that whom (an
    // item list, issue 11 form 12), part of the cap's words; the checker resolves it.
    if (is_word(prev, W::PerEntity)) {
      w_.each.push_back(a.name);
      cap_words_ += "「" + a.name.text + "」";
      return;
    }
    // 补偿金额不超过「实际损失」的70%: 最高 / 不超过 before a name, once an amount is written, is a
    // cap relative to that name (before any amount it is the base of a maximum: 给予最高不超过「甲」的30%).
    if (pending_max_ && !in_list_ && (computed() || last_item_ >= 0) && !is_word(next, W::Bear)) {
      w_.rel_caps.push_back(ast::Award::RelCap{a.span, a.name, std::nullopt, cap_words_ + "「" + a.name.text + "」"});
      step(Step::Kind::RelCap, w_.rel_caps.size() - 1);
      pending_max_ = false;
      cap_words_.clear();
      rel_cap_open_ = true;
      return;
    }
    ast::Award::Ref r;
    r.name = a.name;
    r.after_of = is_word(prev, W::Of);
    if (is_word(next, W::Bear)) {
      r.slot = ast::Award::Ref::Slot::Party;
      r.share = static_cast<int>(w_.shares.size());
      w_.shares.push_back(ast::Award::Share{a.span, std::nullopt});
    } else if (is_word(prev, W::From)) {
      r.slot = ast::Award::Ref::Slot::From;
    } else if (after_bear_ && !w_.shares.empty()) {
      r.slot = ast::Award::Ref::Slot::ShareOf;
      r.share = static_cast<int>(w_.shares.size()) - 1;
    } else {
      free_name_ = true;
    }
    w_.refs.push_back(std::move(r));
    step(Step::Kind::Ref, w_.refs.size() - 1);
  }

  void amount(const ast::Atom& a) {
    after_bear_ = false;
    if (a.lit.kind != ast::LitKind::Money) {
      if (pending_max_ && computed()) problem(make_diag(DiagCode::E0403, a.span, {a.lit.text}));  // 最高不超过10家
      else unclear(a.span, "「" + a.lit.text + "」不是金额", "给付写金额，如 10万元；数量门槛写在条件中");
      return;
    }
    ast::Award::Amount am;
    am.lit = a.lit;
    am.span = a.span;
    am.upto = pending_max_ || (in_list_ && list_max_);
    am.words = cap_words_ + a.lit.text;
    // 给予100-500万元，最高不超过600万元: a cap on a range.
    const ast::Award::Amount* last = last_item_ < 0 ? nullptr : &w_.amounts[static_cast<size_t>(last_item_)];
    bool range_cap = pending_max_ && !in_list_ && last && last->lit.hi && !last->upto;
    // 每件「软件著作权」补助500元，同一企业每年累计不超过5万元: after an amount per item, a cap on their sum.
    bool items_cap = pending_max_ && !in_list_ && last && !w_.each.empty();
    if ((am.upto && computed()) || range_cap || items_cap) {
      am.role = ast::Award::Amount::Role::Cap;
    } else if (per_pending_ && !per_amount_) {
      am.role = ast::Award::Amount::Role::PerUnit;
      per_amount_ = true;
      per_pending_ = false;
    } else {
      am.role = ast::Award::Amount::Role::Item;
      last_item_ = static_cast<int>(w_.amounts.size());
    }
    list_max_ = am.upto;
    pending_max_ = false;
    cap_words_.clear();
    w_.amounts.push_back(std::move(am));
    step(Step::Kind::Amount, w_.amounts.size() - 1);
  }

  void rate(const ast::Atom& a) {
    if (rel_cap_open_) {  // 不超过「实际损失」的70%
      ast::Award::RelCap& c = w_.rel_caps.back();
      c.rate = a.lit;
      c.span = c.span.to(a.span);
      c.words += a.lit.text;
      rel_cap_open_ = false;
      return;
    }
    if (part_waiting_) {  // 200万元以下（含）的部分按2%
      w_.parts.back().rate = a.lit;
      part_waiting_ = false;
      return;
    }
    if (after_bear_ && !w_.shares.empty()) {  // 「合作银行」承担30%
      w_.shares.back().rate = a.lit;
      after_bear_ = false;
      return;
    }
    if (w_.rate && !w_.deduct) {
      if (pending_max_) problem(make_diag(DiagCode::E0403, a.span, {a.lit.text}));  // 按……的20%，最高不超过5%
      else unclear(a.span, "两个比例「" + w_.rate->text + "」「" + a.lit.text + "」", "一句给付只写一个比例；基数另有上限时写在基数后的（）中");
      return;
    }
    w_.rate = a.lit;
    w_.rate_upto = w_.rate_upto || pending_max_;
    pending_max_ = false;
  }

  void per_unit(const ast::Atom& a) {
    w_.per_units.push_back(ast::Award::PerUnit{a.span, a.lit, a.per_fact, a.per_baseline, a.per_fact_after});
    step(Step::Kind::PerUnit, w_.per_units.size() - 1);
    per_seen_ = per_pending_ = true;
  }

  void string(const ast::Atom& a, const ast::Atom* prev) {
    if (after_benefit_) {
      w_.benefit_text += a.text;
    } else if (is_word(prev, W::Give)) {  // 予以“符合评价条件”: a qualification given without an amount
      w_.benefit = true;
      w_.benefit_text += prev->text + a.text;
    }
  }

  // （不超过「投保金额」的3%） after the base; a （）aside of quoted text only is prose.
  void group(const ast::Atom& a) {
    if (std::all_of(a.group.begin(), a.group.end(), [](const ast::Atom& g) { return g.kind == K::String; })) return;
    ast::Award::Limit l;
    l.span = a.span;
    for (const ast::Atom& g : a.group) {
      if (is_word(&g, W::AtMost) || is_word(&g, W::Max)) {
        l.max = true;
      } else if (g.kind == K::Name) {
        ast::Value v;
        v.kind = ast::Value::Kind::Name;
        v.span = g.span;
        v.name = g.name;
        l.operands.push_back(std::move(v));
      } else if (g.kind == K::Rate) {
        l.rate = g.lit;
      } else if (g.kind == K::Amount && g.lit.kind == ast::LitKind::Money) {
        ast::Value v;
        v.span = g.span;
        v.lit = g.lit;
        l.operands.push_back(std::move(v));
      }
    }
    w_.limits.push_back(std::move(l));
    step(Step::Kind::Limit, w_.limits.size() - 1);
  }

  // 且 / 并 / 并且 / 但 joins a second cap to the first, or to the amount: 不超过「总投资」的30%，且最高不超过
  // 500万元; 按……的20%给予补助，但最高不超过50万元. It adds nothing (every cap applies, the least binds), so it
  // is read only where a cap follows it (whom it counts and when may come first: 且每家企业每年最高……) and an
  // amount stands before it; anywhere else the text says something the language does not.
  void and_before_cap(const std::vector<ast::Atom>& atoms, size_t i) {
    const ast::Atom& a = atoms[i];
    size_t j = i + 1;
    while (j < atoms.size() && atoms[j].kind == K::Word &&
           (atoms[j].word == W::PerEntity || atoms[j].word == W::Subject || atoms[j].word == W::Scope || atoms[j].word == W::Noun ||
            atoms[j].word == W::Type || atoms[j].word == W::Of))
      ++j;
    bool cap_follows = j < atoms.size() && atoms[j].kind == K::Word && (atoms[j].word == W::Max || atoms[j].word == W::AtMost);
    bool amount_before = !w_.amounts.empty() || computed() || w_.rate.has_value() || !w_.rel_caps.empty() || !w_.limits.empty() ||
                         !w_.parts.empty() || !w_.steps_each.empty() || w_.unspecified;
    if (!cap_follows || !amount_before)
      unclear(a.span, "「" + a.text + "」", "“且”“并”“但”在给付中只连接上限：写作 按「总投资」的20%给予补助，且最高不超过500万元");
  }

  void word(const ast::Atom& a, const ast::Atom* prev) {
    after_benefit_ = false;
    if (rel_cap_open_ && a.word == W::Of) {
      w_.rel_caps.back().words += a.text;
      return;
    }
    switch (a.word) {
      case W::Select: w_.selective = true; break;
      case W::Respectively: w_.respectively = true; break;
      case W::Max: case W::AtMost:
        pending_max_ = true;
        cap_words_ += a.text;
        break;
      case W::PerEntity: case W::Subject: case W::Type: case W::Of: cap_words_ += a.text; break;
      case W::Scope:
        if (w_.scope.empty()) w_.scope = a.text;
        cap_words_ += a.text;
        break;
      case W::SameAmount: w_.same_amount = true; break;
      case W::SomeRate: w_.some_rate = true; break;
      case W::Unspecified: w_.unspecified = true; break;
      case W::SomeAmount: w_.unspecified = true; break;  // 给予一定的奖励: the text names no figure
      case W::CaseByCase: w_.case_by_case = true; break;
      case W::Benefit:
        w_.benefit = true;
        w_.benefit_text += a.text;
        after_benefit_ = true;
        break;
      case W::Deduct: w_.deduct = true; break;
      case W::Minus: minus_ = &a; break;
      case W::DeductEnd:  // 扣除「已获奖励」后: a top-up, unless 加计 made it a deduction
        if (!w_.deduct) minus_ = &a;
        break;
      case W::Extra:
        w_.extra = true;
        w_.extra_span = a.span;
        break;
      case W::Again: case W::Increase:  // 再给予1万元, 增加5万元
        again_ = true;
        again_span_ = a.span;
        break;
      case W::PerItem:  // 10万元/项: how many items is not a fact here; the applicant is paid per item by 每件「清单」
        problem(make_diag(DiagCode::E0571, a.span, {a.text}));
        break;
      case W::Risk: w_.risk_split = true; break;
      case W::Bear:
        after_bear_ = true;
        if (w_.shares.empty() || !prev || prev->kind != K::Name) unclear(a.span, "“承担”前没有出资方", "写作「合作银行」承担30%");
        break;
      case W::EnumSep: case W::ListAnd: in_list_ = true; break;
      case W::Noun:
        if (a.text == "配套") w_.matching = true;
        cap_words_ += a.text;
        break;
      default:
        break;
    }
    // A 、-list runs through the words of its items (单个企业、每年最高……).
    switch (a.word) {
      case W::EnumSep: case W::ListAnd: case W::Noun: case W::Of: case W::Type: case W::Scope: case W::PerEntity: case W::Subject:
      case W::PerApplicant:  // 最高50万元/家、30万元/家: the list goes on
        break;
      default:
        in_list_ = false;
    }
  }

  ast::Award& w_;
  bool pending_max_ = false, list_max_ = false, in_list_ = false, after_bear_ = false, after_benefit_ = false;
  bool rel_cap_open_ = false;  // a relative cap was read and may still take its 的 and rate
  std::string cap_words_;
  bool free_name_ = false, per_seen_ = false, per_pending_ = false, per_amount_ = false;
  int last_item_ = -1;
  bool part_waiting_ = false;
  bool again_ = false;  // 再: the steps' amount on top of an amount before
  const ast::Atom* minus_ = nullptr;  // 减去 / 扣除 waiting for the amount received
  Span again_span_;
};

// 对「职工总数」不超过500人、「年销售收入」不超过2亿元的企业，给予……: only 对…… runs into the award
// without a comma, so a condition joined by 、 or 和 after it would be read as part of the award
// (here a base-bounded maximum) and the award written dropped. An award never begins with a list
// connector followed by a name: refuse, and say how conditions are joined.
bool runs_into_conditions(const ast::Clause& cl, ast::Award& w) {
  if (cl.conds.empty() || cl.pays.empty() || cl.conds.back().kind != ast::CondSeg::Kind::For || cl.conds.back().comma) return false;
  const std::vector<ast::Atom>& first = cl.pays.front();
  if (first.empty() || !(is_word(&first[0], W::EnumSep) || is_word(&first[0], W::ListAnd))) return false;
  for (const ast::Atom& a : first) {
    if (a.kind != K::Name) continue;
    w.problems.push_back(make_diag(DiagCode::E0209, first[0].span,
                                   {first[0].text, "两个条件（其后的「" + a.name.text + "」会被读成给付）",
                                    "都须满足时写「且」，如「职工总数」不超过500人且「年销售收入」不超过2亿元；满足其一即可时写「或」"}));
    w.steps.push_back(Step{Step::Kind::Problem, 0});
    w.refused = true;
    return true;
  }
  return false;
}

// The conditions of a clause that compare one name with a written number `fits` accepts, one per
// name, in the order written; those of `before` (the alternative a 另行 or 再 clause joins) when the
// clause has none.
std::vector<const ast::Cond*> compared(const ast::Clause& cl, const ast::Clause* before, const std::function<bool(const ast::Comparison&)>& fits) {
  std::vector<const ast::Cond*> found;
  std::function<void(const ast::Cond&)> walk = [&](const ast::Cond& c) {
    if (c.kind == ast::Cond::Kind::Fact && c.cmp && c.names.size() == 1 && !c.share && c.cmp->rhs.kind == ast::Value::Kind::Literal &&
        fits(*c.cmp) && std::none_of(found.begin(), found.end(), [&](const ast::Cond* f) { return f->names[0].text == c.names[0].text; }))
      found.push_back(&c);
    for (const auto& ch : c.children) walk(*ch);
  };
  for (const ast::CondSeg& seg : cl.conds)
    if (seg.cond) walk(*seg.cond);
  if (found.empty() && before)
    for (const ast::CondSeg& seg : before->conds)
      if (seg.cond) walk(*seg.cond);
  return found;
}

// The amount the parts of an award divide (see ast::Award::part_base); `before` is the alternative
// a 另行 clause joins, whose conditions may name it (登记额达到2亿元的，……；超过2亿元的部分，……另行奖励).
void part_base(ast::Clause& cl, const ast::Clause* before) {
  ast::Award& w = cl.award;
  if (w.parts.empty()) return;
  for (const ast::Award::Part& p : w.parts)
    if (p.of) {
      w.part_base = p.of;
      return;
    }
  // 对「技术合同成交额」，200万元以下（含）的部分按2%……: the segment names the amount.
  for (ast::CondSeg& seg : cl.conds) {
    const ast::Cond* c = seg.cond.get();
    if (seg.kind == ast::CondSeg::Kind::For && c && c->kind == ast::Cond::Kind::Fact && c->names.size() == 1 && !c->cmp && !c->share &&
        !c->window && seg.subj == ast::CondSeg::Subj::None && seg.end_word.empty()) {
      seg.part_base = true;
      w.part_base = c->names[0];
      return;
    }
  }
  // 「登记额」达到2亿元的，……超过2亿元的部分: the one amount compared with a sum of money.
  std::vector<const ast::Cond*> found =
      compared(cl, before, [](const ast::Comparison& cmp) { return cmp.rhs.lit.kind == ast::LitKind::Money; });
  if (found.size() == 1) w.part_base = found[0]->names[0];
}

// What the steps of an award count (see ast::Award::step_of): the one name the conditions compare
// with a number of the step's kind (a sum of money, or a count in the step's unit), and that number;
// `before` is the alternative a 再 clause joins (达到5000万元的，给予2万元；每增加2000万元，再给予1万元).
void step_base(ast::Clause& cl, const ast::Clause* before) {
  ast::Award& w = cl.award;
  if (w.steps_each.empty() || w.step_of) return;
  const ast::Literal& size = w.steps_each[0].size;
  std::vector<const ast::Cond*> found = compared(cl, before, [&](const ast::Comparison& cmp) {
    return cmp.rhs.lit.kind == size.kind && (size.kind != ast::LitKind::Count || cmp.rhs.lit.unit == size.unit) &&
           (cmp.op == CmpOp::Ge || cmp.op == CmpOp::Gt) && !cmp.between;
  });
  if (found.size() != 1) return;
  w.step_of = found[0]->names[0];
  w.step_from = found[0]->cmp->rhs.lit;
}

}  // namespace

// 按其投入2%: words after 其 name the one amount the clause's conditions compare with a sum of money
// (对「实际研发投入」500万元（含）以上的企业); with none or several it cannot be told (E0535, never a guess).
void resolve_pronouns(ast::Clause& cl) {
  for (auto& seg : cl.pays)
    for (ast::Atom& a : seg) {
      if (a.kind != ast::Atom::Kind::Name || a.pronoun_words.empty()) continue;
      std::vector<const ast::Cond*> found =
          compared(cl, nullptr, [](const ast::Comparison& cmp) { return cmp.rhs.lit.kind == ast::LitKind::Money; });
      if (found.size() == 1) {
        a.name.text = found[0]->names[0].text;
        a.name.bracketed = true;
        continue;
      }
      cl.award.problems.push_back(make_diag(DiagCode::E0535, a.span, {a.pronoun_words, std::to_string(found.size())}));
      cl.award.steps.push_back(ast::Award::Step{ast::Award::Step::Kind::Problem, static_cast<int>(cl.award.problems.size()) - 1});
      cl.award.refused = true;
    }
}

void read_awards(ast::Clause& cl) {
  cl.award = ast::Award{};
  cl.ontop.reset();
  if (!cl.pay_spans.empty()) cl.award.span = cl.pay_spans.front().to(cl.pay_spans.back());
  if (runs_into_conditions(cl, cl.award)) return;
  resolve_pronouns(cl);
  if (cl.award.refused) return;
  Reader main(cl.award);
  for (const auto& seg : cl.pays) main.segment(seg);
  main.finish();
  part_base(cl, nullptr);
  step_base(cl, nullptr);
  // 在「聊城市财政」分别给予200万元、50万元一次性奖励的基础上: the higher level's award, read alike.
  auto ontop = [](const ast::CondSeg& seg) { return seg.kind == ast::CondSeg::Kind::OnTop; };
  auto first = std::find_if(cl.conds.begin(), cl.conds.end(), ontop);
  if (first == cl.conds.end()) return;
  cl.ontop.emplace();
  cl.ontop->span = first->span;
  Reader higher(*cl.ontop);
  for (const ast::CondSeg& seg : cl.conds)
    if (ontop(seg)) higher.segment(seg.ontop);
  higher.finish();
}

void join_awards(ast::Rule& rule) {
  for (size_t k = 1; k < rule.branches.size(); ++k) {
    ast::Clause& cl = rule.branches[k];
    if (cl.award.extra && !cl.award.part_base) part_base(cl, &rule.branches[k - 1]);
    if (cl.award.extra) step_base(cl, &rule.branches[k - 1]);
  }
}

}  // namespace zc::syntax

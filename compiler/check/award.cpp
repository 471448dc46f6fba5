// Reads an award phrase — the atoms after the conditions, such as 区财政按「市到位资金」的20%给予补助，
// 单个项目不超过100万元 — into an Award: who pays, what amount expression, which tiers, which caps.
// The rules it applies are documented in docs/language.md ("How an award is read"); anything it
// cannot read with certainty is an error that says what is missing, never a guess.
#include <algorithm>
#include <functional>

#include "compiler/check/checker.h"
#include "base/units.h"

namespace zc::sema {
namespace {

using W = ast::Word;

struct Item {
  ast::Literal lit;
  bool upto = false;       // 最高50万元: anything from 0 to 50万元
  int key_fact = -1;       // keyed tier: 大型企业10万元
  int key_option = -1;
  std::string key_label;
  Span span;
};

struct Share {
  int payer = -1;
  Span span;
  std::optional<ast::Literal> rate;
  int of_payer = -1;  // 承担「聊城市风险补偿资金」的40%: a share of another party's share
  std::string text;
};

// What the atoms of one award (or of one 在……基础上 segment) say.
struct Reading {
  int payer = -1;
  Span payer_span;
  bool selective = false;
  ExprPtr base;
  std::string base_text;
  Span base_span;
  int base_fact = -1;
  std::optional<ast::Literal> rate;
  bool rate_upto = false;
  bool rate_unspecified = false;
  bool same_amount = false;
  ExprPtr per_count;            // 每「认定数量」1家: the count (already net of a baseline)
  std::string per_text;
  std::string per_unit;
  bool per_pending = false;     // a 每…… was read; its unit amount comes next
  std::optional<Item> per_amount;
  std::vector<Item> items;
  bool respectively = false;
  std::vector<std::pair<ast::Literal, std::string>> caps;
  bool case_by_case = false, unspecified = false, benefit = false, deduct = false, risk = false, matching = false;
  bool risk_split = false;      // 风险分担 written: the shares must add up to 100%
  ExprPtr per_count_raw;        // the count before a baseline is taken off
  ExprPtr baseline;             // 在完成「年度目标任务」的基础上: a count to reach and count from
  std::string baseline_name;
  std::string benefit_text;
  std::string scope;
  std::vector<Share> shares;
  bool any = false;             // anything meaningful was read
  bool unresolved = false;      // an atom was already reported: later errors would only echo it
};

}  // namespace

Award Checker::read_award(const ast::Clause& cl, const std::vector<Categories>& cats, bool conds_ok) {
  Award award;

  // Reads a sequence of atoms into `r`. `cap_text` collects the words of a cap phrase.
  auto read = [&](const std::vector<ast::Atom>& atoms, Reading& r, bool ontop_mode) {
    bool pending_max = false;
    bool list_max = false;       // a 最高 before a 、-list applies to every item of it
    bool in_list = false;
    bool after_bear = false;
    int key_fact = -1, key_option = -1;
    std::string key_label;
    Span key_span;
    std::string cap_words;
    bool after_benefit = false;
    for (size_t i = 0; i < atoms.size(); ++i) {
      const ast::Atom& a = atoms[i];
      bool next_is_bear = i + 1 < atoms.size() && atoms[i + 1].kind == ast::Atom::Kind::Word && atoms[i + 1].word == W::Bear;
      switch (a.kind) {
        case ast::Atom::Kind::Name: {
          // An option written before an amount keys it: 大型企业10万元.
          auto opt = options_.find(a.name.text);
          if (!syms_.count(a.name.text) && opt != options_.end()) {
            const auto& cands = opt->second;
            int fact = -1, index = -1;
            for (const auto& [f, k] : cands) {
              for (const Categories& list : cats)
                if (list.kind == Categories::Kind::Options && list.fact == f) { fact = f; index = k; }
            }
            if (fact < 0 && cands.size() == 1) { fact = cands[0].first; index = cands[0].second; }
            if (fact < 0) {
              std::string list;
              for (size_t c = 0; c < cands.size(); ++c)
                list += (c ? "、" : "") + std::string("「") + prog_.facts[static_cast<size_t>(cands[c].first)].name + "」";
              report(make_diag(DiagCode::E0306, a.span, {a.name.text, list, prog_.facts[static_cast<size_t>(cands[0].first)].name}));
              r.any = true;
              r.unresolved = true;
              continue;
            }
            key_fact = fact;
            key_option = index;
            key_label = a.name.text;
            key_span = a.span;
            continue;
          }
          bool after_from = i > 0 && atoms[i - 1].kind == ast::Atom::Kind::Word && atoms[i - 1].word == W::From;
          const Symbol* s = next_is_bear || after_from ? lookup_payer(a.name) : lookup(a.name);
          r.any = true;
          if (!s) { r.unresolved = true; continue; }
          if (after_from && s->kind != Symbol::Kind::Payer) {
            // 由「市级财政」给予……: 由 names who pays.
            report(make_diag(DiagCode::E0303, a.span, {a.name.text, kind_text(*s), "出资方", "“由”后写出资方，如 由「市级财政」给予10万元"}));
            r.unresolved = true;
            continue;
          }
          if (s->kind == Symbol::Kind::Payer) {
            if (next_is_bear || r.risk) {
              if (after_bear && !r.shares.empty()) {
                r.shares.back().of_payer = s->index;  // 承担「聊城市风险补偿资金」的40%
              } else {
                Share sh;
                sh.payer = s->index;
                sh.span = a.span;
                r.shares.push_back(sh);
              }
              continue;
            }
            if (r.payer >= 0 && r.payer != s->index) {
              report(make_diag(DiagCode::E0204, a.span, {"两个出资方「" + prog_.payers[static_cast<size_t>(r.payer)].name + "」「" + a.name.text + "」",
                                                         "一句给付只写一个出资方；由上级先行给付的写作“在「上级」给予……的基础上”"}));
              continue;
            }
            r.payer = s->index;
            r.payer_span = a.span;
            continue;
          }
          if (s->kind != Symbol::Kind::Fact && s->kind != Symbol::Kind::Derived) {
            report(make_diag(DiagCode::E0303, a.span, {a.name.text, kind_text(*s), "金额事实或出资方", "给付里写出资方和作为基数的金额事实"}));
            r.unresolved = true;
            continue;
          }
          ValueType t = type_of(*s);
          if (t == ValueType::Money) {
            if (r.base) {
              report(make_diag(DiagCode::E0204, a.span, {"两个基数「" + r.base_text + "」「" + a.name.text + "」",
                                                         "一句给付只有一个基数；两者取低时写作「甲」（不超过「乙」的3%）"}));
              continue;
            }
            r.base = load(*s, a.span, true);
            r.base_text = a.name.text;
            r.base_span = a.span;
            r.base_fact = s->kind == Symbol::Kind::Fact ? s->index : -1;
            continue;
          }
          if (t == ValueType::Count && ontop_mode && !r.baseline) {
            r.baseline = load(*s, a.span, true);
            r.baseline_name = a.name.text;
            continue;
          }
          if (t == ValueType::Count) {
            report(make_diag(DiagCode::E0204, a.span, {"数量「" + a.name.text + "」不能直接作为给付",
                                                       "按数量给付写作：每「" + a.name.text + "」1" + prog_.facts[static_cast<size_t>(s->index)].unit + "给予……"}));
            r.unresolved = true;
            continue;
          }
          report(make_diag(DiagCode::E0402, a.span, {a.name.text, type_text(t)}));
          r.unresolved = true;
          continue;
        }
        case ast::Atom::Kind::Amount: {
          r.any = true;
          after_bear = false;
          bool computed = (r.base && (r.rate || r.same_amount || r.rate_unspecified)) || (r.per_count && r.per_amount);
          if (a.lit.kind != ast::LitKind::Money) {
            if (pending_max && computed) error(DiagCode::E0403, a.span, {a.lit.text});  // 最高不超过10家
            else report(make_diag(DiagCode::E0204, a.span, {"「" + a.lit.text + "」不是金额", "给付写金额，如 10万元；数量门槛写在条件中"}));
            continue;
          }
          bool max = pending_max || (in_list && list_max);
          // 给予100-500万元，最高不超过600万元: a cap on a range (W0602/W0603 judge whether it binds).
          bool range_cap = pending_max && !in_list && !r.items.empty() && r.items.back().lit.hi && !r.items.back().upto;
          if ((max && computed) || range_cap) {
            if (key_fact >= 0) {
              // 按「销售价格」的30%给予成套装备最高100万元、单台设备最高50万元: caps keyed by category
              // would each apply to every category; refuse rather than drop the keys.
              if (!r.unresolved)
                report(make_diag(DiagCode::E0204, key_span.to(a.span),
                                 {"按类别的上限「" + source_text(key_span.to(a.span)) + "」",
                                  "按类别分别封顶时分成几种情形，各写一个上限：对「" + prog_.facts[static_cast<size_t>(key_fact)].name + "」为" +
                                      key_label + "的，按……给予奖励，最高" + a.lit.text + "；对……"}));
              r.unresolved = true;
              key_fact = -1;
              continue;
            }
            std::string words = cap_words + a.lit.text;
            r.caps.emplace_back(a.lit, words);
          } else if (r.per_pending && !r.per_amount) {
            Item it{a.lit, max, -1, -1, "", a.span};
            r.per_amount = it;
            r.per_pending = false;
          } else if (max && r.base && !r.rate) {
            // 依据「税收地方留成」给予最高不超过200万元: [0, min(base, 200万元)]
            r.caps.emplace_back(a.lit, cap_words + a.lit.text);
            r.rate_upto = true;
          } else {
            Item it{a.lit, max, key_fact, key_option, key_label, a.span};
            r.items.push_back(it);
          }
          list_max = max;
          pending_max = false;
          key_fact = key_option = -1;
          key_label.clear();
          cap_words.clear();
          continue;
        }
        case ast::Atom::Kind::Rate: {
          r.any = true;
          if (after_bear && !r.shares.empty()) {
            r.shares.back().rate = a.lit;
            after_bear = false;
            continue;
          }
          if (r.rate && !r.deduct) {
            if (pending_max) error(DiagCode::E0403, a.span, {a.lit.text});  // 按……的20%，最高不超过5%
            else report(make_diag(DiagCode::E0204, a.span, {"两个比例「" + r.rate->text + "」「" + a.lit.text + "」",
                                                            "一句给付只写一个比例；基数另有上限时写在基数后的（）中"}));
            continue;
          }
          r.rate = a.lit;
          r.rate_upto = r.rate_upto || pending_max;
          pending_max = false;
          continue;
        }
        case ast::Atom::Kind::PerUnit: {
          r.any = true;
          std::vector<const ast::Name*> names;
          if (a.per_fact) names.push_back(&*a.per_fact);
          if (a.per_fact_after) names.push_back(&*a.per_fact_after);
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
            if (!unit.empty() && unit != a.lit.unit) report(make_diag(DiagCode::E0404, a.lit.span, {n->text, unit, a.lit.unit}));
            count = load(*s, n->span, true);
            r.per_text = "每" + n->text;
          }
          if (!count && names.empty()) {
            // 「一年认定数量」2家以上的，每认定1家补助5000元: the count the clause's threshold is about.
            std::vector<const ast::Name*> found;
            std::function<void(const ast::Cond&)> walk = [&](const ast::Cond& c) {
              if (c.kind == ast::Cond::Kind::Fact && c.cmp && c.names.size() == 1) {
                auto it = syms_.find(c.names[0].text);
                if (it != syms_.end() && it->second.kind == Symbol::Kind::Fact) {
                  const Fact& f = prog_.facts[static_cast<size_t>(it->second.index)];
                  if (f.type == ValueType::Count && f.unit == a.lit.unit) {
                    bool dup = false;
                    for (const ast::Name* n : found) dup = dup || n->text == c.names[0].text;
                    if (!dup) found.push_back(&c.names[0]);
                  }
                }
              }
              for (const auto& ch : c.children) walk(*ch);
            };
            for (const ast::CondSeg& seg : cl.conds)
              if (seg.cond) walk(*seg.cond);
            if (found.size() == 1) {
              const Symbol* s = lookup(*found[0]);
              count = load(*s, a.span, true);
              r.per_text = "每" + found[0]->text;
            } else {
              report(make_diag(DiagCode::E0204, a.span, {found.empty() ? "“每”后缺少数量事实" : "“每”所指的数量不明确",
                                                         "写作 每「认定数量」1家给予……，或在条件中只写一个该单位的数量门槛"}));
              r.unresolved = true;
              continue;
            }
          }
          if (!count) continue;
          if (!(a.lit.value == Rational(1))) {
            report(make_diag(DiagCode::E0204, a.lit.span, {"按每" + a.lit.text + "给付", "写作每1" + a.lit.unit + "给予……（金额按每1" + a.lit.unit + "计）"}));
          }
          if (a.per_baseline) {
            const Symbol* s = lookup(*a.per_baseline);
            if (s && (s->kind == Symbol::Kind::Fact || s->kind == Symbol::Kind::Derived) && type_of(*s) == ValueType::Count) {
              auto diff = Expr::binary(Expr::Op::Sub, ValueType::Count, std::move(count), load(*s, a.per_baseline->span, true), a.span);
              count = Expr::unary(Expr::Op::Clamp0, ValueType::Count, std::move(diff), a.span);
              count->trace = "较「" + a.per_baseline->text + "」增加{0:count:" + a.lit.unit + "}";
            } else if (s) {
              report(make_diag(DiagCode::E0303, a.per_baseline->span, {a.per_baseline->text, kind_text(*s), "数量事实", "“较”后写作为基准的数量事实"}));
            }
          }
          r.per_count_raw = count->clone();
          r.per_count = std::move(count);
          r.per_unit = a.lit.unit;
          r.per_pending = true;
          continue;
        }
        case ast::Atom::Kind::String:
          if (after_benefit) {
            r.benefit_text += a.text;
          } else if (i > 0 && atoms[i - 1].kind == ast::Atom::Kind::Word && atoms[i - 1].word == W::Give) {
            // 予以“符合评价条件”: a qualification given without an amount.
            r.benefit = true;
            r.any = true;
            r.benefit_text += atoms[i - 1].text + a.text;
          }
          continue;
        case ast::Atom::Kind::Group: {
          // （“以取得证书为标准”）: a prose aside, with no meaning.
          if (std::all_of(a.group.begin(), a.group.end(), [](const ast::Atom& g) { return g.kind == ast::Atom::Kind::String; }))
            continue;
          // （不超过「投保金额」的3%） right after a base: the base is capped.
          if (!r.base) {
            report(make_diag(DiagCode::E0204, a.span, {"括号中的限额前没有基数", "写作「保费」（不超过「投保金额」的3%）"}));
            continue;
          }
          ExprPtr limit;
          std::optional<ast::Literal> lrate;
          bool has_max = false;
          for (const ast::Atom& g : a.group) {
            if (g.kind == ast::Atom::Kind::Word && (g.word == W::AtMost || g.word == W::Max)) has_max = true;
            else if (g.kind == ast::Atom::Kind::Name) {
              const Symbol* s = lookup(g.name);
              if (s && (s->kind == Symbol::Kind::Fact || s->kind == Symbol::Kind::Derived) && type_of(*s) == ValueType::Money)
                limit = load(*s, g.span, true);
              else if (s) report(make_diag(DiagCode::E0402, g.span, {g.name.text, kind_text(*s)}));
            } else if (g.kind == ast::Atom::Kind::Rate) {
              lrate = g.lit;
            } else if (g.kind == ast::Atom::Kind::Amount && g.lit.kind == ast::LitKind::Money) {
              limit = literal_expr(g.lit, g.span);
            }
          }
          if (!has_max || !limit) {
            report(make_diag(DiagCode::E0204, a.span, {"无法读懂括号中的限额", "写作（不超过「投保金额」的3%）或（不超过100万元）"}));
            continue;
          }
          std::string text = source_text(a.span);
          if (lrate) {
            limit = Expr::binary(Expr::Op::Mul, ValueType::Money, std::move(limit), Expr::constant(lrate->value, ValueType::Rate, lrate->span), a.span);
          }
          r.base = Expr::binary(Expr::Op::Min, ValueType::Money, std::move(r.base), std::move(limit), a.span);
          r.base->trace = "「" + r.base_text + "」" + text + "，计为{0:money}";
          continue;
        }
        case ast::Atom::Kind::Word:
          break;
      }
      // Words.
      after_benefit = false;
      switch (a.word) {
        case W::Give: case W::Do: r.any = true; break;
        case W::Select: r.selective = true; break;
        case W::Respectively: r.respectively = true; break;
        case W::Max: case W::AtMost:
          pending_max = true;
          cap_words += a.text;
          break;
        case W::PerEntity: case W::Subject: cap_words += a.text; break;
        case W::Scope:
          if (r.scope.empty()) r.scope = a.text;
          cap_words += a.text;
          break;
        case W::SameAmount: r.same_amount = true; r.any = true; break;
        case W::SomeRate: r.rate_unspecified = true; r.any = true; break;
        case W::Unspecified: r.unspecified = true; r.any = true; break;
        case W::CaseByCase: r.case_by_case = true; r.any = true; break;
        case W::Benefit:
          r.benefit = true;
          r.any = true;
          r.benefit_text += a.text;
          after_benefit = true;
          break;
        case W::Deduct: r.deduct = true; r.any = true; break;
        case W::Risk: r.risk = r.risk_split = true; break;
        case W::Bear:
          r.risk = true;
          after_bear = true;
          if (r.shares.empty() || i == 0 || atoms[i - 1].kind != ast::Atom::Kind::Name)
            report(make_diag(DiagCode::E0204, a.span, {"“承担”前没有出资方", "写作「合作银行」承担30%"}));
          break;
        case W::EnumSep: case W::ListAnd:
          in_list = true;
          break;
        case W::Noun:
          if (a.text == "配套") r.matching = true;
          cap_words += a.text;
          break;
        case W::Type: case W::Of:
          cap_words += a.text;
          break;
        default:
          break;
      }
      if (a.word != W::EnumSep && a.word != W::ListAnd && a.word != W::Noun && a.word != W::Of && a.word != W::Type &&
          a.word != W::Scope && a.word != W::PerEntity && a.word != W::Subject)
        in_list = false;
    }
    // An option keys the amount after it (大型企业10万元); one with no amount after it would key
    // nothing and vanish — as the last item of a condition list did when it ran into the award.
    if (key_fact >= 0 && !r.unresolved) {
      report(make_diag(DiagCode::E0204, key_span, {"选项「" + key_label + "」后没有金额",
                                                   "按类别给付写作 给予大型企业10万元、中型企业5万元；条件中的选项写在“为”之后，如「平台级别」为国家级、省级和市级"}));
      r.unresolved = true;
    }
  };

  // 对「职工总数」不超过500人、「年销售收入」不超过2亿元的企业，给予……: only 对…… runs into the
  // award without a comma, so a condition joined by 、 or 和 after it would be read as part of the
  // award (here a base-bounded maximum) and the award written dropped. An award never begins with a
  // list connector followed by a name: refuse, and say how conditions are joined.
  if (!cl.conds.empty() && !cl.pays.empty() && cl.conds.back().kind == ast::CondSeg::Kind::For && !cl.conds.back().comma) {
    const std::vector<ast::Atom>& first = cl.pays.front();
    if (!first.empty() && first[0].kind == ast::Atom::Kind::Word && (first[0].word == W::EnumSep || first[0].word == W::ListAnd)) {
      for (const ast::Atom& a : first) {
        if (a.kind != ast::Atom::Kind::Name) continue;
        report(make_diag(DiagCode::E0209, first[0].span, {first[0].text, "两个条件（其后的「" + a.name.text + "」会被读成给付）",
                                                            "都须满足时写「且」，如「职工总数」不超过500人且「年销售收入」不超过2亿元；满足其一即可时写「或」"}));
        return award;
      }
    }
  }
  Reading main;
  for (const auto& seg : cl.pays) read(seg, main, false);
  if (main.per_pending && !main.per_amount) {
    report(make_diag(DiagCode::E0204, cl.pay_spans.back(), {"“每……”后缺少金额", "写作 每「认定数量」1家，给予5000元"}));
    main.unresolved = true;
  }
  Reading ontop;
  bool has_ontop = false;
  for (const ast::CondSeg& seg : cl.conds) {
    if (seg.kind != ast::CondSeg::Kind::OnTop) continue;
    has_ontop = true;
    read(seg.ontop, ontop, true);
  }

  // Once an atom was reported, or the conditions failed, further errors would only repeat it.
  if (main.unresolved || ontop.unresolved) return award;
  // 「市、区财政」承担「不良本金」35%的风险补偿: one party bearing a rate, not a 风险分担 split, is an
  // award by that party.
  if (main.shares.size() == 1 && !main.risk_split && main.shares[0].of_payer < 0 && main.shares[0].rate) {
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
  award.selective = main.selective;
  award.scope = main.scope;
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
  if (award.payer < 0 && !main.shares.size()) {
    error(DiagCode::E0507, cl.pay_spans.empty() ? cl.span : cl.pay_spans[0]);
  }

  // Matching (配套) must match another payer's award.
  if (main.matching && main.base_fact >= 0) {
    const Fact& f = prog_.facts[static_cast<size_t>(main.base_fact)];
    if (f.from_payer < 0 || f.from_payer == award.payer)
      report(make_diag(DiagCode::E0504, main.base_span, {main.base_text}));
  }

  Span at = cl.pay_spans.empty() ? cl.span : cl.pay_spans.front().to(cl.pay_spans.back());

  // ---- the kinds that carry no amount ----
  if (main.case_by_case) {
    award.kind = Award::Kind::Case;
    return award;
  }
  if (main.deduct) {
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
  bool has_amount = !main.items.empty() || main.rate || main.per_count || main.base || main.same_amount ||
                    main.unspecified || main.rate_unspecified;
  if (main.benefit && !has_amount) {
    award.kind = Award::Kind::Benefit;
    award.benefit = main.benefit_text;
    return award;
  }
  if (main.benefit) award.benefit = main.benefit_text;  // granted together with the amount
  if (!main.shares.empty()) {
    award.kind = Award::Kind::Risk;
    if (!main.base) {
      report(make_diag(DiagCode::E0204, at, {"风险分担缺少损失金额", "写作 按「不良贷款本金损失」风险分担：「省风险补偿资金」承担35%，……"}));
      return award;
    }
    Rational top(0);
    std::vector<Rational> share(main.shares.size());
    for (size_t k = 0; k < main.shares.size(); ++k) {
      const Share& sh = main.shares[k];
      if (!sh.rate) {
        report(make_diag(DiagCode::E0204, sh.span, {"“承担”后缺少比例", "写作「合作银行」承担30%"}));
        return award;
      }
      share[k] = sh.rate->value;
      if (sh.rate->value > Rational(1)) {
        error(DiagCode::E0506, sh.span, {prog_.payers[static_cast<size_t>(sh.payer)].name});
        return award;
      }
      if (sh.of_payer < 0) top = *top.add(sh.rate->value);
    }
    if (!(top == Rational(1))) {
      auto pct = top.mul(Rational(100));
      error(DiagCode::E0502, at, {(pct ? pct->to_decimal() : std::string("?")) + "%"});
      return award;
    }
    // Net shares: a party bearing part of another's share takes it out of that share.
    std::vector<Rational> net = share;
    for (size_t k = 0; k < main.shares.size(); ++k) {
      const Share& sh = main.shares[k];
      if (sh.of_payer < 0) continue;
      size_t owner = main.shares.size();
      for (size_t j = 0; j < main.shares.size(); ++j)
        if (main.shares[j].payer == sh.of_payer && main.shares[j].of_payer < 0) owner = j;
      if (owner == main.shares.size()) {
        report(make_diag(DiagCode::E0204, sh.span, {"「" + prog_.payers[static_cast<size_t>(sh.of_payer)].name + "」没有承担份额",
                                                    "先写该方承担的比例"}));
        return award;
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
    return award;
  }

  auto cap_exprs = [&](Award& aw, const Reading& r) {
    for (const auto& [lit, words] : r.caps) {
      aw.caps.push_back(Expr::constant(lit.value, ValueType::Money, lit.span));
      aw.cap_texts.push_back(words);
    }
  };

  if (main.unspecified || main.rate_unspecified) {
    award.kind = Award::Kind::Unspecified;
    for (const auto& [lit, words] : main.caps) {
      if (!award.unspec_max || lit.value < award.unspec_max->c) award.unspec_max = Expr::constant(lit.value, ValueType::Money, lit.span);
    }
    for (const Item& it : main.items) {
      if (it.upto && (!award.unspec_max || it.lit.value < award.unspec_max->c))
        award.unspec_max = Expr::constant(it.lit.hi ? *it.lit.hi : it.lit.value, ValueType::Money, it.span);
    }
    return award;
  }

  // ---- amounts ----
  award.kind = Award::Kind::Amount;
  auto item_expr = [&](const Item& it) -> ExprPtr {
    auto e = Expr::constant(it.lit.value, ValueType::Money, it.span);
    if (it.lit.hi) {
      e->c2 = it.lit.hi;
      if (*it.lit.hi < it.lit.value)
        report(make_diag(DiagCode::E0204, it.span, {"区间「" + it.lit.text + "」下限高于上限", "写作 100-500万元"}));
    }
    if (it.upto) {
      e = Expr::unary(Expr::Op::Upto, ValueType::Money, std::move(e), it.span);
      e->trace = "最高" + it.lit.text + "，可在{0:money}内确定";
    }
    return e;
  };

  std::vector<ExprPtr> amounts;   // one per listed amount (per tier)
  std::vector<const Item*> items;
  if (main.base && (main.rate || main.same_amount)) {
    if (!main.items.empty())
      report(make_diag(DiagCode::E0204, main.items[0].span, {"既有比例又有金额「" + main.items[0].lit.text + "」",
                                                             "按比例给付时，金额上限写作“最高不超过……”"}));
    Rational rate = main.same_amount ? Rational(1) : main.rate->value;
    std::string rate_shown = main.same_amount ? "同等额度" : main.rate->text;
    auto e = Expr::binary(Expr::Op::Mul, ValueType::Money, main.base->clone(), Expr::constant(rate, ValueType::Rate, at), at);
    e->trace = "按" + rate_shown + "计得{0:money}";
    if (main.rate_upto) {
      e = Expr::unary(Expr::Op::Upto, ValueType::Money, std::move(e), at);
      e->trace = "最高" + rate_shown + "，可在{0:money}内确定";
    }
    amounts.push_back(std::move(e));
  } else if (main.rate && !main.base) {
    report(make_diag(DiagCode::E0204, main.rate->span, {"比例「" + main.rate->text + "」缺少基数",
                                                        "写出基数，如 按「市到位资金」的20%给予补助"}));
    return award;
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
    return award;
  } else if (main.base) {
    report(make_diag(DiagCode::E0204, main.base_span, {"有基数「" + main.base_text + "」而无比例", "写作 按「" + main.base_text + "」的50%给予……，或 给予「" + main.base_text + "」同等额度支持"}));
    return award;
  } else {
    for (const Item& it : main.items) {
      amounts.push_back(item_expr(it));
      items.push_back(&it);
    }
  }

  if (amounts.empty()) {
    if (!main.benefit) error(DiagCode::E0505, at);
    return award;
  }
  cap_exprs(award, main);

  // ---- tiers ----
  const Categories* paired_with = nullptr;  // the category list a 分别 pairs the amounts with
  bool keyed = !items.empty() && items[0]->key_fact >= 0;
  if (keyed) {
    int fact = items[0]->key_fact;
    for (const Item* it : items) {
      if (it->key_fact != fact) {
        report(make_diag(DiagCode::E0204, it->span, {"各档金额前的类别不属于同一事实", "同一列表里的类别应是同一选项事实的选项"}));
        return award;
      }
    }
    for (size_t k = 0; k < items.size(); ++k) {
      Tier t;
      auto eq = Expr::unary(Expr::Op::OptEq, ValueType::Bool, load(Symbol{Symbol::Kind::Fact, fact}, items[k]->span, false), items[k]->span);
      eq->ref = items[k]->key_option;
      eq->trace = "「" + prog_.facts[static_cast<size_t>(fact)].name + "」为" + items[k]->key_label + "：{0:bool}";
      t.when = std::move(eq);
      t.amount = std::move(amounts[k]);
      t.label = items[k]->key_label;
      award.tiers.push_back(std::move(t));
    }
  } else if (main.respectively && amounts.size() > 1) {
    if (!conds_ok) return award;
    if (cats.empty()) {
      error(DiagCode::E0508, at);
      return award;
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
      return award;
    }
    if (matching.empty()) {
      const Categories* longest = &cats[0];
      for (const Categories& list : cats)
        if (list.items.size() > longest->items.size()) longest = &list;
      Diagnostic d = make_diag(DiagCode::E0501, at, {std::to_string(longest->items.size()), std::to_string(amounts.size())});
      d.notes.push_back(Label{longest->span, Text{"类别列在这里", "the categories"}});
      report(std::move(d));
      return award;
    }
    paired_with = matching[0];
  } else if (amounts.size() > 1) {
    error(DiagCode::E0509, at, {std::to_string(amounts.size())});
    return award;
  }

  if (!keyed) {
    if (paired_with) {
      const Categories& list = *paired_with;
      award.tiers_each = list.kind == Categories::Kind::Facts;
      for (size_t k = 0; k < amounts.size(); ++k) {
        Tier t;
        if (list.kind == Categories::Kind::Options) {
          auto eq = Expr::unary(Expr::Op::OptEq, ValueType::Bool, load(Symbol{Symbol::Kind::Fact, list.fact}, list.span, false), list.span);
          eq->ref = list.items[k];
          eq->trace = "「" + prog_.facts[static_cast<size_t>(list.fact)].name + "」为" + list.labels[k] + "：{0:bool}";
          t.when = std::move(eq);
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
    } else {
      Tier t;
      t.amount = std::move(amounts[0]);
      award.tiers.push_back(std::move(t));
    }
  }

  // ---- 在「上级」……的基础上: the higher level's part, paired with the same tiers ----
  if (has_ontop) {
    if (ontop.payer < 0) {
      report(make_diag(DiagCode::E0204, at, {"“在……基础上”中没有写上级出资方", "写作 在「聊城市财政」给予200万元奖励的基础上"}));
      return award;
    }
    award.external_payer = ontop.payer;
    std::vector<ExprPtr> ext;
    for (const Item& it : ontop.items) ext.push_back(item_expr(it));
    // 在「聊城市财政」给予「聊城市奖励金额」的基础上: the higher level's part is a fact.
    if (ext.empty() && ontop.base) ext.push_back(ontop.base->clone());
    if (ext.size() == award.tiers.size()) {
      for (size_t k = 0; k < ext.size(); ++k) award.tiers[k].external = std::move(ext[k]);
    } else if (ext.size() == 1) {
      for (Tier& t : award.tiers) t.external = ext[0]->clone();
    } else if (!ext.empty()) {
      Diagnostic d = make_diag(DiagCode::E0501, cl.span, {std::to_string(award.tiers.size()), std::to_string(ext.size())});
      report(std::move(d));
    }
  }
  return award;
}

}  // namespace zc::sema

// The award reader of the syntax stage (compiler/syntax/award.cpp): each award phrase of the forms
// in docs/language.md §4, typed into an ast::Award, written out whole and compared — which name
// stands in which slot, which amount is an item, a cap or the amount per unit, and what problems the
// words alone show.
#include <gtest/gtest.h>

#include "compiler/syntax/parse.h"

namespace zc::syntax {
namespace {

std::string lit(const ast::Literal& l) { return l.text; }

// The award in one line: its parts in the order written, then its flags.
std::string describe(const ast::Award& w) {
  std::string s;
  auto add = [&](const std::string& part) { s += (s.empty() ? "" : " ") + part; };
  for (const ast::Award::Step& st : w.steps) {
    size_t i = static_cast<size_t>(st.index);
    switch (st.kind) {
      case ast::Award::Step::Kind::Ref: {
        const ast::Award::Ref& r = w.refs[i];
        const char* slot[] = {"ref", "from", "party", "share-of"};
        add(std::string(slot[static_cast<int>(r.slot)]) + ":" + r.name.text);
        break;
      }
      case ast::Award::Step::Kind::Amount: {
        const ast::Award::Amount& a = w.amounts[i];
        const char* role[] = {"item", "cap", "per-amount"};
        add(std::string(role[static_cast<int>(a.role)]) + ":" + (a.upto ? "max " : "") + lit(a.lit) +
            (a.role == ast::Award::Amount::Role::Cap ? "[" + a.words + "]" : ""));
        break;
      }
      case ast::Award::Step::Kind::Limit: {
        const ast::Award::Limit& l = w.limits[i];
        std::string ops;
        for (const ast::Value& v : l.operands) ops += v.kind == ast::Value::Kind::Name ? v.name.text : v.lit.text;
        add("limit:" + std::string(l.max ? "max " : "") + ops + (l.rate ? "×" + lit(*l.rate) : ""));
        break;
      }
      case ast::Award::Step::Kind::PerUnit: {
        const ast::Award::PerUnit& p = w.per_units[i];
        add("per:" + (p.fact ? p.fact->text : "") + (p.baseline ? "-" + p.baseline->text : "") + lit(p.count) +
            (p.fact_after ? p.fact_after->text : ""));
        break;
      }
      case ast::Award::Step::Kind::Problem: add("problem:" + std::string(diag_info(w.problems[i].code).id)); break;
      case ast::Award::Step::Kind::SegmentEnd: add("|"); break;
      case ast::Award::Step::Kind::RelCap: {
        const ast::Award::RelCap& c = w.rel_caps[i];
        add("rel-cap:" + c.name.text + (c.rate ? "×" + lit(*c.rate) : "") + "[" + c.words + "]");
        break;
      }
      case ast::Award::Step::Kind::Part: {
        const ast::Award::Part& p = w.parts[i];
        auto end = [&](const std::optional<ast::Comparison>& c) {
          if (!c) return std::string("_");
          std::string t = c->rhs.lit.text;
          if (c->between) return (*c->lo_incl ? "[" : "(") + t + (*c->hi_incl ? "]" : ")");
          const char* op[] = {"<", "<=", ">", ">=", "="};
          return op[static_cast<int>(c->op)] + t;
        };
        add("part:" + (p.of ? p.of->text + " " : "") + end(p.lo) + (p.hi ? " " + end(p.hi) : "") + "×" + (p.rate ? lit(*p.rate) : "?"));
        break;
      }
      case ast::Award::Step::Kind::Growth: {
        const ast::Award::Growth& g = w.growths[i];
        add("growth:" + g.of->text + "-" + g.base.text + "[" + g.text + "]");
        break;
      }
      case ast::Award::Step::Kind::Steps: add("steps:" + w.steps_each[i].verb + lit(w.steps_each[i].size)); break;
      case ast::Award::Step::Kind::TopUp: add("topup:" + w.topups[i].words + w.topups[i].received.text); break;
    }
  }
  if (w.part_base) add("part-base=" + w.part_base->text);
  if (w.step_of) add("step-of=" + w.step_of->text + (w.step_from ? " from " + lit(*w.step_from) : ""));
  if (w.rate) add("rate=" + std::string(w.rate_upto ? "max " : "") + lit(*w.rate));
  for (const ast::Award::Share& sh : w.shares) add("share=" + (sh.rate ? lit(*sh.rate) : std::string("?")));
  for (const ast::Award::SplitPart& sp : w.split_parts)
    add("part-of-payer=" + sp.payer.text + (sp.rate ? " rate " + lit(*sp.rate) : "") + (sp.amount ? " amount " + lit(*sp.amount) : "") +
        (sp.cap ? " cap " + lit(*sp.cap) : ""));
  if (w.ratio_split) {
    std::string names;
    for (const ast::Name& n : w.ratio_split->payers) names += (names.empty() ? "" : ",") + n.text;
    add("ratio-split=" + names + " " + lit(w.ratio_split->ratio));
  }
  const std::pair<bool, const char*> flags[] = {
      {w.same_amount, "same-amount"}, {w.some_rate, "some-rate"},   {w.unspecified, "unspecified"},
      {w.case_by_case, "case"},       {w.deduct, "deduct"},         {w.risk_split, "risk-split"},
      {w.matching, "matching"},       {w.selective, "selective"},   {w.respectively, "respectively"},
      {w.per_without_amount, "per-without-amount"}, {w.refused, "refused"}, {w.extra, "extra"}};
  for (const auto& [on, name] : flags)
    if (on) add(name);
  if (w.benefit) add("benefit=" + w.benefit_text);
  if (!w.scope.empty()) add("scope=" + w.scope);
  return s;
}

// The first clause of the only rule of `rule_text`, after the declarations every case shares.
std::string read(const std::string& rule_text, bool ontop = false) {
  const std::string text =
      "出资方「区财政」：本级，默认。出资方「市级财政」：上级。出资方「合作银行」：其他方。出资方「聊城市财政」：上级。"
      "事实「示例」：是否。事实「企业规模」：选项（大型企业、中型企业）。事实「研发投入」、「保费」、「投保金额」：金额。"
      "事实「培育高企数」、「年度目标任务」：数量（家）。" +
      rule_text;
  SourceManager sm;
  FileId id = sm.add("t.zc", text);
  DiagSink sink;
  auto policy = parse(sm, id, sink);
  EXPECT_EQ(sink.all().size(), 0u) << rule_text;
  if (!policy || policy->rules.empty() || policy->rules[0].branches.empty()) return "<no rule>";
  const ast::Clause& cl = policy->rules[0].branches[0];
  if (ontop) return cl.ontop ? describe(*cl.ontop) : "<no ontop>";
  return describe(cl.award);
}

TEST(AwardReader, AmountsAndTheirRoles) {
  EXPECT_EQ(read("规则「甲」：对「示例」的，给予10万元补助。"), "item:10万元 |");
  EXPECT_EQ(read("规则「甲」：对「示例」的，给予最高50万元补助。"), "item:max 50万元 |");
  EXPECT_EQ(read("规则「甲」：对「示例」的，区财政择优给予10万元。"), "ref:区财政 item:10万元 | selective");
  EXPECT_EQ(read("规则「甲」：对「示例」的，按「研发投入」的20%给予补助，最高不超过50万元。"),
            "ref:研发投入 | cap:max 50万元[最高不超过50万元] | rate=20%");
  EXPECT_EQ(read("规则「甲」：对「示例」的，给予100-500万元，最高不超过600万元。"),
            "item:100-500万元 | cap:max 600万元[最高不超过600万元] |");
  EXPECT_EQ(read("规则「甲」：对「示例」的，分别给予最高500万元、100万元。"),
            "item:max 500万元 item:max 100万元 | respectively");
  EXPECT_EQ(read("规则「甲」：对「示例」的，给予大型企业10万元、中型企业5万元。"),
            "ref:大型企业 item:10万元 ref:中型企业 item:5万元 |");
  EXPECT_EQ(read("规则「甲」：对「示例」的，依据「研发投入」给予最高不超过200万元资金扶持。"),
            "ref:研发投入 item:max 200万元 |");
}

TEST(AwardReader, PerUnitRatesAndLimits) {
  EXPECT_EQ(read("规则「甲」：对「示例」的，每「培育高企数」1家，给予10万元奖补，每年最高支持100万元。"),
            "per:培育高企数1家 | per-amount:10万元 | cap:max 100万元[每年最高支持100万元] | scope=每年");
  EXPECT_EQ(read("规则「甲」：对「示例」的，每「培育高企数」1家，给予奖补。"), "per:培育高企数1家 | | per-without-amount");
  EXPECT_EQ(read("规则「甲」：对「示例」的，按照「保费」（不超过「投保金额」的3%）的20%，给予保费补贴。"),
            "ref:保费 limit:max 投保金额×3% | | rate=20%");
  EXPECT_EQ(read("规则「甲」：对「示例」的，按「研发投入」的20%、30%给予补助。"), "ref:研发投入 problem:E0204 | rate=20%");
  EXPECT_EQ(read("规则「甲」：对「示例」的，根据「研发投入」，按照最高2.5%的比例给予财政资金补助。"),
            "ref:研发投入 | | rate=max 2.5%");
}

// Form 10 of issue 11: a cap relative to a fact, after a computed amount or an item; before any
// amount, 最高不超过「甲」的30% is still the base of a maximum.
TEST(AwardReader, RelativeCaps) {
  EXPECT_EQ(read("规则「甲」：对「示例」的，按「研发投入」的80%给予补偿，补偿金额不超过「保费」的70%。"),
            "ref:研发投入 | rel-cap:保费×70%[补偿金额不超过「保费」的70%] | rate=80%");
  EXPECT_EQ(read("规则「甲」：对「示例」的，按「研发投入」的40%给予补助，最高不超过「保费」的30%，每家每年最高30万元。"),
            "ref:研发投入 | rel-cap:保费×30%[最高不超过「保费」的30%] | cap:max 30万元[每家每年最高30万元] | rate=40% scope=每年");
  EXPECT_EQ(read("规则「甲」：对「示例」的，给予最高50万元，资助金额不超过「保费」。"),
            "item:max 50万元 | rel-cap:保费[资助金额不超过「保费」] |");
  EXPECT_EQ(read("规则「甲」：对「示例」的，给予最高不超过「研发投入」的30%的补助。"), "ref:研发投入 | rate=max 30%");
}

TEST(AwardReader, PayersSharesAndKinds) {
  EXPECT_EQ(read("规则「甲」：对「示例」的，由「市级财政」给予5万元。"), "from:市级财政 item:5万元 |");
  EXPECT_EQ(read("规则「甲」：对「示例」的，按「研发投入」风险分担：「区财政」承担70%，「合作银行」承担30%。"),
            "ref:研发投入 party:区财政 | party:合作银行 | share=70% share=30% risk-split");
  EXPECT_EQ(read("规则「甲」：对「示例」的，按「研发投入」风险分担：「区财政」承担100%，「合作银行」承担「区财政」的40%。"),
            "ref:研发投入 party:区财政 | party:合作银行 share-of:区财政 | share=100% share=40% risk-split");
  EXPECT_EQ(read("规则「甲」：对「示例」的，承担30%。"), "problem:E0204 | rate=30%");
  EXPECT_EQ(read("规则「甲」：对「示例」的，按照“一事一议”的方式给予补助。"), "| case");
  EXPECT_EQ(read("规则「甲」：对「示例」的，给予奖励支持，金额未明确。"), "| | unspecified");
  EXPECT_EQ(read("规则「甲」：对「示例」的，推荐纳入“市级科技创新平台管理”。"), "| benefit=推荐纳入市级科技创新平台管理");
  EXPECT_EQ(read("规则「甲」：对「示例」的，落实「研发投入」加计100%扣除政策。"), "ref:研发投入 | rate=100% deduct benefit=落实");
  EXPECT_EQ(read("规则「甲」：对「示例」的，按照「研发投入」的50%进行配套。"), "ref:研发投入 | rate=50% matching");
}

TEST(AwardReader, OnTopOfAHigherAward) {
  const std::string rule = "规则「甲」：在「聊城市财政」分别给予200万元、50万元一次性奖励的基础上，对「企业规模」为大型企业、中型企业的，"
                           "「区财政」分别给予20万元、10万元。";
  EXPECT_EQ(read(rule, true), "ref:聊城市财政 item:200万元 item:50万元 | respectively scope=一次性");
  EXPECT_EQ(read(rule), "ref:区财政 item:20万元 item:10万元 | respectively");
  EXPECT_EQ(read("规则「甲」：对「示例」的，在完成「年度目标任务」的基础上，每增加认定1家「培育高企数」，给予5万元。", true),
            "ref:年度目标任务 |");
}

// 200万元以下（含）的部分按2%、超过200万元至1000万元（含）的部分按1%: each part with its bounds and its rate;
// the amount divided is the one a part names, or 对「X」，, or the one the conditions compare.
TEST(AwardReader, PartsOfAnAmount) {
  EXPECT_EQ(read("规则「甲」：对「研发投入」，200万元以下（含）的部分按2%、超过200万元至1000万元（含）的部分按1%、超过1000万元的部分按0.5%给予奖励，"
                 "每家每年最高30万元。"),
            "part:<=200万元×2% part:(200万元至1000万元（含）]×1% part:>1000万元×0.5% | cap:max 30万元[每家每年最高30万元] | part-base=研发投入 "
            "scope=每年");
  EXPECT_EQ(read("规则「甲」：「研发投入」达到2亿元的，超过2亿元的部分按0.5‰给予奖励。"), "part:>2亿元×0.5‰ | part-base=研发投入");
  EXPECT_EQ(read("规则「甲」：对「示例」的，「保费」超过100万元不满200万元的部分按1%给予奖励。"), "part:保费 >100万元 <200万元×1% | part-base=保费");
  EXPECT_EQ(read("规则「甲」：对「研发投入」，200万元以下（含）的部分按2%、超过200万元的部分给予奖励。"),
            "part:<=200万元×2% part:>200万元×? | problem:E0532 part-base=研发投入");
}

// ……达到2亿元的，给予5万元；超过2亿元的部分，按0.5‰另行奖励: the 另行 clause's part divides the amount
// the clause before compares.
TEST(AwardReader, GrowthOverABasePeriod) {
  // The growth stands where the base of a rate stands: 最高100万元 after it is a cap.
  EXPECT_EQ(read("规则「甲」：按「研发投入」较「保费」新增部分的15%给予补助，最高100万元。"),
            "growth:研发投入-保费[「研发投入」较「保费」新增部分] | cap:max 100万元[最高100万元] | rate=15%");
  EXPECT_EQ(read("规则「甲」：按照「研发投入」比「保费」增长的部分的1.5%予以奖励。"),
            "growth:研发投入-保费[「研发投入」比「保费」增长的部分] | rate=1.5%");
  EXPECT_EQ(read("规则「甲」：按「研发投入」较「保费」的增量的1%给予奖励。"), "growth:研发投入-保费[「研发投入」较「保费」的增量] | rate=1%");
  EXPECT_EQ(read("规则「甲」：按「研发投入」较「保费」增加额的1%给予奖励，每家机构每年度最高5万元。"),
            "growth:研发投入-保费[「研发投入」较「保费」增加额] | cap:max 5万元[每家机构每年度最高5万元] | rate=1% scope=每年度");
  // Which amount grew is not written.
  EXPECT_EQ(read("规则「甲」：按较「保费」新增部分的15%给予补助。"), "problem:E0204 | rate=15% refused");
}

// The award of the rule's clause `k` (after join_awards, which a 再 clause needs).
std::string read_clause(const std::string& rule_text, size_t k) {
  const std::string text =
      "出资方「区财政」：本级，默认。事实「登记额」：金额。事实「面积」：数量（平方米）。事实「示例」：是否。事实「强度」：比例。" + rule_text;
  SourceManager sm;
  FileId id = sm.add("t.zc", text);
  DiagSink sink;
  auto policy = parse(sm, id, sink);
  EXPECT_EQ(sink.all().size(), 0u) << rule_text;
  if (!policy || policy->rules.empty() || policy->rules[0].branches.size() <= k) return "<no clause>";
  return describe(policy->rules[0].branches[k].award);
}

TEST(AwardReader, StepsPerAmount) {
  // A 再 clause with no amount of its own before the steps joins the one before, whose threshold it counts from.
  EXPECT_EQ(read_clause("规则「甲」：「登记额」达到5000万元的，给予2万元；每增加2000万元，再给予1万元，最高10万元。", 1),
            "steps:增加2000万元 | per-amount:1万元 | cap:max 10万元[最高10万元] | step-of=登记额 from 5000万元 extra");
  // In one clause: the amount before the steps is an item, 依次递增后 has no meaning of its own.
  EXPECT_EQ(read_clause("规则「甲」：对「面积」500平方米以上的「示例」，给予30万元，每满100平方米再给予5万元，依次递增后最高不超过300万元。", 0),
            "item:30万元 | steps:满100平方米 per-amount:5万元 | cap:max 300万元[最高不超过300万元] | step-of=面积 from 500平方米");
  EXPECT_EQ(read_clause("规则「甲」：「登记额」达到1亿元的，给予3万元；每超过0.5亿元再补助经费1万元。", 1),
            "steps:超过0.5亿元 per-amount:1万元 | step-of=登记额 from 1亿元 extra");
  EXPECT_EQ(read_clause("规则「甲」：「强度」达到3%的，给予10万元；每增加1个百分点，增加5万元。", 1),
            "steps:增加1个百分点 | per-amount:5万元 | step-of=强度 from 3% extra");
}

// 减去 (扣减, and 扣除 without 加计) before a name: what was already received; the rest is the standard.
TEST(AwardReader, TopUps) {
  EXPECT_EQ(read("规则「甲」：按「研发投入」减去「保费」给予补差。"), "ref:研发投入 topup:减去保费 |");
  EXPECT_EQ(read("规则「甲」：按50万元扣减「保费」后就高补差。"), "item:50万元 topup:扣减保费 |");
  EXPECT_EQ(read("规则「甲」：按「研发投入」的10%扣除「保费」后给予补差，最高100万元。"),
            "ref:研发投入 topup:扣除保费 | cap:max 100万元[最高100万元] | rate=10%");
  // 加计……扣除 stays a deduction.
  EXPECT_EQ(read("规则「甲」：落实「研发投入」加计100%扣除政策。"), "ref:研发投入 | rate=100% deduct benefit=落实");
  // 减去 with nothing received after it.
  EXPECT_EQ(read("规则「甲」：按50万元减去给予补差。"), "item:50万元 problem:E0204 |");
}

TEST(AwardReader, AnExtraClauseJoinsTheOneBefore) {
  const std::string text =
      "出资方「区财政」：本级，默认。事实「登记额」：金额。规则「甲」：「登记额」达到2亿元的，给予5万元；超过2亿元的部分，按0.5‰另行奖励。";
  SourceManager sm;
  DiagSink sink;
  auto policy = parse(sm, sm.add("t.zc", text), sink);
  ASSERT_TRUE(policy && policy->rules.size() == 1 && policy->rules[0].branches.size() == 2);
  EXPECT_EQ(describe(policy->rules[0].branches[0].award), "item:5万元 |");
  EXPECT_EQ(describe(policy->rules[0].branches[1].award), "part:>2亿元×0.5‰ | | part-base=登记额 extra");
}

// 对「甲」不超过500人、「乙」……: a condition list running into the award is refused whole.
TEST(AwardReader, ConditionsRunningIntoTheAward) {
  EXPECT_EQ(read("规则「甲」：对「研发投入」不超过500万元和「保费」不超过2万元的企业，给予1万元。"), "problem:E0209 refused");
  // Joined by 、 the two comparisons are conditions that both hold (the grammar's condOp), and the
  // award is the one written.
  EXPECT_EQ(read("规则「甲」：对「研发投入」不超过500万元、「保费」不超过2万元的企业，给予1万元。"), "item:1万元 |");
}

TEST(AwardReader, OneAwardSplitBetweenPayers) {
  // （其中……）after the rate gives each payer's rate; after the cap, a part's own cap.
  std::string got = read("规则「甲」：按「研发投入」的40%给予补助（其中「市级财政」承担25%，「区财政」承担15%），最高15万元（其中「市级财政」最高10万元）。");
  EXPECT_NE(got.find("part-of-payer=市级财政 rate 25% cap 10万元"), std::string::npos) << got;
  EXPECT_NE(got.find("part-of-payer=区财政 rate 15%"), std::string::npos) << got;
  EXPECT_NE(got.find("cap:max 15万元"), std::string::npos) << got;
  // 所需资金由……按3∶7比例分担 is a segment of its own: the payers are not the award's payer.
  got = read("规则「甲」：对「示例」的，给予20万元奖励，所需资金由「市级财政」、「区财政」按3∶7比例分担。");
  EXPECT_NE(got.find("ratio-split=市级财政,区财政 3∶7"), std::string::npos) << got;
  EXPECT_EQ(got.find("ref:"), std::string::npos) << got;
}

}  // namespace
}  // namespace zc::syntax

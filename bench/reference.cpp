// Hand-written evaluation of the four seed policies (reference.h). Each rule below is the policy's
// sentence coded directly: conditions as C++ booleans, amounts with Rational/Interval arithmetic,
// rounded half up to 分 as all four policies declare. Names are resolved once, at construction.
#include "bench/reference.h"

#include <functional>

#include "runtime/vm/outcome.h"

namespace zc::bench {
namespace {

const Rational kZero(0);
Rational q(int64_t n, int64_t d = 1) { return *Rational::make(n, d); }
Interval iv(const Rational& v) { return Interval::exact(v); }

// What every policy class shares: name lookup, reading facts, and filling outcomes.
class Policy : public Reference {
 public:
  explicit Policy(const Module& m) : m_(m) {}
  std::string error;

  void evaluate_into(const std::vector<FactValue>& facts, Evaluation& out) override {
    facts_ = &facts;
    ev_ = &out;
    out.rules.resize(m_.rules.size());
    for (RuleOutcome& o : out.rules) reset_outcome(o);
    rules();
    groups();
    totals();
  }

 protected:
  virtual void rules() = 0;
  virtual void groups() {}

  uint16_t fact(const char* name) { return find(name, m_.facts, "事实"); }
  uint16_t rule(const char* name) { return find(name, m_.rules, "规则"); }
  uint16_t payer(const char* name) { return find(name, m_.payers, "出资方"); }
  uint16_t option(uint16_t f, const char* name) {
    if (f < m_.facts.size()) {
      for (size_t i = 0; i < m_.facts[f].options.size(); ++i) {
        if (m_.str(m_.facts[f].options[i]) == name) return static_cast<uint16_t>(i);
      }
    }
    error += std::string("缺选项「") + name + "」；";
    return 0;
  }

  // ---- facts (the rows are well typed; a missing value takes the fact's default) ----
  bool b(uint16_t f) const {
    const FactValue& v = (*facts_)[f];
    return v.kind == FactValue::Kind::Bool ? v.b : m_.facts[f].default_value.b;
  }
  uint16_t opt(uint16_t f) const {
    const FactValue& v = (*facts_)[f];
    return v.kind == FactValue::Kind::Opt ? v.opt : m_.facts[f].default_value.opt;
  }
  // A number for rule r; false (and r stops on the missing fact) when there is none.
  bool num(uint16_t r, uint16_t f, Rational& x) {
    const FactValue& v = (*facts_)[f];
    const FactValue& d = m_.facts[f].default_value;
    if (v.kind == FactValue::Kind::Num) x = v.num;
    else if (d.kind == FactValue::Kind::Num) x = d.num;
    else return stop(r, VmError::MissingFact, f);
    return true;
  }

  // ---- outcomes ----
  RuleOutcome& out(uint16_t r) { return ev_->rules[r]; }
  bool stop(uint16_t r, VmError e, uint16_t f = kNoIndex) {
    RuleOutcome& o = out(r);
    reset_outcome(o);
    o.status = RuleStatus::Error;
    o.error = e;
    o.error_fact = e == VmError::MissingFact ? f : kNoIndex;
    return false;
  }
  // Pays `v` (rounded half up to 分) from payer p; a value that cannot be represented stops r.
  void pay(uint16_t r, uint16_t p, const std::optional<Interval>& v) {
    std::optional<Interval> x = v ? v->round(RoundingMode::HalfUp, RoundingUnit::Fen) : std::nullopt;
    if (!x || !add_payer_amount(out(r).amounts, p, *x)) {
      stop(r, VmError::Overflow);
      return;
    }
    out(r).status = RuleStatus::Awarded;
  }
  void pay(uint16_t r, uint16_t p, const Rational& v) { pay(r, p, iv(v)); }
  // An award that stops fitting after the rules ran (a group or the totals): it pays nothing.
  bool overflowed(uint16_t r) {
    RuleOutcome& o = out(r);
    o.status = RuleStatus::Error;
    o.error = VmError::Overflow;
    o.amounts.clear();
    o.external.clear();
    o.deduction.reset();
    o.benefits.clear();
    return false;
  }
  // base × rate, capped, rounded.
  void pay_share(uint16_t r, uint16_t p, uint16_t base, const Rational& rate, std::optional<Rational> cap = std::nullopt) {
    Rational x;
    if (!num(r, base, x)) return;
    std::optional<Interval> v = iv(x).mul(iv(rate));
    if (v && cap) v = v->min(iv(*cap));
    pay(r, p, v);
  }
  void external(uint16_t r, uint16_t p, const Interval& v) { add_payer_amount(out(r).external, p, v); }
  void case_by_case(uint16_t r, uint16_t p) {
    out(r).case_by_case = true;
    out(r).payer = p;
    out(r).status = RuleStatus::Awarded;
  }
  void unspecified(uint16_t r, uint16_t p, std::optional<Rational> max = std::nullopt) {
    out(r).unspecified = true;
    out(r).payer = p;
    if (max) out(r).unspecified_max = iv(*max);
    out(r).status = RuleStatus::Awarded;
  }
  void benefit(uint16_t r) {
    out(r).benefits.push_back(0);
    out(r).status = RuleStatus::Awarded;
  }
  void selective(uint16_t r) { out(r).selective = true; }

  // ---- groups, by hand for the groups these policies have ----
  bool local_award(uint16_t r, Interval& sum) {
    sum = iv(kZero);
    const RuleOutcome& o = out(r);
    for (const PayerAmount& pa : o.amounts) {
      if (m_.payers[pa.payer].role != PayerRole::Local) continue;
      std::optional<Interval> s = sum.add(o.selective ? pa.amount.upto() : pa.amount);
      if (!s) return overflowed(r);
      sum = *s;
    }
    return true;
  }
  // 不重复 between two rules: keep `first` (优先), or the higher award (就高: hi, then lo, then `first`).
  void no_duplication(uint16_t first, uint16_t second, bool highest) {
    if (out(first).status != RuleStatus::Awarded || out(second).status != RuleStatus::Awarded) return;
    Interval a, c;
    if (!local_award(first, a) | !local_award(second, c)) return;
    bool keep_second = highest && (c.hi > a.hi || (c.hi == a.hi && c.lo > a.lo));
    RuleOutcome& excluded = out(keep_second ? first : second);
    excluded.status = RuleStatus::Excluded;
    excluded.group_notes.push_back("不重复");
  }

  // The totals per payer (a selective award counts as [0, hi]); an award that does not fit stops its rule.
  void totals() {
    ev_->payer_totals.assign(m_.payers.size(), iv(kZero));
    ev_->has_error = false;
    for (size_t r = 0; r < ev_->rules.size(); ++r) {
      RuleOutcome& o = ev_->rules[r];
      if (o.status == RuleStatus::Awarded) {
        size_t k = 0;
        for (; k < o.amounts.size(); ++k) {
          const PayerAmount& pa = o.amounts[k];
          std::optional<Interval> sum = ev_->payer_totals[pa.payer].add(o.selective ? pa.amount.upto() : pa.amount);
          if (!sum) break;
          ev_->payer_totals[pa.payer] = *sum;
        }
        if (k < o.amounts.size()) {
          // Take back what was added: earlier sums were representable, so this cannot overflow.
          for (size_t j = 0; j < k; ++j) {
            const PayerAmount& pa = o.amounts[j];
            ev_->payer_totals[pa.payer] = *ev_->payer_totals[pa.payer].sub(o.selective ? pa.amount.upto() : pa.amount);
          }
          overflowed(static_cast<uint16_t>(r));
        }
      }
      ev_->has_error = ev_->has_error || o.status == RuleStatus::Error;
    }
  }

  const Module& m_;

 private:
  template <typename T>
  uint16_t find(const char* name, const std::vector<T>& table, const char* what) {
    for (size_t i = 0; i < table.size(); ++i) {
      if (m_.str(table[i].name) == name) return static_cast<uint16_t>(i);
    }
    error += std::string("缺") + what + "「" + name + "」；";
    return 0;
  }

  const std::vector<FactValue>* facts_ = nullptr;
  Evaluation* ev_ = nullptr;
};

// ==== 东昌府区《关于加快推进新时代科技强区建设的实施意见》(seed 000) ====
class Dongchangfu final : public Policy {
 public:
  explicit Dongchangfu(const Module& m) : Policy(m) {}

 private:
  const uint16_t qu_ = payer("区财政"), shiqu_ = payer("市、区财政");
  // 第1条
  const uint16_t f_first_ = fact("首次通过高新技术企业认定"), f_review_ = fact("复审通过认定"),
                 f_accepted_ = fact("首次通过山东省高新技术企业认定管理机构受理但未通过认定"),
                 f_moved_in_ = fact("整体引进的区外高新技术企业"),
                 f_agency_ = fact("为申报高新技术企业提供培训、指导等服务的区内专业化服务机构"),
                 f_filed_ = fact("在区科技局进行备案"), f_years_ = fact("与我区企业签订高企培育正式合同"),
                 f_succeeded_ = fact("帮助企业首次成功通过高新技术企业认定"), f_helped_ = fact("一年认定数量");
  const uint16_t r_gaoqi_ = rule("高企认定补助"), r_moved_in_ = rule("整体引进高企补助"), r_agency_ = rule("高企培育服务机构奖补");
  // 第2条, 第4-6条
  const uint16_t f_climb_ = fact("承担聊城市科技助力中小企业攀登计划项目或山东省科技型中小企业创新能力提升工程项目"),
                 f_climb_ok_ = fact("攀登计划或提升工程项目验收通过"), f_climb_funds_ = fact("攀登计划或提升工程项目市到位资金"),
                 f_city_platform_ = fact("运行良好的市级技术创新中心、重点实验室、新型研发机构等创新平台"),
                 f_nat_platform_ = fact("获批的国家级、省级重点实验室、技术创新中心、院士工作站等创新平台"),
                 f_nat_platform_funds_ = fact("国家级省级创新平台市财政奖补金额"),
                 f_institute_ = fact("新建或整体迁入的独立型科研院所、国内著名科研机构、“双一流”大学等院校设立的分所（院、校）"),
                 f_rnd_filed_ = fact("备案为省级新型研发机构"),
                 f_rnd_excellent_ = fact("绩效评价优秀且获得省财政支持的省级新型研发机构"),
                 f_rnd_filed_funds_ = fact("省级新型研发机构备案市财政奖补金额"),
                 f_rnd_excellent_funds_ = fact("省级新型研发机构绩效市财政奖补金额"), f_incubator_ = fact("获批的科技企业孵化器级别"),
                 f_space_ = fact("通过备案的省级以上众创空间"), f_carrier_ = fact("省级以上科技企业孵化器或众创空间"),
                 f_carrier_gaoqi_ = fact("当年培育高新技术企业");
  const uint16_t o_inc_prov_ = option(f_incubator_, "省级"), o_inc_nat_ = option(f_incubator_, "国家级");
  const uint16_t r_climb_ = rule("攀登计划与提升工程补助"), r_city_platform_ = rule("市级创新平台择优支持"),
                 r_nat_platform_ = rule("国家级省级创新平台配套"), r_institute_ = rule("科研院所分所一事一议"),
                 r_rnd_filed_ = rule("省级新型研发机构备案配套"), r_rnd_excellent_ = rule("省级新型研发机构绩效配套"),
                 r_incubator_ = rule("科技企业孵化器补助"), r_space_ = rule("众创空间择优奖补"), r_carrier_ = rule("孵化载体培育高企奖补");
  // 第7-9条
  const uint16_t f_accepted_project_ = fact("项目通过验收"), f_national_ = fact("承担国家科技重大专项和重点研发计划等项目"),
                 f_provincial_ = fact("承担省科技重大专项计划项目"), f_municipal_ = fact("承担市级重点研发计划项目"),
                 f_project_funds_ = fact("项目市财政奖补金额"), f_deduction_ = fact("享受研发费用加计扣除政策"),
                 f_rnd_grant_ok_ = fact("达到市级研发补助条件"), f_rnd_grant_ = fact("市级研发补助资金"),
                 f_first_report_ = fact("首次准确填报研发投入统计数据"), f_had_grant_ = fact("享受研发财政补助"),
                 f_above_scale_ = fact("规上企业"), f_first_rnd_ = fact("首次填报的研发投入"),
                 f_rnd_growth_ = fact("研发投入填报较上年度增长"), f_rnd_match_ = fact("研发投入市财政奖补金额"),
                 f_first_set_ = fact("在重点领域开展首台（套）重大技术装备、新材料首批次、首版次高端软件研发及推广应用");
  const uint16_t r_national_ = rule("国家重大专项项目配套"), r_provincial_ = rule("省重大专项项目奖补"),
                 r_municipal_ = rule("市级重点研发项目奖补"), r_same_grant_ = rule("研发补助同等额度支持"),
                 r_rnd_match_ = rule("研发投入填报配套"), r_first_set_ = rule("首台套首批次首版次财政奖励");
  // 第10-16条
  const uint16_t f_leader_ = fact("成功入选国家级、省级重点人才工程的领军人才"), f_leader_funds_ = fact("领军人才市财政资助配套额度"),
                 f_talent_unit_ = fact("入选重点人才工程的企业或研发机构、科研院所的级别"),
                 f_enclave_ = fact("绩效评估合格的“人才飞地”"),
                 f_open_platform_ = fact("建设院士工作站、博士后科研工作站和创新实践基地等开放性合作平台"),
                 f_open_platform_funds_ = fact("合作平台市财政资助经费额度"), f_prov_contest_ = fact("入围省级大赛的企业、人才（团队）"),
                 f_nat_contest_ = fact("入围国家创新创业大赛的企业、人才（团队）"), f_contest_prize_ = fact("获得国家、省和市创新创业大赛奖励"),
                 f_entrepreneur_ = fact("在我区创业的高层次人才"), f_contest_funds_ = fact("大赛市财政奖励资金"),
                 f_industry_univ_ = fact("获得市级资助的产学研合作引导资金项目"), f_industry_univ_funds_ = fact("产学研合作市财政资助经费额度"),
                 f_intl_base_ = fact("获批的国家级、省级国际科技合作基地等创新平台"),
                 f_intl_base_funds_ = fact("国际科技合作基地市财政资助经费额度");
  const uint16_t o_unit_nat_ = option(f_talent_unit_, "国家级"), o_unit_prov_ = option(f_talent_unit_, "省级");
  const uint16_t r_leader_ = rule("领军人才配套"), r_talent_unit_ = rule("人才工程入选单位奖励"), r_enclave_ = rule("人才飞地奖励"),
                 r_open_platform_ = rule("开放性合作平台配套"), r_prov_contest_ = rule("省级大赛入围奖补"),
                 r_nat_contest_ = rule("国家大赛入围奖补"), r_contest_prize_ = rule("大赛获奖配套"),
                 r_entrepreneur_ = rule("高层次人才创业优惠"), r_industry_univ_ = rule("产学研合作项目配套"),
                 r_intl_base_ = rule("国际科技合作基地配套");
  // 第17-24条
  const uint16_t f_agri_park_ = fact("新建设的农业科技园区级别"), f_agri_perf_ = fact("区内农业科技园区获得市级绩效评价奖补"),
                 f_agri_perf_funds_ = fact("农业科技园区绩效市财政资助经费额度"), f_envoy_ = fact("当年评选获得的科技特派员称号"),
                 f_envoy_city_ = fact("获得市级科技特派员奖补"), f_envoy_project_ = fact("实施企业科技特派员项目"),
                 f_envoy_funds_ = fact("企业科技特派员项目市级财政支持额度"), f_clinical_ = fact("新建临床医学研究中心级别"),
                 f_clinical_perf_ = fact("经绩效评价优秀的临床医学研究中心"),
                 f_pilot_ = fact("新备案为山东省科技成果转化中试示范基地"),
                 f_award_ = fact("获得国家科学技术奖、省科学技术最高奖、省科学技术青年奖的个人或第一完成单位"),
                 f_pilot_funds_ = fact("中试示范基地市财政资助经费额度"), f_award_funds_ = fact("科学技术奖市财政奖励额度"),
                 f_prize_level_ = fact("省科学技术奖第一完成单位获奖等级"),
                 f_broker_trainer_ = fact("开展技术经纪人培训的技术市场协会、技术转移服务机构"), f_brokers_ = fact("技术经纪人"),
                 f_transfer_ = fact("新认定的省级技术转移人才培养基地或新备案的国家级、省级技术转移服务机构"),
                 f_transfer_funds_ = fact("技术转移机构市财政奖补资金额度"), f_patent_ = fact("实施优质专利补助政策的对象"),
                 f_loan_first_ = fact("首次纳入山东省科技成果转化贷款风险补偿备案并按时还本付息"),
                 f_loan_filed_ = fact("科技成果转化贷款纳入风险补偿备案"), f_interest_ = fact("市级财政贴息支持额度"),
                 f_bad_loans_ = fact("备案贷款不良本金");
  const uint16_t o_park_nat_ = option(f_agri_park_, "国家级"), o_park_prov_ = option(f_agri_park_, "省级"),
                 o_park_city_ = option(f_agri_park_, "市级"), o_envoy_best_ = option(f_envoy_, "优秀科技特派员"),
                 o_envoy_good_ = option(f_envoy_, "科技特派员工作先进个人"), o_clin_prov_ = option(f_clinical_, "省级"),
                 o_clin_city_ = option(f_clinical_, "市级"), o_prize_special_ = option(f_prize_level_, "特等奖"),
                 o_prize_first_ = option(f_prize_level_, "一等奖"), o_prize_second_ = option(f_prize_level_, "二等奖");
  const uint16_t r_agri_park_ = rule("农业科技园区奖补"), r_agri_perf_ = rule("农业科技园区绩效配套"), r_envoy_ = rule("科技特派员奖励"),
                 r_envoy_project_ = rule("企业科技特派员项目支持"), r_clinical_ = rule("临床医学研究中心奖补"),
                 r_clinical_perf_ = rule("临床医学研究中心绩效奖补"), r_pilot_ = rule("中试示范基地配套"),
                 r_award_ = rule("科学技术奖配套奖励"), r_prize_ = rule("省科学技术奖第一完成单位奖励"),
                 r_brokers_ = rule("技术经纪人培养补助"), r_transfer_ = rule("技术转移机构配套"), r_patent_ = rule("优质专利补助"),
                 r_interest_ = rule("科技成果转化贷款贴息补助"), r_bad_loans_ = rule("备案贷款风险补偿");

  void rules() override {
    const Rational half = q(1, 2), one = q(1), million = q(1000000);
    // 第1条: three exclusive cases, the first that holds pays.
    if (b(f_first_)) pay(r_gaoqi_, qu_, q(100000));
    else if (b(f_review_)) pay(r_gaoqi_, qu_, q(50000));
    else if (b(f_accepted_)) pay(r_gaoqi_, qu_, q(30000));
    if (b(f_moved_in_)) pay(r_moved_in_, qu_, q(100000));
    // 一年以上 and 2家（含2家）以上, then 5000元 for every recognition.
    Rational years, helped;
    if (b(f_agency_) && num(r_agency_, f_years_, years) && years >= one && b(f_filed_) && b(f_succeeded_) &&
        num(r_agency_, f_helped_, helped) && helped >= q(2)) {
      pay(r_agency_, qu_, iv(helped).mul(iv(q(5000))));
    }
    // 第2条, 第4-6条
    if (b(f_climb_) && b(f_climb_ok_)) pay_share(r_climb_, qu_, f_climb_funds_, q(1, 5));
    if (b(f_city_platform_)) {
      selective(r_city_platform_);
      pay(r_city_platform_, qu_, q(100000));
    }
    if (b(f_nat_platform_)) pay_share(r_nat_platform_, qu_, f_nat_platform_funds_, half);
    if (b(f_institute_)) case_by_case(r_institute_, qu_);
    if (b(f_rnd_filed_)) pay_share(r_rnd_filed_, qu_, f_rnd_filed_funds_, half);
    if (b(f_rnd_excellent_)) pay_share(r_rnd_excellent_, qu_, f_rnd_excellent_funds_, half);
    if (opt(f_incubator_) == o_inc_prov_) pay(r_incubator_, qu_, q(500000));
    else if (opt(f_incubator_) == o_inc_nat_) pay(r_incubator_, qu_, million);
    if (b(f_space_)) {
      selective(r_space_);
      pay(r_space_, qu_, q(200000));
    }
    Rational n;
    if (b(f_carrier_) && num(r_carrier_, f_carrier_gaoqi_, n)) pay(r_carrier_, qu_, iv(n).mul(iv(q(100000)))->min(iv(million)));
    // 第7条: 50% / 30% / 20% of the city's funding, at most 100万元 a project.
    if (b(f_national_) && b(f_accepted_project_)) pay_share(r_national_, qu_, f_project_funds_, half, million);
    if (b(f_provincial_) && b(f_accepted_project_)) pay_share(r_provincial_, qu_, f_project_funds_, q(3, 10), million);
    if (b(f_municipal_) && b(f_accepted_project_)) pay_share(r_municipal_, qu_, f_project_funds_, q(1, 5), million);
    // 第8-9条
    if (b(f_deduction_) && b(f_rnd_grant_ok_)) pay_share(r_same_grant_, qu_, f_rnd_grant_, one);
    // （首次填报50万元以上 或 （增长100万元以上 且 未享受研发财政补助））的规上企业.
    [&] {
      Rational first_rnd, growth;
      bool first_case = b(f_first_report_);
      if (first_case && !num(r_rnd_match_, f_first_rnd_, first_rnd)) return;
      first_case = first_case && first_rnd >= q(500000);
      bool growth_case = false;
      if (!first_case) {
        if (!num(r_rnd_match_, f_rnd_growth_, growth)) return;
        growth_case = growth >= million && !b(f_had_grant_);
      }
      if ((first_case || growth_case) && b(f_above_scale_)) pay_share(r_rnd_match_, qu_, f_rnd_match_, one);
    }();
    if (b(f_first_set_)) unspecified(r_first_set_, qu_);
    // 第10-16条
    if (b(f_leader_)) pay_share(r_leader_, qu_, f_leader_funds_, one);
    if (opt(f_talent_unit_) == o_unit_nat_) pay(r_talent_unit_, qu_, q(50000));
    else if (opt(f_talent_unit_) == o_unit_prov_) pay(r_talent_unit_, qu_, q(30000));
    if (b(f_enclave_)) unspecified(r_enclave_, qu_);
    if (b(f_open_platform_)) pay_share(r_open_platform_, qu_, f_open_platform_funds_, half);
    if (b(f_prov_contest_)) pay(r_prov_contest_, qu_, q(10000));
    if (b(f_nat_contest_)) pay(r_nat_contest_, qu_, q(30000));
    if (b(f_contest_prize_)) pay_share(r_contest_prize_, qu_, f_contest_funds_, one);
    if (b(f_entrepreneur_)) benefit(r_entrepreneur_);
    if (b(f_industry_univ_)) pay_share(r_industry_univ_, qu_, f_industry_univ_funds_, one);
    if (b(f_intl_base_)) pay_share(r_intl_base_, qu_, f_intl_base_funds_, half);
    // 第17-24条
    const uint16_t park = opt(f_agri_park_);
    if (park == o_park_nat_) pay(r_agri_park_, qu_, million);
    else if (park == o_park_prov_) pay(r_agri_park_, qu_, q(500000));
    else if (park == o_park_city_) pay(r_agri_park_, qu_, q(200000));
    if (b(f_agri_perf_)) pay_share(r_agri_perf_, qu_, f_agri_perf_funds_, half);
    const uint16_t envoy = opt(f_envoy_);
    if ((envoy == o_envoy_best_ || envoy == o_envoy_good_) && !b(f_envoy_city_)) pay(r_envoy_, qu_, envoy == o_envoy_best_ ? q(10000) : q(5000));
    if (b(f_envoy_project_)) pay_share(r_envoy_project_, qu_, f_envoy_funds_, one);
    if (opt(f_clinical_) == o_clin_prov_) pay(r_clinical_, qu_, q(300000));
    else if (opt(f_clinical_) == o_clin_city_) pay(r_clinical_, qu_, q(100000));
    if (b(f_clinical_perf_)) pay(r_clinical_perf_, qu_, q(100000));
    if (b(f_pilot_)) pay_share(r_pilot_, qu_, f_pilot_funds_, half);
    if (b(f_award_)) pay_share(r_award_, qu_, f_award_funds_, half);
    const uint16_t prize = opt(f_prize_level_);
    if (prize == o_prize_special_) pay(r_prize_, qu_, q(500000));
    else if (prize == o_prize_first_) pay(r_prize_, qu_, q(200000));
    else if (prize == o_prize_second_) pay(r_prize_, qu_, q(100000));
    if (b(f_broker_trainer_) && num(r_brokers_, f_brokers_, n)) pay(r_brokers_, qu_, iv(n).mul(iv(q(1000))));
    if (b(f_transfer_)) pay_share(r_transfer_, qu_, f_transfer_funds_, half);
    if (b(f_patent_)) unspecified(r_patent_, qu_);
    if (b(f_loan_first_)) pay_share(r_interest_, qu_, f_interest_, half);
    if (b(f_loan_filed_)) pay_share(r_bad_loans_, shiqu_, f_bad_loans_, q(35, 100));
  }
};

// ==== 临清市《关于进一步深化科技体制改革推动创新发展的若干措施》(seed 001) ====
class Linqing final : public Policy {
 public:
  explicit Linqing(const Module& m) : Policy(m) {}

 private:
  const uint16_t lq_ = payer("临清市财政"), lc_ = payer("聊城市财政"), prov_risk_ = payer("省风险补偿资金"),
                 lc_risk_ = payer("聊城市风险补偿资金"), bank_ = payer("合作银行"), lq_risk_ = payer("临清风险补偿资金");
  const uint16_t f_lc_project_ = fact("列入聊城市重点研发资金计划的项目"), f_lc_funds_ = fact("聊城市项目资金"),
                 f_builds_platform_ = fact("建设重点实验室、技术创新中心、工程研究中心、工业设计中心、“一企一技术”研发中心、企业技术中心、新型研发机构等科技创新平台的企事业单位"),
                 f_lc_platform_ = fact("认定为聊城市级平台"), f_platform_level_ = fact("认定的国家、省级技术创新平台级别"),
                 f_joint_lab_ = fact("企业联合高校、科研院所建设面向产业的实验室、研究中心、创新中心和新型研发机构"),
                 f_total_invest_ = fact("总投资"), f_firm_invest_ = fact("企业投资"),
                 f_excellent_rnd_ = fact("经省科技厅备案后并评价为优秀的新型研发机构"),
                 f_excellent_rnd_funds_ = fact("聊城市财政给予新型研发机构的配套支持"),
                 f_national_base_ = fact("成为国家重点实验室、创新中心、临床医学研究中心、工程研究中心等国家重大创新基地的新型研发机构"),
                 f_national_base_funds_ = fact("聊城市财政给予国家重大创新基地的奖励"), f_prov_rnd_ = fact("省级新型研发机构"),
                 f_tax_relief_ = fact("享受进口科研用仪器设备进口关税、进口环节增值税和消费税减免优惠"),
                 f_facility_ = fact("获国家、省批复的重大科技基础设施"), f_facility_pre_ = fact("重大科技基础设施预研"),
                 f_builds_rnd_ = fact("按标准建设研发机构"), f_rnd_confirmed_ = fact("研发机构初次通过审核确认"),
                 f_rnd_running_ = fact("研发机构运行良好"), f_applies_ = fact("申报科技专项"), f_soe_ = fact("市属国有企业"),
                 f_size_ = fact("企业规模"), f_horizontal_ = fact("横向科研项目单项到位经费"),
                 f_service_platform_ = fact("建设技术转移转化服务机构、工业设计中心等科技创新公共服务平台"),
                 f_open_univ_ = fact("面向企业开放创新资源的高校、科研院所等科研单位"),
                 f_service_excellent_ = fact("开展创新服务综合绩效突出"), f_service_funds_ = fact("聊城市财政给予的创新服务配套补助"),
                 f_incubator_ = fact("科技企业孵化器通过认定的级别"), f_founder_ = fact("在我市创办科技企业"),
                 f_breakthrough_ = fact("贡献突出、取得重大“卡脖子”技术突破"),
                 f_equity_ = fact("所创办科技企业近3年累计获得的股权类现金融资"), f_talent_ = fact("符合条件的高层次科技、教育人才"),
                 f_school_ = fact("临清工业学校、科研院所"), f_converting_ = fact("向新型研发机构转型的具备条件的科研型事业单位"),
                 f_bad_loan_ = fact("科技成果转化贷款等融资项目发生不良贷款"), f_loss_ = fact("不良本金损失"),
                 f_loan_first_ = fact("首次纳入山东省科技成果转化贷款风险补偿备案并按时还本付息"),
                 f_interest_ = fact("聊城市级财政贴息支持额度"),
                 f_insured_ = fact("投保首台（套）技术装备及关键核心零部件、首批（次）新材料、首版（次）软件产品的质量保证保险、产品责任保险和产品综合险"),
                 f_premium_ = fact("实际投保年度保费"), f_insured_sum_ = fact("投保金额"),
                 f_seed_bank_ = fact("加入省级科创企业上市种子库的我市科技型企业");
  const uint16_t o_nat_ = option(f_platform_level_, "国家级"), o_prov_ = option(f_platform_level_, "省级"),
                 o_large_ = option(f_size_, "大型企业"), o_medium_ = option(f_size_, "中型企业"), o_small_ = option(f_size_, "小型企业"),
                 o_inc_nat_ = option(f_incubator_, "国家级"), o_inc_prov_ = option(f_incubator_, "省级");
  const uint16_t r_lc_project_ = rule("聊城市重点研发计划项目配套"), r_recommend_ = rule("科技创新平台优先推荐申报"),
                 r_lc_platform_ = rule("聊城市级平台奖励"), r_platform_ = rule("国家省级技术创新平台奖励"),
                 r_joint_lab_ = rule("产业创新平台推荐纳入管理"), r_excellent_rnd_ = rule("省备案优秀新型研发机构支持"),
                 r_national_base_ = rule("国家重大创新基地新型研发机构奖励"), r_tax_relief_ = rule("新型研发机构进口税收未减免财政补助"),
                 r_facility_case_ = rule("重大科技基础设施一事一议"), r_facility_support_ = rule("重大科技基础设施要素保障"),
                 r_facility_pre_ = rule("重大科技基础设施预研推荐列入计划方向"), r_build_first_ = rule("研发机构先建后补支持"),
                 r_confirmed_ = rule("研发机构初次审核确认奖励"), r_running_ = rule("研发机构运行良好优先支持"),
                 r_soe_ = rule("市属国有企业研发费用视同利润"), r_horizontal_ = rule("横向科研项目视同聊城市级科技计划项目"),
                 r_service_platform_ = rule("科技创新公共服务平台补助奖励兑付"), r_service_ = rule("创新服务绩效突出配套补助"),
                 r_incubator_ = rule("科技企业孵化器运营奖补"), r_taishan_ = rule("泰山产业领军人才工程直接推荐"),
                 r_talent_service_ = rule("高层次人才纳入人才服务范畴"), r_title_ = rule("高级职称评审直通车"),
                 r_school_ = rule("工业学校科研院所自主权下放"), r_converting_ = rule("转型科研事业单位设立混合所有制运营公司"),
                 r_risk_ = rule("科技成果转化贷款风险分担"), r_interest_ = rule("科技成果转化贷款贴息补助"),
                 r_insurance_ = rule("首台套首批次首版次保险保费补贴"), r_seed_bank_ = rule("上市种子库入库企业支持");

  void rules() override {
    const Rational half = q(1, 2);
    Rational x, y;
    if (b(f_lc_project_)) pay_share(r_lc_project_, lq_, f_lc_funds_, half);
    if (b(f_builds_platform_)) benefit(r_recommend_);
    if (b(f_lc_platform_)) pay(r_lc_platform_, lq_, q(50000));
    // 第2条: on top of 聊城市's 200万元 / 50万元, 临清市 pays 20万元 / 10万元.
    if (opt(f_platform_level_) == o_nat_) {
      pay(r_platform_, lq_, q(200000));
      external(r_platform_, lc_, iv(q(2000000)));
    } else if (opt(f_platform_level_) == o_prov_) {
      pay(r_platform_, lq_, q(100000));
      external(r_platform_, lc_, iv(q(500000)));
    }
    // 第3条: both thresholds exclusive (超过).
    if (b(f_joint_lab_) && num(r_joint_lab_, f_total_invest_, x) && x > q(50000000) && num(r_joint_lab_, f_firm_invest_, y) &&
        y > q(30000000)) {
      benefit(r_joint_lab_);
    }
    if (b(f_excellent_rnd_)) pay_share(r_excellent_rnd_, lq_, f_excellent_rnd_funds_, half, q(500000));
    if (b(f_national_base_)) {
      pay_share(r_national_base_, lq_, f_national_base_funds_, half, q(5000000));
      if (out(r_national_base_).status == RuleStatus::Awarded) external(r_national_base_, lc_, iv(q(10000000)).upto());
    }
    if (b(f_prov_rnd_) && !b(f_tax_relief_)) unspecified(r_tax_relief_, lq_);
    if (b(f_facility_)) case_by_case(r_facility_case_, lq_);
    if (b(f_facility_)) benefit(r_facility_support_);
    if (b(f_facility_pre_)) benefit(r_facility_pre_);
    if (b(f_builds_rnd_)) unspecified(r_build_first_, lq_);
    if (b(f_rnd_confirmed_)) {
      const uint16_t size = opt(f_size_);
      if (size == o_large_) pay(r_confirmed_, lq_, q(100000));
      else if (size == o_medium_) pay(r_confirmed_, lq_, q(50000));
      else if (size == o_small_) pay(r_confirmed_, lq_, q(30000));
    }
    if (b(f_rnd_running_) && b(f_applies_)) benefit(r_running_);
    if (b(f_soe_)) benefit(r_soe_);
    if (num(r_horizontal_, f_horizontal_, x) && x > q(100000)) benefit(r_horizontal_);
    if (b(f_service_platform_)) unspecified(r_service_platform_, lq_);
    if (b(f_open_univ_) && b(f_service_excellent_)) pay_share(r_service_, lq_, f_service_funds_, half);
    if (opt(f_incubator_) == o_inc_nat_) {
      pay(r_incubator_, lq_, q(500000));
      external(r_incubator_, lc_, iv(q(2000000)));
    } else if (opt(f_incubator_) == o_inc_prov_) {
      pay(r_incubator_, lq_, q(100000));
      external(r_incubator_, lc_, iv(q(1000000)));
    }
    // （在我市创办 且 融资2000万元以上）或 卡脖子突破.
    [&] {
      bool founder = b(f_founder_);
      if (founder && !num(r_taishan_, f_equity_, x)) return;
      if ((founder && x >= q(20000000)) || b(f_breakthrough_)) benefit(r_taishan_);
    }();
    if (b(f_talent_)) benefit(r_talent_service_);
    if (b(f_talent_)) benefit(r_title_);
    if (b(f_school_)) benefit(r_school_);
    if (b(f_converting_)) benefit(r_converting_);
    // 第15条: the loss is shared 35% / 21% / 30% / 14% (临清 takes 40% of 聊城市's 35%).
    if (b(f_bad_loan_)) {
      pay_share(r_risk_, prov_risk_, f_loss_, q(35, 100));
      if (out(r_risk_).status == RuleStatus::Awarded) pay_share(r_risk_, lc_risk_, f_loss_, q(21, 100));
      if (out(r_risk_).status == RuleStatus::Awarded) pay_share(r_risk_, bank_, f_loss_, q(3, 10));
      if (out(r_risk_).status == RuleStatus::Awarded) pay_share(r_risk_, lq_risk_, f_loss_, q(14, 100));
    }
    if (b(f_loan_first_)) pay_share(r_interest_, lq_, f_interest_, half);
    // 第16条: 20% × min(premium, 3% × insured sum), at most 100万元.
    if (b(f_insured_) && num(r_insurance_, f_premium_, x) && num(r_insurance_, f_insured_sum_, y)) {
      std::optional<Interval> base = iv(y).mul(iv(q(3, 100)));
      std::optional<Interval> v = base ? iv(x).min(*base).mul(iv(q(1, 5))) : std::nullopt;
      pay(r_insurance_, lq_, v ? std::optional<Interval>(v->min(iv(q(1000000)))) : std::nullopt);
    }
    if (b(f_seed_bank_)) unspecified(r_seed_bank_, lq_);
  }

  void groups() override { no_duplication(r_confirmed_, r_build_first_, /*highest=*/false); }
};

// ==== 薛城区《科技支持工业强区三年攻坚突破行动计划（2022—2024）》(seed 002) ====
class Xuecheng final : public Policy {
 public:
  explicit Xuecheng(const Module& m) : Policy(m) {}

 private:
  const uint16_t qu_ = payer("区级财政"), prov_ = payer("省财政"), city_ = payer("市财政");
  const uint16_t f_field_ = fact("主要产品（服务）属于国家重点支持的高新技术领域"), f_assessed_ = fact("经评估符合入库培育条件"),
                 f_incident_ = fact("发生重大安全事故、严重失信行为或被工商部门列入经营异常名录等短时间内不具备申报条件"),
                 f_in_pool_ = fact("已入库企业"), f_promising_ = fact("科技含量高、生产经营好、发展前景广"),
                 f_prov_policy_ = fact("省高企奖励对象"), f_city_policy_ = fact("市高企奖励对象"),
                 f_new_gaoqi_ = fact("新认定的国家级高新技术企业"),
                 f_platform_ready_ = fact("达到省级以上创新平台创建基本条件"), f_demo_ = fact("新认定的国家级技术创新示范企业"),
                 f_pilot_ = fact("新认定的国家级创新型试点企业"),
                 f_nat_lab_ = fact("新获批的国家实验室、国家重点实验室、国家新型研发机构、国家技术创新中心"),
                 f_prov_lab_ = fact("新获批的省级重点实验室、省级技术创新中心、省级新型研发机构"),
                 f_tax_kept_ = fact("科研成果产业化形成的税收地方留成"), f_academician_ = fact("新认定的院士工作站"),
                 f_projects_ = fact("在薛城立项的成果转化项目"), f_community_ = fact("获得省级创新创业共同体认定"),
                 f_talent_ = fact("高层次人才"), f_sci_talent_ = fact("高层次科技人才"),
                 f_rnd_grant_ = fact("符合省、市企业研究开发财政补助实施办法条件的企业"), f_transfer_ = fact("科技成果来我区转移转化"),
                 f_perf_platform_ = fact("获得省绩效奖励的科技创新平台"), f_perf_funds_ = fact("获得的省绩效奖励资金");
  const uint16_t r_pool_ = rule("纳入科技型企业培育库"), r_precise_ = rule("精准培育"), r_removed_ = rule("已入库企业调出"),
                 r_prov_policy_ = rule("省高新技术企业奖励政策落实"),
                 r_city_policy_ = rule("市高新技术企业奖励政策落实"), r_new_gaoqi_ = rule("新认定国家级高新技术企业奖励"),
                 r_platform_ready_ = rule("省级以上创新平台重点培育"), r_demo_ = rule("国家级技术创新示范企业与创新型试点企业奖励"),
                 r_nat_lab_ = rule("国家级创新平台税收留成扶持"), r_prov_lab_ = rule("省级创新平台税收留成支持"),
                 r_academician_ = rule("院士工作站成果转化项目支持"), r_community_ = rule("省级创新创业共同体配套支持"),
                 r_talent_ = rule("高层次人才服务保障"), r_sci_talent_ = rule("高层次科技人才劳务报酬交通补贴绩效奖励"),
                 r_rnd_grant_ = rule("研发经费财政补贴"), r_transfer_ = rule("产学研科技成果转化专项资金支持"),
                 r_perf_platform_ = rule("省绩效奖励平台配套奖励");

  // 依据税收地方留成给予最高不超过 cap: [0, min(留成, cap)].
  void tax_kept_support(uint16_t r, const Rational& cap) {
    Rational x;
    if (num(r, f_tax_kept_, x)) pay(r, qu_, iv(x).upto().min(iv(cap)));
  }

  void rules() override {
    if (b(f_field_) && b(f_assessed_) && !b(f_incident_)) benefit(r_pool_);
    if (b(f_promising_)) {
      selective(r_precise_);
      benefit(r_precise_);
    }
    if (b(f_incident_) && b(f_in_pool_)) benefit(r_removed_);
    // 省、市 rewards: the higher levels pay by their own policies, amounts not stated.
    if (b(f_prov_policy_)) {
      benefit(r_prov_policy_);
      unspecified(r_prov_policy_, prov_);
    }
    if (b(f_city_policy_)) {
      benefit(r_city_policy_);
      unspecified(r_city_policy_, city_);
    }
    if (b(f_new_gaoqi_)) pay(r_new_gaoqi_, qu_, q(200000));
    if (b(f_platform_ready_)) benefit(r_platform_ready_);
    // 分别 over two 是否 facts: each that holds pays its own amount.
    if (b(f_demo_) || b(f_pilot_)) {
      if (b(f_demo_)) pay(r_demo_, qu_, q(200000));
      if (b(f_pilot_)) pay(r_demo_, qu_, q(100000));
    }
    if (b(f_nat_lab_)) tax_kept_support(r_nat_lab_, q(2000000));
    if (b(f_prov_lab_)) tax_kept_support(r_prov_lab_, q(1000000));
    Rational n;
    if (b(f_academician_) && num(r_academician_, f_projects_, n) && n >= q(1)) pay(r_academician_, qu_, iv(n).mul(iv(q(500000))));
    if (b(f_community_)) pay(r_community_, qu_, iv(q(5000000)).upto());
    if (b(f_talent_)) benefit(r_talent_);
    if (b(f_sci_talent_)) unspecified(r_sci_talent_, qu_);
    if (b(f_rnd_grant_)) unspecified(r_rnd_grant_, qu_);
    if (b(f_transfer_)) unspecified(r_transfer_, qu_);
    if (b(f_perf_platform_)) pay_share(r_perf_platform_, qu_, f_perf_funds_, q(1, 5));
  }
};

// ==== 济南市《企业科技创新三年行动计划（2023-2025年）》(seed 004) ====
class Jinan final : public Policy {
 public:
  explicit Jinan(const Module& m) : Policy(m) {}

 private:
  const uint16_t city_ = payer("市级财政");
  const uint16_t f_carrier_type_ = fact("新备案的国家级孵化载体类型"), f_science_park_ = fact("新认定的国家级大学科技园"),
                 f_any_carrier_ = fact("经备案（认定）的各级众创空间、科技企业孵化器、加速器、大学科技园"),
                 f_carrier_gaoqi_ = fact("培育的高新技术企业"), f_city_carrier_ = fact("新备案的市级科技企业孵化器、众创空间"),
                 f_excellent_ = fact("绩效评价优秀"), f_sme_ = fact("科技型中小企业"), f_hnte_ = fact("高新技术企业"),
                 f_rnd_ok_ = fact("符合企业研究开发财政补助条件"), f_ic_ = fact("集成电路领域企业"), f_rnd_ = fact("研发经费投入"),
                 f_super_deduction_ = fact("当年享受研发费用加计扣除费用总额"), f_small_ = fact("中小微企业"),
                 f_team_ = fact("创业（创客）团队"), f_voucher_ = fact("使用创新券"),
                 f_loan_ = fact("银行针对我市科技型中小企业发放的科技成果转化贷款"), f_loan_filed_ = fact("纳入省科技厅风险补偿备案"),
                 f_bad_loans_ = fact("备案贷款不良本金"), f_selected_ = fact("经遴选的我市优秀企业"),
                 f_registered_sme_ = fact("入库的科技型中小企业"), f_rnd_spent_ = fact("实际发生的研发费用"),
                 f_nurtured_ = fact("经遴选的创新基础好、有发展潜力的科技型中小企业"),
                 f_first_ = fact("符合条件首次通过高新技术企业认定"), f_review_ = fact("符合条件通过高新技术企业复审"),
                 f_attracted_ = fact("招引落地的市外高新技术企业"), f_scale_ = fact("工业企业规模"),
                 f_county_ = fact("区县（功能区）科技管理部门"), f_county_count_ = fact("当年认定高新技术企业"),
                 f_county_target_ = fact("年度目标任务"),
                 f_leading_ = fact("经遴选的成长性好、掌握核心技术、发展潜力大的高新技术企业、专精特新企业"),
                 f_city_lab_ = fact("符合条件的市级实验室、工程实验室"), f_center_ = fact("成功创建的技术创新中心级别"),
                 f_community_ = fact("符合条件的创新创业共同体和新型研发机构"),
                 f_upgrade_ = fact("科技型中小企业关键核心技术突破和科技成果转化项目"),
                 f_bounty_ = fact("列入市级“揭榜挂帅”科技计划项目"), f_major_ = fact("经筛选的优质重大科技项目"),
                 f_product_ = fact("我市企业研究开发并备案的重大科技创新产品"), f_first_use_ = fact("首次购买使用在备案有效期内"),
                 f_developer_ = fact("研发单位"), f_buyer_ = fact("首次购买使用单位"), f_contract_ = fact("产品首次购买合同金额"),
                 f_transfer_ = fact("促成科技成果在市内转化"), f_nat_agency_ = fact("新增国家级技术转移转化服务机构"),
                 f_demo_agency_ = fact("首次认定为山东省技术转移转化示范机构"), f_demo_excellent_ = fact("山东省科学技术厅考核结果为优秀"),
                 f_transfer_volume_ = fact("促成转化的年度技术合同成交额"),
                 f_dev_contract_ = fact("技术开发、技术转让、技术许可合同经认定登记"),
                 f_consult_contract_ = fact("技术咨询、技术服务合同经认定登记"),
                 f_buys_results_ = fact("购买高校、科研院所、企业科研成果或开展产学研合作项目"),
                 f_buy_contract_ = fact("购买成果或产学研合作的技术合同经认定登记"),
                 f_dev_volume_ = fact("技术开发、技术转让、技术许可合同年度成交额"),
                 f_consult_volume_ = fact("技术咨询、技术服务合同年度成交额"), f_buy_volume_ = fact("购买成果或产学研合作的年度技术合同成交额");
  const uint16_t o_incubator_ = option(f_carrier_type_, "科技企业孵化器"), o_space_ = option(f_carrier_type_, "众创空间"),
                 o_above_ = option(f_scale_, "规模以上工业企业"), o_below_ = option(f_scale_, "未达规模工业企业"),
                 o_center_nat_ = option(f_center_, "国家级"), o_center_prov_ = option(f_center_, "省级");
  const uint16_t r_carrier_ = rule("国家级孵化器众创空间补助"), r_science_park_ = rule("国家级大学科技园补助"),
                 r_carrier_gaoqi_ = rule("孵化载体培育高企补助"), r_city_carrier_ = rule("市级孵化器众创空间绩效补助"),
                 r_rnd_ = rule("企业研究开发财政补助"), r_ic_ = rule("集成电路企业研发补助"), r_voucher_ = rule("创新券补助"),
                 r_loan_ = rule("科技成果转化贷款风险补偿"), r_ipo_pool_ = rule("省级科创板上市企业培育库推荐"),
                 r_deduction_ = rule("研发费用加计扣除"), r_nurtured_ = rule("高企和专精特新企业培育重点"),
                 r_first_ = rule("首次认定高企奖补"), r_review_ = rule("高企复审奖补"), r_attracted_ = rule("招引市外高企奖补"),
                 r_county_ = rule("区县培育高企奖补"), r_leading_ = rule("骨干龙头企业一企一措"), r_city_lab_ = rule("省级以上重点实验室推荐"),
                 r_center_ = rule("技术创新中心支持"), r_community_ = rule("新型研发机构和创新创业共同体省级备案推荐"),
                 r_upgrade_ = rule("创新能力提升工程项目资助"), r_bounty_ = rule("揭榜挂帅项目经费支持"),
                 r_major_ = rule("省级重大科技创新工程推荐"), r_developer_ = rule("重大科技创新产品研发单位补助"),
                 r_buyer_ = rule("重大科技创新产品首购单位补助"), r_transfer_ = rule("促成科技成果市内转化补助"),
                 r_nat_agency_ = rule("新增国家级技术转移机构补助"), r_demo_agency_ = rule("省技术转移示范机构补助"),
                 r_dev_contract_ = rule("技术开发转让许可合同补助"), r_consult_contract_ = rule("技术咨询服务合同补助"),
                 r_buy_results_ = rule("中小微企业购买成果补助");

  static Interval range(int64_t lo, int64_t hi) { return Interval{q(lo), q(hi)}; }
  // 按成交额不超过 rate 给予补助，最高不超过 cap: [0, base × rate] capped.
  void up_to_rate(uint16_t r, uint16_t base, const Rational& rate, const Rational& cap) {
    Rational x;
    if (!num(r, base, x)) return;
    std::optional<Interval> v = iv(x).mul(iv(rate));
    pay(r, city_, v ? std::optional<Interval>(v->upto().min(iv(cap))) : std::nullopt);
  }
  // 首次认定 / 招引: 20-30万元 above scale, 10-20万元 below.
  void by_scale(uint16_t r) {
    if (opt(f_scale_) == o_above_) pay(r, city_, range(200000, 300000));
    else if (opt(f_scale_) == o_below_) pay(r, city_, range(100000, 200000));
  }

  void rules() override {
    Rational x, y;
    if (opt(f_carrier_type_) == o_incubator_) pay(r_carrier_, city_, range(1000000, 5000000));
    else if (opt(f_carrier_type_) == o_space_) pay(r_carrier_, city_, range(800000, 1000000));
    if (b(f_science_park_)) pay(r_science_park_, city_, range(2000000, 3000000));
    if (b(f_any_carrier_) && num(r_carrier_gaoqi_, f_carrier_gaoqi_, x)) pay(r_carrier_gaoqi_, city_, iv(x).mul(iv(q(100000))));
    if (b(f_city_carrier_) && b(f_excellent_)) pay(r_city_carrier_, city_, iv(q(500000)).upto());
    // 第2条: up to 2.5% of R&D spending; 5% of the super deduction for IC firms (capped together below).
    if ((b(f_sme_) || b(f_hnte_)) && b(f_rnd_ok_) && num(r_rnd_, f_rnd_, x)) {
      std::optional<Interval> v = iv(x).mul(iv(q(25, 1000)));
      pay(r_rnd_, city_, v ? std::optional<Interval>(v->upto()) : std::nullopt);
    }
    if (b(f_ic_)) pay_share(r_ic_, city_, f_super_deduction_, q(5, 100));
    if (b(f_small_) && b(f_voucher_)) unspecified(r_voucher_, city_, q(500000));
    else if (b(f_team_) && b(f_voucher_)) unspecified(r_voucher_, city_, q(100000));
    if (b(f_loan_) && b(f_loan_filed_)) pay_share(r_loan_, city_, f_bad_loans_, q(35, 100));
    if (b(f_selected_)) benefit(r_ipo_pool_);
    if (b(f_registered_sme_) && num(r_deduction_, f_rnd_spent_, x)) {
      std::optional<Interval> d = iv(x).round(RoundingMode::HalfUp, RoundingUnit::Fen);
      if (!d) {
        stop(r_deduction_, VmError::Overflow);
      } else {
        out(r_deduction_).deduction = *d;
        out(r_deduction_).status = RuleStatus::Awarded;
      }
    }
    if (b(f_nurtured_)) benefit(r_nurtured_);
    if (b(f_first_)) by_scale(r_first_);
    if (b(f_review_)) pay(r_review_, city_, q(100000));
    if (b(f_attracted_)) by_scale(r_attracted_);
    // 第8条: 5万元 per recognition above the annual target, at most 50万元.
    if (b(f_county_) && num(r_county_, f_county_count_, x) && num(r_county_, f_county_target_, y) && x >= y &&
        num(r_county_, f_county_count_, x) && num(r_county_, f_county_target_, y)) {
      std::optional<Interval> diff = iv(x).sub(iv(y));
      std::optional<Interval> v = diff ? diff->clamp_nonneg().mul(iv(q(50000))) : std::nullopt;
      pay(r_county_, city_, v ? std::optional<Interval>(v->min(iv(q(500000)))) : std::nullopt);
    }
    if (b(f_leading_)) benefit(r_leading_);
    if (b(f_city_lab_)) benefit(r_city_lab_);
    if (opt(f_center_) == o_center_nat_) pay(r_center_, city_, iv(q(5000000)).upto());
    else if (opt(f_center_) == o_center_prov_) pay(r_center_, city_, iv(q(1000000)).upto());
    if (b(f_community_)) benefit(r_community_);
    if (b(f_upgrade_)) {
      selective(r_upgrade_);
      unspecified(r_upgrade_, city_);
    }
    if (b(f_bounty_)) unspecified(r_bounty_, city_);
    if (b(f_major_)) benefit(r_major_);
    if (b(f_product_) && b(f_first_use_) && b(f_developer_)) pay_share(r_developer_, city_, f_contract_, q(1, 10), q(2000000));
    if (b(f_product_) && b(f_first_use_) && b(f_buyer_)) pay_share(r_buyer_, city_, f_contract_, q(1, 10), q(2000000));
    if (b(f_transfer_) && num(r_transfer_, f_transfer_volume_, x) && x >= q(3000000)) {
      pay_share(r_transfer_, city_, f_transfer_volume_, q(15, 1000), q(500000));
    }
    if (b(f_nat_agency_)) pay(r_nat_agency_, city_, q(1000000));
    if (b(f_demo_agency_) && b(f_demo_excellent_)) pay(r_demo_agency_, city_, q(500000));
    if (b(f_dev_contract_)) up_to_rate(r_dev_contract_, f_dev_volume_, q(15, 10000), q(800000));
    if (b(f_consult_contract_)) up_to_rate(r_consult_contract_, f_consult_volume_, q(1, 1000), q(500000));
    if (b(f_small_) && b(f_buys_results_) && b(f_buy_contract_)) up_to_rate(r_buy_results_, f_buy_volume_, q(3, 100), q(1000000));
  }

  void groups() override {
    no_duplication(r_first_, r_attracted_, /*highest=*/true);
    // 上限: 集成电路 then 研究开发 share 250万元; low ends fill in order, high ends leave room
    // for the low ends after them (docs/bytecode.md).
    const Rational cap = q(2500000);
    Rational ic_lo(0), ic_hi(0);
    Interval before;
    RuleOutcome& ic = out(r_ic_);
    RuleOutcome& rnd = out(r_rnd_);
    bool ic_on = ic.status == RuleStatus::Awarded && local_award(r_ic_, before);
    bool rnd_on = rnd.status == RuleStatus::Awarded && local_award(r_rnd_, before);
    Rational rnd_lo = rnd_on ? rnd.amounts[0].amount.lo : Rational(0);
    if (ic_on) {
      const Interval a = ic.amounts[0].amount;
      ic_lo = a.lo < cap ? a.lo : cap;
      Rational room = *cap.sub(rnd_on ? (rnd_lo < *cap.sub(ic_lo) ? rnd_lo : *cap.sub(ic_lo)) : Rational(0));
      ic_hi = a.hi < room ? a.hi : room;
      ic.amounts[0].amount = Interval{ic_lo, ic_hi};
      if (!(ic.amounts[0].amount == a)) ic.group_notes.push_back("上限");
    }
    if (rnd_on) {
      const Interval a = rnd.amounts[0].amount;
      Rational lo_room = *cap.sub(ic_lo);
      Rational lo = a.lo < lo_room ? a.lo : lo_room;
      Rational hi_room = *cap.sub(ic_hi);
      Rational hi = a.hi < hi_room ? a.hi : hi_room;
      rnd.amounts[0].amount = Interval{lo, hi};
      if (!(rnd.amounts[0].amount == a)) rnd.group_notes.push_back("上限");
    }
  }
};

template <typename T>
std::unique_ptr<Reference> build(const Module& m, std::string& error) {
  auto p = std::make_unique<T>(m);
  if (!p->error.empty()) {
    error = p->error;
    return nullptr;
  }
  return p;
}

}  // namespace

const std::vector<std::string>& reference_policies() {
  static const std::vector<std::string> names = {"dongchangfu-2024", "linqing-2021", "xuecheng-2022", "jinan-2023"};
  return names;
}

std::unique_ptr<Reference> make_reference(const std::string& name, const Module& m, std::string& error) {
  if (name == "dongchangfu-2024") return build<Dongchangfu>(m, error);
  if (name == "linqing-2021") return build<Linqing>(m, error);
  if (name == "xuecheng-2022") return build<Xuecheng>(m, error);
  if (name == "jinan-2023") return build<Jinan>(m, error);
  error = "「" + name + "」不是四个种子政策之一";
  return nullptr;
}

bool same_awards(const Evaluation& a, const Evaluation& b, std::string* why) {
  auto fail = [&](const std::string& w) {
    if (why) *why = w;
    return false;
  };
  if (a.rules.size() != b.rules.size()) return fail("rule count");
  for (size_t r = 0; r < a.rules.size(); ++r) {
    const RuleOutcome& x = a.rules[r];
    const RuleOutcome& y = b.rules[r];
    std::string at = "R" + std::to_string(r) + ": ";
    if (x.status != y.status) return fail(at + "status");
    if (x.selective != y.selective || x.case_by_case != y.case_by_case || x.unspecified != y.unspecified) return fail(at + "flags");
    if (x.unspecified_max != y.unspecified_max || x.payer != y.payer) return fail(at + "unspecified or case payer");
    if (x.amounts != y.amounts) return fail(at + "amounts");
    if (x.external != y.external) return fail(at + "external");
    if (x.deduction != y.deduction) return fail(at + "deduction");
    if (x.benefits.size() != y.benefits.size()) return fail(at + "benefits");
    if (x.error != y.error || x.error_fact != y.error_fact) return fail(at + "error");
    if (x.group_notes.empty() != y.group_notes.empty()) return fail(at + "group effect");
  }
  if (a.payer_totals != b.payer_totals) return fail("payer totals");
  if (a.has_error != b.has_error) return fail("has_error");
  return true;
}

}  // namespace zc::bench

// Test helpers (see support.h). The sample module mirrors clauses of seeds 000 and 004 closely
// enough to exercise every table and most opcodes; its exact shape is pinned by golden/sample.dis.
#include "tests/runtime/support.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "runtime/bytecode/verify.h"
#include "runtime/jit/select.h"
#include "runtime/vm/vm.h"

namespace zc::test {
namespace {
bool g_update = false;
}

void set_update_mode(bool on) { g_update = on; }
bool update_mode() { return g_update; }

std::string source_path(std::string_view relative) { return std::string(ZC_SOURCE_DIR) + "/" + std::string(relative); }

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_text(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

Rational R(std::string_view decimal) {
  std::optional<Rational> r = parse_decimal(decimal);
  if (!r) {
    std::fprintf(stderr, "bad decimal in a test: %.*s\n", static_cast<int>(decimal.size()), decimal.data());
    std::abort();
  }
  return *r;
}

Rational frac(int64_t num, int64_t den) { return *Rational::make(num, den); }

FactValue num(const Rational& v) {
  FactValue f;
  f.kind = FactValue::Kind::Num;
  f.num = v;
  return f;
}

FactValue yes(bool b) {
  FactValue f;
  f.kind = FactValue::Kind::Bool;
  f.b = b;
  return f;
}

FactValue opt(uint16_t index) {
  FactValue f;
  f.kind = FactValue::Kind::Opt;
  f.opt = index;
  return f;
}

FactValue missing() { return FactValue{}; }

Builder::Builder() : e(m) {}

uint16_t Builder::fact(std::string_view name, ValueType t, FactValue def, std::vector<std::string> options,
                       std::string_view unit) {
  FactInfo f;
  f.name = s(name);
  f.type = t;
  f.unit = unit.empty() ? kNoString : s(unit);
  for (const std::string& o : options) f.options.push_back(s(o));
  f.default_value = def;
  m.facts.push_back(f);
  return static_cast<uint16_t>(m.facts.size() - 1);
}

uint16_t Builder::payer(std::string_view name, PayerRole role) {
  m.payers.push_back(PayerInfo{s(name), role});
  return static_cast<uint16_t>(m.payers.size() - 1);
}

uint16_t Builder::rule(std::string_view name, uint16_t branches, uint16_t payer_index) {
  RuleInfo r;
  r.name = s(name);
  r.branch_count = branches;
  r.payer = payer_index;
  r.code_begin = e.begin_function();
  m.rules.push_back(r);
  in_rule_ = true;
  current_ = static_cast<uint16_t>(m.rules.size() - 1);
  return current_;
}

uint16_t Builder::derived(std::string_view name, ValueType t) {
  DerivedInfo d;
  d.name = s(name);
  d.type = t;
  d.code_begin = e.begin_function();
  m.derived.push_back(d);
  in_rule_ = false;
  current_ = static_cast<uint16_t>(m.derived.size() - 1);
  return current_;
}

void Builder::end() {
  uint32_t end = e.end_function();
  if (in_rule_) {
    m.rules[current_].code_end = end;
  } else {
    m.derived[current_].code_end = end;
  }
}

uint16_t Builder::nodup(std::string_view name, std::vector<uint16_t> members, NoDupMode mode) {
  GroupInfo g;
  g.kind = GroupKind::NoDup;
  g.name = s(name);
  g.members = std::move(members);
  g.mode = mode;
  m.groups.push_back(g);
  return static_cast<uint16_t>(m.groups.size() - 1);
}

uint16_t Builder::cap(std::string_view name, std::vector<uint16_t> members, const Rational& cap_value) {
  GroupInfo g;
  g.kind = GroupKind::Cap;
  g.name = s(name);
  g.members = std::move(members);
  g.cap = k(cap_value);
  m.groups.push_back(g);
  return static_cast<uint16_t>(m.groups.size() - 1);
}

std::vector<FactValue> facts(const Module& m, std::initializer_list<std::pair<std::string_view, FactValue>> given) {
  std::vector<FactValue> out(m.facts.size());
  for (const auto& [name, value] : given) {
    bool found = false;
    for (size_t i = 0; i < m.facts.size(); ++i) {
      if (m.strings[m.facts[i].name] == name) {
        out[i] = value;
        found = true;
      }
    }
    if (!found) {
      std::fprintf(stderr, "unknown fact in a test: %.*s\n", static_cast<int>(name.size()), name.data());
      std::abort();
    }
  }
  return out;
}

Module sample_module() {
  Builder b;
  b.m.meta.title = b.s("关于加快推进新时代科技强区建设的实施意见");
  b.m.meta.issuer = b.s("东昌府区人民政府");
  b.m.meta.date = b.s("2024年2月21日");
  b.m.meta.source = b.s("policies/000_dongchangfu.zc");
  b.m.meta.rounding = RoundingMode::HalfUp;
  b.m.meta.rounding_unit = RoundingUnit::Fen;

  const uint16_t district = b.payer("区财政");
  const uint16_t city = b.payer("市财政", PayerRole::Upper);
  const uint16_t status = b.fact("高企认定情况", ValueType::Option, {}, {"首次通过", "复审通过", "受理未通过"});
  const uint16_t city_funds = b.fact("市到位资金", ValueType::Money);
  b.m.facts[city_funds].from_payer = city;
  const uint16_t cultivated = b.fact("年度认定数量", ValueType::Count, num(0), {}, "家");
  const uint16_t contracts = b.fact("年度技术合同成交额", ValueType::Money);
  const uint16_t city_award = b.fact("获得市级奖补", ValueType::Bool, yes(false));
  const uint16_t hitech = b.fact("高新技术企业数量", ValueType::Count, {}, {}, "家");
  b.m.facts[hitech].indicator = true;

  // D0: 年度技术合同成交额300万元以上
  const uint16_t big_contracts = b.derived("成交额达标", ValueType::Bool);
  b.load(contracts);
  b.push(R("3000000"));
  b.emit(Opcode::CMP_GE);
  b.emit(Opcode::RET);
  b.end();

  // R0: 首次通过 10万元；复审通过 5万元；受理但未通过 3万元 (000 §1)
  const uint16_t r0 = b.rule("高企认定奖励", 3, district);
  b.m.rules[r0].article = b.s("第1条");
  const char* amounts[] = {"100000", "50000", "30000"};
  for (uint16_t i = 0; i < 3; ++i) {
    CodeLabel next = b.label();
    b.load(status);
    b.emit(Opcode::OPT_EQ, i);
    b.emit(Opcode::JMP_FALSE, next);
    b.emit(Opcode::SET_BRANCH, i);
    b.push(R(amounts[i]));
    b.emit(Opcode::TRACE, b.s("高企认定奖励{0:money}"), 1);
    b.emit(Opcode::EMIT_AMOUNT, district);
    b.emit(Opcode::RET);
    b.bind(next);
  }
  b.emit(Opcode::RET);
  b.end();

  // R1: 区财政按市到位资金的20%给予补助，单个项目不超过100万元；获得市级奖补的不再重复奖励 (000 §2)
  const uint16_t r1 = b.rule("市级资金配套", 0, district);
  b.m.rules[r1].article = b.s("第2条");
  b.m.rules[r1].note = b.s("按到位资金计算");
  {
    CodeLabel skip = b.label();
    b.load(city_award);
    b.emit(Opcode::JMP_TRUE, skip);
    b.load(city_funds);
    b.emit(Opcode::TRACE, b.s("「市到位资金」为{0:money}"), 1);
    b.push(frac(1, 5));
    b.emit(Opcode::MUL);
    b.push(R("1000000"));
    b.emit(Opcode::MIN);
    b.emit(Opcode::ROUND);
    b.emit(Opcode::EMIT_AMOUNT, district);
    b.bind(skip);
    b.emit(Opcode::RET);
  }
  b.end();

  // R2: 一年认定数量2家（含2家）以上的，每认定1家补助5000元 (000 §1)
  const uint16_t r2 = b.rule("培育高企奖励", 0, district);
  b.m.rules[r2].article = b.s("第6条");
  {
    CodeLabel skip = b.label();
    b.load(cultivated);
    b.push(R("2"));
    b.emit(Opcode::CMP_GE);
    b.emit(Opcode::JMP_FALSE, skip);
    b.load(cultivated);
    b.emit(Opcode::TRACE, b.s("年度认定{0:count:家}"), 1);
    b.push(R("5000"));
    b.emit(Opcode::MUL);
    b.emit(Opcode::EMIT_AMOUNT, district);
    b.bind(skip);
    b.emit(Opcode::RET);
  }
  b.end();

  // R3: 年度技术合同成交额300万元以上，按照最高1.5%给予补助，最高不超过50万元 (004 §17)
  const uint16_t r3 = b.rule("技术合同奖励", 0, district);
  b.m.rules[r3].article = b.s("第17条");
  {
    CodeLabel skip = b.label();
    b.emit(Opcode::LOAD_DERIVED, big_contracts);
    b.emit(Opcode::JMP_FALSE, skip);
    b.load(contracts);
    b.push(frac(3, 200));
    b.emit(Opcode::MUL);
    b.push(R("500000"));
    b.emit(Opcode::MIN);
    b.emit(Opcode::UPTO);
    b.emit(Opcode::ROUND);
    b.emit(Opcode::EMIT_AMOUNT, district);
    b.bind(skip);
    b.emit(Opcode::RET);
  }
  b.end();

  // R4: 重大创新项目按照“一事一议”的方式给予补助 (000 §4)
  const uint16_t r4 = b.rule("重大创新项目", 0, district);
  b.m.rules[r4].article = b.s("第4条");
  {
    CodeLabel skip = b.label();
    b.emit(Opcode::LOAD_DERIVED, big_contracts);
    b.emit(Opcode::JMP_FALSE, skip);
    b.emit(Opcode::EMIT_CASE, district);
    b.emit(Opcode::EMIT_BENEFIT, b.s("优先推荐申报省级科技计划项目"));
    b.bind(skip);
    b.emit(Opcode::RET);
  }
  b.end();

  const uint16_t g0 = b.nodup("研发机构不重复支持", {r0, r2});
  b.m.groups[g0].article = b.s("第18条");
  const uint16_t g1 = b.cap("研发补助年度上限", {r1, r3}, R("2500000"));
  b.m.groups[g1].article = b.s("第2条");

  ConstraintInfo c;
  c.name = b.s("平均支持强度");
  c.article = b.s("第13条");
  c.rule = r3;
  c.op = CmpOp::Le;
  c.value = b.k(R("500000"));
  c.text = b.s("每个项目平均支持强度不高于50万元");
  b.m.constraints.push_back(c);

  TargetInfo t;
  t.text = b.s("到2025年，全区高新技术企业达到120家以上");
  t.indicator = hitech;
  t.op = CmpOp::Ge;
  t.value = b.k(R("120"));
  t.year = 2025;
  b.m.targets.push_back(t);
  return std::move(b.m);
}

}  // namespace zc::test

namespace zc::test {
namespace {

std::string iv(const Interval& v) {
  if (v.is_exact()) return v.lo.to_decimal();
  return "[" + v.lo.to_decimal() + "," + v.hi.to_decimal() + "]";
}

std::string amounts(const char* label, const std::vector<PayerAmount>& list) {
  std::string s = std::string(" ") + label + "{";
  for (size_t i = 0; i < list.size(); ++i) {
    s += (i ? ", P" : "P") + std::to_string(list[i].payer) + "=" + iv(list[i].amount);
  }
  return s + "}";
}

}  // namespace

std::string dump(const Module& m, const RuleOutcome& o) {
  static const char* kStatus[] = {"NotApplicable", "Awarded", "Excluded", "Error"};
  std::string s = kStatus[static_cast<int>(o.status)];
  if (o.branch != kNoIndex) s += " branch=" + std::to_string(o.branch);
  if (o.selective) s += " selective";
  if (o.case_by_case) s += " case";
  if (o.unspecified) s += " unspecified";
  if (o.unspecified_max) s += " max=" + iv(*o.unspecified_max);
  if (!o.amounts.empty()) s += amounts("pay", o.amounts);
  if (!o.external.empty()) s += amounts("ext", o.external);
  if (o.deduction) s += " deduct=" + iv(*o.deduction);
  if (!o.benefits.empty()) {
    s += " benefit{";
    for (size_t i = 0; i < o.benefits.size(); ++i) s += (i ? ", " : "") + m.strings.at(o.benefits[i]);
    s += "}";
  }
  if (o.payer != kNoIndex) s += " payer=P" + std::to_string(o.payer);
  if (o.error == VmError::MissingFact) s += " error=MissingFact(F" + std::to_string(o.error_fact) + ")";
  if (o.error == VmError::Overflow) s += " error=Overflow";
  if (!o.trace.empty()) {
    s += " trace[";
    for (size_t i = 0; i < o.trace.size(); ++i) s += (i ? " | " : "") + o.trace[i];
    s += "]";
  }
  if (!o.group_notes.empty()) {
    s += " notes[";
    for (size_t i = 0; i < o.group_notes.size(); ++i) s += (i ? " | " : "") + o.group_notes[i];
    s += "]";
  }
  return s;
}

std::string dump_totals(const Evaluation& ev) {
  std::string s;
  for (size_t i = 0; i < ev.payer_totals.size(); ++i) {
    s += (i ? " P" : "P") + std::to_string(i) + "=" + iv(ev.payer_totals[i]);
  }
  return s;
}

Evaluation run(const Module& m, const std::vector<FactValue>& facts_in, bool trace) {
  std::vector<VerifyError> errors = verify_module(m);
  EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : describe(errors[0], true));
  if (!errors.empty()) return Evaluation{};
  Vm vm(m);
  Evaluation ev = vm.evaluate(facts_in, EvalOptions{trace});
  // Every evaluation test runs on every engine: the JIT (when built) must give the same Evaluation.
  if (jit_built()) {
    std::string error;
    std::unique_ptr<Engine> jit = make_engine(EngineKind::Jit, m, error);
    EXPECT_NE(jit, nullptr) << error;
    if (jit) {
      Evaluation want = trace ? vm.evaluate(facts_in) : ev;
      Evaluation got = jit->evaluate(facts_in);
      EXPECT_TRUE(got == want) << "the JIT differs from the VM";
      for (size_t r = 0; r < std::min(got.rules.size(), want.rules.size()); ++r) {
        EXPECT_EQ(dump(m, got.rules[r]), dump(m, want.rules[r])) << "rule R" << r << " on the JIT";
      }
    }
  }
  return ev;
}

}  // namespace zc::test

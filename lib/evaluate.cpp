// Facts, evaluation, targets and explanation (include/zhengce/evaluate.h): the facts reader (facts/), an
// engine (runtime/engine.h), the reports (lib/report.h) and the explainer (compiler/explain).
#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/units.h"
#include "compiler/explain/explain.h"
#include "facts/facts.h"
#include "lib/access.h"
#include "lib/report.h"
#include "runtime/jit/select.h"
#include "runtime/vm/text.h"
#include "runtime/vm/totals.h"

namespace zhengce {

using detail::Access;

namespace {

Amount amount(const zc::Interval& v) { return Amount{v.lo.to_decimal(2), v.hi.to_decimal(2), zc::interval_money_text(v)}; }

zc::Diagnostic too_large(uintmax_t size) {
  return zc::make_diag_nospan(zc::DiagCode::E0807, {std::to_string(size), std::to_string(zc::facts::kMaxFactsFileBytes)});
}

std::string payer_name(const zc::Module& m, uint16_t p) { return p < m.payers.size() ? m.str(m.payers[p].name) : "?"; }

RuleResult::Kind kind_of(zc::lib::OutcomeKind k) {
  switch (k) {
    case zc::lib::OutcomeKind::None: return RuleResult::Kind::None;
    case zc::lib::OutcomeKind::Amount: return RuleResult::Kind::Amount;
    case zc::lib::OutcomeKind::CaseByCase: return RuleResult::Kind::CaseByCase;
    case zc::lib::OutcomeKind::Unspecified: return RuleResult::Kind::Unspecified;
    case zc::lib::OutcomeKind::Deduction: return RuleResult::Kind::Deduction;
    case zc::lib::OutcomeKind::Benefit: return RuleResult::Kind::Benefit;
  }
  return RuleResult::Kind::None;
}

// E0801 (a missing fact) or E0804 (an overflow) for a rule that stopped, as `zhengce run` reports it.
zc::Diagnostic rule_error(const zc::Module& m, size_t r, const zc::RuleOutcome& o) {
  if (o.error == zc::VmError::MissingFact && o.error_fact < m.facts.size()) {
    const zc::FactInfo& fi = m.facts[o.error_fact];
    return zc::make_diag_nospan(zc::DiagCode::E0801, {m.str(fi.name), m.str(m.rules[r].name), zc::lib::fact_type_text(m, fi)});
  }
  return zc::make_diag_nospan(zc::DiagCode::E0804, {m.str(m.rules[r].name)});
}

bool holds(zc::CmpOp op, const zc::Rational& a, const zc::Rational& b) {
  int c = a.compare(b);
  switch (op) {
    case zc::CmpOp::Lt: return c < 0;
    case zc::CmpOp::Le: return c <= 0;
    case zc::CmpOp::Gt: return c > 0;
    case zc::CmpOp::Ge: return c >= 0;
    case zc::CmpOp::Eq: return c == 0;
  }
  return false;
}

zc::EngineKind engine_kind(Engine e) { return e == Engine::Jit ? zc::EngineKind::Jit : zc::EngineKind::Vm; }

}  // namespace

// ---- Facts -------------------------------------------------------------------------------------

Facts::Facts(const Policy& policy) : impl_(std::make_shared<Impl>()) {
  impl_->policy = Access::impl(policy);
  impl_->values.resize(impl_->policy->module->facts.size());
}

bool Facts::set(std::string_view name, std::string_view text, std::string* why, Lang lang) {
  const zc::Module& m = *impl_->policy->module;
  int f = zc::facts::find_fact(m, name);
  if (f < 0) {
    if (why) *why = lang == Lang::En ? "the policy declares no fact `" + std::string(name) + "`"
                                     : "政策没有声明事实「" + std::string(name) + "」";
    return false;
  }
  std::string expected, example, range;
  zc::facts::Scalar v{zc::facts::Scalar::Kind::String, false, std::string(text), {}};
  std::optional<zc::FactValue> value = zc::facts::fact_from_scalar(m, static_cast<size_t>(f), v, expected, example, &range);
  if (!value) {
    // A value outside its type's domain (2.5人) is E0806, any other bad value E0802, as in facts files.
    zc::DiagCode code = range.empty() ? zc::DiagCode::E0802 : zc::DiagCode::E0806;
    if (why) *why = zc::diag_message(zc::make_diag_nospan(code, {std::string(name), std::string(text), expected, example}), Access::lang(lang));
    return false;
  }
  if (impl_.use_count() > 1) impl_ = std::make_shared<Impl>(*impl_);
  impl_->values[static_cast<size_t>(f)] = *value;
  return true;
}

void Facts::unset(std::string_view name) {
  int f = zc::facts::find_fact(*impl_->policy->module, name);
  if (f < 0) return;
  if (impl_.use_count() > 1) impl_ = std::make_shared<Impl>(*impl_);
  impl_->values[static_cast<size_t>(f)] = zc::FactValue{};
}

FactsRead read_facts(const Policy& policy, std::string_view json, Lang lang, const std::string& name, bool point_into) {
  const zc::Module& m = *Access::impl(policy)->module;
  // Most inputs are well-formed and take the fast paths; the rest, every error included, are read
  // by the general reader below, whose values and messages are the reference (facts/json_fast.h).
  if (!point_into) {
    auto impl = std::make_shared<Facts::Impl>();
    if (Access::impl(policy)->fast_facts().object(json, impl->values)) {
      impl->policy = Access::impl(policy);
      FactsRead out;
      out.diagnostics = Access::diagnostics(nullptr, {}, lang);
      out.facts = Access::facts(std::move(impl));
      return out;
    }
  }
  std::vector<std::pair<std::string, zc::facts::Scalar>> entries;
  std::string err;
  std::vector<zc::Diagnostic> diags;
  FactsRead out;
  std::shared_ptr<zc::SourceManager> sm;
  std::optional<zc::facts::FactsSource> source;
  if (point_into) {
    sm = std::make_shared<zc::SourceManager>();
    zc::FileId id = sm->add(name, std::string(json));
    source = zc::facts::FactsSource{id, sm->file(id).text()};
  }
  size_t unlisted = 0;
  if (json.size() > zc::facts::kMaxFactsFileBytes) {
    diags.push_back(too_large(json.size()));
  } else if (!zc::facts::parse_flat_json(json, entries, err)) {
    diags.push_back(zc::make_diag_nospan(zc::DiagCode::E0805, {name + "：" + err}));
  } else {
    std::vector<zc::FactValue> values = zc::facts::facts_from_json(m, entries, diags, source ? &*source : nullptr, &unlisted);
    if (diags.empty()) {
      auto impl = std::make_shared<Facts::Impl>();
      impl->policy = Access::impl(policy);
      impl->values = std::move(values);
      out.facts = Access::facts(std::move(impl));
    }
  }
  out.diagnostics = Access::diagnostics(sm, std::move(diags), lang, unlisted);
  return out;
}

FactsRead read_facts_file(const Policy& policy, const std::string& path, Lang lang) {
  FactsRead out;
  // The size is checked before reading, so that a huge file is refused without being read in; a
  // pipe's size is known once read (read_facts checks it again).
  std::error_code ec;
  uintmax_t size = std::filesystem::is_regular_file(path, ec) ? std::filesystem::file_size(path, ec) : 0;
  if (!ec && size > zc::facts::kMaxFactsFileBytes) {
    out.diagnostics = Access::diagnostics(nullptr, {too_large(size)}, lang);
    return out;
  }
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  if (!in || in.bad()) {
    out.failure = lang == Lang::En ? "cannot read `" + path + "`" : "无法读取文件「" + path + "」";
    return out;
  }
  return read_facts(policy, text.str(), lang, path, /*point_into=*/true);
}

// ---- Evaluation --------------------------------------------------------------------------------

namespace detail {

Evaluation Access::evaluation(std::shared_ptr<const Policy::Impl> policy, zc::Evaluation raw, Lang lang) {
  auto impl = std::make_shared<Evaluation::Impl>();
  impl->policy = std::move(policy);
  impl->raw = std::move(raw);
  impl->lang = lang;
  Evaluation e;
  e.impl_ = std::move(impl);
  return e;
}

}  // namespace detail

const Evaluation::Impl::Data& Evaluation::Impl::data() const {
  std::call_once(data_once_, [this] {
    const zc::Module& m = *policy->module;
    Data& d = data_;
    std::vector<zc::Diagnostic> problems;
    for (size_t r = 0; r < raw.rules.size(); ++r) {
      const zc::RuleOutcome& o = raw.rules[r];
      RuleResult x;
      x.rule = m.str(m.rules[r].name);
      x.article = m.rules[r].article == zc::kNoString ? "" : m.str(m.rules[r].article);
      x.status = static_cast<RuleResult::Status>(o.status);
      x.kind = kind_of(zc::lib::outcome_kind(o));
      x.selective = o.selective;
      x.text = zc::outcome_text(m, o);
      for (const zc::PayerAmount& pa : o.amounts) x.amounts.push_back({payer_name(m, pa.payer), amount(pa.amount)});
      for (const zc::PayerAmount& pa : o.external) x.external.push_back({payer_name(m, pa.payer), amount(pa.amount)});
      if (o.deduction) x.deduction = amount(*o.deduction);
      if (o.unspecified_max) x.unspecified_max = amount(*o.unspecified_max);
      for (uint32_t b : o.benefits) x.benefits.push_back(m.str(b));
      x.trace = o.trace;
      x.notes = o.group_notes;
      if (o.status == zc::RuleStatus::Error) problems.push_back(rule_error(m, r, o));
      d.rules.push_back(std::move(x));
    }
    d.problems = Access::diagnostics(nullptr, problems, lang);
    for (size_t r = 0, k = 0; r < d.rules.size(); ++r)
      if (d.rules[r].status == RuleResult::Status::Error) d.rules[r].error = d.problems.items()[k++];
    for (size_t p = 0; p < m.payers.size() && p < raw.payer_totals.size(); ++p) {
      zc::PayerTotal t = zc::payer_total(raw, static_cast<uint16_t>(p));
      Amount a = amount(t.amount);
      if (!t.bounded) a.max.clear();
      a.text = zc::payer_total_text(t);
      d.totals.push_back(PayerTotal{m.str(m.payers[p].name), zc::lib::role_name(m.payers[p].role), a, t.unspecified, t.case_by_case});
    }
  });
  return data_;
}

const std::vector<RuleResult>& Evaluation::rules() const { return impl_->data().rules; }
const std::vector<PayerTotal>& Evaluation::totals() const { return impl_->data().totals; }
bool Evaluation::complete() const { return !impl_->raw.has_error; }
Diagnostics Evaluation::problems() const { return impl_->data().problems; }

std::string Evaluation::text(bool all, bool color, const std::string& applicant) const {
  zc::lib::ReportOptions o;
  o.all = all;
  o.color = color;
  o.facts_path = applicant;
  return zc::lib::evaluation_text(*impl_->policy->module, impl_->raw, o);
}

std::string Evaluation::json(const std::string& applicant, bool compact) const {
  std::string out;
  append_json(out, applicant, compact);
  return out;
}

void Evaluation::append_json(std::string& out, const std::string& applicant, bool compact) const {
  zc::lib::ReportOptions o;
  o.facts_path = applicant;
  o.compact_json = compact;
  zc::lib::append_evaluation_json(out, *impl_->policy->module, impl_->raw, o, &impl_->policy->json_template());
}

// ---- Evaluator ---------------------------------------------------------------------------------

struct Evaluator::Impl {
  std::shared_ptr<const Policy::Impl> policy;
  std::unique_ptr<zc::Engine> engine;
  std::string error;
  zc::Evaluation scratch;
};

Evaluator::Evaluator(const Policy& policy, Engine engine) : impl_(std::make_unique<Impl>()) {
  impl_->policy = Access::impl(policy);
  impl_->engine = zc::make_engine(engine_kind(engine), *impl_->policy->module, impl_->error);
}
Evaluator::~Evaluator() = default;
Evaluator::Evaluator(Evaluator&&) noexcept = default;
Evaluator& Evaluator::operator=(Evaluator&&) noexcept = default;

bool Evaluator::ready(std::string* error) const {
  if (!impl_->engine && error) *error = impl_->error;
  return impl_->engine != nullptr;
}

Evaluation Evaluator::evaluate(const Facts& facts, const EvaluateOptions& options) {
  const Facts::Impl& f = Access::impl(facts);
  // INVARIANT: the facts were made for this policy (the same fact table); a Facts of another
  // policy is a programming error of the caller, and is evaluated as all facts missing.
  static const std::vector<zc::FactValue> kNone;
  const std::vector<zc::FactValue>& values = f.policy == impl_->policy ? f.values : kNone;
  zc::EvalOptions eo;
  eo.trace = options.trace;
  zc::Evaluation ev;
  if (impl_->engine) impl_->engine->evaluate_into(values, eo, ev);
  else ev.has_error = true;  // not ready(): nothing was evaluated
  return Access::evaluation(impl_->policy, std::move(ev), options.lang);
}

Evaluation evaluate(const Policy& policy, const Facts& facts, const EvaluateOptions& options) {
  return Evaluator(policy).evaluate(facts, options);
}

// ---- targets -----------------------------------------------------------------------------------

TargetsChecked check_targets(const Policy& policy, std::optional<std::string_view> figures_json, Lang lang,
                             const std::string& name) {
  const zc::Module& m = *Access::impl(policy)->module;
  std::vector<std::optional<zc::Rational>> figure(m.facts.size());
  std::vector<zc::Diagnostic> diags;
  if (figures_json) {
    std::vector<std::pair<std::string, zc::facts::Scalar>> entries;
    std::string err;
    if (!zc::facts::parse_flat_json(*figures_json, entries, err)) diags.push_back(zc::make_diag_nospan(zc::DiagCode::E0805, {name + "：" + err}));
    for (const auto& [key, value] : entries) {
      if (!key.empty() && key[0] == '#') continue;
      int f = zc::facts::find_fact(m, key);
      if (f < 0 || !m.facts[static_cast<size_t>(f)].indicator) {
        diags.push_back(zc::make_diag_nospan(zc::DiagCode::E0803, {key, ""}));
        continue;
      }
      std::string why, example;
      auto v = zc::facts::fact_from_scalar(m, static_cast<size_t>(f), value, why, example);
      if (!v || v->kind != zc::FactValue::Kind::Num) {
        diags.push_back(zc::make_diag_nospan(zc::DiagCode::E0802, {key, value.text, why, example}));
        continue;
      }
      figure[static_cast<size_t>(f)] = v->num;
    }
  }
  TargetsChecked out;
  if (diags.empty()) {
    for (const zc::TargetInfo& t : m.targets) {
      TargetResult r;
      r.text = m.str(t.text);
      if (const auto& f = figure[t.indicator]) {
        const zc::FactInfo& fi = m.facts[t.indicator];
        r.reported = zc::value_text(m, fi.type, fi.unit, zc::Interval::exact(*f));
        r.met = holds(t.op, *f, m.consts[t.value]);
      }
      out.targets.push_back(std::move(r));
    }
  }
  out.diagnostics = Access::diagnostics(nullptr, std::move(diags), lang);
  return out;
}

// ---- explain -----------------------------------------------------------------------------------

std::optional<Explanation> explain(const Policy& policy, const Facts& facts, const ExplainOptions& options) {
  const Policy::Impl& p = *Access::impl(policy);
  if (!p.ast || !p.program) return std::nullopt;
  const Facts::Impl& f = Access::impl(facts);
  static const std::vector<zc::FactValue> kNone;
  const std::vector<zc::FactValue>& values = f.policy == Access::impl(policy) ? f.values : kNone;
  zc::Vm vm(*p.module);
  zc::Evaluation ev = vm.evaluate(values);
  zc::explain::Options eo;
  eo.lang = Access::lang(options.lang);
  eo.applicant = options.applicant;
  return Explanation{zc::explain::explain(*p.ast, *p.program, *p.module, values, ev, eo), !ev.has_error};
}

}  // namespace zhengce

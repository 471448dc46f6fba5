// check, load and test (include/zhengce/policy.h): the compiler's driver, the .zcb reader and
// verifier, and the tester behind one call each. Every call builds its own SourceManager and sink,
// so calls share nothing and may run on many threads at once.
#include <algorithm>
#include <fstream>
#include <sstream>

#include "base/diag_docs.h"
#include "compiler/check/sema.h"
#include "compiler/driver.h"
#include "compiler/syntax/ast.h"
#include "lib/access.h"
#include "lib/report.h"
#include "lib/tester.h"
#include "runtime/bytecode/disasm.h"
#include "runtime/bytecode/format.h"
#include "runtime/bytecode/verify.h"
#include "runtime/jit/select.h"
#include "runtime/vm/text.h"

namespace zhengce {

using detail::Access;

namespace {

std::string str_or_empty(const zc::Module& m, uint32_t s) { return s == zc::kNoString ? std::string() : m.str(s); }

bool is_bytecode_path(const std::string& path) {
  return path.size() >= 4 && path.compare(path.size() - 4, 4, ".zcb") == 0;
}

}  // namespace

// ---- Policy ------------------------------------------------------------------------------------

const std::string& Policy::path() const { return impl_->path; }
std::string Policy::title() const { return str_or_empty(*impl_->module, impl_->module->meta.title); }
std::string Policy::issuer() const { return str_or_empty(*impl_->module, impl_->module->meta.issuer); }
std::string Policy::date() const { return str_or_empty(*impl_->module, impl_->module->meta.date); }
bool Policy::has_source() const { return impl_->ast && impl_->program; }

std::vector<FactSpec> Policy::facts() const {
  const zc::Module& m = *impl_->module;
  std::vector<FactSpec> out;
  for (const zc::FactInfo& f : m.facts) {
    FactSpec s;
    s.name = m.str(f.name);
    s.type = zc::lib::fact_type_text(m, f);
    for (uint32_t o : f.options) s.options.push_back(m.str(o));
    s.indicator = f.indicator;
    const zc::FactValue& d = f.default_value;
    switch (d.kind) {
      case zc::FactValue::Kind::Missing: break;
      case zc::FactValue::Kind::Bool: s.default_value = d.b ? "是" : "否"; break;
      case zc::FactValue::Kind::Opt: if (d.opt < f.options.size()) s.default_value = m.str(f.options[d.opt]); break;
      case zc::FactValue::Kind::Num: s.default_value = zc::value_text(m, f.type, f.unit, zc::Interval{d.num, d.num}); break;
    }
    out.push_back(std::move(s));
  }
  return out;
}

std::vector<std::string> Policy::rules() const {
  std::vector<std::string> out;
  for (const zc::RuleInfo& r : impl_->module->rules) out.push_back(impl_->module->str(r.name));
  return out;
}

std::vector<std::string> Policy::payers() const {
  std::vector<std::string> out;
  for (const zc::PayerInfo& p : impl_->module->payers) out.push_back(impl_->module->str(p.name));
  return out;
}

std::vector<uint8_t> Policy::bytecode() const { return zc::write_module(*impl_->module); }
std::string Policy::disassembly() const { return zc::disassemble(*impl_->module); }

// ---- check -------------------------------------------------------------------------------------

Checked check(const Source& source, const CheckOptions& options) {
  auto sm = std::make_shared<zc::SourceManager>();
  zc::FileId id = sm->add(source.path, source.text);
  zc::DiagSink sink;
  if (options.deny_warnings) sink.deny_warnings();
  zc::CompileResult r = zc::compile(*sm, id, sink);
  Checked out;
  if (r.policy) out.example_cases = r.policy->examples.size();
  if (r.module && r.policy && r.program) {
    auto impl = std::make_shared<Policy::Impl>();
    impl->path = source.path;
    impl->sources = sm;
    impl->ast = r.policy;
    impl->program = r.program;
    impl->module = std::make_shared<const zc::Module>(std::move(*r.module));
    // Cases run only on a policy without errors: a failing case of a broken policy says nothing new.
    if (options.examples)
      for (zc::lib::ExampleOutcome& o : zc::lib::run_examples(*impl->ast, *impl->program, *impl->module))
        for (zc::Diagnostic& d : o.failures) sink.report(std::move(d));
    if (sink.error_count() == 0) out.policy = Access::policy(std::move(impl));
  }
  out.diagnostics = Access::diagnostics(sm, sink.all(), options.lang);
  return out;
}

// ---- load --------------------------------------------------------------------------------------

Loaded load_bytecode(const std::string& path, const std::vector<uint8_t>& bytes, Lang lang) {
  Loaded out;
  zc::LoadResult r = zc::read_module(std::span<const uint8_t>(bytes.data(), bytes.size()));
  if (!r.ok()) {
    out.failure = lang == Lang::En ? "`" + path + "` is not a usable bytecode file: " + r.error.message_en + " (byte " +
                                         std::to_string(r.error.offset) + ")"
                                   : "「" + path + "」不是可用的字节码文件：" + r.error.message_zh + "（第 " +
                                         std::to_string(r.error.offset) + " 字节）";
    return out;
  }
  std::vector<zc::VerifyError> errs = zc::verify_module(*r.module);
  if (!errs.empty()) {
    std::string list;
    for (const zc::VerifyError& e : errs) list += "\n  " + zc::describe(e, lang == Lang::En);
    out.failure = lang == Lang::En ? "`" + path + "` failed verification:" + list : "「" + path + "」未通过校验：" + list;
    return out;
  }
  auto impl = std::make_shared<Policy::Impl>();
  impl->path = path;
  impl->module = std::make_shared<const zc::Module>(std::move(*r.module));
  out.policy = Access::policy(std::move(impl));
  return out;
}

Loaded load(const std::string& path, const CheckOptions& options) {
  Loaded out;
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  if (in) text << in.rdbuf();
  if (!in || in.bad()) {
    out.failure = options.lang == Lang::En ? "cannot read `" + path + "`" : "无法读取文件「" + path + "」";
    return out;
  }
  if (is_bytecode_path(path)) {
    std::string bytes = text.str();
    return load_bytecode(path, std::vector<uint8_t>(bytes.begin(), bytes.end()), options.lang);
  }
  Checked c = check(Source{path, text.str()}, options);
  out.diagnostics = std::move(c.diagnostics);
  out.policy = std::move(c.policy);
  out.example_cases = c.example_cases;
  return out;
}

// ---- test --------------------------------------------------------------------------------------

bool jit_available() { return zc::jit_availability().ok; }

std::string jit_problem(Lang lang) {
  const zc::JitAvailability& a = zc::jit_availability();
  return a.ok ? std::string() : lang == Lang::En ? a.problem_en : a.problem_zh;
}

BuildInfo build_info() {
  BuildInfo b;
  b.version = ZHENGCE_VERSION;
  b.bytecode_format = std::to_string(zc::kZcbMajor) + "." + std::to_string(zc::kZcbMinor);
  b.jit_built = zc::jit_built();
  b.jit_plugin = zc::jit_plugin_path();
  b.jit_plugin_candidates = zc::jit_plugin_candidates();
  return b;
}

std::optional<std::vector<ExampleResult>> test(const Policy& policy, Engine engine, Lang lang) {
  const Policy::Impl& p = *Access::impl(policy);
  if (!p.ast || !p.program) return std::nullopt;
  std::string error;
  std::unique_ptr<zc::Engine> e =
      zc::make_engine(engine == Engine::Jit ? zc::EngineKind::Jit : zc::EngineKind::Vm, *p.module, error);
  if (!e) return std::nullopt;
  std::vector<ExampleResult> out;
  for (zc::lib::ExampleOutcome& o : zc::lib::run_examples(*p.ast, *p.program, *p.module, e.get())) {
    ExampleResult r;
    r.name = o.name;
    r.passed = o.passed;
    r.failures = Access::diagnostics(p.sources, std::move(o.failures), lang);
    out.push_back(std::move(r));
  }
  return out;
}

// ---- codes -------------------------------------------------------------------------------------

std::optional<std::string> explain_code(std::string_view code, Lang lang) {
  std::optional<zc::DiagCode> c = zc::find_diag_code(code);
  if (!c) return std::nullopt;
  return zc::diag_code_page(*c, Access::lang(lang));
}

std::optional<std::string> code_markdown(std::string_view code) {
  std::optional<zc::DiagCode> c = zc::find_diag_code(code);
  if (!c) return std::nullopt;
  return zc::diag_code_markdown(*c);
}

std::string nearest_code(std::string_view code) {
  // Edit distance over the ids, case-insensitive: E512, E05120 and W0512 all find E0512.
  auto upper = [](std::string_view s) {
    std::string u(s);
    for (char& ch : u) ch = (ch >= 'a' && ch <= 'z') ? static_cast<char>(ch - 'a' + 'A') : ch;
    return u;
  };
  const std::string want = upper(code);
  auto distance = [](const std::string& a, const std::string& b) {
    std::vector<size_t> row(b.size() + 1);
    for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (size_t i = 1; i <= a.size(); ++i) {
      size_t diag = row[0];
      row[0] = i;
      for (size_t j = 1; j <= b.size(); ++j) {
        size_t up = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] == b[j - 1] ? 0 : 1)});
        diag = up;
      }
    }
    return row[b.size()];
  };
  std::string best;
  size_t best_d = 3;  // farther than two edits is no suggestion
  for (size_t i = 0; i < static_cast<size_t>(zc::DiagCode::kCount); ++i) {
    std::string id = zc::diag_info(static_cast<zc::DiagCode>(i)).id;
    size_t d = distance(want, id);
    if (d < best_d) {
      best_d = d;
      best = id;
    }
  }
  return best;
}

}  // namespace zhengce

// Internal to lib/: what the public API's handles hold (include/zhengce/*.h declare only their names),
// and detail::Access, through which the library's own files build and open them. Nothing outside
// lib/ includes this file: front ends see the public headers only.
#pragma once
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/diag.h"
#include "base/source.h"
#include "base/values.h"
#include "facts/json_fast.h"
#include "lib/report.h"
#include "runtime/bytecode/module.h"
#include "runtime/vm/vm.h"
#include "zhengce/zhengce.h"

namespace zc {
namespace ast {
struct Policy;
}
namespace sema {
struct Program;
}
}  // namespace zc

namespace zhengce {

struct Diagnostics::Impl {
  zc::Lang lang = zc::Lang::Zh;
  std::shared_ptr<const zc::SourceManager> sources;  // every span of `raw` points into one of its files
  std::vector<zc::Diagnostic> raw;
  std::vector<Diagnostic> items;                     // `raw` as data, in `lang`
  size_t unlisted = 0;                               // errors counted but not in `raw`
};

struct Policy::Impl {
  std::string path;
  std::shared_ptr<const zc::SourceManager> sources;  // the text, when compiled from source
  std::shared_ptr<const zc::ast::Policy> ast;        // null for bytecode
  std::shared_ptr<const zc::sema::Program> program;  // null for bytecode
  std::shared_ptr<const zc::Module> module;          // INVARIANT: passed verify_module()

  // The facts reader's fast paths for `module` (read_facts), made on first use.
  const zc::facts::FastReader& fast_facts() const {
    std::call_once(fast_facts_once_, [this] { fast_facts_ = std::make_unique<const zc::facts::FastReader>(*module); });
    return *fast_facts_;
  }
  // The constant parts of `module`'s JSON report (lib/report.h), made on first use.
  const zc::lib::JsonTemplate& json_template() const {
    std::call_once(json_template_once_, [this] { json_template_ = std::make_unique<const zc::lib::JsonTemplate>(*module); });
    return *json_template_;
  }

 private:
  mutable std::once_flag fast_facts_once_;
  mutable std::unique_ptr<const zc::facts::FastReader> fast_facts_;
  mutable std::once_flag json_template_once_;
  mutable std::unique_ptr<const zc::lib::JsonTemplate> json_template_;
};

struct Facts::Impl {
  std::shared_ptr<const Policy::Impl> policy;
  std::vector<zc::FactValue> values;  // one per fact of policy->module
};

struct Evaluation::Impl {
  std::shared_ptr<const Policy::Impl> policy;
  zc::Evaluation raw;
  Lang lang = Lang::Zh;  // of `problems`
  // `raw` as data, made on first use: the reports (text(), json()) read `raw` itself, so a caller
  // that only writes them — the server — never pays for these copies.
  struct Data {
    Diagnostics problems;
    std::vector<RuleResult> rules;
    std::vector<PayerTotal> totals;
  };
  const Data& data() const;

 private:
  mutable std::once_flag data_once_;
  mutable Data data_;
};

namespace detail {

struct Access {
  static zc::Lang lang(Lang l) { return l == Lang::En ? zc::Lang::En : zc::Lang::Zh; }

  // Diagnostics over `diags`, whose spans point into `sources` (null when none has a span).
  static Diagnostics diagnostics(std::shared_ptr<const zc::SourceManager> sources, std::vector<zc::Diagnostic> diags,
                                 Lang lang, size_t unlisted = 0);
  static const Diagnostics::Impl& impl(const Diagnostics& d) { return *d.impl_; }

  static Policy policy(std::shared_ptr<const Policy::Impl> impl) {
    Policy p;
    p.impl_ = std::move(impl);
    return p;
  }
  static const std::shared_ptr<const Policy::Impl>& impl(const Policy& p) { return p.impl_; }

  static Facts facts(std::shared_ptr<Facts::Impl> impl) {
    Facts f;
    f.impl_ = std::move(impl);
    return f;
  }
  static const Facts::Impl& impl(const Facts& f) { return *f.impl_; }

  static Evaluation evaluation(std::shared_ptr<const Policy::Impl> policy, zc::Evaluation raw, Lang lang);
};

}  // namespace detail
}  // namespace zhengce

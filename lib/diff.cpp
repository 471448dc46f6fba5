// The public diff (include/zhengce/diff.h) over diff/: builds the two versions from the policies'
// compiled parts, runs the comparison and keeps its report, with the policies it points into.
// What is compared and proven is diff/'s (docs/diff.md); this file only adapts the types.
#include "zhengce/diff.h"

#include "diff/diff.h"
#include "diff/report.h"
#include "lib/access.h"

namespace zhengce {

struct Diff::Impl {
  std::shared_ptr<const Policy::Impl> older, newer;  // the report's texts point into these
  zc::diff::Report report;
};

namespace {

zc::diff::Format format_of(DiffFormat f) {
  switch (f) {
    case DiffFormat::Json: return zc::diff::Format::Json;
    case DiffFormat::Markdown: return zc::diff::Format::Markdown;
    case DiffFormat::Github: return zc::diff::Format::Github;
    case DiffFormat::Text: break;
  }
  return zc::diff::Format::Text;
}

}  // namespace

bool Diff::differs() const { return impl_ && impl_->report.any_difference(); }

bool Diff::internal_errors() const { return impl_ && !impl_->report.internal_errors.empty(); }

std::string Diff::render(DiffFormat format, Lang lang) const {
  return impl_ ? zc::diff::render(impl_->report, format_of(format), lang == Lang::En) : std::string();
}

std::vector<DiffWitness> Diff::witnesses() const {
  std::vector<DiffWitness> out;
  if (!impl_) return out;
  auto add = [&](const std::string& label, const zc::diff::Semantic& s) {
    for (const zc::diff::Region& r : s.regions)
      if (r.witness.none.empty())
        out.push_back({label, zc::diff::facts_json(r.witness, true), zc::diff::facts_json(r.witness, false)});
  };
  const zc::diff::Report& rep = impl_->report;
  for (const zc::diff::RuleChange& r : rep.rules) add(r.new_names.empty() ? r.old_names.front() : r.new_names.front(), r.semantic);
  for (const zc::diff::GroupChange& g : rep.groups) add(g.name, g.semantic);
  for (const zc::diff::PayerChange& p : rep.payers) add(p.name, p.semantic);
  return out;
}

Diff diff(const Policy& older, const Policy& newer, const DiffOptions& options) {
  using detail::Access;
  Diff d;
  const bool en = options.lang == Lang::En;
  if (!options.input.empty() && options.input_format == RegistryFormat::Xlsx) {
    d.failure = en ? "diff reads a CSV or JSONL registry, not .xlsx" : "diff 只读 CSV 或 JSONL 登记册，不读 .xlsx";
    return d;
  }
  const std::shared_ptr<const Policy::Impl>& o = Access::impl(older);
  const std::shared_ptr<const Policy::Impl>& n = Access::impl(newer);
  for (const auto* p : {&o, &n})
    if (!*p || !(*p)->ast || !(*p)->program || !(*p)->sources) {
      d.failure = en ? "diff needs both drafts from source (.zc), not bytecode: `" + (*p ? (*p)->path : "") + "`"
                     : "diff 需要两稿的政策源文件（.zc），不能比较字节码：「" + (*p ? (*p)->path : "") + "」";
      return d;
    }
  if (std::string why; !zc::diff::solver_available(why)) {
    d.failure = en ? "cannot load the solver library libz3 (install libz3-4): " + why
                   : "无法加载求解器库 libz3（请安装 libz3-4）：" + why;
    return d;
  }
  auto version = [](const Policy::Impl& p) {
    zc::diff::Version v;
    v.path = p.path;
    v.policy = p.ast;
    v.program = p.program;
    v.module = p.module;
    v.source = &p.sources->file(p.ast->file);
    return v;
  };
  zc::diff::Options opts;
  opts.limits.timeout_ms = options.timeout_ms;
  opts.max_regions = options.max_regions;
  opts.input = options.input;
  opts.input_jsonl = options.input_format == RegistryFormat::Jsonl;
  opts.threads = options.threads;
  auto impl = std::make_shared<Diff::Impl>();
  impl->older = o;
  impl->newer = n;
  impl->report = zc::diff::compare(version(*o), version(*n), opts);
  if (!impl->report.budget_error.empty()) d.failure = impl->report.budget_error;
  d.impl_ = std::move(impl);
  return d;
}

}  // namespace zhengce

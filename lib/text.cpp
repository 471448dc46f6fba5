// render and format (include/zhengce/text.h): the renderer (compiler/render) and the formatter
// (compiler/fmt) over texts held in memory.
#include "base/external_text.h"
#include "compiler/driver.h"
#include "compiler/fmt/diff.h"
#include "compiler/fmt/fmt.h"
#include "compiler/render/render.h"
#include "lib/access.h"

namespace zhengce {

using detail::Access;

Rendered render(const std::vector<Source>& sources, RenderFormat format, Lang lang) {
  auto sm = std::make_shared<zc::SourceManager>();
  zc::DiagSink sink;
  std::vector<std::shared_ptr<const zc::ast::Policy>> policies;
  for (const Source& s : sources) {
    zc::FileId id = sm->add(s.path, s.text);
    zc::CompileOptions co;
    co.codegen = false;
    zc::CompileResult r = zc::compile(*sm, id, sink, co);
    if (r.policy) policies.push_back(r.policy);
  }
  Rendered out;
  if (sink.error_count() == 0) {
    std::vector<zc::render::Document> docs;
    for (const auto& p : policies) docs.push_back(zc::render::build_document(*p));
    if (format == RenderFormat::AnnotatedHtml) {
      out.text = zc::render::emit_annotated(docs, *sm);
    } else if (format == RenderFormat::Pandoc) {
      if (!docs.empty()) out.text = zc::render::pandoc_json(docs.front());
    } else {
      zc::render::Format f = format == RenderFormat::Markdown ? zc::render::Format::Markdown
                             : format == RenderFormat::Html   ? zc::render::Format::Html
                                                              : zc::render::Format::Text;
      out.text = zc::render::emit_all(docs, f);
    }
  }
  out.diagnostics = Access::diagnostics(sm, sink.all(), lang);
  return out;
}

Formatted format(const Source& source, Lang lang) {
  auto sm = std::make_shared<zc::SourceManager>();
  zc::FileId id = sm->add(source.path, source.text);
  zc::DiagSink sink;
  zc::formatter::Result r = zc::formatter::format_file(*sm, id, sink);
  Formatted out;
  switch (r.status) {
    case zc::formatter::Result::Status::Ok: out.status = Formatted::Status::Ok; break;
    case zc::formatter::Result::Status::SourceErrors: out.status = Formatted::Status::SourceErrors; break;
    case zc::formatter::Result::Status::Refused: out.status = Formatted::Status::Refused; break;
  }
  out.text = std::move(r.text);
  out.problem = std::move(r.problem);
  out.diagnostics = Access::diagnostics(sm, sink.all(), lang);
  return out;
}

std::string unified_diff(const std::string& before, const std::string& after, const std::string& name) {
  return zc::formatter::unified_diff(before, after, name);
}

std::string valid_utf8(std::string_view text) { return zc::valid_utf8(text); }

}  // namespace zhengce

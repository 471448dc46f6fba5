// Diagnostics as data (include/zhengce/diagnostics.h): the front end's diagnostics with their spans
// turned into lines and columns, rendered by the one renderer (base/diag_render.h).
#include <sstream>

#include "base/diag_render.h"
#include "lib/access.h"

namespace zhengce {
namespace {

Severity severity_of(zc::Severity s) {
  switch (s) {
    case zc::Severity::Error: return Severity::Error;
    case zc::Severity::Warning: return Severity::Warning;
    case zc::Severity::Note: return Severity::Note;
  }
  return Severity::Error;
}

Location location(const zc::SourceManager& sm, const zc::Span& s) {
  const zc::SourceFile& f = sm.file(s.file);
  Location at;
  at.file = f.path();
  at.begin = s.begin;
  at.end = s.end;
  zc::LineCol b = f.line_col(s.begin), e = f.line_col(s.end);
  at.line = b.line;
  at.column = b.col;
  at.end_line = e.line;
  at.end_column = e.col;
  return at;
}

Diagnostic data(const zc::SourceManager* sm, const zc::Diagnostic& d, zc::Lang lang) {
  const zc::DiagInfo& info = zc::diag_info(d.code);
  Diagnostic out;
  out.code = info.id;
  out.slug = info.slug;
  out.severity = severity_of(d.severity);
  out.message = zc::diag_message(d, lang);
  out.help = zc::diag_help(d, lang);
  if (d.has_span && sm) out.at = location(*sm, d.span);
  for (const zc::Label& l : d.notes)
    if (sm) out.notes.push_back(Diagnostic::Note{location(*sm, l.span), l.message.in(lang)});
  out.article = d.article;
  for (const zc::Fix& f : d.fixes) {
    if (!sm) break;
    Diagnostic::Fix fix{f.title.in(lang), {}};
    for (const auto& [span, text] : f.edits) fix.edits.push_back(Diagnostic::Edit{location(*sm, span), text});
    out.fixes.push_back(std::move(fix));
  }
  return out;
}

// Copies every file of `from` into `into`; returns the new id of each old one.
std::vector<zc::FileId> copy_files(const zc::SourceManager& from, zc::SourceManager& into) {
  std::vector<zc::FileId> ids;
  for (size_t i = 0; i < from.size(); ++i) {
    const zc::SourceFile& f = from.file(static_cast<zc::FileId>(i));
    ids.push_back(into.add(f.path(), f.text()));
  }
  return ids;
}

}  // namespace

namespace detail {

Diagnostics Access::diagnostics(std::shared_ptr<const zc::SourceManager> sources, std::vector<zc::Diagnostic> diags,
                                Lang lang, size_t unlisted) {
  auto impl = std::make_shared<Diagnostics::Impl>();
  impl->lang = Access::lang(lang);
  impl->unlisted = unlisted;
  impl->sources = sources ? std::move(sources) : std::make_shared<zc::SourceManager>();
  impl->raw = std::move(diags);
  for (const zc::Diagnostic& d : impl->raw) impl->items.push_back(data(impl->sources.get(), d, impl->lang));
  return Diagnostics(std::move(impl));
}

}  // namespace detail

Diagnostics::Diagnostics() : impl_(std::make_shared<Impl>()) { impl_->sources = std::make_shared<zc::SourceManager>(); }
Diagnostics::Diagnostics(std::shared_ptr<Impl> impl) : impl_(std::move(impl)) {}

const std::vector<Diagnostic>& Diagnostics::items() const { return impl_->items; }

size_t Diagnostics::errors() const {
  size_t n = impl_->unlisted;
  for (const zc::Diagnostic& d : impl_->raw) n += d.severity == zc::Severity::Error ? 1 : 0;
  return n;
}

size_t Diagnostics::unlisted() const { return impl_->unlisted; }

size_t Diagnostics::warnings() const {
  size_t n = 0;
  for (const zc::Diagnostic& d : impl_->raw) n += d.severity == zc::Severity::Warning ? 1 : 0;
  return n;
}

std::string Diagnostics::render(DiagnosticFormat format, bool color) const {
  static const zc::DiagFormat kFormats[] = {zc::DiagFormat::Human, zc::DiagFormat::Json, zc::DiagFormat::Sarif,
                                            zc::DiagFormat::Github};
  std::ostringstream out;
  zc::render_diagnostics(impl_->raw, *impl_->sources, kFormats[static_cast<size_t>(format)], impl_->lang, color, out);
  if (format == DiagnosticFormat::Human && impl_->unlisted > 0) {
    std::string n = std::to_string(impl_->unlisted);
    out << (impl_->lang == zc::Lang::En ? "… and " + n + " more problems not listed\n" : "……另有 " + n + " 个问题未列出\n");
  }
  return out.str();
}

std::string Diagnostics::summary(bool color) const {
  return zc::diag_summary(impl_->raw, impl_->lang, color, impl_->unlisted);
}

void Diagnostics::append(const Diagnostics& other) {
  if (other.impl_->raw.empty() && other.impl_->unlisted == 0) return;
  if (impl_->raw.empty() && impl_->unlisted == 0) {  // nothing of its own yet: it becomes the other, language included
    impl_ = other.impl_;
    return;
  }
  auto sm = std::make_shared<zc::SourceManager>();
  std::vector<zc::FileId> mine = copy_files(*impl_->sources, *sm);
  std::vector<zc::FileId> theirs = copy_files(*other.impl_->sources, *sm);
  auto remap = [](std::vector<zc::Diagnostic> list, const std::vector<zc::FileId>& ids) {
    for (zc::Diagnostic& d : list) {
      if (d.has_span) d.span.file = ids[d.span.file];
      for (zc::Label& l : d.notes) l.span.file = ids[l.span.file];
    }
    return list;
  };
  auto impl = std::make_shared<Impl>();
  impl->lang = impl_->lang;
  impl->unlisted = impl_->unlisted + other.impl_->unlisted;
  impl->sources = sm;
  impl->raw = remap(impl_->raw, mine);
  for (zc::Diagnostic& d : remap(other.impl_->raw, theirs)) impl->raw.push_back(std::move(d));
  for (const zc::Diagnostic& d : impl->raw) impl->items.push_back(data(impl->sources.get(), d, impl->lang));
  impl_ = std::move(impl);
}

}  // namespace zhengce

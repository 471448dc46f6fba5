// The language service's documents and the queries about names: definition, references, rename,
// formatting (service.h). Hover, completion, outline and fixes live in the files beside it.
#include "service/service.h"

#include <algorithm>

#include "zhengce/text.h"
#include "compiler/syntax/lexer.h"
#include "service/internal.h"

namespace zc::service {

struct LanguageService::Document {
  std::string text;
  int64_t version = 0;
  std::unique_ptr<LineIndex> lines;
  std::shared_ptr<const Analysis> analysis;
  bool analysed = false;  // `analysis` is of the current text

  void set_text(std::string t) {
    text = std::move(t);
    lines = std::make_unique<LineIndex>(text);
    analysed = false;
  }
};

namespace {

std::string quoted(const std::string& uri) { return "「" + uri + "」"; }

// Names may hold any text but 」 and line breaks (docs/language.md §1); the service also refuses
// the characters that would end a name or statement where it is written bare.
bool valid_name(std::string_view s) {
  if (s.empty()) return false;
  for (std::string_view bad : {"「", "」", "\n", "\r", "“", "”", "。"})
    if (s.find(bad) != std::string_view::npos) return false;
  return s.front() != ' ' && s.back() != ' ';
}

}  // namespace

Span name_part(const Analysis& a, Span token) {
  std::string_view s = a.slice(token);
  constexpr std::string_view open = "「", close = "」";
  if (s.size() >= open.size() + close.size() && s.substr(0, open.size()) == open &&
      s.substr(s.size() - close.size()) == close)
    return Span{token.file, token.begin + static_cast<uint32_t>(open.size()), token.end - static_cast<uint32_t>(close.size())};
  return token;
}

LanguageService::LanguageService(Options opts) : opts_(opts) {}
LanguageService::~LanguageService() = default;

void LanguageService::set_options(const Options& o) {
  std::lock_guard lock(mu_);
  if (o.lang != opts_.lang)
    for (auto& [uri, d] : docs_) d->analysed = false;  // the diagnostics are worded in the language
  opts_ = o;
}

LanguageService::Document& LanguageService::doc(const std::string& uri) {
  auto it = docs_.find(uri);
  if (it == docs_.end())
    throw Error(Error::Kind::UnknownDocument,
                opts_.lang == Lang::En ? "document `" + uri + "` is not open" : "文档" + quoted(uri) + "未打开");
  return *it->second;
}

const LanguageService::Document& LanguageService::doc(const std::string& uri) const {
  return const_cast<LanguageService*>(this)->doc(uri);
}

void LanguageService::open(const std::string& uri, std::string text, int64_t version) {
  std::lock_guard lock(mu_);
  auto d = std::make_unique<Document>();
  d->version = version;
  d->set_text(std::move(text));
  docs_[uri] = std::move(d);
}

void LanguageService::change(const std::string& uri, const std::vector<Change>& changes, int64_t version) {
  std::lock_guard lock(mu_);
  Document& d = doc(uri);
  std::string text = d.text;
  for (const Change& ch : changes) {
    if (!ch.range) {
      text = ch.text;
      continue;
    }
    LineIndex lines(text);
    auto b = lines.offset(ch.range->start, opts_.encoding), e = lines.offset(ch.range->end, opts_.encoding);
    if (!b || !e || *e < *b) {
      const Range& r = *ch.range;
      std::string where = std::to_string(r.start.line) + ":" + std::to_string(r.start.character) + "-" +
                          std::to_string(r.end.line) + ":" + std::to_string(r.end.character);
      throw Error(Error::Kind::InvalidPosition,
                  opts_.lang == Lang::En
                      ? "the change's range " + where + " is outside the document (" + std::to_string(lines.line_count()) + " lines); the document is unchanged"
                      : "修改的范围 " + where + " 超出文档（共 " + std::to_string(lines.line_count()) + " 行），文档未改动");
    }
    text.replace(*b, *e - *b, ch.text);
  }
  d.version = version;
  d.set_text(std::move(text));
}

void LanguageService::close(const std::string& uri) {
  std::lock_guard lock(mu_);
  docs_.erase(uri);
}

bool LanguageService::is_open(const std::string& uri) const {
  std::lock_guard lock(mu_);
  return docs_.count(uri) > 0;
}

int64_t LanguageService::version(const std::string& uri) const {
  std::lock_guard lock(mu_);
  return doc(uri).version;
}

std::string LanguageService::text(const std::string& uri) const {
  std::lock_guard lock(mu_);
  return doc(uri).text;
}

std::shared_ptr<const Analysis> LanguageService::fresh(Document& d) {
  if (!d.analysed || !d.analysis) {
    d.analysis = analyze(d.text, opts_.lang);
    d.analysed = true;
  }
  return d.analysis;
}

std::shared_ptr<const Analysis> LanguageService::analysis(const std::string& uri) {
  std::lock_guard lock(mu_);
  return fresh(doc(uri));
}

uint32_t LanguageService::offset_of(const Document& d, Position p) const {
  auto off = d.lines->offset(p, opts_.encoding);
  if (!off) {
    std::string where = std::to_string(p.line) + ":" + std::to_string(p.character);
    throw Error(Error::Kind::InvalidPosition,
                opts_.lang == Lang::En
                    ? "position " + where + " is past the end of the document (" + std::to_string(d.lines->line_count()) + " lines)"
                    : "位置 " + where + " 超出文档（共 " + std::to_string(d.lines->line_count()) + " 行）");
  }
  return *off;
}

std::vector<Problem> LanguageService::diagnostics(const std::string& uri) {
  std::lock_guard lock(mu_);
  auto a = fresh(doc(uri));
  Ctx c{*a, opts_};
  std::vector<Problem> out;
  out.reserve(a->diagnostics.size());
  for (const zhengce::Diagnostic& d : a->diagnostics) out.push_back(to_problem(c, d));
  return out;
}

std::optional<Hover> LanguageService::hover(const std::string& uri, Position p) {
  std::lock_guard lock(mu_);
  Document& d = doc(uri);
  uint32_t off = offset_of(d, p);
  auto a = fresh(d);
  return hover_at(Ctx{*a, opts_}, off);
}

Completion LanguageService::complete(const std::string& uri, Position p) {
  std::lock_guard lock(mu_);
  Document& d = doc(uri);
  uint32_t off = offset_of(d, p);
  if (!d.analysis) fresh(d);
  return complete_at(d.analysis.get(), d.text, *d.lines, off, opts_);
}

std::vector<Range> LanguageService::definition(const std::string& uri, Position p) {
  std::lock_guard lock(mu_);
  Document& d = doc(uri);
  uint32_t off = offset_of(d, p);
  auto a = fresh(d);
  Ctx c{*a, opts_};
  std::vector<Range> out;
  const Occurrence* o = a->occurrence_at(off);
  if (!o || o->symbol < 0) return out;
  for (const Span& s : a->symbols[static_cast<size_t>(o->symbol)].decls) out.push_back(c.range(name_part(*a, s)));
  return out;
}

std::vector<Range> LanguageService::references(const std::string& uri, Position p, bool include_declaration) {
  std::lock_guard lock(mu_);
  Document& d = doc(uri);
  uint32_t off = offset_of(d, p);
  auto a = fresh(d);
  Ctx c{*a, opts_};
  std::vector<Range> out;
  const Occurrence* at = a->occurrence_at(off);
  if (!at || at->symbol < 0) return out;
  for (const Occurrence& o : a->occurrences)
    if (o.symbol == at->symbol && (include_declaration || !o.declaration)) out.push_back(c.range(o.name));
  return out;
}

std::optional<RenameTarget> LanguageService::prepare_rename(const std::string& uri, Position p) {
  std::lock_guard lock(mu_);
  Document& d = doc(uri);
  uint32_t off = offset_of(d, p);
  auto a = fresh(d);
  const Occurrence* o = a->occurrence_at(off);
  if (!o || o->symbol < 0) return std::nullopt;
  return RenameTarget{Ctx{*a, opts_}.range(o->name), a->symbols[static_cast<size_t>(o->symbol)].name};
}

std::vector<TextEdit> LanguageService::rename(const std::string& uri, Position p, const std::string& new_name_in) {
  std::lock_guard lock(mu_);
  Document& d = doc(uri);
  uint32_t off = offset_of(d, p);
  auto a = fresh(d);
  Ctx c{*a, opts_};
  const bool en = opts_.lang == Lang::En;
  const Occurrence* at = a->occurrence_at(off);
  if (!at || at->symbol < 0)
    throw Error(Error::Kind::Failed, en ? "there is no declared name here to rename" : "此处没有可重命名的已声明名称");
  std::string new_name = new_name_in;
  constexpr std::string_view open = "「", close = "」";
  if (new_name.size() > open.size() + close.size() && new_name.starts_with(open) && new_name.ends_with(close))
    new_name = new_name.substr(open.size(), new_name.size() - open.size() - close.size());
  if (!valid_name(new_name))
    throw Error(Error::Kind::InvalidArgument,
                en ? "`" + new_name_in + "` cannot be a name: write text without 「」“”。 or line breaks"
                   : quoted(new_name_in) + "不能作名称：名称中不能有「」“”。或换行");
  const SymbolInfo& sym = a->symbols[static_cast<size_t>(at->symbol)];
  if (new_name == sym.name) return {};
  if (const SymbolInfo* other = a->symbol(new_name))
    throw Error(Error::Kind::InvalidArgument,
                en ? "`" + new_name + "` is already declared (" + kind_word(other->kind, Lang::En) + ")"
                   : quoted(new_name) + "已声明（" + kind_word(other->kind, Lang::Zh) + "）");

  // Every occurrence, in source order. A bare use stays bare when the new name still reads as that
  // one name there (checked by lexing the result); otherwise it is written in 「」.
  struct Edit {
    Span span;
    std::string text;
    bool bare;
  };
  std::vector<Edit> edits;
  for (const Occurrence& o : a->occurrences)
    if (o.symbol == at->symbol) edits.push_back(Edit{o.bracketed ? o.name : o.span, new_name, !o.bracketed});
  auto apply = [&](std::vector<uint32_t>& starts) {
    std::string out;
    uint32_t from = 0;
    for (const Edit& e : edits) {
      out.append(a->text(), from, e.span.begin - from);
      starts.push_back(static_cast<uint32_t>(out.size()));
      out += e.text;
      from = e.span.end;
    }
    out.append(a->text(), from);
    return out;
  };
  std::vector<uint32_t> starts;
  std::string result = apply(starts);
  SourceManager sm;
  FileId id = sm.add("<rename>", result);
  DiagSink sink;
  syntax::LexResult lexed = syntax::lex(sm.file(id), id, sink);
  for (size_t k = 0; k < edits.size(); ++k) {
    if (!edits[k].bare) continue;
    auto t = std::lower_bound(lexed.tokens.begin(), lexed.tokens.end(), starts[k],
                              [](const syntax::Token& tok, uint32_t s) { return tok.begin < s; });
    bool reads = t != lexed.tokens.end() && t->begin == starts[k] && t->end == starts[k] + new_name.size() &&
                 token_kind_name(t->type) == "NAME" && !lexed.unknown.count(t->begin);
    if (!reads) edits[k].text = "「" + new_name + "」";
  }
  std::vector<TextEdit> out;
  for (const Edit& e : edits) out.push_back(TextEdit{c.range(e.span), e.text});
  return out;
}

std::vector<DocumentSymbol> LanguageService::symbols(const std::string& uri) {
  std::lock_guard lock(mu_);
  auto a = fresh(doc(uri));
  return outline(Ctx{*a, opts_});
}

std::vector<FoldingRange> LanguageService::folding(const std::string& uri) {
  std::lock_guard lock(mu_);
  auto a = fresh(doc(uri));
  return folds(Ctx{*a, opts_});
}

std::vector<SemanticToken> LanguageService::semantic_tokens(const std::string& uri) {
  std::lock_guard lock(mu_);
  auto a = fresh(doc(uri));
  return semantic(Ctx{*a, opts_});
}

std::vector<TextEdit> LanguageService::format(const std::string& uri) {
  std::lock_guard lock(mu_);
  Document& d = doc(uri);
  const bool en = opts_.lang == Lang::En;
  zhengce::Formatted r = zhengce::format(zhengce::Source{"<document>", d.text}, opts_.lang);
  if (r.status == zhengce::Formatted::Status::SourceErrors) {
    std::string first;
    for (const zhengce::Diagnostic& diag : r.diagnostics.items()) {
      if (diag.severity != Severity::Error) continue;
      first = diag.code;
      if (diag.at) first += " " + std::to_string(diag.at->line) + ":" + std::to_string(diag.at->column);
      first += " " + diag.message;
      break;
    }
    throw Error(Error::Kind::Failed, en ? "not formatted: the file has syntax errors (" + first + ")"
                                        : "未格式化：文件有语法错误（" + first + "）");
  }
  if (r.status == zhengce::Formatted::Status::Refused)
    throw Error(Error::Kind::Failed, en ? "not formatted: the formatter's output failed its own check (" + r.problem + "); this is a formatter bug"
                                        : "未格式化：格式化结果未通过自检（" + r.problem + "），这是格式化程序的缺陷");
  if (r.text == d.text) return {};
  // One edit covering what differs, cut at character boundaries, so the cursor outside it stays put.
  const std::string& from = d.text;
  const std::string& to = r.text;
  size_t pre = 0;
  while (pre < from.size() && pre < to.size() && from[pre] == to[pre]) ++pre;
  auto continuation = [](char ch) { return (static_cast<unsigned char>(ch) & 0xC0) == 0x80; };
  while (pre > 0 && ((pre < from.size() && continuation(from[pre])) || (pre < to.size() && continuation(to[pre])))) --pre;
  size_t suf = 0;
  while (suf < from.size() - pre && suf < to.size() - pre && from[from.size() - 1 - suf] == to[to.size() - 1 - suf]) ++suf;
  while (suf > 0 && (continuation(from[from.size() - suf]) || continuation(to[to.size() - suf]))) --suf;
  Range range = d.lines->range(static_cast<uint32_t>(pre), static_cast<uint32_t>(from.size() - suf), opts_.encoding);
  return {TextEdit{range, to.substr(pre, to.size() - suf - pre)}};
}

std::vector<CodeAction> LanguageService::code_actions(const std::string& uri, Range range) {
  std::lock_guard lock(mu_);
  Document& d = doc(uri);
  uint32_t b = offset_of(d, range.start), e = offset_of(d, range.end);
  auto a = fresh(d);
  Ctx c{*a, opts_};
  std::vector<CodeAction> out;
  for (const zhengce::Diagnostic& diag : a->diagnostics) {
    uint32_t db = diag.at ? diag.at->begin : 0, de = diag.at ? diag.at->end : 0;
    if (de < b || db > e) continue;
    for (CodeAction& act : fixes_for(c, diag)) out.push_back(std::move(act));
  }
  return out;
}

}  // namespace zc::service

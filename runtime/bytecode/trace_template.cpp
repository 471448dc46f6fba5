// Parsing of TRACE templates (see trace_template.h for the convention). Pure text handling: no
// stack types and no formatting of values here.
#include "runtime/bytecode/trace_template.h"

#include <fmt/format.h>

namespace zc {
namespace {

constexpr TraceKind kKinds[] = {TraceKind::Money, TraceKind::Rate, TraceKind::Count, TraceKind::Points,
                                TraceKind::Date,  TraceKind::Num,  TraceKind::Bool,  TraceKind::Option};

bool fail(TraceTemplateError& err, size_t at, std::string_view what_zh, std::string_view what_en) {
  err.zh = fmt::format("第 {} 字节处{}", at, what_zh);
  err.en = fmt::format("{} at byte {}", what_en, at);
  return false;
}

}  // namespace

std::string_view trace_kind_name(TraceKind k) {
  switch (k) {
    case TraceKind::Any:
      return "";
    case TraceKind::Money:
      return "money";
    case TraceKind::Rate:
      return "rate";
    case TraceKind::Count:
      return "count";
    case TraceKind::Points:
      return "points";
    case TraceKind::Date:
      return "date";
    case TraceKind::Num:
      return "num";
    case TraceKind::Bool:
      return "bool";
    case TraceKind::Option:
      return "option";
  }
  return "";
}

bool parse_trace_template(std::string_view t, std::vector<TracePiece>& out, TraceTemplateError& err) {
  out.clear();
  size_t lit = 0;  // start of the pending literal
  size_t i = 0;
  auto flush = [&](size_t end) {
    if (end > lit) {
      TracePiece lit_piece;
      lit_piece.literal = t.substr(lit, end - lit);
      out.push_back(lit_piece);
    }
  };
  while (i < t.size()) {
    char c = t[i];
    if (c == '}') {
      if (i + 1 < t.size() && t[i + 1] == '}') {
        flush(i + 1);  // keep one '}'
        i += 2;
        lit = i;
        continue;
      }
      return fail(err, i, "有未配对的「}」", "unmatched '}'");
    }
    if (c != '{') {
      ++i;
      continue;
    }
    if (i + 1 < t.size() && t[i + 1] == '{') {
      flush(i + 1);  // keep one '{'
      i += 2;
      lit = i;
      continue;
    }
    flush(i);
    size_t close = t.find('}', i);
    if (close == std::string_view::npos) return fail(err, i, "的「{」没有配对的「}」", "'{' without a closing '}'");
    std::string_view body = t.substr(i + 1, close - i - 1);
    std::string_view index = body.substr(0, body.find(':'));
    if (index.empty() || index.size() > 3 || index.find_first_not_of("0123456789") != std::string_view::npos) {
      return fail(err, i, "的占位符没有序号", "a placeholder without an index");
    }
    TracePiece p;
    p.arg = 0;
    for (char d : index) p.arg = p.arg * 10 + (d - '0');
    if (index.size() < body.size()) {
      std::string_view rest = body.substr(index.size() + 1);
      std::string_view kind = rest.substr(0, rest.find(':'));
      bool found = false;
      for (TraceKind k : kKinds) {
        if (trace_kind_name(k) == kind) {
          p.kind = k;
          found = true;
        }
      }
      if (!found) return fail(err, i, fmt::format("的占位符类别「{}」未知", kind), fmt::format("unknown placeholder kind '{}'", kind));
      if (kind.size() < rest.size()) {
        if (p.kind != TraceKind::Count) {
          return fail(err, i, "只有 count 占位符可以带单位", "only a count placeholder takes a unit");
        }
        p.unit = rest.substr(kind.size() + 1);
        if (p.unit.empty() || p.unit.find('{') != std::string_view::npos) {
          return fail(err, i, "的单位为空或含有「{」", "an empty unit or a unit containing '{'");
        }
      }
    }
    out.push_back(p);
    i = close + 1;
    lit = i;
  }
  flush(t.size());
  return true;
}

}  // namespace zc

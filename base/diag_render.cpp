// Renders diagnostics as human text (rustc-like snippets), JSON, SARIF 2.1.0 or GitHub workflow
// commands. Positions are computed here, from byte spans, and nowhere earlier. It never decides what
// is an error (that is the stages' job) nor where output goes (the CLI's).
#include "base/diag_render.h"

#include <algorithm>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "base/assert.h"
#include "base/json_text.h"
#include "base/utf8.h"

namespace zc {

namespace {

using ojson = nlohmann::ordered_json;

// ---- shared ---------------------------------------------------------------------------------------

const SourceFile& file_of(const SourceManager& sm, const Span& s) {
  ZC_ASSERT(s.file < sm.size(), "diagnostic span refers to a file that is not in the SourceManager");
  ZC_ASSERT(s.begin <= s.end, "diagnostic span ends before it begins");
  const SourceFile& f = sm.file(s.file);
  ZC_ASSERT(s.end <= f.text().size(), "diagnostic span runs past the end of its file");
  return f;
}

struct Position {
  const SourceFile* file;
  LineCol begin;
  LineCol end;  // the position just after the span (exclusive), as in SARIF
};

Position locate(const SourceManager& sm, const Span& s) {
  const SourceFile& f = file_of(sm, s);
  return Position{&f, f.line_col(s.begin), f.line_col(s.end)};
}

std::string_view severity_id(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Note: return "note";
  }
  return "error";
}

std::string_view severity_word(Severity s, Lang lang) {
  const bool en = lang == Lang::En;
  switch (s) {
    case Severity::Error: return en ? "error" : "错误";
    case Severity::Warning: return en ? "warning" : "警告";
    case Severity::Note: return en ? "note" : "注";
  }
  return "error";
}

std::string_view article_word(Lang lang) { return lang == Lang::En ? "note" : "条款"; }
std::string_view help_word(Lang lang) { return lang == Lang::En ? "help" : "帮助"; }

std::string note_message(const Label& l, Lang lang) { return l.message.in(lang).empty() ? l.message.en : l.message.in(lang); }

std::vector<std::string_view> split_lines(std::string_view s) {
  std::vector<std::string_view> lines;
  for (size_t start = 0;;) {
    const size_t nl = s.find('\n', start);
    lines.push_back(s.substr(start, nl == std::string_view::npos ? std::string_view::npos : nl - start));
    if (nl == std::string_view::npos) return lines;
    start = nl + 1;
  }
}

// ---- human ----------------------------------------------------------------------------------------

constexpr std::string_view kReset = "\x1b[0m";
constexpr std::string_view kBold = "\x1b[1m";
constexpr std::string_view kRed = "\x1b[1;31m";
constexpr std::string_view kYellow = "\x1b[1;33m";
constexpr std::string_view kGreen = "\x1b[1;32m";
constexpr std::string_view kBlue = "\x1b[1;34m";

class Painter {
 public:
  explicit Painter(bool on) : on_(on) {}
  std::string operator()(std::string_view style, std::string_view text) const {
    if (!on_ || text.empty()) return std::string(text);
    return fmt::format("{}{}{}", style, text, kReset);
  }

 private:
  bool on_;
};

std::string_view severity_style(Severity s) {
  switch (s) {
    case Severity::Error: return kRed;
    case Severity::Warning: return kYellow;
    case Severity::Note: return kGreen;
  }
  return kRed;
}

// Code points that would move the cursor, recolour the terminal or reorder the line (controls, bidi
// overrides) are shown as visible stand-ins, so a policy file cannot forge or scramble our output.
char32_t visible(char32_t cp) {
  if (cp < 0x20) return 0x2400 + cp;  // U+2400.. CONTROL PICTURES: ␀ ␁ … ␟
  if (cp == 0x7F) return 0x2421;      // ␡
  if (cp >= 0x80 && cp < 0xA0) return kReplacementChar;
  if ((cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) return kReplacementChar;
  return cp;
}

// Text from the user (messages carry quoted source text, paths come from the command line).
std::string terminal_text(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const char32_t cp = utf8_next_lossy(s, i);
    utf8_append(out, cp == '\t' ? U' ' : visible(cp));
  }
  return out;
}

// One source line as printed: tabs expanded to kTabWidth stops, controls made visible, and the
// display column at which each code point starts, so underlines can be placed under any byte range.
// A line longer than kWholeLineBytes is shown as a window of about kWindowColumns columns around the
// place the diagnostic points at, each cut end marked …, so that no diagnostic prints more than a
// bounded amount of any line (a facts file written on one line of 25 MB). Only the printed text is
// cut: the file:line:column above it still counts code points from the start of the line.
constexpr size_t kWholeLineBytes = 1024;
constexpr int kWindowColumns = 120;
constexpr int kWindowLead = 40;  // columns shown before the place pointed at
constexpr char32_t kCut = U'\u2026';  // …

struct ShownLine {
  std::string text;
  std::vector<std::pair<uint32_t, int>> stops;  // (byte offset in the line, display column), then the end

  int col_before(uint32_t byte) const {  // column of the code point containing `byte`
    auto it = std::upper_bound(stops.begin(), stops.end(), byte, [](uint32_t b, const auto& s) { return b < s.first; });
    return it == stops.begin() ? stops.front().second : std::prev(it)->second;
  }
  int col_after(uint32_t byte) const {  // column where the code point at or after `byte` starts
    auto it = std::lower_bound(stops.begin(), stops.end(), byte, [](const auto& s, uint32_t b) { return s.first < b; });
    return it == stops.end() ? stops.back().second : it->second;
  }
};

// The start of the code point before byte `i` (lossy: a run of stray continuation bytes is stepped
// over at most three at a time, as utf8_next_lossy reads them).
size_t previous_code_point(std::string_view line, size_t i) {
  size_t j = i - 1;
  for (int k = 0; k < 3 && j > 0 && (static_cast<unsigned char>(line[j]) & 0xC0) == 0x80; ++k) --j;
  return j;
}

// `line` as shown; when it is long, the window around byte `focus`.
ShownLine show_line(std::string_view line, uint32_t focus = 0) {
  ShownLine out;
  const bool whole = line.size() <= kWholeLineBytes;
  size_t i = 0;
  if (!whole) {  // step back from the focus by about kWindowLead columns
    i = std::min<size_t>(focus, line.size());
    for (int back = 0; i > 0 && back < kWindowLead; ++back) i = previous_code_point(line, i);
  }
  int col = 0;
  if (i > 0) {
    utf8_append(out.text, kCut);
    col += display_width(kCut);
  }
  while (i < line.size()) {
    if (!whole && col >= kWindowColumns) {
      out.stops.emplace_back(static_cast<uint32_t>(i), col);
      utf8_append(out.text, kCut);
      return out;
    }
    out.stops.emplace_back(static_cast<uint32_t>(i), col);
    const char32_t cp = utf8_next_lossy(line, i);
    if (cp == '\t') {
      const int n = kTabWidth - col % kTabWidth;
      out.text.append(static_cast<size_t>(n), ' ');
      col += n;
      continue;
    }
    const char32_t shown = visible(cp);
    utf8_append(out.text, shown);
    col += display_width(shown);
  }
  out.stops.emplace_back(static_cast<uint32_t>(line.size()), col);
  return out;
}

// A span to underline: the primary one (^) or a secondary label (-).
struct Mark {
  Span span;
  std::string message;
  bool primary = false;
  uint32_t line = 0;  // filled by the group
};

struct Group {
  const SourceFile* file = nullptr;
  std::vector<Mark> marks;  // the first one is the anchor shown after --> or :::
};

int digits(uint32_t n) {
  int d = 1;
  while (n >= 10) {
    n /= 10;
    ++d;
  }
  return d;
}

class HumanRenderer {
 public:
  HumanRenderer(const SourceManager& sm, Lang lang, bool color, std::ostream& out)
      : sm_(sm), lang_(lang), paint_(color), out_(out) {}

  void render(const Diagnostic& d) {
    std::vector<Group> groups = group_marks(d);
    uint32_t max_line = 1;
    for (const Group& g : groups) {
      for (const Mark& m : g.marks) max_line = std::max(max_line, m.line);
    }
    gutter_ = digits(max_line);
    sev_style_ = severity_style(d.severity);

    const DiagInfo& info = diag_info(d.code);
    const std::string head = fmt::format("{}[{}]", severity_word(d.severity, lang_), info.id);
    const std::string message = diag_message(d, lang_);
    const auto msg_lines = split_lines(message);
    out_ << paint_(sev_style_, head) << paint_(kBold, ": " + terminal_text(msg_lines[0])) << '\n';
    const std::string msg_indent(static_cast<size_t>(display_width(head) + 2), ' ');
    for (size_t i = 1; i < msg_lines.size(); ++i) out_ << msg_indent << paint_(kBold, terminal_text(msg_lines[i])) << '\n';

    for (size_t gi = 0; gi < groups.size(); ++gi) {
      if (gi > 0) empty_gutter();
      render_group(groups[gi], gi == 0 ? "-->" : ":::");
    }
    if (!d.article.empty()) footer(article_word(lang_), d.article);
    const std::string help = diag_help(d, lang_);
    if (!help.empty()) footer(help_word(lang_), help);
    out_ << '\n';
  }

 private:
  std::vector<Group> group_marks(const Diagnostic& d) const {
    std::vector<Group> groups;
    auto add = [&](const Span& span, std::string message, bool primary) {
      const SourceFile& f = file_of(sm_, span);
      auto it = std::find_if(groups.begin(), groups.end(), [&](const Group& g) { return g.file == &f; });
      if (it == groups.end()) it = groups.insert(groups.end(), Group{&f, {}});
      it->marks.push_back(Mark{span, std::move(message), primary, f.line_col(span.begin).line});
    };
    if (d.has_span) add(d.span, "", true);
    for (const Label& l : d.notes) add(l.span, note_message(l, lang_), false);
    return groups;
  }

  void empty_gutter() { out_ << std::string(static_cast<size_t>(gutter_ + 1), ' ') << paint_(kBlue, "|") << '\n'; }

  void render_group(const Group& g, std::string_view arrow) {
    const Mark& anchor = g.marks.front();
    const LineCol at = g.file->line_col(anchor.span.begin);
    out_ << std::string(static_cast<size_t>(gutter_), ' ') << paint_(kBlue, arrow) << ' '
         << terminal_text(g.file->path()) << ':' << at.line << ':' << at.col << '\n';
    empty_gutter();

    // Lines in order; on one line the primary mark comes first, then labels in the order given.
    std::vector<const Mark*> order;
    for (const Mark& m : g.marks) order.push_back(&m);
    std::stable_sort(order.begin(), order.end(), [](const Mark* a, const Mark* b) { return a->line < b->line; });

    uint32_t prev = 0;
    for (size_t i = 0; i < order.size();) {
      const uint32_t line = order[i]->line;
      if (prev != 0 && line == prev + 2) {
        source_line(prev + 1, show_line(g.file->line_text(prev + 1)));
      } else if (prev != 0 && line > prev + 2) {
        out_ << paint_(kBlue, "...") << '\n';
      }
      const ShownLine shown = show_line(g.file->line_text(line), order[i]->span.begin - g.file->line_start(line));
      source_line(line, shown);
      for (; i < order.size() && order[i]->line == line; ++i) underline(*g.file, *order[i], shown);
      prev = line;
    }
  }

  void source_line(uint32_t line, const ShownLine& shown) {
    out_ << paint_(kBlue, fmt::format("{:>{}} |", line, gutter_));
    if (!shown.text.empty()) out_ << ' ' << shown.text;
    out_ << '\n';
  }

  // A span that runs past its first line is marked to the end of that line.
  void underline(const SourceFile& f, const Mark& m, const ShownLine& shown) {
    const uint32_t start = f.line_start(m.line);
    const uint32_t len = static_cast<uint32_t>(f.line_text(m.line).size());
    const uint32_t b = std::min(std::max(m.span.begin, start) - start, len);
    const uint32_t e = std::min(std::max(m.span.end, start) - start, len);
    const int from = shown.col_before(b);
    const int to = shown.col_after(e);
    const int width = std::max(1, to - from);
    std::string marks(static_cast<size_t>(width), m.primary ? '^' : '-');
    if (!m.message.empty()) marks += " " + terminal_text(m.message);
    out_ << std::string(static_cast<size_t>(gutter_ + 1), ' ') << paint_(kBlue, "|") << ' '
         << std::string(static_cast<size_t>(from), ' ') << paint_(m.primary ? sev_style_ : kBlue, marks) << '\n';
  }

  void footer(std::string_view label, std::string_view text) {
    const std::string lead(static_cast<size_t>(gutter_ + 1), ' ');
    const auto lines = split_lines(text);
    out_ << lead << paint_(kBlue, "=") << ' ' << paint_(kBold, fmt::format("{}:", label)) << ' '
         << terminal_text(lines[0]) << '\n';
    const std::string indent(lead.size() + 2 + static_cast<size_t>(display_width(label)) + 2, ' ');
    for (size_t i = 1; i < lines.size(); ++i) out_ << indent << terminal_text(lines[i]) << '\n';
  }

  const SourceManager& sm_;
  Lang lang_;
  Painter paint_;
  std::ostream& out_;
  int gutter_ = 1;
  std::string_view sev_style_;
};

// ---- json -----------------------------------------------------------------------------------------

ojson null_if_empty(const std::string& s) { return s.empty() ? ojson(nullptr) : ojson(s); }

void put_location(ojson& j, const SourceManager& sm, const Span* span) {
  if (span == nullptr) {
    for (const char* k : {"file", "line", "column", "end_line", "end_column", "byte_begin", "byte_end"}) j[k] = nullptr;
    return;
  }
  const Position p = locate(sm, *span);
  j["file"] = p.file->path();
  j["line"] = p.begin.line;
  j["column"] = p.begin.col;
  j["end_line"] = p.end.line;
  j["end_column"] = p.end.col;
  j["byte_begin"] = span->begin;
  j["byte_end"] = span->end;
}

std::string dump(const ojson& j) { return json_text(j, 2) + "\n"; }

void render_json(const std::vector<Diagnostic>& diags, const SourceManager& sm, Lang lang, std::ostream& out) {
  ojson list = ojson::array();
  size_t errors = 0, warnings = 0;
  for (const Diagnostic& d : diags) {
    errors += d.severity == Severity::Error;
    warnings += d.severity == Severity::Warning;
    const DiagInfo& info = diag_info(d.code);
    ojson j;
    j["code"] = info.id;
    j["severity"] = severity_id(d.severity);
    j["slug"] = info.slug;
    j["message"] = diag_message(d, lang);
    j["help"] = null_if_empty(diag_help(d, lang));
    put_location(j, sm, d.has_span ? &d.span : nullptr);
    j["article"] = null_if_empty(d.article);
    ojson notes = ojson::array();
    for (const Label& l : d.notes) {
      ojson n;
      n["message"] = null_if_empty(note_message(l, lang));
      put_location(n, sm, &l.span);
      notes.push_back(std::move(n));
    }
    j["notes"] = std::move(notes);
    list.push_back(std::move(j));
  }
  ojson doc;
  doc["version"] = 1;
  doc["diagnostics"] = std::move(list);
  doc["summary"] = ojson{{"errors", errors}, {"warnings", warnings}};
  out << dump(doc);
}

// ---- sarif ----------------------------------------------------------------------------------------

// A SARIF artifactLocation.uri is a URI reference (RFC 3986): relative paths stay relative (what
// code-scanning services resolve against the repository), absolute ones become file: URIs, and
// every byte outside the unreserved and path characters, including UTF-8 bytes, is percent-encoded.
std::string sarif_uri(std::string_view path) {
  std::string p(path);
  std::replace(p.begin(), p.end(), '\\', '/');
  const auto is_alpha = [](char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); };
  const bool windows_abs = p.size() >= 3 && is_alpha(p[0]) && p[1] == ':' && p[2] == '/';
  std::string out = p.starts_with('/') ? "file://" : windows_abs ? "file:///" : "";
  constexpr std::string_view kKeep = "-._~/!$&'()*+,;=@";
  for (size_t i = 0; i < p.size(); ++i) {
    const char c = p[i];
    const bool keep = is_alpha(c) || (c >= '0' && c <= '9') || kKeep.find(c) != std::string_view::npos ||
                      (c == ':' && windows_abs && i == 1);
    out += keep ? std::string(1, c) : fmt::format("%{:02X}", static_cast<unsigned char>(c));
  }
  return out;
}

ojson sarif_physical(const SourceManager& sm, const Span& span) {
  const Position p = locate(sm, span);
  ojson region;
  region["startLine"] = p.begin.line;
  region["startColumn"] = p.begin.col;
  region["endLine"] = p.end.line;
  region["endColumn"] = p.end.col;
  ojson phys;
  phys["artifactLocation"] = ojson{{"uri", sarif_uri(p.file->path())}};
  phys["region"] = std::move(region);
  return phys;
}

// A rule's generic text: the template with each {N} shown as "…".
std::string generic_text(const char* tmpl) { return format_template(tmpl, std::vector<std::string>(10, "…")); }

void render_sarif(const std::vector<Diagnostic>& diags, const SourceManager& sm, Lang lang, std::ostream& out) {
  const bool en = lang == Lang::En;
  // Only the rules the results use, in order of first use, so that output does not change when
  // codes are added to diag_codes.def.
  std::vector<DiagCode> used;
  ojson rules = ojson::array();
  ojson results = ojson::array();
  for (const Diagnostic& d : diags) {
    const DiagInfo& info = diag_info(d.code);
    auto it = std::find(used.begin(), used.end(), d.code);
    if (it == used.end()) {
      it = used.insert(used.end(), d.code);
      ojson rule;
      rule["id"] = info.id;
      rule["name"] = info.slug;
      rule["shortDescription"] = ojson{{"text", generic_text(en ? info.en : info.zh)}};
      rule["help"] = ojson{{"text", generic_text(en ? info.help_en : info.help_zh)}};
      rule["defaultConfiguration"] = ojson{{"level", severity_id(info.severity)}};
      rules.push_back(std::move(rule));
    }
    ojson r;
    r["ruleId"] = info.id;
    r["ruleIndex"] = it - used.begin();
    r["level"] = severity_id(d.severity);
    r["message"] = ojson{{"text", diag_message(d, lang)}};
    if (d.has_span) r["locations"] = ojson::array({ojson{{"physicalLocation", sarif_physical(sm, d.span)}}});
    if (!d.notes.empty()) {
      ojson related = ojson::array();
      for (const Label& l : d.notes) {
        ojson loc;
        loc["physicalLocation"] = sarif_physical(sm, l.span);
        const std::string msg = note_message(l, lang);
        if (!msg.empty()) loc["message"] = ojson{{"text", msg}};
        related.push_back(std::move(loc));
      }
      r["relatedLocations"] = std::move(related);
    }
    ojson props = ojson::object();
    const std::string help = diag_help(d, lang);
    if (!help.empty()) props["help"] = help;
    if (!d.article.empty()) props["article"] = d.article;
    if (!props.empty()) r["properties"] = std::move(props);
    results.push_back(std::move(r));
  }
  ojson driver;
  driver["name"] = "zhengce";
  driver["version"] = kToolVersion;
  driver["rules"] = std::move(rules);
  ojson run;
  run["tool"] = ojson{{"driver", std::move(driver)}};
  run["columnKind"] = "unicodeCodePoints";
  run["results"] = std::move(results);
  ojson doc;
  doc["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  doc["version"] = "2.1.0";
  doc["runs"] = ojson::array({std::move(run)});
  out << dump(doc);
}

// ---- github ---------------------------------------------------------------------------------------

// Escaping as in GitHub's actions/toolkit (command.ts): data escapes % CR LF; property values
// additionally escape : and , because they delimit properties.
std::string gh_data(std::string_view s) {
  std::string out;
  for (const char c : valid_utf8(s)) {
    switch (c) {
      case '%': out += "%25"; break;
      case '\r': out += "%0D"; break;
      case '\n': out += "%0A"; break;
      default: out += c;
    }
  }
  return out;
}

std::string gh_property(std::string_view s) {
  std::string out;
  for (const char c : gh_data(s)) {
    switch (c) {
      case ':': out += "%3A"; break;
      case ',': out += "%2C"; break;
      default: out += c;
    }
  }
  return out;
}

void render_github(const std::vector<Diagnostic>& diags, const SourceManager& sm, Lang lang, std::ostream& out) {
  for (const Diagnostic& d : diags) {
    const DiagInfo& info = diag_info(d.code);
    std::vector<std::string> props;
    if (d.has_span) {
      const Position p = locate(sm, d.span);
      props.push_back("file=" + gh_property(p.file->path()));
      props.push_back(fmt::format("line={}", p.begin.line));
      // GitHub accepts columns only for an annotation on a single line.
      if (p.begin.line == p.end.line) props.push_back(fmt::format("col={}", p.begin.col));
      props.push_back(fmt::format("endLine={}", p.end.line));
      if (p.begin.line == p.end.line) props.push_back(fmt::format("endColumn={}", p.end.col));
    }
    props.push_back("title=" + gh_property(info.id));

    std::string text = diag_message(d, lang);
    if (!d.article.empty()) text += fmt::format("\n{}: {}", article_word(lang), d.article);
    const std::string help = diag_help(d, lang);
    if (!help.empty()) text += fmt::format("\n{}: {}", help_word(lang), help);
    for (const Label& l : d.notes) {
      const Position p = locate(sm, l.span);
      const std::string msg = note_message(l, lang);
      text += fmt::format("\n{}: {}:{}:{}{}{}", severity_word(Severity::Note, lang), p.file->path(), p.begin.line,
                          p.begin.col, msg.empty() ? "" : ": ", msg);
    }
    const std::string_view command = d.severity == Severity::Error     ? "error"
                                     : d.severity == Severity::Warning ? "warning"
                                                                       : "notice";
    out << "::" << command << ' ';
    for (size_t i = 0; i < props.size(); ++i) out << (i > 0 ? "," : "") << props[i];
    out << "::" << gh_data(text) << '\n';
  }
}

}  // namespace

std::optional<DiagFormat> parse_diag_format(std::string_view name) {
  if (name == "human") return DiagFormat::Human;
  if (name == "json") return DiagFormat::Json;
  if (name == "sarif") return DiagFormat::Sarif;
  if (name == "github") return DiagFormat::Github;
  return std::nullopt;
}

std::optional<Lang> parse_lang(std::string_view name) {
  if (name == "zh") return Lang::Zh;
  if (name == "en") return Lang::En;
  return std::nullopt;
}

void render_diagnostics(const std::vector<Diagnostic>& diags, const SourceManager& sm, DiagFormat format, Lang lang,
                        bool color, std::ostream& out) {
  switch (format) {
    case DiagFormat::Human: {
      HumanRenderer r(sm, lang, color, out);
      for (const Diagnostic& d : diags) r.render(d);
      return;
    }
    case DiagFormat::Json: render_json(diags, sm, lang, out); return;
    case DiagFormat::Sarif: render_sarif(diags, sm, lang, out); return;
    case DiagFormat::Github: render_github(diags, sm, lang, out); return;
  }
  ZC_ASSERT(false, "render_diagnostics: unknown format");
}

std::string diag_summary(const std::vector<Diagnostic>& diags, Lang lang, bool color, size_t unlisted_errors) {
  size_t errors = unlisted_errors, warnings = 0;
  for (const Diagnostic& d : diags) {
    errors += d.severity == Severity::Error;
    warnings += d.severity == Severity::Warning;
  }
  std::string text;
  if (lang == Lang::En) {
    const auto count = [](size_t n, std::string_view one) { return fmt::format("{} {}{}", n, one, n == 1 ? "" : "s"); };
    if (errors == 0 && warnings == 0) text = "no problems found";
    else if (warnings == 0) text = count(errors, "error");
    else if (errors == 0) text = count(warnings, "warning");
    else text = count(errors, "error") + ", " + count(warnings, "warning");
  } else {
    if (errors == 0 && warnings == 0) text = "未发现问题";
    else if (warnings == 0) text = fmt::format("发现 {} 个错误", errors);
    else if (errors == 0) text = fmt::format("发现 {} 个警告", warnings);
    else text = fmt::format("发现 {} 个错误，{} 个警告", errors, warnings);
  }
  const std::string_view style = errors > 0 ? kRed : warnings > 0 ? kYellow : kGreen;
  return Painter(color)(style, text);
}

}  // namespace zc

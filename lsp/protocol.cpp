// What each LSP method answers: its parameters read from JSON, the language service asked, its
// answer written as LSP 3.17 JSON. Positions are UTF-16 unless the client offers utf-8 or utf-32 in
// general.positionEncodings (then the first of those the client lists).
#include <nlohmann/json.hpp>

#include "lsp/server.h"

namespace zc::lsp {

namespace {

using service::Position;
using service::Range;

// A line or character must be a non-negative integer; anything else is an invalid position.
uint32_t coordinate(const json& j, const char* key) {
  const json& v = j.at(key);
  if (!v.is_number_unsigned() || v.get<uint64_t>() > UINT32_MAX)
    throw service::Error(service::Error::Kind::InvalidPosition,
                         std::string("position.") + key + " must be a non-negative integer, not " + v.dump());
  return v.get<uint32_t>();
}

Position position(const json& j) { return Position{coordinate(j, "line"), coordinate(j, "character")}; }
Range range(const json& j) { return Range{position(j.at("start")), position(j.at("end"))}; }
json to_json(const Position& p) { return {{"line", p.line}, {"character", p.character}}; }
json to_json(const Range& r) { return {{"start", to_json(r.start)}, {"end", to_json(r.end)}}; }
json to_json(const service::TextEdit& e) { return {{"range", to_json(e.range)}, {"newText", e.new_text}}; }

std::string uri_of(const json& params) { return params.at("textDocument").at("uri").get<std::string>(); }

json edits_json(const std::vector<service::TextEdit>& edits) {
  json out = json::array();
  for (const service::TextEdit& e : edits) out.push_back(to_json(e));
  return out;
}

// LSP's CompletionItemKind and SymbolKind numbers.
int completion_kind(service::ItemKind k) {
  using K = service::ItemKind;
  switch (k) {
    case K::Fact: return 6;        // Variable
    case K::Indicator: return 21;  // Constant
    case K::Define: return 2;      // Method
    case K::Rule: return 3;        // Function
    case K::Payer: return 7;       // Class
    case K::Option: return 20;     // EnumMember
    case K::Group: return 22;      // Struct
    case K::Example: return 23;    // Event
    case K::Keyword: return 14;    // Keyword
    case K::Snippet: return 15;    // Snippet
  }
  return 1;
}

int symbol_kind(service::SymbolKind k) {
  using K = service::SymbolKind;
  switch (k) {
    case K::Header: return 1;    // File
    case K::Chapter: return 2;   // Module
    case K::Article: return 3;   // Namespace
    case K::Rule: return 12;     // Function
    case K::Define: return 6;    // Method
    case K::Fact: return 13;     // Variable
    case K::Payer: return 5;     // Class
    case K::Group: return 23;    // Struct
    case K::Example: return 24;  // Event
    case K::Target: return 14;   // Constant
  }
  return 13;
}

json symbol_json(const service::DocumentSymbol& s) {
  json j = {{"name", s.name}, {"kind", symbol_kind(s.kind)}, {"range", to_json(s.range)}, {"selectionRange", to_json(s.selection)}};
  if (!s.detail.empty()) j["detail"] = s.detail;
  if (!s.children.empty()) {
    json ch = json::array();
    for (const service::DocumentSymbol& c : s.children) ch.push_back(symbol_json(c));
    j["children"] = std::move(ch);
  }
  return j;
}

}  // namespace

json Server::initialize(const json& params) {
  service::Options o = service_.options();
  std::string encoding = "utf-16";
  if (params.is_object()) {
    const json& caps = params.value("capabilities", json::object());
    if (caps.is_object() && caps.contains("general") && caps["general"].is_object() && caps["general"].contains("positionEncodings") &&
        caps["general"]["positionEncodings"].is_array()) {
      for (const json& e : caps["general"]["positionEncodings"]) {
        if (e == "utf-16" || e == "utf-8" || e == "utf-32") {
          encoding = e.get<std::string>();
          break;
        }
      }
    }
    if (params.contains("initializationOptions") && params["initializationOptions"].is_object()) {
      const json& io = params["initializationOptions"];
      if (io.contains("lang") && io["lang"] == "en") o.lang = service::Lang::En;
      if (io.contains("lang") && io["lang"] == "zh") o.lang = service::Lang::Zh;
    }
  }
  o.encoding = encoding == "utf-8" ? service::PositionEncoding::Utf8
               : encoding == "utf-32" ? service::PositionEncoding::Utf32
                                      : service::PositionEncoding::Utf16;
  service_.set_options(o);
  const service::TokenLegend& legend = service::token_legend();
  json caps = {
      {"positionEncoding", encoding},
      {"textDocumentSync", {{"openClose", true}, {"change", 2}}},
      {"hoverProvider", true},
      {"completionProvider", {{"triggerCharacters", {"「"}}, {"resolveProvider", false}}},
      {"definitionProvider", true},
      {"referencesProvider", true},
      {"documentHighlightProvider", true},
      {"renameProvider", {{"prepareProvider", true}}},
      {"documentSymbolProvider", true},
      {"foldingRangeProvider", true},
      {"documentFormattingProvider", true},
      {"semanticTokensProvider", {{"legend", {{"tokenTypes", legend.types}, {"tokenModifiers", legend.modifiers}}}, {"full", true}}},
      {"codeActionProvider", {{"codeActionKinds", {"quickfix"}}}},
  };
  return {{"capabilities", caps}, {"serverInfo", {{"name", "zhengce"}, {"version", ZHENGCE_VERSION}}}};
}

void Server::did_open(const json& params) {
  const json& td = params.at("textDocument");
  std::string uri = td.at("uri").get<std::string>();
  service_.open(uri, td.at("text").get<std::string>(), td.value("version", 0));
  pending_.erase(uri);
  publish(uri);
}

void Server::did_change(const json& params, Clock::time_point now) {
  std::string uri = uri_of(params);
  std::vector<service::Change> changes;
  for (const json& c : params.at("contentChanges")) {
    service::Change ch;
    if (c.contains("range")) ch.range = range(c["range"]);
    ch.text = c.at("text").get<std::string>();
    changes.push_back(std::move(ch));
  }
  int64_t version = params.at("textDocument").value("version", service_.version(uri) + 1);
  service_.change(uri, changes, version);
  pending_[uri] = now + opts_.debounce;
}

void Server::did_close(const json& params) {
  std::string uri = uri_of(params);
  service_.close(uri);
  pending_.erase(uri);
  notify("textDocument/publishDiagnostics", {{"uri", uri}, {"diagnostics", json::array()}});
}

void Server::publish(const std::string& uri) {
  if (!service_.is_open(uri)) return;
  const bool en = service_.options().lang == service::Lang::En;
  json list = json::array();
  for (const service::Problem& p : service_.diagnostics(uri)) {
    std::string message = p.message;
    if (!p.article.empty()) message += (en ? "\narticle: " : "\n条款：") + p.article;
    if (!p.help.empty()) message += (en ? "\nhelp: " : "\n帮助：") + p.help;
    json d = {{"range", to_json(p.range)},
              {"severity", p.severity == service::Severity::Error ? 1 : p.severity == service::Severity::Warning ? 2 : 3},
              {"code", p.code},
              {"source", "zhengce"},
              {"message", message}};
    if (!p.related.empty()) {
      json rel = json::array();
      for (const service::RelatedInfo& r : p.related)
        rel.push_back({{"location", {{"uri", uri}, {"range", to_json(r.range)}}}, {"message", r.message}});
      d["relatedInformation"] = std::move(rel);
    }
    if (p.has_fix) d["data"] = {{"fixable", true}};
    list.push_back(std::move(d));
  }
  notify("textDocument/publishDiagnostics", {{"uri", uri}, {"version", service_.version(uri)}, {"diagnostics", list}});
}

json Server::hover(const json& params) {
  auto h = service_.hover(uri_of(params), position(params.at("position")));
  if (!h) return nullptr;
  return {{"contents", {{"kind", "markdown"}, {"value", h->markdown}}}, {"range", to_json(h->range)}};
}

json Server::completion(const json& params) {
  service::Completion c = service_.complete(uri_of(params), position(params.at("position")));
  json items = json::array();
  for (const service::CompletionItem& it : c.items) {
    json j = {{"label", it.label},
              {"kind", completion_kind(it.kind)},
              {"textEdit", to_json(it.edit)},
              {"filterText", it.filter_text},
              {"sortText", it.sort_text},
              {"insertTextFormat", it.snippet ? 2 : 1}};
    if (!it.detail.empty()) j["detail"] = it.detail;
    if (!it.documentation.empty()) j["documentation"] = {{"kind", "markdown"}, {"value", it.documentation}};
    items.push_back(std::move(j));
  }
  return {{"isIncomplete", c.incomplete}, {"items", items}};
}

json Server::definition(const json& params) {
  std::string uri = uri_of(params);
  json out = json::array();
  for (const Range& r : service_.definition(uri, position(params.at("position")))) out.push_back({{"uri", uri}, {"range", to_json(r)}});
  return out;
}

json Server::references(const json& params) {
  std::string uri = uri_of(params);
  bool decl = true;
  if (params.contains("context")) decl = params["context"].value("includeDeclaration", true);
  json out = json::array();
  for (const Range& r : service_.references(uri, position(params.at("position")), decl)) out.push_back({{"uri", uri}, {"range", to_json(r)}});
  return out;
}

json Server::highlight(const json& params) {
  json out = json::array();
  for (const Range& r : service_.references(uri_of(params), position(params.at("position")), true))
    out.push_back({{"range", to_json(r)}, {"kind", 1}});
  return out;
}

json Server::prepare_rename(const json& params) {
  auto t = service_.prepare_rename(uri_of(params), position(params.at("position")));
  if (!t) return nullptr;
  return {{"range", to_json(t->range)}, {"placeholder", t->placeholder}};
}

json Server::rename(const json& params) {
  std::string uri = uri_of(params);
  auto edits = service_.rename(uri, position(params.at("position")), params.at("newName").get<std::string>());
  return {{"changes", {{uri, edits_json(edits)}}}};
}

json Server::document_symbols(const json& params) {
  json out = json::array();
  for (const service::DocumentSymbol& s : service_.symbols(uri_of(params))) out.push_back(symbol_json(s));
  return out;
}

json Server::folding(const json& params) {
  json out = json::array();
  for (const service::FoldingRange& f : service_.folding(uri_of(params)))
    out.push_back({{"startLine", f.start_line}, {"endLine", f.end_line}, {"kind", f.comment ? "comment" : "region"}});
  return out;
}

json Server::formatting(const json& params) { return edits_json(service_.format(uri_of(params))); }

json Server::semantic_tokens(const json& params) {
  json data = json::array();
  uint32_t line = 0, start = 0;
  for (const service::SemanticToken& t : service_.semantic_tokens(uri_of(params))) {
    uint32_t dl = t.line - line;
    uint32_t ds = dl == 0 ? t.start - start : t.start;
    data.push_back(dl);
    data.push_back(ds);
    data.push_back(t.length);
    data.push_back(static_cast<uint32_t>(t.type));
    data.push_back(t.modifiers);
    line = t.line;
    start = t.start;
  }
  return {{"data", data}};
}

json Server::code_action(const json& params) {
  std::string uri = uri_of(params);
  const json context = params.value("context", json::object());
  json out = json::array();
  if (context.is_object() && context.contains("only") && context["only"].is_array()) {
    bool wanted = false;
    for (const json& k : context["only"]) wanted = wanted || k == "quickfix";
    if (!wanted) return out;
  }
  for (const service::CodeAction& a : service_.code_actions(uri, range(params.at("range")))) {
    json act = {{"title", a.title}, {"kind", "quickfix"}, {"edit", {{"changes", {{uri, edits_json(a.edits)}}}}}};
    if (a.preferred) act["isPreferred"] = true;
    // The client's own diagnostic objects that this fixes, when it sent them.
    json fixed = json::array();
    if (context.is_object() && context.contains("diagnostics") && context["diagnostics"].is_array())
      for (const json& d : context["diagnostics"])
        if (d.is_object() && d.value("code", json()) == a.code && d.contains("range") && d["range"] == to_json(a.diagnostic)) fixed.push_back(d);
    if (!fixed.empty()) act["diagnostics"] = std::move(fixed);
    out.push_back(std::move(act));
  }
  return out;
}

}  // namespace zc::lsp

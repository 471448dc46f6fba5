// Shared CLI plumbing (see common.h): files, diagnostics output, loading source or bytecode.
#include "cli/common.h"

#include "facts/facts.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "base/external_text.h"
#include "runtime/bytecode/format.h"
#include "runtime/bytecode/verify.h"

namespace zc::cli {

const std::string& tr(const Globals& g, const std::string& zh, const std::string& en) { return g.lang == Lang::En ? en : zh; }

void fail(const Globals& g, const std::string& zh, const std::string& en) {
  const char* red = g.color_stderr ? "\x1b[1;31m" : "";
  const char* reset = g.color_stderr ? "\x1b[0m" : "";
  std::cerr << red << tr(g, "错误", "error") << reset << tr(g, "：", ": ") << valid_utf8(tr(g, zh, en)) << "\n";
}

std::optional<std::string> read_file(const Globals& g, const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    fail(g, "无法读取文件「" + path + "」", "cannot read `" + path + "`");
    return std::nullopt;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) {
    fail(g, "读取文件「" + path + "」时出错", "error while reading `" + path + "`");
    return std::nullopt;
  }
  return ss.str();
}

bool write_file(const Globals& g, const std::string& path, const std::string& bytes) {
  std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out || !out.write(bytes.data(), static_cast<std::streamsize>(bytes.size())) || !out.flush()) {
      fail(g, "无法写入文件「" + path + "」", "cannot write `" + path + "`");
      std::remove(tmp.c_str());
      return false;
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    fail(g, "无法写入文件「" + path + "」", "cannot write `" + path + "`");
    std::remove(tmp.c_str());
    return false;
  }
  return true;
}

// Machine formats make their own text valid (json_text.h); the human one is made valid here, whole,
// because its messages quote file names and values as they came.
void print_diagnostics(const Globals& g, const DiagSink& sink, const SourceManager& sm, DiagFormat format) {
  if (format == DiagFormat::Human) {
    std::ostringstream text;
    render_diagnostics(sink.all(), sm, format, g.lang, g.color_stderr, text);
    std::cerr << valid_utf8(text.str()) << diag_summary(sink.all(), g.lang, g.color_stderr) << "\n";
  } else {
    render_diagnostics(sink.all(), sm, format, g.lang, false, std::cout);
  }
}

bool is_bytecode_path(const std::string& path) { return path.size() >= 4 && path.compare(path.size() - 4, 4, ".zcb") == 0; }

std::optional<LoadedPolicy> load_policy(const Globals& g, const std::string& path, SourceManager& sm, DiagSink& sink,
                                        bool& io_error) {
  io_error = false;
  auto bytes = read_file(g, path);
  if (!bytes) {
    io_error = true;
    return std::nullopt;
  }
  LoadedPolicy lp;
  lp.path = path;
  if (is_bytecode_path(path)) {
    std::span<const uint8_t> view(reinterpret_cast<const uint8_t*>(bytes->data()), bytes->size());
    LoadResult r = read_module(view);
    if (!r.ok()) {
      fail(g, "「" + path + "」不是可用的字节码文件：" + r.error.message_zh + "（第 " + std::to_string(r.error.offset) + " 字节）",
           "`" + path + "` is not a usable bytecode file: " + r.error.message_en + " (byte " + std::to_string(r.error.offset) + ")");
      return std::nullopt;
    }
    std::vector<VerifyError> errs = verify_module(*r.module);
    if (!errs.empty()) {
      std::string zh, en;
      for (const VerifyError& e : errs) {
        zh += "\n  " + describe(e, false);
        en += "\n  " + describe(e, true);
      }
      fail(g, "「" + path + "」未通过校验：" + zh, "`" + path + "` failed verification:" + en);
      return std::nullopt;
    }
    lp.module = std::make_shared<Module>(std::move(*r.module));
    return lp;
  }
  FileId id = sm.add(path, std::move(*bytes));
  lp.compiled = compile(sm, id, sink);
  if (lp.compiled.module) {
    lp.module = std::make_shared<Module>(std::move(*lp.compiled.module));
    lp.compiled.module.reset();
  }
  return lp;
}

bool load_all_policies(const Globals& g, const std::vector<std::string>& files, SourceManager& sm,
                       std::vector<LoadedPolicy>& loaded, int& exit_code) {
  DiagSink sink;
  for (const std::string& f : files) {
    bool io_error = false;
    auto lp = load_policy(g, f, sm, sink, io_error);
    if (io_error || (!lp && is_bytecode_path(f))) {
      exit_code = kExitUsage;
      return false;
    }
    if (lp) loaded.push_back(std::move(*lp));
  }
  if (sink.error_count() > 0 || loaded.size() != files.size()) {
    print_diagnostics(g, sink, sm, DiagFormat::Human);
    exit_code = kExitPolicy;
    return false;
  }
  return true;
}

std::optional<std::vector<FactValue>> read_applicant(const Globals& g, const std::string& path, const Module& m,
                                                     int& exit_code) {
  auto text = read_file(g, path);
  if (!text) {
    exit_code = kExitUsage;
    return std::nullopt;
  }
  std::vector<std::pair<std::string, facts::Scalar>> entries;
  std::string err;
  DiagSink fs;
  // The facts file gets its own SourceManager so that its diagnostics point at the key or value.
  SourceManager facts_sm;
  FileId id = facts_sm.add(path, *text);
  facts::FactsSource source{id, facts_sm.file(id).text()};
  if (!facts::parse_flat_json(*text, entries, err)) {
    fs.report(make_diag_nospan(DiagCode::E0805, {path + "：" + err}));
  } else {
    std::vector<Diagnostic> diags;
    std::vector<FactValue> values = facts::facts_from_json(m, entries, diags, &source);
    if (diags.empty()) return values;
    for (Diagnostic& d : diags) fs.report(std::move(d));
  }
  print_diagnostics(g, fs, facts_sm, DiagFormat::Human);
  exit_code = kExitPolicy;
  return std::nullopt;
}

void add_global_options(CLI::App& app, Globals& g) {
  app.add_option("--lang", g.lang_name, "诊断与输出的语言：zh（默认）或 en")->check(CLI::IsMember({"zh", "en"}));
  app.add_option("--color", g.color_name, "颜色：auto（默认，终端上着色）、always、never")->check(CLI::IsMember({"auto", "always", "never"}));
}

bool resolve_globals(Globals& g) {
  g.lang = g.lang_name == "en" ? Lang::En : Lang::Zh;
  bool no_color = std::getenv("NO_COLOR") != nullptr;
  if (g.color_name == "always") {
    g.color_stderr = g.color_stdout = true;
  } else if (g.color_name == "never" || no_color) {
    g.color_stderr = g.color_stdout = false;
  } else {
    g.color_stderr = isatty(STDERR_FILENO) != 0;
    g.color_stdout = isatty(STDOUT_FILENO) != 0;
  }
  return true;
}

}  // namespace zc::cli

// Shared CLI plumbing (see common.h): files, diagnostics output, loading through the library.
#include "cli/common.h"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

namespace zc::cli {

namespace {
char** g_argv = nullptr;
}  // namespace

void set_command_line(int /*argc*/, char** argv) { g_argv = argv; }
char** command_line() { return g_argv; }

const std::string& tr(const Globals& g, const std::string& zh, const std::string& en) {
  return g.lang == zhengce::Lang::En ? en : zh;
}

void fail(const Globals& g, const std::string& message) {
  const char* red = g.color_stderr ? "\x1b[1;31m" : "";
  const char* reset = g.color_stderr ? "\x1b[0m" : "";
  std::cerr << red << tr(g, "错误", "error") << reset << tr(g, "：", ": ") << message << "\n";
}

void fail(const Globals& g, const std::string& zh, const std::string& en) { fail(g, tr(g, zh, en)); }

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

void print_diagnostics(const Globals& g, const zhengce::Diagnostics& d, zhengce::DiagnosticFormat format) {
  if (format == zhengce::DiagnosticFormat::Human) {
    std::cerr << d.render(format, g.color_stderr) << d.summary(g.color_stderr) << "\n";
  } else {
    std::cout << d.render(format);
  }
}

bool is_bytecode_path(const std::string& path) { return path.size() >= 4 && path.compare(path.size() - 4, 4, ".zcb") == 0; }

zhengce::CheckOptions load_options(const Globals& g) {
  zhengce::CheckOptions o;
  o.lang = g.lang;
  o.examples = false;
  return o;
}

std::optional<zhengce::Policy> load_policy(const Globals& g, const std::string& path, int& exit_code) {
  zhengce::Loaded l = zhengce::load(path, load_options(g));
  if (l.failure) {
    fail(g, *l.failure);
    exit_code = kExitUsage;
    return std::nullopt;
  }
  if (!l.policy) {
    print_diagnostics(g, l.diagnostics);
    exit_code = kExitPolicy;
    return std::nullopt;
  }
  return l.policy;
}

bool load_all_policies(const Globals& g, const std::vector<std::string>& files, std::vector<zhengce::Policy>& loaded,
                       int& exit_code) {
  zhengce::Diagnostics all;
  bool broken = false;
  for (const std::string& f : files) {
    zhengce::Loaded l = zhengce::load(f, load_options(g));
    if (l.failure) {
      fail(g, *l.failure);
      exit_code = kExitUsage;
      return false;
    }
    all.append(l.diagnostics);
    if (l.policy) loaded.push_back(*l.policy);
    else broken = true;
  }
  if (broken || all.errors() > 0) {
    print_diagnostics(g, all);
    exit_code = kExitPolicy;
    return false;
  }
  return true;
}

std::optional<zhengce::Facts> read_applicant(const Globals& g, const std::string& path, const zhengce::Policy& policy,
                                             int& exit_code) {
  zhengce::FactsRead r = zhengce::read_facts_file(policy, path, g.lang);
  if (r.failure) {
    fail(g, *r.failure);
    exit_code = kExitUsage;
    return std::nullopt;
  }
  if (r.facts) return r.facts;
  print_diagnostics(g, r.diagnostics);
  exit_code = kExitPolicy;
  return std::nullopt;
}

void add_global_options(CLI::App& app, Globals& g) {
  app.add_option("--lang", g.lang_name, "诊断与输出的语言：zh（默认）或 en")->check(CLI::IsMember({"zh", "en"}));
  app.add_option("--color", g.color_name, "颜色：auto（默认，终端上着色）、always、never")->check(CLI::IsMember({"auto", "always", "never"}));
}

bool resolve_globals(Globals& g) {
  g.lang = g.lang_name == "en" ? zhengce::Lang::En : zhengce::Lang::Zh;
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

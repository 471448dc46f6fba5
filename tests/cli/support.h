// Running the zhengce executable from tests: arguments, captured stdout/stderr, and how it ended.
#pragma once
#include <sys/wait.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "tests/support/files.h"

namespace zc::testing {

struct CliRun {
  int exit_code = -1;   // -1 when killed by a signal
  int signal = 0;
  std::string out, err;
};

inline std::string quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

inline std::filesystem::path scratch_dir() {
  auto dir = std::filesystem::temp_directory_path() / ("zhengce-cli-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  return dir;
}

// Runs `bin` (the zhengce executable unless told otherwise) with `args`, after `env` (e.g.
// "ZHENGCE_JIT_PLUGIN=/x", passed to env(1): "-u NAME" unsets NAME).
inline CliRun zhengce_at(const std::string& bin, const std::vector<std::string>& args, const std::string& env = "") {
  auto dir = scratch_dir();
  std::string out = (dir / "stdout").string(), err = (dir / "stderr").string();
  std::string cmd = (env.empty() ? "" : "env " + env + " ") + quote(bin);
  for (const std::string& a : args) cmd += " " + quote(a);
  cmd += " >" + quote(out) + " 2>" + quote(err);
  int status = std::system(cmd.c_str());
  CliRun r;
  if (WIFEXITED(status)) {
    r.exit_code = WEXITSTATUS(status);
    // system() runs a shell: a child killed by a signal shows as 128+N.
    if (r.exit_code > 128) r.signal = r.exit_code - 128;
  } else if (WIFSIGNALED(status)) {
    r.signal = WTERMSIG(status);
  }
  r.out = slurp(out);
  r.err = slurp(err);
  return r;
}

inline CliRun zhengce(const std::vector<std::string>& args) { return zhengce_at(ZC_BIN, args); }

inline std::string write_temp(const std::string& name, const std::string& text) {
  auto p = scratch_dir() / name;
  std::ofstream(p, std::ios::binary) << text;
  return p.string();
}

}  // namespace zc::testing

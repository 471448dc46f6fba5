// What every subcommand shares: global options (--lang, --format, --color), reading files,
// printing diagnostics, and loading a policy from source (.zc) or bytecode (.zcb).
// Exit codes, the same for every subcommand (docs/cli.md):
//   0  success
//   1  the policy has errors, a test failed, or an applicant could not be evaluated
//   2  usage error, or a file could not be read or written
#pragma once
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "base/diag.h"
#include "base/diag_render.h"
#include "base/source.h"
#include "compiler/driver.h"
#include "runtime/bytecode/module.h"

namespace zc::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitPolicy = 1;
inline constexpr int kExitUsage = 2;

struct Globals {
  std::string lang_name = "zh";
  std::string color_name = "auto";
  Lang lang = Lang::Zh;
  bool color_stderr = false;
  bool color_stdout = false;
};

// Picks the message in the user's language.
const std::string& tr(const Globals& g, const std::string& zh, const std::string& en);

// Prints "错误：…" / "error: …" to stderr (for I/O and usage problems, not policy diagnostics).
void fail(const Globals& g, const std::string& zh, const std::string& en);

// Reads a whole file; on failure prints why and returns nullopt.
std::optional<std::string> read_file(const Globals& g, const std::string& path);
bool write_file(const Globals& g, const std::string& path, const std::string& bytes);

// Renders the diagnostics of a run: human output goes to stderr followed by the summary line,
// machine formats (json, sarif, github) go to stdout as one document.
void print_diagnostics(const Globals& g, const DiagSink& sink, const SourceManager& sm, DiagFormat format);

// A policy ready to evaluate: from source (with its AST and checked program, so examples can run)
// or from a verified .zcb file (module only).
struct LoadedPolicy {
  std::string path;
  CompileResult compiled;         // empty for .zcb
  std::shared_ptr<Module> module; // null when there were errors
};

bool is_bytecode_path(const std::string& path);

// Loads a .zc (compiling it) or a .zcb (reading and verifying it). Diagnostics go to `sink`; I/O
// failures set `io_error`. Returns nullopt when nothing usable came out.
std::optional<LoadedPolicy> load_policy(const Globals& g, const std::string& path, SourceManager& sm, DiagSink& sink,
                                        bool& io_error);

// Reads an applicant's facts file for `m`: on a read error (exit 2), invalid JSON (E0805, exit 1) or
// undeclared, mistyped or out-of-range facts (E0803, E0802, E0806, exit 1; shown at their place in
// the file) it prints the diagnostics, sets exit_code and returns nullopt.
// Loads every file for a command that needs them all (simulate, gen-registry): on a policy error
// prints the diagnostics and sets exit_code 1, on an unreadable or corrupt file sets 2; false then.
bool load_all_policies(const Globals& g, const std::vector<std::string>& files, SourceManager& sm,
                       std::vector<LoadedPolicy>& loaded, int& exit_code);

std::optional<std::vector<FactValue>> read_applicant(const Globals& g, const std::string& path, const Module& m,
                                                     int& exit_code);

// Installs --lang and --color on the app and resolves them (call resolve after parsing).
void add_global_options(CLI::App& app, Globals& g);
bool resolve_globals(Globals& g);

}  // namespace zc::cli

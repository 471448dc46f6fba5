// What every subcommand shares: global options (--lang, --format, --color), reading and writing
// files, printing diagnostics and failures, and loading policies through the library (zhengce/).
// The commands are thin: the work is the library's (include/zhengce, docs/library.md).
// Exit codes, the same for every subcommand (docs/cli.md):
//   0  success
//   1  the policy has errors, a test failed, or an applicant could not be evaluated
//   2  usage error, a file that cannot be read or written, or a corrupt or unverifiable .zcb
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "CLI/CLI.hpp"
#include "zhengce/zhengce.h"

namespace zc::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitPolicy = 1;
inline constexpr int kExitUsage = 2;

struct Globals {
  std::string lang_name = "zh";
  std::string color_name = "auto";
  zhengce::Lang lang = zhengce::Lang::Zh;
  bool color_stderr = false;
  bool color_stdout = false;
};

// The command line main() received, kept for serve_exec.cpp, which re-executes it.
void set_command_line(int argc, char** argv);
char** command_line();

// Picks the message in the user's language.
const std::string& tr(const Globals& g, const std::string& zh, const std::string& en);

// Prints "错误：…" / "error: …" to stderr (for I/O and usage problems, not policy diagnostics).
void fail(const Globals& g, const std::string& zh, const std::string& en);
void fail(const Globals& g, const std::string& message);  // already in the user's language

// Reads a whole file; on failure prints why and returns nullopt.
std::optional<std::string> read_file(const Globals& g, const std::string& path);
bool write_file(const Globals& g, const std::string& path, const std::string& bytes);

// Human output goes to stderr followed by the summary line; machine formats (json, sarif, github)
// go to stdout as one document.
void print_diagnostics(const Globals& g, const zhengce::Diagnostics& d,
                       zhengce::DiagnosticFormat format = zhengce::DiagnosticFormat::Human);

bool is_bytecode_path(const std::string& path);

// The check options of a command that evaluates: the user's language; example cases are `check`'s
// and `test`'s business, not run while loading.
zhengce::CheckOptions load_options(const Globals& g);

// Loads one policy (.zc or .zcb) that must compile. On failure prints why (the diagnostics, or why
// the file could not be read or verified), sets exit_code (2 for files, 1 for policy errors) and
// returns nullopt.
std::optional<zhengce::Policy> load_policy(const Globals& g, const std::string& path, int& exit_code);

// Loads every file for a command that needs them all (simulate, gen-registry): false after printing
// (exit 2 for an unreadable or corrupt file, 1 for policy errors, whose diagnostics are printed together).
bool load_all_policies(const Globals& g, const std::vector<std::string>& files, std::vector<zhengce::Policy>& loaded,
                       int& exit_code);

// Reads an applicant's facts file for `policy`: on a read error (exit 2), a file over 64 MiB (E0807,
// exit 1, refused unread), invalid JSON (E0805, exit 1) or undeclared, mistyped or out-of-range facts
// (E0803, E0802, E0806, exit 1; shown at their place in the file) it prints the diagnostics (the
// first 20, and a count of the rest), sets exit_code and returns nullopt.
std::optional<zhengce::Facts> read_applicant(const Globals& g, const std::string& path, const zhengce::Policy& policy,
                                             int& exit_code);

// Installs --lang and --color on the app and resolves them (call resolve after parsing).
void add_global_options(CLI::App& app, Globals& g);
bool resolve_globals(Globals& g);

}  // namespace zc::cli

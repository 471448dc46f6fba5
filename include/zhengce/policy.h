// A policy: its text checked and compiled, or its bytecode loaded and verified. A Policy is immutable
// and cheap to copy (it shares what was compiled): check once, then evaluate, explain or simulate
// with it from any number of threads. Part of the public API (docs/library.md).
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "zhengce/diagnostics.h"

namespace zhengce {

// A policy's text, from memory: nothing is read from disk. `path` only names it in diagnostics.
struct Source {
  std::string path;
  std::string text;
};

struct CheckOptions {
  Lang lang = Lang::Zh;        // of the diagnostics' messages
  bool examples = true;        // run the example cases (案例); a failing case is E0701/E0702
  bool deny_warnings = false;  // report warnings as errors
};

// What a policy declares, for front ends that build forms or documentation from it.
struct FactSpec {
  std::string name;
  std::string type;                  // 金额 / 比例 / 数量（家） / 是否 / 选项（甲、乙） / 日期 / 分数
  std::vector<std::string> options;  // for 选项 facts
  bool indicator = false;            // 指标: a reported figure for targets, not an applicant's fact
  std::optional<std::string> default_value;  // as a policy writes it (否, 无, 0家, 0元); none without 默认
};

class Policy {
 public:
  const std::string& path() const;
  std::string title() const;
  std::string issuer() const;
  std::string date() const;
  std::vector<FactSpec> facts() const;
  std::vector<std::string> rules() const;
  std::vector<std::string> payers() const;
  // True when it was compiled from its text (not loaded from bytecode): explain() and test() need that.
  bool has_source() const;
  // The .zcb file of the policy (zhengce build): versioned, checksummed.
  std::vector<uint8_t> bytecode() const;
  // The bytecode as a listing (zhengce disasm).
  std::string disassembly() const;

  struct Impl;

 private:
  friend struct detail::Access;
  Policy() = default;  // a Policy comes from check(), load() or load_bytecode()
  std::shared_ptr<const Impl> impl_;
};

// check: parse, resolve, type-check and lint a policy text, then compile it and (unless asked not
// to) run its example cases. `policy` is present when there are no errors. Safe to call from many
// threads at once; it keeps no state between calls, so an editor re-checks its buffer on every edit.
struct Checked {
  Diagnostics diagnostics;
  std::optional<Policy> policy;
  size_t example_cases = 0;  // the 案例 the text writes (counted also when it has errors)
};
Checked check(const Source& source, const CheckOptions& options = {});

// load: a policy from a file, .zc (read, then check()) or .zcb (read, then verified). `failure` is
// set (in the options' language) when the file cannot be read or is not a usable .zcb; a .zc with
// errors leaves it empty and has them in `diagnostics`.
struct Loaded {
  Diagnostics diagnostics;
  std::optional<Policy> policy;
  std::optional<std::string> failure;
  size_t example_cases = 0;  // as Checked::example_cases (0 for bytecode)
};
Loaded load(const std::string& path, const CheckOptions& options = {});
// The same for .zcb bytes held in memory.
Loaded load_bytecode(const std::string& path, const std::vector<uint8_t>& bytes, Lang lang = Lang::Zh);

// test: the policy's example cases (案例) run on `engine`, each with its failures as diagnostics.
enum class Engine : uint8_t { Vm, Jit };
// Whether the LLVM JIT can run here: built, and its plugin (zhengce-jit.so) found and loaded. The
// first call loads the plugin; nothing else does, so a front end that never asks pays nothing for LLVM.
bool jit_available();
// Why it cannot, in `lang` (a build without the JIT, a missing or mismatched plugin); "" when it can.
std::string jit_problem(Lang lang = Lang::Zh);
// What `zhengce --version` reports, found without loading the JIT plugin.
struct BuildInfo {
  std::string version;                             // the project's
  std::string bytecode_format;                     // the .zcb format this build writes, "major.minor"
  bool jit_built = false;                          // whether this build configured the JIT
  std::optional<std::string> jit_plugin;           // where its plugin is, when found
  std::vector<std::string> jit_plugin_candidates;  // where the plugin is looked for, in order
};
BuildInfo build_info();
struct ExampleResult {
  std::string name;
  bool passed = false;
  Diagnostics failures;
};
// nullopt when the policy has no source (loaded from bytecode) or the engine is not available.
std::optional<std::vector<ExampleResult>> test(const Policy& policy, Engine engine = Engine::Vm, Lang lang = Lang::Zh);

}  // namespace zhengce

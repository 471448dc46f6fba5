// The --engine vm|jit option shared by run, test and simulate. Asking for the JIT in a build without
// it, or when its plugin (zhengce-jit.so) is missing or does not match, is a usage error (exit 2)
// with a clear message.
#pragma once
#include <optional>
#include <string>

#include "cli/common.h"

namespace zc::cli {

void add_engine_option(CLI::App* cmd, std::string& engine);

// The engine named `name`, or nullopt after printing why the JIT cannot run here (the caller exits
// with kExitUsage). Naming the JIT loads its plugin.
std::optional<zhengce::Engine> engine_for(const Globals& g, const std::string& name);

}  // namespace zc::cli

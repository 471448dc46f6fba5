// The --engine vm|jit option shared by run, test and simulate, and turning its value into an
// engine. Asking for the JIT in a build without it is a usage error (exit 2) with a clear message.
#pragma once
#include <memory>
#include <string>

#include "cli/common.h"
#include "runtime/engine.h"

namespace zc::cli {

void add_engine_option(CLI::App* cmd, std::string& engine);

// The engine named `name` for `m`, or nullptr after printing why (the caller exits with kExitUsage).
std::unique_ptr<Engine> engine_for(const Globals& g, const std::string& name, const Module& m);

}  // namespace zc::cli

// Running the LSP server on this process's stdin and stdout: a thread reads frames, the calling
// thread handles them one at a time and publishes debounced diagnostics when their time comes.
#pragma once
#include "lsp/server.h"

namespace zc::lsp {

// Serves until `exit` or the end of the input; returns the process exit code (0 after shutdown).
int run_stdio(const ServerOptions& opts);

}  // namespace zc::lsp

// The fuzzing harness: one input through the whole front end — lexer, parser, checker, drafting
// checks, codegen, verifier, example cases on the VM — and every diagnostic through every output
// format. It asserts nothing itself: a crash, a sanitizer report, an assertion (ZC_ASSERT) or a hang
// is the finding. Shared by the libFuzzer target and the regression test of the normal build.
#pragma once
#include <string_view>

namespace zc::fuzz {

void run_front_end(std::string_view input);

}  // namespace zc::fuzz

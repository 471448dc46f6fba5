// The bash completion script `zhengce completion bash` generates, run by bash on typed command
// lines: what each completes to.
#include <gtest/gtest.h>

#include "tests/cli/support.h"

namespace zc::testing {
namespace {

// The completions bash offers for `line` (the cursor at its end), one per line, sorted.
std::string complete(const std::string& line) {
  std::string script = write_temp("completion.bash", zhengce({"completion", "bash"}).out);
  std::string driver = "source " + quote(script) + "; line=" + quote(line) +
                       "; read -ra COMP_WORDS <<< \"$line\"; [[ \"$line\" == *' ' ]] && COMP_WORDS+=(''); "
                       "COMP_CWORD=$((${#COMP_WORDS[@]} - 1)); _zhengce; printf '%s\\n' \"${COMPREPLY[@]}\" | sort";
  CliRun r = zhengce_at("/bin/bash", {"-c", driver});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return r.out;
}

TEST(Completion, SubcommandsOptionsAndTheirValues) {
  EXPECT_EQ(complete("zhengce ch"), "check\n");
  EXPECT_EQ(complete("zhengce --lang en si"), "simulate\n");
  EXPECT_EQ(complete("zhengce --lang "), "en\nzh\n");
  EXPECT_EQ(complete("zhengce check --for"), "--format\n");
  EXPECT_EQ(complete("zhengce check --format "), "github\nhuman\njson\nsarif\n");
  EXPECT_EQ(complete("zhengce run p.zc --engine "), "jit\nvm\n");
  EXPECT_EQ(complete("zhengce test --"), "--color\n--engine\n--help\n--lang\n");
  EXPECT_EQ(complete("zhengce completion "), "bash\n");
}

}  // namespace
}  // namespace zc::testing

// The language service's speed on the largest shipped policy (issue 15): how long the diagnostics
// take after a one-character edit, and how long a completion takes, against the public API's
// zhengce::check() of the same text (what `zhengce check` does in-process) measured in the same run.
// Wall-clock medians over many repetitions; the summary is the last line:
//   lsp recheck_ms=A check_ms=B recheck/check=C completion_ms=D completion_stale_ms=E
// bench/lsp builds and runs it; docs/performance.md records the figures. Nothing here is asserted.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "service/service.h"
#include "zhengce/policy.h"

namespace {

using Clock = std::chrono::steady_clock;
using zc::service::Change;
using zc::service::LanguageService;
using zc::service::Position;
using zc::service::Range;

double median_ms(int reps, const std::function<void(int)>& body) {
  std::vector<double> ms;
  for (int i = 0; i < reps; ++i) {
    auto t0 = Clock::now();
    body(i);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  return ms[ms.size() / 2];
}

}  // namespace

int main(int argc, char** argv) {
  const char* root = std::getenv("ZHENGCE_ROOT");
  std::filesystem::path path = std::filesystem::path(root ? root : ZC_SOURCE_DIR) / "policies/national-eligibility.zc";
  int reps = argc > 1 ? std::atoi(argv[1]) : 60;
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  const std::string text = ss.str();
  if (text.empty()) {
    std::fprintf(stderr, "cannot read %s\n", path.string().c_str());
    return 1;
  }
  // A line being typed at the end: a new rule naming a fact by its initials.
  const std::string typed = "规则「新规则」：对jnzc";  // 「境内注册的居民企业」
  const std::string doc = text + typed;
  uint32_t last_line = 0;
  for (char c : doc) last_line += c == '\n';
  const Position cursor{last_line, 13};  // after jnzc: 9 Han characters and 4 letters, one UTF-16 unit each

  LanguageService svc;
  const std::string uri = "file:///national-eligibility.zc";
  svc.open(uri, doc, 1);
  size_t problems = svc.diagnostics(uri).size();

  // The reference: one zhengce::check() of the same text, examples included.
  double check_ms = median_ms(reps, [&](int) { (void)zhengce::check(zhengce::Source{"n.zc", doc}); });

  // Re-check after a one-character edit: insert a space after the title's 。 and take it out again.
  const Position at{0, 0};
  double recheck_ms = median_ms(reps, [&](int i) {
    Range r = i % 2 == 0 ? Range{at, at} : Range{at, Position{0, 1}};
    svc.change(uri, {Change{r, i % 2 == 0 ? " " : ""}}, i + 2);
    (void)svc.diagnostics(uri);
  });

  // Completion on an analysed document, and right after an edit (names from the last analysis).
  (void)svc.diagnostics(uri);
  std::string first;
  double completion_ms = median_ms(reps * 5, [&](int) {
    zc::service::Completion c = svc.complete(uri, cursor);
    if (!c.items.empty()) first = c.items[0].label;
  });
  int version = 10000;
  double stale_ms = median_ms(reps, [&](int i) {
    Range r = i % 2 == 0 ? Range{at, at} : Range{at, Position{0, 1}};
    svc.change(uri, {Change{r, i % 2 == 0 ? " " : ""}}, ++version);
    (void)svc.complete(uri, cursor);
  });

  std::printf("policy: %s (%zu bytes, %zu diagnostics with the line being typed)\n", path.filename().string().c_str(), doc.size(), problems);
  std::printf("completion of `jnzc` gives %s first\n", first.c_str());
  std::printf("%-46s %8.2f ms\n", "zhengce::check() of the text (reference)", check_ms);
  std::printf("%-46s %8.2f ms\n", "one-character edit, then diagnostics", recheck_ms);
  std::printf("%-46s %8.2f ms\n", "completion (document analysed)", completion_ms);
  std::printf("%-46s %8.2f ms\n", "one-character edit, then completion", stale_ms);
  std::printf("lsp recheck_ms=%.2f check_ms=%.2f recheck/check=%.2f completion_ms=%.3f completion_stale_ms=%.3f\n", recheck_ms,
              check_ms, recheck_ms / check_ms, completion_ms, stale_ms);
  return 0;
}

// The language service from C++ (docs/editors.md): open a policy, read its diagnostics, apply a fix,
// complete a name typed in pinyin. tests/service builds and runs this file and compares its output
// with service.expected.txt.
#include <iostream>

#include "service/service.h"

int main() {
  namespace svc = zc::service;
  svc::LanguageService service({.lang = svc::Lang::Zh, .encoding = svc::PositionEncoding::Utf16});
  service.open("policy-1",
               "政策“示例”。\n发文机关“某区”。\n发文日期：2024年3月1日。\n出资方「区财政」：本级，默认。\n"
               "事实「研发投入」：金额，默认0元。\n"
               "规则「研发投入奖励」：对「研发投入」500万元的企业，给予20万元奖励。\n",
               1);
  for (const svc::Problem& p : service.diagnostics("policy-1"))
    std::cout << p.code << " " << p.range.start.line << ":" << p.range.start.character << " " << p.message << "\n  "
              << p.help << "\n";
  // The fixes of the problem under line 5, character 19 (E0517): the first writes 以上.
  svc::Position at{5, 19};
  std::vector<svc::CodeAction> fixes = service.code_actions("policy-1", {at, at});
  std::cout << "fix: " << fixes.at(0).title << "\n";
  service.change("policy-1", {{fixes[0].edits[0].range, fixes[0].edits[0].new_text}}, 2);
  std::cout << "problems now: " << service.diagnostics("policy-1").size() << "\n";
  // A new rule where the typist writes yftr, the initials of 研发投入, and asks for completion.
  service.change("policy-1", {{svc::Range{{6, 0}, {6, 0}}, "规则「新」：对yftr"}}, 3);
  svc::Completion c = service.complete("policy-1", {6, 11});
  std::cout << "yftr: " << c.items.at(0).label << " replaces " << c.items[0].edit.range.start.character << "-"
            << c.items[0].edit.range.end.character << "\n";
  return 0;
}

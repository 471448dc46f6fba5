// The example program of docs/library.md: check a policy held in memory and read a diagnostic as
// data, evaluate applicants on several threads against one compiled policy, read a facts file and
// explain the result. tests/api builds it and runs it (ctest api.example), comparing its output
// with library.expected.txt.
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include "zhengce/zhengce.h"

int main() {
  // 1. An editor's buffer with a mistake: the diagnostic comes back as data, its place in lines
  //    and columns counted in code points.
  const std::string head =
      "政策“研发投入补助”。\n"
      "出资方「区财政」：本级，默认。\n"
      "事实「研发投入」：金额。\n";
  zhengce::Checked draft = zhengce::check({"草稿.zc", head + "规则「研发补助」：对「研发投入」50万元左右的企业，按「研发投入」的10%给予补助，最高不超过10万元。\n"});
  for (const zhengce::Diagnostic& d : draft.diagnostics.items())
    std::cout << d.code << " " << d.at->line << ":" << d.at->column << " " << d.message << "\n  " << d.help << "\n";

  // 2. The corrected text compiles; its example case runs as part of the check.
  zhengce::Checked checked = zhengce::check(
      {"研发.zc", head + "规则「研发补助」：对「研发投入」50万元以上的企业，按「研发投入」的10%给予补助，最高不超过10万元。\n"
                         "案例「大企业」：「研发投入」为200万元；预期：「研发补助」为10万元。\n"});
  if (!checked.policy) {
    std::cerr << checked.diagnostics.render(zhengce::DiagnosticFormat::Human);
    return 1;
  }
  const zhengce::Policy& policy = *checked.policy;

  // 3. Many applicants, one policy: an Evaluator per thread, the Policy shared by all of them.
  const std::vector<std::string> investments = {"30万元", "50万元", "80万元", "120万元"};
  std::vector<std::string> lines(investments.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < investments.size(); ++i) {
    threads.emplace_back([&, i] {
      zhengce::Evaluator evaluator(policy);
      zhengce::Facts facts(policy);
      facts.set("研发投入", investments[i]);
      zhengce::Evaluation result = evaluator.evaluate(facts);
      lines[i] = investments[i] + "：" + result.rules()[0].text + "，区财政合计 " + result.totals()[0].amount.text;
    });
  }
  for (std::thread& t : threads) t.join();
  for (const std::string& line : lines) std::cout << line << "\n";

  // 4. A facts file as a server receives it, and the explanation for that applicant.
  zhengce::FactsRead applicant = zhengce::read_facts(policy, R"({"研发投入": "60万元"})");
  if (!applicant.facts) {
    std::cerr << applicant.diagnostics.render(zhengce::DiagnosticFormat::Human);
    return 1;
  }
  std::cout << zhengce::explain(policy, *applicant.facts, {zhengce::Lang::Zh, "申请人甲"})->text;
  return 0;
}

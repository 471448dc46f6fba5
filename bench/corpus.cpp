// The policy corpus generator (corpus.h): sentences in the shapes of policies/*.zc with numbered
// names, so every file is valid and all are different. The statement mix follows the seeds: per
// rule about 1.5 fact declarations, a note on the reading taken for two rules in three, the
// departments, and two example cases with hand-computed results. A test compiles some of the files
// and runs their examples; the benchmark checks that every file compiles.
#include "bench/corpus.h"

#include <fmt/format.h>

namespace zc::bench {
namespace {

struct Amount {
  const char* text;  // as written in the rule
  const char* got;   // as an expectation
};
const Amount kAmounts[] = {{"10万元", "10万元"}, {"5万元", "5万元"}, {"3万元", "3万元"}, {"20万元", "20万元"},
                           {"50万元", "50万元"}, {"100万元", "100万元"}, {"5000元", "5000元"}, {"1万元", "1万元"}};
// A rate and what it gives on 100万元 (capped at 100万元).
struct Rate {
  const char* text;
  const char* on_million;
};
const Rate kRates[] = {{"50%", "50万元"}, {"20%", "20万元"}, {"30%", "30万元"}, {"1∶1", "100万元"}, {"10%", "10万元"}};

const char* const kNotes[] = {
    "原文“对符合条件的企业给予补助”未写明申请时点，编码以申请年度的事实为准；同一企业同一年度只计一次。",
    "原文所称“以上”含本数（民法典第一千二百五十九条）；金额按四舍五入到分计算，上限在舍入之前适用。",
    "原文未规定与其他条款不重复支持，同一主体可分别获得；出资方按默认记为区财政，不计入上级资金。",
};

void facts(std::string& s, size_t k, int kind) {
  s += fmt::format("事实「首次通过高新技术企业认定的企业{0}」、「通过高新技术企业复审认定的企业{0}」：是否，默认否。\n", k);
  switch (kind) {
    case 1:
    case 7: s += fmt::format("事实「项目获得的市财政奖补资金额度{0}」：金额，来自「市财政」。\n", k); break;
    case 2: s += fmt::format("事实「获批的科技企业孵化器级别{0}」：选项（「国家级」、「省级」、「市级」、「无」），默认「无」。\n", k); break;
    case 3: s += fmt::format("事实「当年培育的高新技术企业数量{0}」：数量（家），默认0家。\n", k); break;
    case 4:
    case 6: s += fmt::format("事实「企业年度研发经费投入总额{0}」：金额，默认0元。\n", k); break;
    default: break;
  }
}

void rule(std::string& s, size_t k, int kind, const Amount& amount, const Rate& rate) {
  switch (kind) {
    case 0:
      s += fmt::format("规则「高新技术企业认定补助{0}」：\n  对「首次通过高新技术企业认定的企业{0}」的企业，给予{1}补助；\n  对「通过高新技术企业复审认定的企业{0}」的企业，给予3万元补助。\n", k,
                       amount.text);
      break;
    case 1:
      s += fmt::format("规则「重点研发项目市级资金配套{0}」：\n  对「首次通过高新技术企业认定的企业{0}」的单位，「通过高新技术企业复审认定的企业{0}」后，\n"
                       "  区财政按照「项目获得的市财政奖补资金额度{0}」的{1}进行配套，单个项目不超过100万元。\n", k, rate.text);
      break;
    case 2:
      s += fmt::format("规则「科技企业孵化器建设奖补{0}」：\n  对「获批的科技企业孵化器级别{0}」为国家级、省级、市级的，分别给予100万元、50万元、20万元奖补。\n", k);
      break;
    case 3:
      s += fmt::format("规则「孵化载体培育高企奖补{0}」：\n  对「首次通过高新技术企业认定的企业{0}」，每「当年培育的高新技术企业数量{0}」１家，给予10万元奖补，每年最高支持100万元。\n", k);
      break;
    case 4:
      s += fmt::format("规则「企业研究开发财政补助{0}」：\n  对「首次通过高新技术企业认定的企业{0}」且「企业年度研发经费投入总额{0}」300万元以上的，按照「企业年度研发经费投入总额{0}」的1.5%给予补助，最高不超过50万元。\n", k);
      break;
    case 5:
      s += fmt::format("规则「市级创新平台择优支持{0}」：对「首次通过高新技术企业认定的企业{0}」，区财政择优给予{1}奖补。\n", k, amount.text);
      s += fmt::format("规则「科研院所分所一事一议{0}」：对「通过高新技术企业复审认定的企业{0}」，按照“一事一议”的方式给予补助。\n", k);
      break;
    case 6:
      s += fmt::format("规则「科技创新平台推荐纳入管理{0}」：\n  对（「首次通过高新技术企业认定的企业{0}」或「通过高新技术企业复审认定的企业{0}」）且「企业年度研发经费投入总额{0}」50万元以上的企业，推荐纳入“市级科技创新平台管理”。\n", k);
      break;
    default:
      s += fmt::format("规则「创新平台绩效酌定补助{0}」：对「首次通过高新技术企业认定的企业{0}」，给予最高{1}补助。\n", k, amount.text);
      s += fmt::format("规则「市级研发补助同等额度支持{0}」：对「通过高新技术企业复审认定的企业{0}」，给予「项目获得的市财政奖补资金额度{0}」同等额度支持。\n", k);
      s += fmt::format("上限「研发补助年度合计上限{0}」：「创新平台绩效酌定补助{0}」、「市级研发补助同等额度支持{0}」合计，单个企业年度最高补助100万元。\n", k);
      break;
  }
}

// Two examples per rule, each with its hand-computed result (every other rule gives 不予支持).
void examples(std::string& s, size_t k, int kind, const Amount& amount, const Rate& rate) {
  auto ex = [&](const std::string& name, const std::string& facts_text, const std::string& expect) {
    s += fmt::format("案例「{}{}」：{}；预期：{}。\n", name, k, facts_text, expect);
  };
  const std::string a = fmt::format("「首次通过高新技术企业认定的企业{}」为是", k);
  const std::string b = fmt::format("「通过高新技术企业复审认定的企业{}」为是", k);
  switch (kind) {
    case 0:
      ex("首次认定", a, fmt::format("「高新技术企业认定补助{}」为{}", k, amount.got));
      ex("复审通过", b, fmt::format("「高新技术企业认定补助{}」为3万元", k));
      break;
    case 1:
      ex("验收配套", fmt::format("{}，{}，「项目获得的市财政奖补资金额度{}」为100万元", a, b, k), fmt::format("「重点研发项目市级资金配套{}」为{}", k, rate.on_million));
      ex("未验收", fmt::format("{}，「项目获得的市财政奖补资金额度{}」为100万元", a, k), fmt::format("「重点研发项目市级资金配套{}」为不予支持", k));
      break;
    case 2:
      ex("国家级平台", fmt::format("「获批的科技企业孵化器级别{}」为国家级", k), fmt::format("「科技企业孵化器建设奖补{}」为100万元", k));
      ex("市级平台", fmt::format("「获批的科技企业孵化器级别{}」为市级", k), fmt::format("「科技企业孵化器建设奖补{}」为20万元", k));
      break;
    case 3:
      ex("培育3家", fmt::format("{}，「当年培育的高新技术企业数量{}」为3家", a, k), fmt::format("「孵化载体培育高企奖补{}」为30万元", k));
      ex("培育12家", fmt::format("{}，「当年培育的高新技术企业数量{}」为12家", a, k), fmt::format("「孵化载体培育高企奖补{}」为100万元", k));
      break;
    case 4:
      ex("研发400万元", fmt::format("{}，「企业年度研发经费投入总额{}」为400万元", a, k), fmt::format("「企业研究开发财政补助{}」为6万元", k));
      ex("研发不足", fmt::format("{}，「企业年度研发经费投入总额{}」为299万元", a, k), fmt::format("「企业研究开发财政补助{}」为不予支持", k));
      break;
    case 5:
      ex("择优", a, fmt::format("「市级创新平台择优支持{}」为择优{}", k, amount.got));
      ex("一事一议", b, fmt::format("「科研院所分所一事一议{}」为一事一议", k));
      break;
    case 6:
      ex("推荐", fmt::format("{}，「企业年度研发经费投入总额{}」为60万元", b, k), fmt::format("「科技创新平台推荐纳入管理{}」为适用", k));
      ex("不推荐", fmt::format("{}，「企业年度研发经费投入总额{}」为40万元", a, k), fmt::format("「科技创新平台推荐纳入管理{}」为不予支持", k));
      break;
    default:
      ex("酌定", a, fmt::format("「创新平台绩效酌定补助{}」为最高{}", k, amount.got));
      ex("同等额度", fmt::format("{}，「项目获得的市财政奖补资金额度{}」为20万元", b, k), fmt::format("「市级研发补助同等额度支持{}」为20万元", k));
      break;
  }
}

std::string one_file(size_t index, size_t rules) {
  std::string s;
  s += fmt::format("# 合成政策 {}：用于测量前端吞吐量（bench/corpus.cpp 生成）。\n", index);
  s += fmt::format("政策“关于支持科技创新的若干措施（合成{}）”。\n发文机关“某区人民政府”。\n发文日期：2024年2月21日。\n", index);
  s += "依据“《某市人民政府关于加快推进新时代科技强市建设的实施意见》（某政字〔2023〕11号）”。\n舍入：四舍五入到分。\n\n";
  s += "出资方「区财政」：本级，默认。\n出资方「市财政」：上级。\n\n";
  s += "指标「全区高新技术企业」：数量（家）。\n目标：到2025年，「全区高新技术企业」达到120家以上。\n\n";
  s += "# ---- 申请人的事实（未列出的是否事实默认为否）----\n";
  for (size_t k = 0; k < rules; ++k) facts(s, k, static_cast<int>((index + k) % 8));
  s += "\n第一章“强化企业科技创新主体地位”。\n";
  for (size_t k = 0; k < rules; ++k) {
    const int kind = static_cast<int>((index + k) % 8);
    s += fmt::format("\n第{}条“支持事项{}”。\n", k + 1, k);
    rule(s, k, kind, kAmounts[(index + k) % 8], kRates[(index + k) % 5]);
    if (k % 3 != 2) s += fmt::format("说明：“{}”。\n", kNotes[(index + k) % 3]);
    s += "牵头单位：“区科技局”；配合单位：“区财政局”。\n";
  }
  s += "\n# ==== 案例：事实与预期均按原文手算 ====\n";
  for (size_t k = 0; k < rules; ++k) {
    const int kind = static_cast<int>((index + k) % 8);
    examples(s, k, kind, kAmounts[(index + k) % 8], kRates[(index + k) % 5]);
  }
  return s;
}

}  // namespace

std::vector<std::string> policy_corpus(size_t files, size_t rules) {
  std::vector<std::string> out;
  out.reserve(files);
  for (size_t i = 0; i < files; ++i) out.push_back(one_file(i, rules));
  return out;
}

}  // namespace zc::bench

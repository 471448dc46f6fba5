// Item lists (清单, issue 11 form 12): an applicant with several contracts, machines or projects, each
// with its own facts. A clause whose conditions or award use a fact each item carries (属于「清单」) is
// computed item by item: the conditions on items decide which items count, the award (and the caps
// written for one item: 单个「技术合同」……不超过20万元) is computed per item, the items are summed, and the
// caps written for the applicant (同一单位年度最高100万元) cap the sum. No item counts, no award.
// This file does not read the words (compiler/syntax/award.cpp does) nor evaluate (ITEMS_SUM does).
#include <algorithm>

#include "compiler/check/checker.h"

namespace zc::sema {
namespace {

// The list of the first item fact `e` uses (-1: none); every other item fact's list is collected too.
void lists_in(const Expr* e, const Program& prog, std::vector<std::pair<int, Span>>& out) {
  if (!e) return;
  if (e->op == Expr::Op::ItemFact) {
    int l = prog.facts[static_cast<size_t>(e->ref)].item_of;
    if (std::none_of(out.begin(), out.end(), [&](const auto& x) { return x.first == l; })) out.emplace_back(l, e->span);
  }
  for (const ExprPtr& a : e->args) lists_in(a.get(), prog, out);
}

bool uses_items(const Expr* e) {
  if (!e) return false;
  if (e->op == Expr::Op::ItemFact) return true;
  return std::any_of(e->args.begin(), e->args.end(), [](const ExprPtr& a) { return uses_items(a.get()); });
}

// A cap that counts one item (单个「技术合同」, 单台「设备」, 每件, 单个项目) rather than the applicant
// (单家企业, 每家, 同一单位, 累计, or no words): its words begin with a per-item word and name no applicant.
bool caps_one_item(const std::string& words, bool names_list) {
  static const char* const kItem[] = {"单个", "单台", "单件", "单项", "单笔", "单份", "单套", "每件", "每项", "每台", "每笔", "每份", "每个"};
  static const char* const kApplicant[] = {"企业", "单位", "机构", "家", "户", "人", "同一", "累计"};
  bool item = std::any_of(std::begin(kItem), std::end(kItem), [&](const char* w) { return words.rfind(w, 0) == 0; });
  if (!item) return false;
  if (names_list) return true;
  return std::none_of(std::begin(kApplicant), std::end(kApplicant), [&](const char* w) { return words.find(w) != std::string::npos; });
}

// Splits a condition into the conjuncts that use item facts (`item`) and those that do not (`rest`).
void split_conjuncts(ExprPtr e, ExprPtr& item, ExprPtr& rest) {
  auto add = [](ExprPtr& to, ExprPtr x) {
    to = to ? Expr::binary(Expr::Op::And, ValueType::Bool, std::move(to), std::move(x), x ? x->span : Span{}) : std::move(x);
  };
  if (e->op == Expr::Op::And) {
    for (ExprPtr& a : e->args) split_conjuncts(std::move(a), item, rest);
    return;
  }
  if (e->op == Expr::Op::True) return;
  if (uses_items(e.get())) add(item, std::move(e));
  else add(rest, std::move(e));
}

}  // namespace

std::vector<int> item_members(const Program& prog, int list) {
  std::vector<int> out;
  for (size_t f = 0; f < prog.facts.size(); ++f)
    if (prog.facts[f].item_of == list) out.push_back(static_cast<int>(f));
  return out;
}

// 属于「清单」: the list must be a declared 清单 (and an item fact is not a list of its own).
void Checker::check_item_facts() {
  size_t k = 0;
  for (const ast::FactDecl& fd : p_.facts) {
    for (size_t n = 0; n < fd.names.size(); ++n, ++k) {
      Fact& f = prog_.facts[k];
      f.list = fd.type.list;
      if (!fd.item_of) continue;
      const Symbol* s = lookup(*fd.item_of);
      if (!s) continue;
      if (s->kind != Symbol::Kind::Fact || !prog_.facts[static_cast<size_t>(s->index)].list) {
        report(make_diag(DiagCode::E0556, fd.item_of->span, {fd.item_of->text, "“属于”后写声明为清单的事实"}));
        continue;
      }
      if (fd.type.list) {
        report(make_diag(DiagCode::E0556, fd.type.span, {fd.names[n].text, "清单的各项不能再是清单（不嵌套）"}));
        continue;
      }
      if (fd.indicator) {
        report(make_diag(DiagCode::E0557, fd.item_of->span, {fd.names[n].text, "指标不属于清单"}));
        continue;
      }
      f.item_of = s->index;
    }
  }
}

// A definition is one value per applicant: an item fact has one value per item (E0557).
void Checker::items_in_definitions() {
  for (size_t i = 0; i < prog_.derived.size(); ++i) {
    std::vector<std::pair<int, Span>> lists;
    lists_in(prog_.derived[i].value.get(), prog_, lists);
    if (lists.empty()) continue;
    // The fact is named at the span of its first use.
    std::string name = source_text(lists[0].second);
    if (name.rfind("「", 0) == 0 && name.size() >= 6) name = name.substr(3, name.size() - 6);
    report(make_diag(DiagCode::E0557, lists[0].second, {name, "定义「" + p_.defines[i].name.text + "」对每个申请人只有一个值"}));
  }
}

bool Checker::items_branch(Branch& br, const ast::Clause& cl) {
  Award& a = br.award;
  std::vector<std::pair<int, Span>> lists;
  lists_in(br.cond.get(), prog_, lists);
  for (const Tier& t : a.tiers) {
    lists_in(t.when.get(), prog_, lists);
    lists_in(t.amount.get(), prog_, lists);
    lists_in(t.external.get(), prog_, lists);
  }
  for (const ExprPtr& c : a.caps) lists_in(c.get(), prog_, lists);
  lists_in(a.unspec_max.get(), prog_, lists);
  lists_in(a.deduction.get(), prog_, lists);
  for (const RiskShare& s : a.shares) lists_in(s.amount.get(), prog_, lists);
  // 单个「技术合同」: the list written after whom a cap counts.
  int each = -1;
  for (const ast::Name& n : cl.award.each) {
    const Symbol* s = lookup(n);
    if (!s) return false;
    if (s->kind != Symbol::Kind::Fact || !prog_.facts[static_cast<size_t>(s->index)].list) {
      report(make_diag(DiagCode::E0556, n.span, {n.text, "单个、单台、每件……之后写清单的名称"}));
      return false;
    }
    each = s->index;
    if (std::none_of(lists.begin(), lists.end(), [&](const auto& x) { return x.first == each; })) lists.emplace_back(each, n.span);
  }
  if (lists.empty()) return true;
  if (lists.size() > 1) {
    report(make_diag(DiagCode::E0558, lists[1].second,
                     {prog_.facts[static_cast<size_t>(lists[0].first)].name, prog_.facts[static_cast<size_t>(lists[1].first)].name}));
    return false;
  }
  const int list = lists[0].first;
  prog_.facts[static_cast<size_t>(list)].used = true;  // used through its items
  const std::string& list_name = prog_.facts[static_cast<size_t>(list)].name;
  auto refuse = [&](const std::string& what) {
    report(make_diag(DiagCode::E0559, cl.span, {what}));
    return false;
  };
  if (a.kind != Award::Kind::Amount) return refuse("一事一议、金额未明确、扣除、风险分担或非资金支持");
  if (!a.split.empty()) return refuse("在出资方之间分担的给付");
  if (br.joined || cl.award.extra) return refuse("“另行”给付");
  for (const Tier& t : a.tiers)
    if (uses_items(t.when.get()) || uses_items(t.external.get())) return refuse("按各项分档的给付");
  for (const ExprPtr& c : a.caps)
    if (uses_items(c.get())) return refuse("以逐项事实为上限的给付");

  // The conditions on items decide which items count; the others stay the clause's.
  ExprPtr item_cond, rest;
  split_conjuncts(std::move(br.cond), item_cond, rest);
  Span at = cl.span;
  auto counts = [&]() {
    return item_cond ? item_cond->clone() : Expr::make(Expr::Op::True, ValueType::Bool, at);
  };
  // The award per item: computed from the item's facts, or (单个「清单」给予10万元, 每件「清单」补助500元)
  // the amount written, once per item.
  bool per_item = each >= 0 || std::any_of(a.tiers.begin(), a.tiers.end(), [](const Tier& t) { return uses_items(t.amount.get()); });
  if (per_item) {
    std::vector<ExprPtr> caps;
    std::vector<std::string> texts;
    std::vector<size_t> item_caps;
    for (size_t k = 0; k < a.caps.size(); ++k) {
      bool names_list = a.cap_texts[k].find("「" + list_name + "」") != std::string::npos;
      if (caps_one_item(a.cap_texts[k], names_list)) item_caps.push_back(k);
    }
    for (Tier& t : a.tiers) {
      if (!t.amount) continue;
      ExprPtr amount = std::move(t.amount);
      for (size_t k : item_caps) {
        amount = Expr::binary(Expr::Op::Min, ValueType::Money, std::move(amount), a.caps[k]->clone(), a.caps[k]->span);
        amount->trace = a.cap_texts[k] + "，取{0:money}";
      }
      auto sum = Expr::make(Expr::Op::ItemSum, ValueType::Money, at);
      sum->ref = list;
      sum->args.push_back(counts());
      sum->args.push_back(std::move(amount));
      sum->trace = "「" + list_name + "」各项合计{0:money}";
      t.amount = std::move(sum);
    }
    for (size_t k = 0; k < a.caps.size(); ++k) {
      if (std::find(item_caps.begin(), item_caps.end(), k) != item_caps.end()) continue;
      caps.push_back(std::move(a.caps[k]));
      texts.push_back(a.cap_texts[k]);
    }
    a.caps = std::move(caps);
    a.cap_texts = std::move(texts);
  }
  // No item counts, no award: the clause holds where at least one item does.
  auto n = Expr::make(Expr::Op::ItemCount, ValueType::Count, at);
  n->ref = list;
  n->args.push_back(counts());
  n->trace = "「" + list_name + "」中计入的有{0:count:" + prog_.facts[static_cast<size_t>(list)].unit + "}";
  auto some = Expr::binary(Expr::Op::Cmp, ValueType::Bool, std::move(n), Expr::constant(Rational(0), ValueType::Count, at), at);
  some->cmp = CmpOp::Gt;
  br.cond = rest ? Expr::binary(Expr::Op::And, ValueType::Bool, std::move(rest), std::move(some), at) : std::move(some);
  return true;
}

}  // namespace zc::sema

namespace zc::sema {

std::optional<FactValue> item_list_value(const Program& prog, int list, const ast::Assignment& a, std::string& why, Span& at) {
  const std::vector<int> members = item_members(prog, list);
  auto rows = std::make_shared<ItemRows>();
  rows->width = static_cast<uint32_t>(members.size());
  rows->count = a.items.size();
  rows->cells.resize(members.size() * a.items.size());
  for (size_t i = 0; i < a.items.size(); ++i) {
    for (const ast::Assignment& x : a.items[i]) {
      at = x.span;
      auto k = std::find_if(members.begin(), members.end(), [&](int f) { return prog.facts[static_cast<size_t>(f)].name == x.fact.text; });
      if (k == members.end()) {
        why = "第" + std::to_string(i + 1) + "项的「" + x.fact.text + "」不是属于「" + prog.facts[static_cast<size_t>(list)].name + "」的事实";
        return std::nullopt;
      }
      if (x.is_items) {
        why = "第" + std::to_string(i + 1) + "项的「" + x.fact.text + "」不能再是清单";
        return std::nullopt;
      }
      FactValue& cell = rows->cells[i * members.size() + static_cast<size_t>(k - members.begin())];
      if (cell.kind != FactValue::Kind::Missing) {
        why = "第" + std::to_string(i + 1) + "项写了两次「" + x.fact.text + "」";
        return std::nullopt;
      }
      std::string w;
      auto v = fact_value(prog.facts[static_cast<size_t>(*k)], x.value, w);
      if (!v) {
        why = "第" + std::to_string(i + 1) + "项的「" + x.fact.text + "」应为" + w;
        return std::nullopt;
      }
      cell = *v;
    }
  }
  return item_list_value(std::move(rows));
}

}  // namespace zc::sema

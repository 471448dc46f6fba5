// Drafting checks on what a policy declares and whom it admits: facts, indicators and definitions
// declared but never used (W0609), and eligibility limited by place of registration, ownership or
// a named supplier (W0610, answered by a 公平竞争审查 statement after the rule). Both read names as
// written in the AST; neither resolves meaning, so a restriction hidden inside a definition is seen
// only when the definition's own name says it.
#include <algorithm>
#include <functional>
#include <set>

#include "compiler/check/lint_internal.h"

namespace zc::sema::lint_detail {
namespace {

void names_in_cond(const ast::Cond& c, std::set<std::string>& out) {
  for (const ast::Name& n : c.names) out.insert(n.text);
  for (const ast::Value& v : c.values)
    if (v.kind == ast::Value::Kind::Name) out.insert(v.name.text);
  if (c.cmp && c.cmp->rhs.kind == ast::Value::Kind::Name) out.insert(c.cmp->rhs.name.text);
  if (c.cmp && c.cmp->of) out.insert(c.cmp->of->text);
  if (c.share) out.insert(c.share->whole.text);
  for (const auto& ch : c.children) names_in_cond(*ch, out);
}

void names_in_value(const ast::Value& v, std::set<std::string>& out) {
  if (v.kind == ast::Value::Kind::Name) out.insert(v.name.text);
}

void names_in_award(const ast::Award& w, std::set<std::string>& out) {
  for (const ast::Award::Ref& r : w.refs) out.insert(r.name.text);
  for (const ast::Award::PerUnit& p : w.per_units)
    for (const auto* n : {&p.fact, &p.baseline, &p.fact_after})
      if (*n) out.insert((*n)->text);
  for (const ast::Award::Limit& l : w.limits)
    for (const ast::Value& v : l.operands) names_in_value(v, out);
  for (const ast::Award::RelCap& rc : w.rel_caps) out.insert(rc.name.text);
  if (w.part_base) out.insert(w.part_base->text);
  for (const ast::Award::TopUp& t : w.topups) out.insert(t.received.text);
  for (const ast::Award::Growth& g : w.growths) {
    if (g.of) out.insert(g.of->text);
    out.insert(g.base.text);
  }
}

}  // namespace

void check_unused(Ctx& c) {
  // Names used by what the policy decides: rules, definitions, targets. Example cases set facts
  // but do not use them.
  std::set<std::string> used;
  for (const ast::Rule& r : c.p.rules) {
    for (const ast::Clause& cl : r.branches) {
      for (const ast::CondSeg& seg : cl.conds) {
        if (seg.cond) names_in_cond(*seg.cond, used);
        if (seg.subj == ast::CondSeg::Subj::Name) used.insert(seg.subject_name.text);
      }
      names_in_award(cl.award, used);
      for (const ast::Name& n : cl.award.each) used.insert(n.text);  // 单个「技术合同」
      if (cl.ontop) names_in_award(*cl.ontop, used);
    }
  }
  for (const ast::Define& d : c.p.defines) {
    used.insert(d.band_on.text);
    if (d.band_share) used.insert(d.band_share->whole.text);
    for (const ast::Band& b : d.bands) {
      names_in_value(b.value, used);
      for (const auto* cmp : {b.lo ? &*b.lo : nullptr, b.hi ? &*b.hi : nullptr}) {
        if (!cmp) continue;
        names_in_value(cmp->rhs, used);
        if (cmp->of) used.insert(cmp->of->text);
      }
    }
    for (const ast::Name& n : d.terms) used.insert(n.text);
    for (const ast::CaseBranch& b : d.cases) {
      names_in_cond(*b.cond, used);
      names_in_value(b.value, used);
    }
    if (d.otherwise) names_in_value(*d.otherwise, used);
    if (d.cond) names_in_cond(*d.cond, used);
    if (d.standard) names_in_value(*d.standard, used);
    if (d.kind == ast::Define::Kind::TopUp) used.insert(d.received.text);
  }
  for (const ast::Target& t : c.p.targets) {
    used.insert(t.indicator.text);
    names_in_value(t.cmp.rhs, used);
  }
  // An item list is used where a fact its items carry is (按「技术交易额」的5%).
  for (const ast::FactDecl& f : c.p.facts)
    if (f.item_of && std::any_of(f.names.begin(), f.names.end(), [&](const ast::Name& n) { return used.count(n.text) > 0; }))
      used.insert(f.item_of->text);
  for (const ast::FactDecl& f : c.p.facts)
    for (const ast::Name& n : f.names)
      if (!used.count(n.text) &&
          // an option fact is also used where its options key a tier: 给予大型企业10万元、……
          std::none_of(f.type.options.begin(), f.type.options.end(), [&](const ast::Name& o) { return used.count(o.text) > 0; })) c.report(DiagCode::W0609, n.span, {n.text, f.indicator ? "指标" : "事实"}, -1);
  for (const ast::Define& d : c.p.defines)
    if (!used.count(d.name.text)) c.report(DiagCode::W0609, d.name.span, {d.name.text, "定义"}, d.article);
}

// ---------------------------------------------------------------------------------------------
// Fair competition (公平竞争审查)

namespace {

struct Concern {
  const char* by;         // 以……限定申请对象
  const char* reason;     // why a review office objects, in our own words
  const char* reason_en;
  std::vector<const char*> words;
};

// Checked in this order; a name is reported once, for the first concern it matches.
const std::vector<Concern>& concerns() {
  static const std::vector<Concern> list = {
      {"所有制", "公平竞争审查要求平等对待各种所有制的经营者，以国有、民营、外资等所有制或隶属关系为条件属于歧视性条件",
       "fair-competition review requires equal treatment of businesses of every form of ownership; ownership or affiliation as a condition discriminates",
       {"国有", "国企", "央企", "中央企业", "民营", "私营", "外资", "外商投资", "港澳台资", "集体企业", "市属", "区属", "县属", "省属"}},
      {"指定的经营者", "公平竞争审查不允许限定经营、购买或使用特定经营者提供的商品和服务",
       "fair-competition review does not allow requiring the goods or services of a particular business",
       {"指定", "定点", "有限公司", "股份公司", "集团公司"}},
      {"注册地或所在地", "公平竞争审查要求外地经营者在本地平等享受支持政策，以注册地、所在地或纳税地为条件会排斥外地经营者",
       "fair-competition review requires that businesses from elsewhere enjoy local support equally; registration, location or tax residence as a condition excludes them",
       {"注册地", "注册在", "本地", "当地", "属地", "辖区", "纳税地", "本市", "本区", "本县", "本省", "我市", "我区", "我县", "我省",
        "区内", "市内", "县内", "省内"}},
  };
  return list;
}

}  // namespace

void check_fair_competition(Ctx& c) {
  for (const ast::Rule& r : c.p.rules) {
    if (!r.review.empty()) continue;  // the review office has recorded its conclusion
    std::vector<std::pair<std::string, Span>> names;
    std::function<void(const ast::Cond&)> walk = [&](const ast::Cond& x) {
      for (const ast::Name& n : x.names) names.emplace_back(n.text, n.span);
      for (const ast::Value& v : x.values)
        if (v.kind == ast::Value::Kind::Name) names.emplace_back(v.name.text, v.name.span);
      for (const auto& ch : x.children) walk(*ch);
    };
    for (const ast::Clause& cl : r.branches) {
      for (const ast::CondSeg& seg : cl.conds) {
        if (seg.cond) walk(*seg.cond);
        if (seg.subj == ast::CondSeg::Subj::Name) names.emplace_back(seg.subject_name.text, seg.subject_name.span);
        if (seg.subj == ast::CondSeg::Subj::String) names.emplace_back(seg.subject, seg.span);
      }
      for (const ast::Award::Ref& a : cl.award.refs)
        if (a.slot == ast::Award::Ref::Slot::Free && c.fact_index(a.name.text) < 0 && c.is_option(a.name.text))
          names.emplace_back(a.name.text, a.name.span);
    }
    std::set<std::string> seen;
    for (const auto& item : names) {
      const std::string& name = item.first;
      const Span span = item.second;
      if (!seen.insert(name).second) continue;
      for (const Concern& k : concerns()) {
        auto w = std::find_if(k.words.begin(), k.words.end(), [&](const char* word) { return name.find(word) != std::string::npos; });
        if (w == k.words.end()) continue;
        Diagnostic& d = c.report(DiagCode::W0610, span, {name, k.by, *w, k.reason}, r.article);
        d.help_override = Text{std::string(k.reason) + "。确需保留时，在规则后写“公平竞争审查：“审查结论”。”",
                               std::string(k.reason_en) + ". If it must stay, record the review's conclusion after the rule: 公平竞争审查：“……”。"};
        break;
      }
    }
  }
}

}  // namespace zc::sema::lint_detail

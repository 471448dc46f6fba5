// Fingerprints, pairing and aspects (see match.h).
#include "diff/match.h"

#include <algorithm>
#include <map>
#include <set>

#include "compiler/render/render.h"
#include "diff/words.h"

namespace zc::diff::detail {
namespace {

using Op = sema::Expr::Op;

std::string num(const Rational& r) { return std::to_string(r.num()) + "/" + std::to_string(r.den()); }

const char* op_name(Op op) {
  switch (op) {
    case Op::Const: return "const";
    case Op::Fact: return "fact";
    case Op::Derived: return "derived";
    case Op::Add: return "add";
    case Op::Sub: return "sub";
    case Op::Mul: return "mul";
    case Op::Min: return "min";
    case Op::Max: return "max";
    case Op::Clamp0: return "clamp0";
    case Op::Upto: return "upto";
    case Op::Round: return "round";
    case Op::Floor: return "floor";
    case Op::True: return "true";
    case Op::False: return "false";
    case Op::Not: return "not";
    case Op::And: return "and";
    case Op::Or: return "or";
    case Op::Cmp: return "cmp";
    case Op::OptEq: return "opteq";
    case Op::Select: return "select";
    case Op::ItemFact: return "itemfact";
    case Op::ItemCount: return "itemcount";
    case Op::ItemSum: return "itemsum";
  }
  return "?";
}

class Printer {
 public:
  explicit Printer(const Version& v) : v_(v) {}

  std::string expr(const sema::Expr* e) {
    if (!e) return "-";
    std::string s = std::string(op_name(e->op)) + ":" + std::to_string(static_cast<int>(e->type));
    switch (e->op) {
      case Op::Const:
        s += "(" + num(e->c) + (e->c2 ? "," + num(*e->c2) : "") + ")";
        break;
      case Op::Fact: s += "(" + fact(e->ref) + ")"; break;
      case Op::Derived: s += "(" + derived(e->ref) + ")"; break;
      case Op::Cmp: s += "(" + std::to_string(static_cast<int>(e->cmp)) + ")"; break;
      case Op::OptEq: {
        // The option by name: drafts may list a fact's options in another order.
        std::string option = "?";
        if (!e->args.empty() && e->args[0] && e->args[0]->op == Op::Fact && e->args[0]->ref >= 0) {
          const sema::Fact& f = v_.program->facts.at(static_cast<size_t>(e->args[0]->ref));
          if (e->ref >= 0 && static_cast<size_t>(e->ref) < f.options.size()) option = f.options[static_cast<size_t>(e->ref)];
        }
        s += "(" + option + ")";
        break;
      }
      default:
        break;
    }
    s += "[";
    for (const sema::ExprPtr& a : e->args) s += expr(a.get()) + ",";
    return s + "]";
  }

  std::string fact(int f) {
    if (f < 0 || static_cast<size_t>(f) >= v_.program->facts.size()) return "?";
    const sema::Fact& x = v_.program->facts[static_cast<size_t>(f)];
    std::string s = x.name + "|" + std::to_string(static_cast<int>(x.type)) + "|" + x.unit;
    for (const std::string& o : x.options) s += "|" + o;
    return s;
  }

  std::string derived(int d) {
    auto it = derived_.find(d);
    if (it != derived_.end()) return it->second;
    std::string s = d >= 0 && static_cast<size_t>(d) < v_.policy->defines.size() ? v_.policy->defines[static_cast<size_t>(d)].name.text : "?";
    if (d >= 0 && static_cast<size_t>(d) < v_.program->derived.size())
      s += "=" + expr(v_.program->derived[static_cast<size_t>(d)].value.get());
    derived_.emplace(d, s);
    return s;
  }

  std::string payer(int p) {
    return p >= 0 && static_cast<size_t>(p) < v_.program->payers.size() ? v_.program->payers[static_cast<size_t>(p)].name : "-";
  }

  std::string award(const sema::Award& a) {
    std::string s = "kind" + std::to_string(static_cast<int>(a.kind)) + ";payer=" + payer(a.payer) +
                    ";sel=" + std::to_string(a.selective) + ";each=" + std::to_string(a.tiers_each) + ";ext=" + payer(a.external_payer);
    for (const sema::Tier& t : a.tiers) s += ";tier(" + expr(t.when.get()) + "|" + expr(t.amount.get()) + "|" + expr(t.external.get()) + ")";
    for (const sema::ExprPtr& c : a.caps) s += ";cap(" + expr(c.get()) + ")";
    s += ";max(" + expr(a.unspec_max.get()) + ");benefit(" + a.benefit + ");ded(" + expr(a.deduction.get()) + ")";
    for (const sema::RiskShare& r : a.shares) s += ";share(" + payer(r.payer) + "|" + expr(r.amount.get()) + ")";
    for (const sema::SplitShare& p : a.split) {
      s += ";split(" + payer(p.payer) + "|" + expr(p.share.get());
      for (const sema::ExprPtr& c : p.caps) s += "|" + expr(c.get());
      s += ")";
    }
    return s;
  }

 private:
  const Version& v_;
  std::map<int, std::string> derived_;
};

std::string rounding(const Version& v) {
  return std::to_string(static_cast<int>(v.policy->header.rounding)) + "/" + std::to_string(static_cast<int>(v.policy->header.rounding_unit));
}

int rule_index(const Version& v, const std::string& name) {
  for (size_t i = 0; i < v.policy->rules.size(); ++i)
    if (v.policy->rules[i].name.text == name) return static_cast<int>(i);
  return -1;
}

// Constants of one type in an expression, as text (to tell a changed rate from a changed amount).
void constants(const sema::Expr* e, ValueType t, std::multiset<std::string>& out) {
  if (!e) return;
  if (e->op == Op::Const && e->type == t) out.insert(num(e->c) + (e->c2 ? "," + num(*e->c2) : ""));
  for (const sema::ExprPtr& a : e->args) constants(a.get(), t, out);
}

}  // namespace

std::string rule_fingerprint(const Version& v, int r) {
  Printer p(v);
  std::string s = "round=" + rounding(v);
  for (const sema::Branch& b : v.program->rules.at(static_cast<size_t>(r)).branches)
    s += "\nbranch(" + p.expr(b.cond.get()) + ")" + p.award(b.award);
  return s;
}

std::string rule_text(const Version& v, int r) { return render::rule_sentence(v.policy->rules.at(static_cast<size_t>(r))); }

std::string article_of(const Version& v, int r) { return sema::article_label(*v.policy, v.policy->rules.at(static_cast<size_t>(r)).article); }

std::vector<std::string> groups_of(const Version& v, int rule) {
  std::vector<std::string> out;
  for (const sema::Group& g : v.program->groups)
    if (std::find(g.members.begin(), g.members.end(), rule) != g.members.end()) out.push_back(g.name);
  std::sort(out.begin(), out.end());
  return out;
}

std::string group_fingerprint(const Version& v, const sema::Group& g) {
  std::string s = std::to_string(static_cast<int>(g.kind)) + "|" + std::to_string(static_cast<int>(g.mode)) + "|" +
                  (g.cap ? num(*g.cap) : "-");
  for (int m : g.members) s += "|" + v.policy->rules.at(static_cast<size_t>(m)).name.text;
  return s;
}

std::string group_text(const Version& v, const sema::Group& g) {
  for (const ast::CapGroup& c : v.policy->caps)
    if (g.kind == GroupKind::Cap && c.name.text == g.name) return render::cap_sentence(c);
  for (const ast::NoDupGroup& n : v.policy->nodups)
    if (g.kind == GroupKind::NoDup && n.name.text == g.name) return render::nodup_sentence(n);
  return g.name;
}

std::vector<Pairing> pair_rules(const Version& a, const Version& b) {
  const size_t na = a.policy->rules.size(), nb = b.policy->rules.size();
  std::vector<int> to_new(na, -1), to_old(nb, -1);
  std::vector<RuleChange::Kind> kind(na, RuleChange::Kind::Unchanged);
  // 1. By name.
  for (size_t i = 0; i < na; ++i) {
    int j = rule_index(b, a.policy->rules[i].name.text);
    if (j >= 0) {
      to_new[i] = j;
      to_old[static_cast<size_t>(j)] = static_cast<int>(i);
    }
  }
  std::vector<std::string> fa(na), fb(nb), ta(na), tb(nb);
  for (size_t i = 0; i < na; ++i) {
    fa[i] = rule_fingerprint(a, static_cast<int>(i));
    ta[i] = rule_text(a, static_cast<int>(i));
  }
  for (size_t j = 0; j < nb; ++j) {
    fb[j] = rule_fingerprint(b, static_cast<int>(j));
    tb[j] = rule_text(b, static_cast<int>(j));
  }
  // 2. Renamed: the same meaning.
  for (size_t i = 0; i < na; ++i) {
    if (to_new[i] >= 0) continue;
    for (size_t j = 0; j < nb; ++j) {
      if (to_old[j] >= 0 || fa[i] != fb[j]) continue;
      to_new[i] = static_cast<int>(j);
      to_old[j] = static_cast<int>(i);
      kind[i] = RuleChange::Kind::Renamed;
      break;
    }
  }
  // 3. Split: an old rule whose name is gone and whose words went into several new rules of its
  // article, told by how much more of the old sentence the new ones cover together than any one.
  std::vector<Pairing> splits;
  std::vector<bool> split_old(na, false), split_new(nb, false);
  for (size_t i = 0; i < na; ++i) {
    std::vector<int> extra;
    for (size_t j = 0; j < nb; ++j)
      if (to_old[j] < 0 && !split_new[j] && article_of(b, static_cast<int>(j)) == article_of(a, static_cast<int>(i)))
        extra.push_back(static_cast<int>(j));
    if (extra.empty()) continue;
    // Only a rule whose name is gone: one that keeps its name and gains a neighbour is a change
    // and an addition, each decided on its own.
    if (to_new[i] >= 0) continue;
    // Parts are taken in order while they cover more of the old sentence; a split covers clearly
    // more of it than any one part, and every part reads like a piece of it.
    double single = 0.0;
    for (int j : extra) single = std::max(single, coverage(ta[i], {tb[static_cast<size_t>(j)]}));
    std::vector<int> parts;
    std::vector<std::string> texts;
    double now = 0.0;
    for (int j : extra) {
      if (coverage(tb[static_cast<size_t>(j)], {ta[i]}) < 0.6) continue;
      texts.push_back(tb[static_cast<size_t>(j)]);
      double with = coverage(ta[i], texts);
      if (with > now + 0.05) {
        parts.push_back(j);
        now = with;
      } else {
        texts.pop_back();
      }
    }
    if (parts.size() < 2 || now < 0.8 || now < single + 0.05) continue;
    std::sort(parts.begin(), parts.end());
    for (int j : parts) split_new[static_cast<size_t>(j)] = true;
    split_old[i] = true;
    splits.push_back(Pairing{RuleChange::Kind::Split, {static_cast<int>(i)}, parts});
  }
  // 4. Renamed and reworded: the same article and mostly the same words.
  for (size_t i = 0; i < na; ++i) {
    if (to_new[i] >= 0 || split_old[i]) continue;
    double best = 0.6;
    int pick = -1;
    for (size_t j = 0; j < nb; ++j) {
      if (to_old[j] >= 0 || split_new[j] || article_of(a, static_cast<int>(i)) != article_of(b, static_cast<int>(j))) continue;
      double l = likeness(ta[i], tb[j]);
      if (l > best) {
        best = l;
        pick = static_cast<int>(j);
      }
    }
    if (pick >= 0) {
      to_new[i] = pick;
      to_old[static_cast<size_t>(pick)] = static_cast<int>(i);
      kind[i] = RuleChange::Kind::Renamed;
    }
  }
  // In the newer draft's order, removed rules where they stood in the older one.
  std::vector<Pairing> out;
  std::vector<bool> done_old(na, false);
  auto removed_before = [&](size_t upto) {
    for (size_t i = 0; i < upto && i < na; ++i) {
      if (done_old[i] || to_new[i] >= 0 || split_old[i]) continue;
      done_old[i] = true;
      out.push_back(Pairing{RuleChange::Kind::Removed, {static_cast<int>(i)}, {}});
    }
  };
  for (size_t j = 0; j < nb; ++j) {
    if (split_new[j]) {
      for (const Pairing& s : splits) {
        if (s.news.front() != static_cast<int>(j)) continue;
        removed_before(static_cast<size_t>(s.olds.front()));
        done_old[static_cast<size_t>(s.olds.front())] = true;
        out.push_back(s);
      }
      continue;
    }
    int i = to_old[j];
    if (i < 0) {
      out.push_back(Pairing{RuleChange::Kind::Added, {}, {static_cast<int>(j)}});
      continue;
    }
    removed_before(static_cast<size_t>(i));
    done_old[static_cast<size_t>(i)] = true;
    RuleChange::Kind k = kind[static_cast<size_t>(i)];
    if (k == RuleChange::Kind::Unchanged && !aspects(a, i, b, static_cast<int>(j)).empty()) k = RuleChange::Kind::Changed;
    out.push_back(Pairing{k, {i}, {static_cast<int>(j)}});
  }
  removed_before(na);
  return out;
}

std::vector<std::string> aspects(const Version& a, int ra, const Version& b, int rb) {
  std::vector<std::string> out;
  auto add = [&](const char* s) {
    if (std::find(out.begin(), out.end(), s) == out.end()) out.emplace_back(s);
  };
  Printer pa(a), pb(b);
  const sema::Rule& x = a.program->rules.at(static_cast<size_t>(ra));
  const sema::Rule& y = b.program->rules.at(static_cast<size_t>(rb));
  if (x.branches.size() != y.branches.size()) add("情形");
  for (size_t k = 0; k < std::min(x.branches.size(), y.branches.size()); ++k) {
    const sema::Branch& p = x.branches[k];
    const sema::Branch& q = y.branches[k];
    if (pa.expr(p.cond.get()) != pb.expr(q.cond.get())) add("条件");
    const sema::Award& u = p.award;
    const sema::Award& v = q.award;
    if (u.kind != v.kind) add("结果");
    if (pa.payer(u.payer) != pb.payer(v.payer)) add("出资方");
    if (u.selective != v.selective) add("择优");
    if (u.benefit != v.benefit) add("待遇");
    if (u.tiers.size() != v.tiers.size() || u.tiers_each != v.tiers_each) add("档次");
    for (size_t t = 0; t < std::min(u.tiers.size(), v.tiers.size()); ++t) {
      if (pa.expr(u.tiers[t].when.get()) != pb.expr(v.tiers[t].when.get())) add("档次");
      if (pa.expr(u.tiers[t].amount.get()) != pb.expr(v.tiers[t].amount.get())) {
        std::multiset<std::string> ra1, rb1, ma, mb;
        constants(u.tiers[t].amount.get(), ValueType::Rate, ra1);
        constants(v.tiers[t].amount.get(), ValueType::Rate, rb1);
        constants(u.tiers[t].amount.get(), ValueType::Money, ma);
        constants(v.tiers[t].amount.get(), ValueType::Money, mb);
        if (ra1 != rb1) add("比例");
        if (ma != mb || ra1 == rb1) add("金额");
      }
      if (pa.expr(u.tiers[t].external.get()) != pb.expr(v.tiers[t].external.get()) || pa.payer(u.external_payer) != pb.payer(v.external_payer))
        add("上级金额");
    }
    std::string ca, cb;
    for (const sema::ExprPtr& c : u.caps) ca += pa.expr(c.get());
    for (const sema::ExprPtr& c : v.caps) cb += pb.expr(c.get());
    if (ca != cb) add("上限");
    if (pa.expr(u.unspec_max.get()) != pb.expr(v.unspec_max.get()) || pa.expr(u.deduction.get()) != pb.expr(v.deduction.get()))
      add("金额");
    std::string sa, sb;
    for (const sema::RiskShare& s : u.shares) sa += pa.payer(s.payer) + pa.expr(s.amount.get());
    for (const sema::RiskShare& s : v.shares) sb += pb.payer(s.payer) + pb.expr(s.amount.get());
    auto split_text = [](auto& pv, const sema::Award& aw) {
      std::string t;
      for (const sema::SplitShare& part : aw.split) {
        t += pv.payer(part.payer) + pv.expr(part.share.get());
        for (const sema::ExprPtr& c : part.caps) t += pv.expr(c.get());
      }
      return t;
    };
    sa += split_text(pa, u);
    sb += split_text(pb, v);
    if (sa != sb) add("分担");
  }
  if (rounding(a) != rounding(b)) add("舍入");
  if (groups_of(a, ra) != groups_of(b, rb)) add("分组");
  const ast::Rule& ar = a.policy->rules.at(static_cast<size_t>(ra));
  const ast::Rule& br = b.policy->rules.at(static_cast<size_t>(rb));
  if (out.empty() && rule_fingerprint(a, ra) != rule_fingerprint(b, rb)) add("定义");
  if (rule_text(a, ra) != rule_text(b, rb) && out.empty()) add("文字");
  if (ar.note != br.note) add("说明");
  if (ar.review != br.review) add("公平竞争审查");
  if (ar.name.text != br.name.text) add("名称");
  return out;
}

std::set<std::string> redefined(const Version& a, const Version& b) {
  std::set<std::string> out;
  Printer pa(a), pb(b);
  for (size_t i = 0; i < a.policy->defines.size(); ++i)
    for (size_t j = 0; j < b.policy->defines.size(); ++j)
      if (a.policy->defines[i].name.text == b.policy->defines[j].name.text &&
          pa.derived(static_cast<int>(i)) != pb.derived(static_cast<int>(j)))
        out.insert(a.policy->defines[i].name.text);
  return out;
}

std::vector<DeclChange> declaration_changes(const Version& a, const Version& b) {
  std::vector<DeclChange> out;
  auto type_word = [](const sema::Fact& f) {
    switch (f.type) {
      case ValueType::Bool: return std::string("是否");
      case ValueType::Money: return std::string("金额");
      case ValueType::Rate: return std::string("比例");
      case ValueType::Count: return "数量（" + f.unit + "）";
      case ValueType::Option: return std::string("选项");
      case ValueType::Date: return std::string("日期");
      case ValueType::Points: return std::string("分数");
    }
    return std::string("?");
  };
  auto def_text = [](const sema::Fact& f) {
    if (!f.def) return std::string("无默认值");
    switch (f.def->kind) {
      case FactValue::Kind::Missing: return std::string("无默认值");
      case FactValue::Kind::Bool: return std::string(f.def->b ? "是" : "否");
      case FactValue::Kind::Opt: return f.def->opt < f.options.size() ? f.options[f.def->opt] : std::string("?");
      case FactValue::Kind::Num: return f.def->num.to_decimal();
    }
    return std::string("?");
  };
  const char* kind_a = "事实";
  std::map<std::string, const sema::Fact*> fa, fb;
  for (const sema::Fact& f : a.program->facts) fa[f.name] = &f;
  for (const sema::Fact& f : b.program->facts) fb[f.name] = &f;
  for (const sema::Fact& f : b.program->facts) {
    const char* kind = f.indicator ? "指标" : kind_a;
    auto it = fa.find(f.name);
    if (it == fa.end()) {
      out.push_back(DeclChange{std::string("新增") + kind + "「" + f.name + "」（" + type_word(f) + "）"});
      continue;
    }
    const sema::Fact& o = *it->second;
    if (o.type != f.type || o.unit != f.unit) {
      out.push_back(DeclChange{std::string(kind) + "「" + f.name + "」的类型由" + type_word(o) + "改为" + type_word(f) +
                               "：用到它的规则不作语义比较"});
      continue;
    }
    if (def_text(o) != def_text(f))
      out.push_back(DeclChange{std::string(kind) + "「" + f.name + "」的默认值由" + def_text(o) + "改为" + def_text(f) +
                               "：只影响事实文件未给出它的申请人（语义比较按申请人给出全部事实计）"});
    for (const std::string& opt : f.options)
      if (std::find(o.options.begin(), o.options.end(), opt) == o.options.end())
        out.push_back(DeclChange{"「" + f.name + "」新增选项「" + opt + "」：旧版无法表达选该项的申请人，语义比较不含这些申请人"});
    for (const std::string& opt : o.options)
      if (std::find(f.options.begin(), f.options.end(), opt) == f.options.end())
        out.push_back(DeclChange{"「" + f.name + "」删去选项「" + opt + "」：新版无法表达选该项的申请人，语义比较不含这些申请人"});
    std::string pa = o.from_payer >= 0 ? a.program->payers[static_cast<size_t>(o.from_payer)].name : "";
    std::string pb = f.from_payer >= 0 ? b.program->payers[static_cast<size_t>(f.from_payer)].name : "";
    if (pa != pb) out.push_back(DeclChange{"「" + f.name + "」的来源出资方由" + (pa.empty() ? "无" : pa) + "改为" + (pb.empty() ? "无" : pb)});
  }
  for (const sema::Fact& f : a.program->facts)
    if (!fb.count(f.name)) out.push_back(DeclChange{std::string("删除") + (f.indicator ? "指标" : kind_a) + "「" + f.name + "」"});
  if (rounding(a) != rounding(b)) out.push_back(DeclChange{"舍入规则改变：每一笔计算出的金额都可能受影响"});
  return out;
}

}  // namespace zc::diff::detail

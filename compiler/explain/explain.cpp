// The explainer (see explain.h). Conditions are read on the AST, leaf by leaf, so that a reason can
// quote the applicant's value next to the words of the clause (「研发投入」为45万元，未达到50万元以上);
// amounts are followed through the checked program's award expressions with their trace templates;
// results, 不重复 and 上限 effects are the VM's.
#include "compiler/explain/explain.h"

#include <algorithm>
#include <functional>
#include <unordered_map>

#include "base/units.h"
#include "compiler/explain/walk.h"
#include "compiler/render/render.h"
#include "runtime/vm/text.h"
#include "runtime/vm/totals.h"

namespace zc::explain {
namespace {

enum class Truth { Yes, No, Unknown };

// One condition for this applicant, in words.
struct Reading {
  Truth t = Truth::Unknown;
  std::vector<std::string> held;    // why it holds
  std::vector<std::string> failed;  // why it does not
  std::vector<std::string> missing; // facts the applicant did not give
};

std::string join(const std::vector<std::string>& v, const std::string& sep) {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) s += (i ? sep : "") + v[i];
  return s;
}

void append(std::vector<std::string>& to, const std::vector<std::string>& from) { to.insert(to.end(), from.begin(), from.end()); }

class Explainer {
 public:
  Explainer(const ast::Policy& p, const sema::Program& prog, const Module& m, const std::vector<FactValue>& facts,
            const Evaluation& ev, const Options& o)
      : p_(p), prog_(prog), m_(m), ev_(ev), o_(o), en_(o.lang == Lang::En),
        walk_(prog, facts, p.header.rounding, p.header.rounding_unit) {
    for (size_t i = 0; i < prog.facts.size(); ++i) refs_[prog.facts[i].name] = Ref{Ref::Kind::Fact, static_cast<int>(i)};
    for (size_t i = 0; i < p.defines.size(); ++i) refs_[p.defines[i].name.text] = Ref{Ref::Kind::Derived, static_cast<int>(i)};
  }

  std::string run();

  // A branch's conditions as written, then the condition its award adds, if any
  // (在完成「年度目标任务」的基础上: the count must reach the target).
  Reading branch(size_t r, size_t b) {
    if (r < prog_.rules.size() && b < prog_.rules[r].branches.size() && prog_.rules[r].branches[b].joined) {
      Reading j;  // 另行: paid with the alternative before it, never on its own
      j.t = Truth::No;
      j.failed.push_back(L("另行加发，随前一种情形给付", "paid on top of the alternative before it"));
      return j;
    }
    Reading x = clause(p_.rules[r].branches[b]);
    if (x.t != Truth::Yes || r >= prog_.rules.size() || b >= prog_.rules[r].branches.size()) return x;
    // A definition the clause uses says 其他不予支持 for this applicant: the clause does not hold.
    if (std::vector<std::string> none = unsupported(prog_.rules[r].branches[b]); !none.empty()) {
      x.t = Truth::No;
      x.held.clear();
      x.failed = std::move(none);
      return x;
    }
    // 清单: no item counts, no award (the conditions on items were read item by item).
    if (const sema::Expr* n = item_count(prog_.rules[r].branches[b].cond.get())) {
      Val v = walk_.eval(*n);
      if (!v.known()) {
        x.t = Truth::Unknown;
        return x;
      }
      if (v.v.lo.sign() == 0) {
        x.t = Truth::No;
        x.held.clear();
        x.failed.push_back(q(prog_.facts[static_cast<size_t>(n->ref)].name) + L("中没有计入的项", " has no item that counts"));
        return x;
      }
    }
    const sema::Expr* guard = prog_.rules[r].branches[b].award.guard.get();
    if (!guard) return x;
    Val g = walk_.eval(*guard);
    if (!g.known()) {
      x.t = Truth::Unknown;
      return x;
    }
    if (!g.b) {
      x.t = Truth::No;
      const sema::Award& aw = prog_.rules[r].branches[b].award;
      if (aw.guard_topup) {
        // 减去「已获奖励」: what was received already reaches the standard of the tier taken.
        for (size_t k = 0; k < aw.tiers.size() && k < aw.topup_standard.size(); ++k) {
          if (!aw.topup_standard[k]) continue;
          if (aw.tiers[k].when) {
            Val w = walk_.eval(*aw.tiers[k].when);
            if (!w.known() || !w.b) continue;
          }
          std::string st = walk_.show(walk_.eval(*aw.topup_standard[k]), ValueType::Money, "");
          std::string got = walk_.show(walk_.eval(*aw.topup_received), ValueType::Money, "");
          x.failed.push_back(L("已获得的", "") + q(aw.topup_received_name) + L("为", " (already received) is ") + got +
                             L("，不低于标准", ", not below the standard ") + st + L("，无差额可补", ": nothing to top up"));
          return x;
        }
      }
      const sema::Expr& count = *guard->args[0];
      const sema::Expr& target = *guard->args[1];
      auto named = [&](const sema::Expr& ex) {
        Val v = walk_.eval(ex);
        const std::string& n = prog_.facts[static_cast<size_t>(ex.ref)].name;
        return q(n) + L("为", " is ") + walk_.show(v, ex.type, prog_.facts[static_cast<size_t>(ex.ref)].unit);
      };
      bool facts = count.op == sema::Expr::Op::Fact && target.op == sema::Expr::Op::Fact;
      if (prog_.rules[r].branches[b].award.guard_growth && guard->op == sema::Expr::Op::Cmp) {
        // 较「上年研发投入」新增部分: no growth, no award; say so with both amounts.
        auto amount = [&](const sema::Expr& ex) { return walk_.show(walk_.eval(ex), ex.type, ""); };
        auto label = [&](const sema::Expr& ex) {
          if (ex.op == sema::Expr::Op::Fact) return q(prog_.facts[static_cast<size_t>(ex.ref)].name);
          if (ex.op == sema::Expr::Op::Derived) return q(p_.defines[static_cast<size_t>(ex.ref)].name.text);
          return std::string();
        };
        x.failed.push_back(L("未较", "no growth over ") + label(target) + L("增长（", " (") + label(count) + L("为", " is ") + amount(count) +
                           L("，", ", ") + label(target) + L("为", " is ") + amount(target) + L("）", ")"));
        return x;
      }
      x.failed.push_back(facts ? L("未完成", "did not reach ") + q(prog_.facts[static_cast<size_t>(target.ref)].name) + L("（", " (") +
                                     named(count) + L("，", ", ") + named(target) + L("）", ")")
                               : L("未达到给付所需的基数", "the baseline the award needs is not reached"));
    }
    return x;
  }

  // The alternative whose conditions hold, by the explainer's reading (-1: none, -2: undecided).
  int chosen_branch(size_t r) {
    const ast::Rule& ar = p_.rules[r];
    for (size_t b = 0; b < ar.branches.size(); ++b) {
      Reading x = branch(r, b);
      if (x.t == Truth::Yes) return static_cast<int>(b);
      if (x.t == Truth::Unknown) return -2;
    }
    return -1;
  }

  // The amount the explainer's walk gives one rule's branch, when it is a plain amount.
  std::optional<Interval> walked_amount(size_t r, size_t b) {
    const sema::Award& a = prog_.rules[r].branches[b].award;
    if (a.kind != sema::Award::Kind::Amount) return std::nullopt;
    std::vector<std::string> lines;
    return amount_steps(a, lines);
  }

 private:
  struct Ref {
    enum class Kind { None, Fact, Derived } kind = Kind::None;
    int index = -1;
  };

  std::string L(const std::string& zh, const std::string& en) const { return en_ ? en : zh; }

  Ref lookup(const std::string& name) const {
    auto it = refs_.find(name);
    return it == refs_.end() ? Ref{} : it->second;
  }
  Val value(Ref r) {
    if (r.kind == Ref::Kind::Fact) return walk_.fact(r.index);
    if (r.kind == Ref::Kind::Derived) return walk_.derived(r.index);
    return Val{};
  }
  ValueType type(Ref r) const {
    if (r.kind == Ref::Kind::Fact) return prog_.facts[static_cast<size_t>(r.index)].type;
    if (r.kind == Ref::Kind::Derived) return prog_.derived[static_cast<size_t>(r.index)].type;
    return ValueType::Bool;
  }
  // A value with its unit; a number or option the applicant did not give says it is the default.
  std::string shown(Ref r, const Val& v) const {
    if (const std::string* label = rating(r, v)) return *label;
    std::string unit = r.kind == Ref::Kind::Fact ? prog_.facts[static_cast<size_t>(r.index)].unit : std::string();
    std::string s = walk_.show(v, type(r), unit);
    if (v.defaulted && v.kind != Val::Kind::Bool) s += en_ ? " (not given; the default)" : "（未填报，按默认值）";
    return s;
  }
  static std::string q(const std::string& name) { return "「" + name + "」"; }

  // A rating's option (the engines compute its index), or null for any other value. Under 其他不予支持
  // the index is past the options: no rating.
  const std::string* rating(Ref r, const Val& v) const {
    if (r.kind != Ref::Kind::Derived || v.kind != Val::Kind::Num) return nullptr;
    const std::vector<std::string>& opts = prog_.derived[static_cast<size_t>(r.index)].options;
    if (opts.empty()) return nullptr;
    static const std::string none_zh = "无等级（其他不予支持）", none_en = "no rating (其他不予支持)";
    const Rational& k = v.v.lo;
    if (k.is_integer() && k.num() >= 0 && static_cast<size_t>(k.num()) < opts.size()) return &opts[static_cast<size_t>(k.num())];
    return en_ ? &none_en : &none_zh;
  }

  // 其他不予支持: the definitions a clause uses (directly or through others) that have no value for
  // this applicant, each with the value its table was banded on.
  std::vector<std::string> unsupported(const sema::Branch& b) {
    std::vector<int> seen;
    std::function<void(const sema::Expr*)> refs = [&](const sema::Expr* x) {
      if (!x) return;
      if (x->op == sema::Expr::Op::Derived && std::find(seen.begin(), seen.end(), x->ref) == seen.end()) {
        seen.push_back(x->ref);
        refs(prog_.derived[static_cast<size_t>(x->ref)].value.get());
      }
      for (const sema::ExprPtr& a : x->args) refs(a.get());
    };
    refs(b.cond.get());
    for (const sema::Tier& t : b.award.tiers) {
      refs(t.when.get());
      refs(t.amount.get());
    }
    for (const sema::ExprPtr& c : b.award.caps) refs(c.get());
    refs(b.award.unspec_max.get());
    std::vector<std::string> out;
    for (int d : seen) {
      const sema::Derived& dv = prog_.derived[static_cast<size_t>(d)];
      if (!dv.supported || !dv.options.empty()) continue;
      Val held = walk_.eval(*dv.supported);
      if (held.kind != Val::Kind::Bool || held.b) continue;
      const ast::Define& def = p_.defines[static_cast<size_t>(d)];
      if (def.kind == ast::Define::Kind::TopUp && dv.supported->op == sema::Expr::Op::Cmp) {
        // 「新级别标准」减去「已获奖励」: what was received already reaches the standard.
        std::string st = walk_.show(walk_.eval(*dv.supported->args[0]), ValueType::Money, "");
        std::string got = walk_.show(walk_.eval(*dv.supported->args[1]), ValueType::Money, "");
        out.push_back(q(def.name.text) + L("无差额：已获得的", " leaves nothing: ") + q(def.received.text) + L("为", " (already received) is ") +
                      got + L("，不低于", ", not below ") +
                      (def.standard && def.standard->kind == ast::Value::Kind::Name ? q(def.standard->name.text) + L("", " ") : std::string()) +
                      st);
        continue;
      }
      std::string on;
      if (def.kind == ast::Define::Kind::Bands) {
        Ref br = lookup(def.band_on.text);
        Val bv = value(br);
        if (bv.known()) on = L("，", ", ") + q(def.band_on.text) + L("为", " is ") + shown(br, bv);
      }
      out.push_back(q(def.name.text) + L("不在所列各档，其他不予支持", " is in none of its bands: 其他不予支持") + on);
    }
    return out;
  }

  Reading missing(const std::string& name) const {
    Reading x;
    x.missing.push_back(q(name));
    x.failed.push_back(en_ ? q(name) + " was not given" : "未提供" + q(name));
    return x;
  }

  // A yes/no name: a fact or a definition (whose own condition is explained when it fails).
  Reading boolean(const ast::Name& n, bool want, int depth) {
    Ref r = lookup(n.text);
    Val v = value(r);
    if (!v.known()) return missing(n.text);
    Reading x;
    bool holds = v.b == want;
    x.t = holds ? Truth::Yes : Truth::No;
    std::string said = q(n.text) + (en_ ? (v.b ? ": yes" : ": no") : (v.b ? "为是" : "为否"));
    if (!holds && r.kind == Ref::Kind::Derived && depth < 8) {
      const ast::Define& d = p_.defines[static_cast<size_t>(r.index)];
      if (d.kind == ast::Define::Kind::Cond && d.cond) {
        Reading inner = cond(*d.cond, depth + 1);
        const std::vector<std::string>& why = want ? inner.failed : inner.held;
        if (!why.empty()) said += "（" + join(why, "；") + "）";
      }
    }
    (holds ? x.held : x.failed).push_back(said);
    return x;
  }

  // 「研发费用」占「营业收入」的比例不低于4%: both quantities, the share they make, and the test; a
  // whole of 0 gives no share, and the condition does not hold (as on the engines).
  Reading share(const ast::Cond& c) {
    const ast::Name& part = c.names[0];
    const ast::Comparison& cmp = *c.cmp;
    const ast::Name& whole = c.share ? c.share->whole : *cmp.of;
    Ref pr = lookup(part.text), wr = lookup(whole.text);
    Val pv = value(pr), wv = value(wr);
    if (!pv.known()) return missing(part.text);
    if (!wv.known()) return missing(whole.text);
    Rational rate = cmp.rhs.lit.value;
    std::string extra;
    if (cmp.rhs.kind == ast::Value::Kind::Name) {
      Ref rr = lookup(cmp.rhs.name.text);
      Val rv = value(rr);
      if (!rv.known()) return missing(cmp.rhs.name.text);
      rate = rv.v.lo;
      extra = L("（", " (") + q(cmp.rhs.name.text) + L("为", " is ") + shown(rr, rv) + L("）", ")");
    }
    std::string words = render::cond_text(c);
    std::string values = q(part.text) + L("为", " is ") + shown(pr, pv) + L("，", ", ") + q(whole.text) + L("为", " is ") + shown(wr, wv);
    Reading x;
    std::optional<Rational> ratio = wv.v.lo.sign() > 0 ? pv.v.lo.div(wv.v.lo) : std::nullopt;
    if (!ratio) {
      x.t = Truth::No;
      x.failed.push_back(values + L("：" + q(whole.text) + "为0，比例无从计算，不符合“" + words + "”",
                                    ": with " + q(whole.text) + " at 0 there is no share, so “" + words + "” does not hold"));
      return x;
    }
    int k = ratio->compare(rate);
    bool holds = cmp.op == CmpOp::Lt ? k < 0 : cmp.op == CmpOp::Le ? k <= 0 : cmp.op == CmpOp::Gt ? k > 0 : cmp.op == CmpOp::Ge ? k >= 0 : k == 0;
    x.t = holds ? Truth::Yes : Truth::No;
    std::string shares = L("，比例为", ", a share of ") + rate_text(*ratio);
    (holds ? x.held : x.failed)
        .push_back(values + shares + L(holds ? "，符合“" : "，不符合“", holds ? ", which meets “" : ", which does not meet “") + words + L("”", "”") + extra);
    return x;
  }

  // A date within [from, to] (to absent: on or after from), both days included.
  Reading within(const std::string& name, Ref r, const Val& v, const Rational& from, const std::optional<Rational>& to,
                 const std::string& words, const std::string& extra) {
    bool holds = v.v.lo.compare(from) >= 0 && (!to || v.v.lo.compare(*to) <= 0);
    Reading x;
    x.t = holds ? Truth::Yes : Truth::No;
    (holds ? x.held : x.failed)
        .push_back(q(name) + L("为", " is ") + shown(r, v) + L(holds ? "，符合“" : "，不符合“", holds ? ", which meets “" : ", which does not meet “") +
                   words + "”" + extra);
    return x;
  }

  // 「完成日期」自2023年7月1日起至2025年6月30日止: both named days belong to the window.
  Reading window(const ast::Cond& c) {
    const ast::Name& n = c.names[0];
    Ref r = lookup(n.text);
    Val v = value(r);
    if (!v.known()) return missing(n.text);
    const ast::DateWindow& w = *c.window;
    std::optional<Rational> to;
    if (w.to) to = w.to->value;
    std::string words = render::cond_text(c).substr(n.text.size());
    return within(n.text, r, v, w.from.value, to, words,
                  to ? L("（两端当日都包括）", " (both days included)") : L("（当日包括）", " (the day included)"));
  }

  Reading compare(const ast::Cond& c) {
    if (c.names.size() > 1) {
      // 更新用能设备、总投资30万元以上: the yes/no conditions before the one compared all hold (as checked).
      Reading x;
      x.t = Truth::Yes;
      ast::Cond last;
      last.span = c.span;
      last.names = {c.names.back()};
      last.cmp = c.cmp;
      std::vector<Reading> parts;
      for (size_t k = 0; k + 1 < c.names.size(); ++k) parts.push_back(boolean(c.names[k], true, 0));
      parts.push_back(compare(last));
      for (const Reading& r : parts) {
        append(x.held, r.held);
        append(x.missing, r.missing);
        if (r.t == Truth::No) {
          x.t = Truth::No;
          append(x.failed, r.failed);
        } else if (r.t == Truth::Unknown && x.t == Truth::Yes) {
          x.t = Truth::Unknown;
          append(x.failed, r.failed);
        }
      }
      return x;
    }
    const ast::Name& n = c.names[0];
    const ast::Comparison& cmp = *c.cmp;
    if (c.share || cmp.of) return share(c);
    Ref lr = lookup(n.text);
    Val lv = value(lr);
    if (!lv.known()) return missing(n.text);
    Rational rhs;
    std::string extra;
    if (cmp.rhs.kind == ast::Value::Kind::Name) {
      Ref rr = lookup(cmp.rhs.name.text);
      Val rv = value(rr);
      if (!rv.known()) return missing(cmp.rhs.name.text);
      rhs = rv.v.lo;
      extra = "（" + q(cmp.rhs.name.text) + (en_ ? " is " : "为") + shown(rr, rv) + "）";
    } else {
      rhs = cmp.rhs.lit.value;
    }
    CmpOp op = cmp.op;
    if (type(lr) == ValueType::Date && cmp.pre == "近" && cmp.rhs.kind == ast::Value::Kind::Literal &&
        cmp.rhs.lit.kind == ast::LitKind::Count && p_.header.eval_date && cmp.rhs.lit.value.is_integer()) {
      // 近三年: from the day three years before the 评价日期 to the 评价日期, both included (as checked).
      int64_t months = cmp.rhs.lit.value.num() * (cmp.rhs.lit.unit == "年" ? 12 : 1);
      Rational from(period_start_by(p_.header.eval_date->value.num(), months));
      return within(n.text, lr, lv, from, p_.header.eval_date->value, render::comparison_text(cmp),
                    L("（" + date_text(from) + "至评价日期" + date_text(p_.header.eval_date->value) + "）",
                      " (" + date_text(from) + " to the evaluation date " + date_text(p_.header.eval_date->value) + ")"));
    }
    if (type(lr) == ValueType::Date && cmp.rhs.kind == ast::Value::Kind::Literal && cmp.rhs.lit.kind == ast::LitKind::Count &&
        p_.header.eval_date && cmp.rhs.lit.value.is_integer()) {
      // 满2年: the date compared with the latest start whose period has run by the 评价日期 (as checked).
      int64_t months = cmp.rhs.lit.value.num() * (cmp.rhs.lit.unit == "年" ? 12 : 1);
      rhs = Rational(period_start_by(p_.header.eval_date->value.num(), months));
      op = op == CmpOp::Ge ? CmpOp::Le : op == CmpOp::Gt ? CmpOp::Lt : op == CmpOp::Le ? CmpOp::Ge : op == CmpOp::Lt ? CmpOp::Gt : op;
      extra = L("（算至评价日期" + date_text(p_.header.eval_date->value) + "）", " (counted to the evaluation date " +
                                                                                 date_text(p_.header.eval_date->value) + ")");
    }
    int k = lv.v.lo.compare(rhs);
    bool holds = op == CmpOp::Lt ? k < 0 : op == CmpOp::Le ? k <= 0 : op == CmpOp::Gt ? k > 0 : op == CmpOp::Ge ? k >= 0 : k == 0;
    if (cmp.between && cmp.rhs.kind == ast::Value::Kind::Literal && cmp.rhs.lit.hi) {
      // 25%（含）-30%: both ends, each included as written or as its neighbour settled it.
      int kh = lv.v.lo.compare(*cmp.rhs.lit.hi);
      holds = (cmp.lo_incl.value_or(true) ? k >= 0 : k > 0) && (cmp.hi_incl.value_or(true) ? kh <= 0 : kh < 0);
    }
    ast::Comparison plain = cmp;
    plain.zai.clear();  // 在500平方米以上: the 在 reads “达到500平方米以上” in an explanation
    std::string words = render::comparison_text(plain);
    Reading x;
    x.t = holds ? Truth::Yes : Truth::No;
    std::string said;
    if (en_) {
      said = q(n.text) + " is " + shown(lr, lv) + (holds ? ", which meets “" : ", which does not meet “") + words + "”" + extra;
    } else {
      bool reach = (cmp.op == CmpOp::Ge || cmp.op == CmpOp::Gt) && cmp.pre.empty();
      said = q(n.text) + "为" + shown(lr, lv) + "，" +
             (reach ? (holds ? "达到" : "未达到") + words : (holds ? "符合“" : "不符合“") + words + "”") + extra;
    }
    (holds ? x.held : x.failed).push_back(said);
    return x;
  }

  Reading options(const ast::Cond& c) {
    const ast::Name& n = c.names[0];
    if (c.values.size() == 1 && (c.values[0].kind == ast::Value::Kind::Yes || c.values[0].kind == ast::Value::Kind::No))
      return boolean(n, c.values[0].kind == ast::Value::Kind::Yes, 0);
    Ref r = lookup(n.text);
    Val v = value(r);
    if (!v.known()) return missing(n.text);
    const std::string* label = rating(r, v);
    std::string raw = label ? *label : walk_.show(v, ValueType::Option), have = shown(r, v);
    std::vector<std::string> listed;
    bool holds = false;
    for (const ast::Value& x : c.values) {
      std::string o = render::value_text(x);
      listed.push_back(o);
      holds = holds || o == raw;
    }
    Reading x;
    x.t = holds ? Truth::Yes : Truth::No;
    if (holds) {
      x.held.push_back(q(n.text) + (en_ ? " is " : "为") + have);
    } else {
      x.failed.push_back(en_ ? q(n.text) + " is " + have + ", not one of " + join(listed, "、")
                             : q(n.text) + "为" + have + "，不属于" + join(listed, "、"));
    }
    return x;
  }

  // The ITEMS_COUNT a clause paid item by item tests (its items that count), or null.
  static const sema::Expr* item_count(const sema::Expr* e) {
    if (!e) return nullptr;
    if (e->op == sema::Expr::Op::ItemCount) return e;
    for (const sema::ExprPtr& a : e->args)
      if (const sema::Expr* f = item_count(a.get())) return f;
    return nullptr;
  }

  Reading cond(const ast::Cond& c, int depth = 0) {
    // A condition on an item's fact is read item by item (the calculation lists each item).
    if (c.kind == ast::Cond::Kind::Fact || c.kind == ast::Cond::Kind::Is) {
      for (const ast::Name& n : c.names) {
        Ref r = lookup(n.text);
        if (r.kind == Ref::Kind::Fact && prog_.facts[static_cast<size_t>(r.index)].item_of >= 0) {
          Reading x;
          x.t = Truth::Yes;
          x.held.push_back(q(n.text) + L("逐项判断（见计算）", " is judged item by item (see the calculation)"));
          return x;
        }
      }
    }
    switch (c.kind) {
      case ast::Cond::Kind::Fact: {
        if (c.window) return window(c);
        if (c.cmp) return compare(c);
        if (c.names.size() == 1) return boolean(c.names[0], true, depth);
        // 「甲」、「乙」: any of them.
        Reading x;
        x.t = Truth::No;
        std::vector<std::string> all;
        for (const ast::Name& n : c.names) {
          Reading one = boolean(n, true, depth);
          append(x.missing, one.missing);
          if (one.t == Truth::Yes) {
            x.t = Truth::Yes;
            append(x.held, one.held);
          } else if (one.t == Truth::Unknown && x.t == Truth::No) {
            x.t = Truth::Unknown;
          }
          all.push_back(q(n.text));
        }
        if (x.t != Truth::Yes) x.failed.push_back(en_ ? "none of " + join(all, ", ") + " holds" : join(all, "、") + "均为否");
        return x;
      }
      case ast::Cond::Kind::Is: return options(c);
      case ast::Cond::Kind::Not: {
        Reading inner = cond(*c.children[0], depth);
        Reading x;
        x.missing = inner.missing;
        if (inner.t == Truth::Unknown) {
          x.failed = inner.failed;
          return x;
        }
        std::string words = render::cond_text(c);
        if (inner.t == Truth::No) {
          x.t = Truth::Yes;
          x.held.push_back((en_ ? "meets “" : "符合“") + words + "”" + (inner.failed.empty() ? "" : "（" + join(inner.failed, "；") + "）"));
        } else {
          x.t = Truth::No;
          x.failed.push_back(join(inner.held, "；") + (en_ ? ", which does not meet “" : "，不符合“") + words + "”");
        }
        return x;
      }
      case ast::Cond::Kind::Group: {
        bool is_and = !c.op_is_and.empty() && c.op_is_and[0];
        std::vector<Reading> parts;
        for (const auto& ch : c.children) parts.push_back(cond(*ch, depth));
        Reading x;
        bool any_yes = false, any_no = false, any_unknown = false;
        for (const Reading& r : parts) {
          any_yes = any_yes || r.t == Truth::Yes;
          any_no = any_no || r.t == Truth::No;
          any_unknown = any_unknown || r.t == Truth::Unknown;
          append(x.missing, r.missing);
        }
        if (is_and) {
          x.t = any_no ? Truth::No : any_unknown ? Truth::Unknown : Truth::Yes;
          for (const Reading& r : parts) {
            append(x.held, r.held);
            if (r.t != Truth::Yes) append(x.failed, r.failed);
          }
          return x;
        }
        x.t = any_yes ? Truth::Yes : any_unknown ? Truth::Unknown : Truth::No;
        if (any_yes) {
          for (const Reading& r : parts)
            if (r.t == Truth::Yes) { x.held = r.held; break; }
          return x;
        }
        std::string s = en_ ? "none of these holds: " : "以下情形均不符合：";
        for (size_t i = 0; i < parts.size(); ++i)
          s += (i ? "；" : "") + std::string("（") + std::to_string(i + 1) + "）" + join(parts[i].failed, "，");
        x.failed.push_back(s);
        return x;
      }
    }
    return Reading{};
  }

  // Every condition segment of a clause, joined by 且 (as the checker joins them).
  Reading clause(const ast::Clause& cl) {
    Reading x;
    x.t = Truth::Yes;
    auto add = [&](const Reading& r) {
      append(x.held, r.held);
      append(x.missing, r.missing);
      if (r.t == Truth::No) {
        x.t = Truth::No;
        append(x.failed, r.failed);
      } else if (r.t == Truth::Unknown) {
        if (x.t == Truth::Yes) x.t = Truth::Unknown;
        append(x.failed, r.failed);
      }
    };
    for (const ast::CondSeg& s : cl.conds) {
      if (s.kind == ast::CondSeg::Kind::OnTop || !s.cond) continue;
      add(cond(*s.cond));
      if (s.subj == ast::CondSeg::Subj::Name) add(boolean(s.subject_name, true, 0));
    }
    return x;
  }

  // The steps of a plain amount (tiers, clause caps, rounding); returns the walked amount.
  std::optional<Interval> amount_steps(const sema::Award& a, std::vector<std::string>& lines) {
    std::optional<Interval> total;
    for (const sema::Tier& t : a.tiers) {
      if (t.when) {
        Val w = walk_.eval(*t.when);
        if (!w.known() || !w.b) continue;
      }
      if (t.amount) {
        bool labelled = a.tiers.size() > 1 && !t.label.empty();
        if (labelled) lines.push_back(en_ ? "tier 「" + t.label + "」" : "按「" + t.label + "」档");
        size_t before = lines.size();
        Val v = walk_.eval(*t.amount, &lines);
        if (!v.known()) return std::nullopt;
        if (labelled && lines.size() == before) lines.back() += L("：", ": ") + money(v.v);
        for (size_t i = 0; i < a.caps.size(); ++i) {
          Val c = walk_.eval(*a.caps[i]);
          if (!c.known()) return std::nullopt;
          Interval after = v.v.min(c.v);
          // A cap relative to a fact (不超过「实际损失」的70%) shows what it came to for this applicant.
          bool relative = a.caps[i]->op != sema::Expr::Op::Const;
          std::string line = a.cap_texts[i] + (relative ? L("（为", " (") + money(c.v) + L("）", ")") : "") + "，取" + money(after);
          if (after.hi < v.v.hi)
            line += en_ ? " (the cap applies: " + money(v.v) + " reduced to " + money(after) + ")"
                        : "（上限起作用，由" + money(v.v) + "减为" + money(after) + "）";
          lines.push_back(line);
          v.v = after;
        }
        if (!a.split.empty()) {  // each payer's share of the capped whole, its own caps, rounded on its own
          for (const sema::SplitShare& part : a.split) {
            std::optional<Interval> pv = v.v.mul(Interval::exact(part.share->c));
            if (!pv) return std::nullopt;
            std::string line = part.text + L("，计", ", ") + money(*pv);
            for (size_t i = 0; i < part.caps.size(); ++i) {
              Interval after = pv->min(Interval::exact(part.caps[i]->c));
              line += L("；", "; ") + part.cap_texts[i] + "，取" + money(after);
              if (after.hi < pv->hi)
                line += en_ ? " (the part's cap applies: " + money(*pv) + " reduced to " + money(after) + "; the other parts are not raised)"
                            : "（该部分上限起作用，由" + money(*pv) + "减为" + money(after) + "，其他部分不因此增加）";
              pv = after;
            }
            Val pr = v;
            pr.v = *pv;
            Val r = walk_.round(pr);
            if (!r.known()) return std::nullopt;
            if (!(r.v == *pv)) line += L("，按舍入规则取整为", ", rounded to ") + money(r.v);
            lines.push_back(line);
            std::optional<Interval> s = total ? total->add(r.v) : std::optional<Interval>(r.v);
            if (!s) return std::nullopt;
            total = *s;
          }
          if (!a.tiers_each && t.when) break;
          continue;
        }
        Val r = walk_.round(v);
        if (!r.known()) return std::nullopt;
        if (!(r.v == v.v)) lines.push_back((en_ ? "rounded to " : "按舍入规则取整为") + money(r.v));
        if (total) {
          std::optional<Interval> s = total->add(r.v);
          if (!s) return std::nullopt;
          total = *s;
        } else {
          total = r.v;
        }
      }
      if (!a.tiers_each && t.when) break;
    }
    return total;
  }

  static std::string money(const Interval& v) { return interval_money_text(v); }

  static std::string total_en(const PayerTotal& t) {
    if (t.unspecified == 0 && t.case_by_case == 0) return money(t.amount);
    std::string parts;
    if (t.unspecified) parts += std::to_string(t.unspecified) + " with no stated amount";
    if (t.case_by_case) parts += std::string(parts.empty() ? "" : ", ") + std::to_string(t.case_by_case) + " case by case";
    if (t.bounded) return money(t.amount) + " (including " + parts + ")";
    return (t.amount.lo.sign() == 0 ? std::string("not fixed") : "at least " + money_text(t.amount.lo)) + " (including " + parts + "; no upper limit)";
  }

  std::vector<std::string> computation(const sema::Award& a) {
    std::vector<std::string> lines;
    switch (a.kind) {
      case sema::Award::Kind::Amount: amount_steps(a, lines); break;
      case sema::Award::Kind::Deduction:
        if (a.deduction) walk_.eval(*a.deduction, &lines);
        break;
      case sema::Award::Kind::Risk:
        for (const sema::RiskShare& s : a.shares) walk_.eval(*s.amount, &lines);
        break;
      default: break;
    }
    // A base read again for each share or tier is said once.
    std::vector<std::string> once;
    for (std::string& l : lines)
      if (std::find(once.begin(), once.end(), l) == once.end()) once.push_back(std::move(l));
    return once;
  }

  std::string payer_name(uint16_t p) const { return p < m_.payers.size() ? m_.str(m_.payers[p].name) : "?"; }

  std::string result_text(const RuleOutcome& o) const {
    switch (o.status) {
      case RuleStatus::NotApplicable: return L("不予支持", "not granted");
      case RuleStatus::Excluded: return L("不重复，未予支持", "not paid (non-duplication)");
      case RuleStatus::Error: return L("无法判断", "cannot be decided");
      case RuleStatus::Awarded: break;
    }
    std::string s = outcome_text(m_, o);
    std::vector<std::string> who;
    for (const PayerAmount& pa : o.amounts)
      who.push_back(payer_name(pa.payer) + (o.amounts.size() > 1 ? " " + money(pa.amount) : ""));
    if (who.empty() && o.payer != kNoIndex) who.push_back(payer_name(o.payer));
    if (!who.empty()) s += "（" + join(who, "、") + "）";
    return s;
  }

  std::string heading(size_t r) const {
    const ast::Rule& ar = p_.rules[r];
    std::string art = sema::article_label(p_, ar.article);
    if (ar.article >= 0) {
      const std::string& title = p_.articles[static_cast<size_t>(ar.article)].title;
      if (!title.empty()) art += "“" + title + "”";
    }
    return (art.empty() ? "" : art + " ") + q(ar.name.text);
  }

  void line(std::string& s, const std::string& label, const std::string& text) const {
    if (!text.empty()) s += "    " + label + L("：", ": ") + text + "\n";
  }

  std::string rule_block(size_t r, size_t number) {
    const ast::Rule& ar = p_.rules[r];
    const RuleOutcome& o = ev_.rules[r];
    std::string s = "  " + std::to_string(number) + ". " + heading(r) + L("　", "  ") + result_text(o) + "\n";
    bool taken = (o.status == RuleStatus::Awarded || o.status == RuleStatus::Excluded) && o.branch < ar.branches.size();
    size_t b = taken ? o.branch : 0;
    std::string taken_text = taken ? render::clause_text(ar.branches[b]) : std::string();
    for (size_t k = b + 1; taken && k < ar.branches.size() && ar.branches[k].award.extra; ++k)
      taken_text += "；" + render::clause_text(ar.branches[k]);  // 另行: paid with it
    line(s, L("条款", "Clause"), taken ? taken_text + "。" : render::rule_sentence(ar));
    if (taken) {
      if (ar.branches.size() > 1) {
        std::string which = en_ ? "alternative " + std::to_string(b + 1) + " of " + std::to_string(ar.branches.size())
                                : "第" + std::to_string(b + 1) + "种（共" + std::to_string(ar.branches.size()) + "种）";
        for (size_t i = 0; i < b; ++i) {
          Reading earlier = clause(ar.branches[i]);
          which += (en_ ? "; alternative " + std::to_string(i + 1) + " does not apply: " : "；第" + std::to_string(i + 1) + "种不符合：") +
                   join(earlier.failed, "，");
        }
        line(s, L("适用情形", "Applies as"), which);
      }
      Reading x = clause(ar.branches[b]);
      line(s, L("符合条件", "Conditions met"), join(x.held, L("；", "; ")));
      if (o.status == RuleStatus::Awarded) {
        const sema::Award& a = prog_.rules[r].branches[b].award;
        line(s, L("计算", "Computation"), join(computation(a), L("；", "; ")));
        for (const PayerAmount& e : o.external)
          line(s, L("上级资金", "Higher level"),
               en_ ? "on top of " + money(e.amount) + " from 「" + payer_name(e.payer) + "」 (not this policy's money)"
                   : "在「" + payer_name(e.payer) + "」" + money(e.amount) + "的基础上（不计入本政策支出）");
        if (o.selective)
          line(s, L("择优", "Selective"), L("符合条件者经评审择优给予，符合条件不等于一定获得", "granted after a competitive selection; eligibility alone does not guarantee it"));
        if (o.case_by_case) line(s, L("一事一议", "Case by case"), L("金额按个案商定", "the amount is decided case by case"));
        if (o.unspecified)
          line(s, L("金额", "Amount"), L("原文未写明金额", "the text names no figure") +
                                           (o.unspecified_max ? L("，最高", ", at most ") + money_text(o.unspecified_max->hi) : ""));
      }
      group_lines(s, o);
    } else if (o.status == RuleStatus::NotApplicable) {
      line(s, L("不予支持原因", "Reason"), not_applicable_reason(r));
    } else if (o.status == RuleStatus::Error) {
      std::string why;
      if (o.error == VmError::MissingFact && o.error_fact < m_.facts.size()) {
        std::string f = q(m_.str(m_.facts[o.error_fact].name));
        why = en_ ? "the fact " + f + " was not given; add it to the applicant's facts" : "缺少事实" + f + "，请在申请材料中补充后重新计算";
      } else {
        why = L("金额超出可精确计算的范围", "an amount is out of the exact range");
      }
      line(s, L("原因", "Reason"), why);
    }
    for (const std::string& n : split_notes(ar.note)) line(s, L("说明", "Note"), n);
    return s;
  }

  // What 上限 and 不重复 groups did to the rule, each citing the group's article, then the group's
  // own note on its reading.
  void group_lines(std::string& s, const RuleOutcome& o) const {
    std::vector<std::string> said, notes;
    for (const std::string& n : o.group_notes) {
      std::string cited = n;
      auto cite = [&](const std::string& name, int article, const std::string& note) {
        if (n.find(q(name)) == std::string::npos) return;
        std::string art = sema::article_label(p_, article);
        if (!art.empty()) cited += "（" + art + "）";
        for (const std::string& x : split_notes(note)) notes.push_back(q(name) + L("：", ": ") + x);
      };
      for (const ast::CapGroup& g : p_.caps) cite(g.name.text, g.article, g.note);
      for (const ast::NoDupGroup& g : p_.nodups) cite(g.name.text, g.article, g.note);
      said.push_back(cited);
    }
    line(s, L("上限与不重复", "Caps and non-duplication"), join(said, L("；", "; ")));
    for (const std::string& n : notes) line(s, L("说明", "Note"), n);
  }

  std::string not_applicable_reason(size_t r) {
    const ast::Rule& ar = p_.rules[r];
    const RuleOutcome& o = ev_.rules[r];
    if (o.branch < ar.branches.size())
      return en_ ? "the conditions of alternative " + std::to_string(o.branch + 1) + " hold, but no tier of it matches"
                 : "符合第" + std::to_string(o.branch + 1) + "种情形的条件，但没有与之对应的给付档次";
    if (ar.branches.size() == 1) return join(branch(r, 0).failed, L("；", "; "));
    std::string s = L("所列情形均不符合：", "no alternative applies: ");
    for (size_t i = 0; i < ar.branches.size(); ++i)
      s += (i ? "；" : "") + std::string("（") + std::to_string(i + 1) + "）" + join(branch(r, i).failed, "，");
    return s;
  }

  static std::vector<std::string> split_notes(const std::string& note) {
    std::vector<std::string> out;
    size_t start = 0;
    while (start < note.size()) {
      size_t nl = note.find('\n', start);
      if (nl == std::string::npos) nl = note.size();
      if (nl > start) out.push_back(note.substr(start, nl - start));
      start = nl + 1;
    }
    return out;
  }

  const ast::Policy& p_;
  const sema::Program& prog_;
  const Module& m_;
  const Evaluation& ev_;
  const Options& o_;
  bool en_;
  Walker walk_;
  std::unordered_map<std::string, Ref> refs_;
};

std::string Explainer::run() {
  std::string s = L("申请结果说明", "Explanation of the result") + "\n";
  std::string meta = p_.header.issuer;
  if (p_.header.date) meta += (meta.empty() ? "" : "，") + p_.header.date->text;
  s += L("政策：", "Policy: ") + p_.header.title + (meta.empty() ? "" : "（" + meta + "）") + "\n";
  if (!o_.applicant.empty()) s += L("申请人：", "Applicant: ") + o_.applicant + "\n";

  struct Section {
    RuleStatus status;
    std::string zh, en;
  };
  const Section sections[] = {
      {RuleStatus::Awarded, "可获支持", "Granted"},
      {RuleStatus::Excluded, "因不重复未予支持", "Not paid because of a non-duplication rule"},
      {RuleStatus::Error, "无法判断", "Cannot be decided"},
      {RuleStatus::NotApplicable, "不予支持", "Not granted"},
  };
  std::vector<std::string> counts;
  for (const Section& sec : sections) {
    size_t n = 0;
    for (const RuleOutcome& o : ev_.rules) n += o.status == sec.status;
    counts.push_back((en_ ? sec.en + " " : sec.zh) + std::to_string(n) + L("项", ""));
  }
  s += L("结果：", "Result: ") + join(counts, L("，", ", ")) + "\n";
  std::vector<std::string> totals;
  for (size_t p = 0; p < m_.payers.size() && p < ev_.payer_totals.size(); ++p) {
    // A total that includes an award with no figure (金额未明确, 一事一议) says so (runtime/vm/totals.h).
    PayerTotal t = payer_total(ev_, static_cast<uint16_t>(p));
    if (t.empty()) continue;
    PayerRole role = m_.payers[p].role;
    std::string tag = role == PayerRole::Local ? "" : role == PayerRole::Upper ? L("（上级）", " (higher level)") : L("（其他方）", " (other party)");
    totals.push_back(m_.str(m_.payers[p].name) + tag + " " + (en_ ? total_en(t) : payer_total_text(t)));
  }
  s += L("合计：", "Totals: ") + (totals.empty() ? L("0元", "0元") : join(totals, L("；", "; "))) + "\n";

  static const char* kNumerals[] = {"一", "二", "三", "四"};
  size_t shown = 0;
  for (const Section& sec : sections) {
    std::vector<size_t> rules;
    for (size_t r = 0; r < ev_.rules.size() && r < p_.rules.size(); ++r)
      if (ev_.rules[r].status == sec.status) rules.push_back(r);
    if (rules.empty()) continue;
    s += "\n" + (en_ ? std::to_string(shown + 1) + ". " + sec.en : std::string(kNumerals[shown]) + "、" + sec.zh) + "\n";
    ++shown;
    for (size_t i = 0; i < rules.size(); ++i) s += rule_block(rules[i], i + 1);
  }
  return s;
}

}  // namespace

std::string explain(const ast::Policy& p, const sema::Program& prog, const Module& m, const std::vector<FactValue>& facts,
                    const Evaluation& ev, const Options& o) {
  return Explainer(p, prog, m, facts, ev, o).run();
}

std::vector<std::string> disagreements(const ast::Policy& p, const sema::Program& prog, const std::vector<FactValue>& facts,
                                       const Evaluation& ev) {
  Module none;
  Options o;
  Explainer x(p, prog, none, facts, ev, o);
  std::vector<std::string> out;
  for (size_t r = 0; r < p.rules.size() && r < ev.rules.size(); ++r) {
    const RuleOutcome& vm = ev.rules[r];
    if (vm.status == RuleStatus::Error) continue;
    int mine = x.chosen_branch(r);
    int theirs = vm.branch == kNoIndex ? -1 : static_cast<int>(vm.branch);
    if (mine != theirs) {
      out.push_back("「" + p.rules[r].name.text + "」：说明取第" + std::to_string(mine + 1) + "种情形，求值取第" +
                    std::to_string(theirs + 1) + "种");
      continue;
    }
    if (vm.status != RuleStatus::Awarded || !vm.group_notes.empty() || mine < 0) continue;
    const sema::Award& a = prog.rules[r].branches[static_cast<size_t>(mine)].award;
    if (a.kind != sema::Award::Kind::Amount) continue;
    std::optional<Interval> walked = x.walked_amount(r, static_cast<size_t>(mine));
    Interval paid{Rational(0), Rational(0)};
    for (const PayerAmount& pa : vm.amounts)
      if (static_cast<int>(pa.payer) == a.payer || !a.split.empty()) paid = paid.add(pa.amount).value_or(paid);
    if (!walked || !(*walked == paid))
      out.push_back("「" + p.rules[r].name.text + "」：说明算得" + (walked ? interval_money_text(*walked) : "无") + "，求值为" +
                    interval_money_text(paid));
  }
  return out;
}

}  // namespace zc::explain

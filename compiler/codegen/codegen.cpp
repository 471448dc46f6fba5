// Code generation (see codegen.h). Each rule becomes one function: its branches in order, each a
// condition, a jump past it when false, SET_BRANCH, the award and RET; a rule whose branches all
// fail returns having emitted nothing (不予支持). Derived values are laid out in dependency order.
#include "compiler/codegen/codegen.h"

#include "base/external_text.h"
#include "runtime/bytecode/emitter.h"

namespace zc::codegen {
namespace {

using sema::Expr;

class Gen {
 public:
  Gen(const ast::Policy& p, const sema::Program& prog, Module& m) : p_(p), prog_(prog), m_(m), e_(m) {}

  void expr(const Expr& x, bool traced = true) {
    switch (x.op) {
      case Expr::Op::Const:
        e_.emit(Opcode::PUSH_CONST, e_.constant(x.c));
        if (x.c2) {
          e_.emit(Opcode::PUSH_CONST, e_.constant(*x.c2));
          e_.emit(Opcode::SPAN);
        }
        break;
      case Expr::Op::Fact: e_.emit(Opcode::LOAD_FACT, static_cast<uint32_t>(x.ref)); break;
      case Expr::Op::Derived: e_.emit(Opcode::LOAD_DERIVED, derived_slot_[static_cast<size_t>(x.ref)]); break;
      case Expr::Op::Add: binary(x, Opcode::ADD); break;
      case Expr::Op::Sub: binary(x, Opcode::SUB); break;
      case Expr::Op::Mul: binary(x, Opcode::MUL); break;
      case Expr::Op::Min: binary(x, Opcode::MIN); break;
      case Expr::Op::Max: binary(x, Opcode::MAX); break;
      case Expr::Op::Clamp0: unary(x, Opcode::CLAMP0); break;
      case Expr::Op::Upto: unary(x, Opcode::UPTO); break;
      case Expr::Op::Round: unary(x, Opcode::ROUND); break;
      case Expr::Op::Floor: unary(x, Opcode::FLOOR); break;
      case Expr::Op::Not: unary(x, Opcode::NOT); break;
      case Expr::Op::True: e_.emit(Opcode::PUSH_TRUE); break;
      case Expr::Op::False: e_.emit(Opcode::PUSH_FALSE); break;
      case Expr::Op::And:
      case Expr::Op::Or: {
        // Short circuit: a; AND_JMP end; b; AND_JMP end; c; end:
        CodeLabel end = e_.new_label();
        Opcode jump = x.op == Expr::Op::And ? Opcode::AND_JMP : Opcode::OR_JMP;
        for (size_t i = 0; i < x.args.size(); ++i) {
          expr(*x.args[i]);
          if (i + 1 < x.args.size()) e_.emit(jump, end);
        }
        e_.bind(end);
        break;
      }
      case Expr::Op::Cmp: {
        static const Opcode kOps[] = {Opcode::CMP_LT, Opcode::CMP_LE, Opcode::CMP_GT, Opcode::CMP_GE, Opcode::CMP_EQ};
        binary(x, kOps[static_cast<size_t>(x.cmp)]);
        break;
      }
      case Expr::Op::OptEq:
        expr(*x.args[0]);
        e_.emit(Opcode::OPT_EQ, static_cast<uint32_t>(x.ref));
        break;
      case Expr::Op::ItemFact: e_.emit(Opcode::LOAD_ITEM, static_cast<uint32_t>(x.ref)); break;
      case Expr::Op::ItemCount:
        e_.emit(Opcode::ITEMS_COUNT, static_cast<uint32_t>(x.ref), item_fn(x.ref, *x.args[0], ValueType::Bool));
        break;
      case Expr::Op::ItemSum:
        e_.emit(Opcode::ITEMS_SUM, item_fn(x.ref, *x.args[0], ValueType::Bool), item_fn(x.ref, *x.args[1], x.type));
        break;
      case Expr::Op::Select: {
        CodeLabel other = e_.new_label(), end = e_.new_label();
        expr(*x.args[0]);
        e_.emit(Opcode::JMP_FALSE, other);
        expr(*x.args[1]);
        e_.emit(Opcode::JMP, end);
        e_.bind(other);
        expr(*x.args[2]);
        e_.bind(end);
        break;
      }
    }
    if (traced) trace(x.trace, 1);
  }

  // An item function of list `list` computing `body` for one item (kNoIndex for a condition that
  // always holds). Item functions are emitted after the rules (a function's code is contiguous), as
  // derived values after the definitions: the derived table's index is known now.
  uint32_t item_fn(int list, const Expr& body, ValueType type) {
    if (body.op == Expr::Op::True) return kNoIndex;
    uint32_t d = static_cast<uint32_t>(prog_.derived_order.size() + pending_.size());
    pending_.push_back(Pending{list, &body, type});
    return d;
  }

  void binary(const Expr& x, Opcode op) {
    expr(*x.args[0]);
    expr(*x.args[1]);
    e_.emit(op);
  }
  void unary(const Expr& x, Opcode op) {
    expr(*x.args[0]);
    e_.emit(op);
  }
  void trace(const std::string& tmpl, uint32_t n) {
    if (!tmpl.empty()) e_.emit(Opcode::TRACE, e_.string(tmpl), n);
  }

  // The amount of one tier: the expression, the clause caps in order, then the declared rounding.
  void amount(const Expr& x, const sema::Award& a) {
    expr(x);
    for (size_t i = 0; i < a.caps.size(); ++i) {
      expr(*a.caps[i]);
      e_.emit(Opcode::MIN);
      trace(a.cap_texts[i] + "，取{0:money}", 1);
    }
    e_.emit(Opcode::ROUND);
  }

  // An award split between payers: the whole with its caps (not yet rounded), then each payer's share
  // of it with that part's own caps, rounded on its own and paid by that payer (DUP keeps the whole for
  // the parts after).
  void split(const Expr& x, const sema::Award& a) {
    expr(x);
    for (size_t i = 0; i < a.caps.size(); ++i) {
      expr(*a.caps[i]);
      e_.emit(Opcode::MIN);
      trace(a.cap_texts[i] + "，取{0:money}", 1);
    }
    for (size_t k = 0; k < a.split.size(); ++k) {
      const sema::SplitShare& part = a.split[k];
      if (k + 1 < a.split.size()) e_.emit(Opcode::DUP);
      expr(*part.share, false);
      e_.emit(Opcode::MUL);
      trace(part.text + "，计{0:money}", 1);
      for (size_t i = 0; i < part.caps.size(); ++i) {
        expr(*part.caps[i]);
        e_.emit(Opcode::MIN);
        trace(part.cap_texts[i] + "，取{0:money}", 1);
      }
      e_.emit(Opcode::ROUND);
      e_.emit(Opcode::EMIT_AMOUNT, static_cast<uint32_t>(part.payer));
    }
  }

  void award(const sema::Award& a) {
    uint32_t payer = static_cast<uint32_t>(a.payer);
    if (a.selective) e_.emit(Opcode::MARK_SELECTIVE);
    // A benefit written alongside an amount (视同“……”，分别给予……) is granted with it.
    if (!a.benefit.empty() && a.kind != sema::Award::Kind::Benefit) e_.emit(Opcode::EMIT_BENEFIT, e_.string(a.benefit));
    switch (a.kind) {
      case sema::Award::Kind::Case: e_.emit(Opcode::EMIT_CASE, payer); return;
      case sema::Award::Kind::Unspecified:
        e_.emit(Opcode::EMIT_UNSPEC, payer);
        if (a.unspec_max) {
          expr(*a.unspec_max);
          e_.emit(Opcode::UNSPEC_MAX);
        }
        return;
      case sema::Award::Kind::Benefit: e_.emit(Opcode::EMIT_BENEFIT, e_.string(a.benefit)); return;
      case sema::Award::Kind::Deduction:
        expr(*a.deduction);
        e_.emit(Opcode::EMIT_DEDUCT);
        return;
      case sema::Award::Kind::Risk:
        for (const sema::RiskShare& s : a.shares) {
          expr(*s.amount);
          e_.emit(Opcode::EMIT_AMOUNT, static_cast<uint32_t>(s.payer));
        }
        return;
      case sema::Award::Kind::Amount:
        break;
    }
    // The period an award refers to, as written (一次性 / 每年 / 年度 …), goes into the explanation.
    if (!a.scope.empty()) trace(a.scope == "一次性" ? "一次性给付" : a.scope == "累计" ? "累计计算" : "按年度给付（" + a.scope + "）", 0);
    CodeLabel done = e_.new_label();
    for (size_t k = 0; k < a.tiers.size(); ++k) {
      const sema::Tier& t = a.tiers[k];
      bool last = k + 1 == a.tiers.size();
      CodeLabel skip = e_.new_label();
      if (t.when) {
        // The tier test itself is not explained (the condition already was); the tier taken is.
        expr(*t.when, false);
        e_.emit(Opcode::JMP_FALSE, skip);
        if (!t.label.empty()) trace("适用“" + t.label + "”一档", 0);
      }
      if (t.amount && !a.split.empty()) {
        split(*t.amount, a);
      } else if (t.amount) {
        amount(*t.amount, a);
        e_.emit(Opcode::EMIT_AMOUNT, payer);
      }
      if (t.external) {
        expr(*t.external, false);  // reported as the higher level's part, not as a step of ours
        e_.emit(Opcode::EMIT_EXTERNAL, static_cast<uint32_t>(a.external_payer));
      }
      // Exclusive tiers stop at the first that holds; 分别 over yes/no facts pays every one.
      if (t.when && !a.tiers_each && !last) e_.emit(Opcode::JMP, done);
      e_.bind(skip);
    }
    e_.bind(done);
  }

  void run() {
    const ast::Header& h = p_.header;
    m_.meta.title = e_.string(h.title);
    m_.meta.issuer = e_.string(h.issuer);
    m_.meta.date = h.date ? e_.string(h.date->text) : kNoString;
    m_.meta.rounding = h.rounding;
    m_.meta.rounding_unit = h.rounding_unit;

    for (const sema::Payer& p : prog_.payers) m_.payers.push_back(PayerInfo{e_.string(p.name), p.role});
    for (const sema::Fact& f : prog_.facts) {
      FactInfo fi;
      fi.name = e_.string(f.name);
      fi.type = f.type;
      fi.unit = f.unit.empty() ? kNoString : e_.string(f.unit);
      for (const std::string& o : f.options) fi.options.push_back(e_.string(o));
      if (f.def) fi.default_value = *f.def;
      fi.from_payer = f.from_payer < 0 ? kNoIndex : static_cast<uint16_t>(f.from_payer);
      fi.indicator = f.indicator;
      m_.facts.push_back(std::move(fi));
    }

    // Derived values in dependency order, so each loads only lower slots (the verifier's rule).
    derived_slot_.assign(prog_.derived.size(), 0);
    for (size_t slot = 0; slot < prog_.derived_order.size(); ++slot)
      derived_slot_[static_cast<size_t>(prog_.derived_order[slot])] = static_cast<uint32_t>(slot);
    for (int index : prog_.derived_order) {
      const sema::Derived& d = prog_.derived[static_cast<size_t>(index)];
      DerivedInfo di;
      di.name = e_.string(p_.defines[static_cast<size_t>(index)].name.text);
      di.type = d.type;
      di.code_begin = e_.begin_function();
      expr(*d.value);
      e_.emit(Opcode::RET);
      di.code_end = e_.end_function();
      m_.derived.push_back(di);
    }

    for (size_t r = 0; r < prog_.rules.size(); ++r) {
      const sema::Rule& rule = prog_.rules[r];
      const ast::Rule& src = p_.rules[r];
      RuleInfo ri;
      ri.name = e_.string(src.name.text);
      std::string art = sema::article_label(p_, src.article);
      ri.article = art.empty() ? kNoString : e_.string(art);
      ri.note = src.note.empty() ? kNoString : e_.string(src.note);
      ri.payer = rule.payer < 0 ? kNoIndex : static_cast<uint16_t>(rule.payer);
      ri.branch_count = static_cast<uint16_t>(rule.branches.size());
      ri.code_begin = e_.begin_function();
      for (size_t b = 0; b < rule.branches.size(); ++b) {
        const sema::Branch& br = rule.branches[b];
        CodeLabel next = e_.new_label();
        bool always = br.cond->op == Expr::Op::True;
        if (!always) {
          expr(*br.cond);
          e_.emit(Opcode::JMP_FALSE, next);
        }
        e_.emit(Opcode::SET_BRANCH, static_cast<uint32_t>(b));
        award(br.award);
        e_.emit(Opcode::RET);
        e_.bind(next);
      }
      e_.emit(Opcode::RET);
      ri.code_end = e_.end_function();
      m_.rules.push_back(ri);
    }

    // Item lists and their item functions.
    for (size_t f = 0; f < prog_.facts.size(); ++f) {
      if (!prog_.facts[f].list) continue;
      ItemListInfo l;
      l.list = static_cast<uint16_t>(f);
      for (int k : sema::item_members(prog_, static_cast<int>(f))) l.members.push_back(static_cast<uint16_t>(k));
      m_.item_lists.push_back(std::move(l));
    }
    for (size_t i = 0; i < pending_.size(); ++i) {  // INVARIANT: item functions use no ITEMS_* (no pending_ growth)
      const Pending p = pending_[i];
      DerivedInfo di;
      di.name = m_.facts[static_cast<size_t>(p.list)].name;
      di.type = p.type;
      di.code_begin = e_.begin_function();
      expr(*p.body);
      e_.emit(Opcode::RET);
      di.code_end = e_.end_function();
      uint16_t index = static_cast<uint16_t>(m_.derived.size());
      m_.derived.push_back(di);
      for (ItemListInfo& l : m_.item_lists)
        if (l.list == p.list) l.functions.push_back(index);
    }

    for (const sema::Group& g : prog_.groups) {
      GroupInfo gi;
      gi.kind = g.kind;
      gi.name = e_.string(g.name);
      std::string art = sema::article_label(p_, g.article);
      gi.article = art.empty() ? kNoString : e_.string(art);
      for (int mbr : g.members) gi.members.push_back(static_cast<uint16_t>(mbr));
      if (g.cap) gi.cap = e_.constant(*g.cap);
      gi.mode = g.mode;
      m_.groups.push_back(std::move(gi));
    }
    for (const sema::ConstraintIR& c : prog_.constraints) {
      ConstraintInfo ci;
      ci.name = e_.string(c.name);
      std::string art = sema::article_label(p_, c.article);
      ci.article = art.empty() ? kNoString : e_.string(art);
      ci.rule = c.rule < 0 ? kNoIndex : static_cast<uint16_t>(c.rule);
      ci.op = c.op;
      ci.value = e_.constant(c.value);
      ci.text = e_.string(c.text);
      m_.constraints.push_back(ci);
    }
    for (const sema::TargetIR& t : prog_.targets) {
      TargetInfo ti;
      ti.text = e_.string(t.text);
      ti.indicator = static_cast<uint16_t>(t.indicator);
      ti.op = t.op;
      ti.value = e_.constant(t.value);
      ti.baseline = t.baseline ? e_.constant(*t.baseline) : kNoIndex;
      ti.year = static_cast<uint16_t>(t.year);
      m_.targets.push_back(ti);
    }
  }

  bool overflowed() const { return e_.limits_exceeded(); }

 private:
  const ast::Policy& p_;
  const sema::Program& prog_;
  Module& m_;
  CodeEmitter e_;
  std::vector<uint32_t> derived_slot_;
  struct Pending {
    int list;
    const Expr* body;
    ValueType type;
  };
  std::vector<Pending> pending_;  // item functions, emitted after the rules
};

}  // namespace

std::optional<Module> generate(const ast::Policy& policy, const sema::Program& prog, const SourceManager& sm, DiagSink& sink) {
  Module m;
  m.strings.reserve(256);
  {
    Gen g(policy, prog, m);
    m.meta.source = kNoString;
    g.run();
    if (g.overflowed()) {
      sink.report(make_diag(DiagCode::E0208, Span{policy.file, 0, 0}, {"常量、字符串或代码", "65535"}));
      return std::nullopt;
    }
  }
  // The file name is the user's, not checked text: a .zcb string must be valid UTF-8 (verify.h).
  m.strings.push_back(valid_utf8(sm.file(policy.file).path()));
  m.meta.source = static_cast<uint32_t>(m.strings.size() - 1);
  return m;
}

}  // namespace zc::codegen

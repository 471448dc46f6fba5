// The syntax tree of one policy file: faithful to what the drafter wrote (the words chosen, the
// order of the atoms of an award, every span), so the renderer can give the text back and every
// diagnostic can point at its source. Meaning (what a name refers to, what an award pays) is not
// here: the checker derives it into compiler/check/sema.h.
#pragma once
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/diag.h"
#include "base/rational.h"
#include "base/source.h"
#include "base/values.h"

namespace zc::ast {

struct Name {
  std::string text;  // without 「」
  Span span;
  bool bracketed = true;  // written in 「」 (false: a declared name written bare)
};

enum class LitKind : uint8_t { Money, Rate, Count, Number, Date };

// A number as written: 10万元, 100-500万元, 20%, 1∶1, 2家, 30分, 2024年2月21日, 3.
struct Literal {
  LitKind kind = LitKind::Number;
  Span span;
  std::string text;              // as written
  Rational value;                // Money in 元, Rate as a fraction, Count, Number; Date: day number
  std::optional<Rational> hi;    // a range's upper end (Money): [value, hi]
  std::string unit;              // 元 万元 亿元 / % ‰ ∶ 百分之 千分之 / 家 个 名 项 人 年 分 …
  bool incl_mark = false;        // （含） written after a number
  bool lo_mark = false;          // a range: （含） written after its lower end (20（含）-30万元)
  bool hi_mark = false;          // a range: （含） written after its upper end (20-30（含）万元)
};

struct Value {
  enum class Kind : uint8_t { Name, Literal, Yes, No } kind = Kind::Literal;
  Span span;
  Name name;
  Literal lit;
};

// A comparison with its legal words: 50万元以上 (>=), 超过5000万元 (>), 不满10% (<), 2家（含2家）以上.
struct Comparison {
  CmpOp op = CmpOp::Ge;
  Span span;
  Value rhs;
  std::string pre;              // 达到 不低于 至少 不超过 不高于 超过 高于 不满 不足 低于 (or empty)
  std::string post;             // 以上 以下 以内 (or empty)
  std::string zai;              // 在 before the number (在500平方米以上): no meaning of its own, kept for render
  bool incl = false;            // （含） or （含N家） written
  bool excl = false;            // （不含） or （不含N家） written (incl_span, incl_value hold it): the number is excluded
  std::optional<Literal> incl_value;
  Span incl_span;
  // 不少于「职工总数」的15%: the rhs (a rate) is taken of this quantity; the comparison is a share.
  std::optional<Name> of;
  // A range with two ends (25%（含）-30%, 300万元~1000万元, 超过5000万元至2亿元（含）): rhs.lit holds
  // [value, hi]. Whether each end is included is what the text says (（含）, or the word before the
  // lower end); an end it leaves open is settled by the neighbouring band or alternative that
  // states the same number (settle_range_ends), and stays nullopt where neither says (E0517).
  bool between = false;
  std::optional<bool> lo_incl, hi_incl;
};

// 占「营业收入」的比例: the whole a share is taken of, with the words as written after it (的比例,
// 的比重, 比例, 的 or nothing), so the renderer gives them back.
struct Share {
  Name whole;
  std::string words;
  Span span;
};

// 自2023年7月1日起至2025年6月30日止, 于2023年1月1日—2024年12月31日期间, 自2024年1月1日起: a window of
// days, both named days included (docs/language.md §3). The words are kept as written for the renderer.
struct DateWindow {
  Literal from;
  std::optional<Literal> to;  // absent: 自A起 (on or after A)
  std::string lead;           // 自 / 于 / ""
  std::string start;          // 起 / ""
  std::string sep;            // 至 / 到 as written; — for any dash; ""
  std::string end;            // 止 / 期间 / ""
  Span span;
};

struct Cond;
using CondPtr = std::unique_ptr<Cond>;

struct Cond {
  enum class Kind : uint8_t {
    Fact,   // 「甲」, 「甲」、「乙」 (any of them), 「研发投入」50万元以上
    Is,     // 「级别」为省级、国家级
    Not,    // 未「享受」
    Group,  // children joined by 且/或 (all the same connective unless `mixed`)
  } kind = Kind::Fact;
  Span span;
  std::vector<Name> names;               // Fact, Is (one name)
  std::vector<std::string> name_seps;    // Fact: separators between names (、 和)
  std::optional<Comparison> cmp;         // Fact
  std::optional<Share> share;            // Fact: 「研发费用」占「营业收入」的比例 (names[0] is the part)
  std::optional<DateWindow> window;      // Fact: 「完成日期」自……起至……止 (names[0] is the date)
  bool cmp_first = false;                // Fact: the threshold written before its noun, 500万元（含）以上「股权融资」
  std::string verb;                      // Fact, cmp_first: prose before the threshold, “自主研发” (no meaning)
  std::vector<Value> values;             // Is
  std::vector<std::string> value_seps;   // Is: separators between values (、 和 及 与 以及 或)
  std::vector<CondPtr> children;         // Not: one; Group: two or more
  std::vector<std::string> ops;          // Group: connective as written between children (且, ，或, 其中 …)
  std::vector<bool> op_is_and;           // Group: per connective
  std::vector<Span> op_spans;
  bool parenthesized = false;            // written inside （）
  std::string not_word;                  // Not: 未 / 非
};

// A word of an award phrase: one per row WORD(TOKEN, Word) of keywords.def. The syntax stage gives
// each word its Word; no later stage sees a token type.
enum class Word : uint8_t {
  None,  // not a word (an atom of another kind)
#define TOKEN(name, display)
#define KW(name, spelling, meaning)
#define WORD(name, word) word,
#include "compiler/syntax/keywords.def"
#undef WORD
#undef KW
#undef TOKEN
};

// One atom of an award phrase, in the order written.
struct Atom {
  enum class Kind : uint8_t { Name, Amount, Rate, PerUnit, String, Group, Word, Part, Growth, Step, Within } kind = Kind::Word;
  Span span;
  ast::Word word = ast::Word::None;  // Word: which word
  std::string text;           // Word: spelling; String: content without quotes
  Name name;                  // Name
  Literal lit;                // Amount, Rate; PerUnit: the unit count (1家)
  // PerUnit: 每「X」较「Y」增加1家「Z」
  std::optional<Name> per_fact;
  std::optional<Name> per_baseline;
  std::optional<Name> per_fact_after;
  std::string per_verb;       // 每培养1名…: the verb after 每, as written
  std::string per_verb2;      // 较「Y」增加认定1家: the verb after 增加
  std::vector<Atom> group;    // Group: atoms inside （）
  // Part: 「X」超过200万元至1000万元（含）的部分 — its bounds as a band's (Band::lo, Band::hi), the
  // amount it is a part of when named, and 的部分 as written.
  std::optional<Comparison> part_lo, part_hi;
  std::optional<Name> part_of;
  std::string part_words;
  // Growth: 「当年研发投入」较「上年研发投入」新增部分 — the amount (when named), the base period's
  // amount, 较 / 比 and the growth words (新增部分, 的增量, 增长的部分) as written.
  std::optional<Name> growth_of;
  Name growth_base;
  std::string growth_than, growth_words;
  // Name written after the pronoun 其 (按其「研发投入」的2%): `pronoun` is 其. With words instead of a name
  // (按其投入2%) `pronoun_words` holds them and `name` is the amount the clause's conditions compare,
  // found by the award reader (compiler/syntax/award.cpp); empty when there is not exactly one.
  std::string pronoun, pronoun_words;
  // Step: 每增加2000万元 — the step in `lit`, the word after 每 (增加, 超过, 满) in `text`.
  // Within: （其中「市财政」承担25%，「区财政」承担15%） — 其中 as written in `text`, the parts separated by ，.
  std::vector<std::vector<Atom>> within;
};

// An award phrase as the syntax stage reads it (compiler/syntax/award.cpp): its atoms typed by the
// words around them — the rate, the amounts and which of them are caps, the per-unit count, the
// parties bearing shares, a limit on the base — in the order written. What only a declaration can
// decide (is 「市到位资金」 the base or a payer? is 大型企业 an option?) is left to the checker,
// which resolves each name in `steps` order and reads the meaning into sema::Award.
struct Award {
  // A name the award refers to. The words around it fix its slot; within a slot its declaration
  // decides its role.
  struct Ref {
    enum class Slot : uint8_t {
      Free,     // a payer (区财政给予), the base (按「市到位资金」), an option keying the amount after
                // it (大型企业10万元), or on top of a higher award a count to reach (在完成「目标」)
      From,     // 由「市级财政」给予: a payer
      Party,    // 「合作银行」承担30%: a party bearing a share
      ShareOf,  // 承担「聊城市风险补偿资金」的40%: whose share is shared (a payer), or the base
    } slot = Slot::Free;
    Name name;
    int share = -1;  // Party, ShareOf: index into shares
    bool after_of = false;  // written right after 的 (按「贷款本金」的「贴息比例」): where a rate stands
  };
  // A money amount; which role it plays follows from the words before it.
  struct Amount {
    enum class Role : uint8_t {
      Item,     // 给予10万元, 最高50万元 (upto), one of a 分别 list, keyed (大型企业10万元)
      Cap,      // 最高不超过50万元 after a computed amount or a range: min(amount, cap)
      PerUnit,  // 每「培育高企数」1家，给予10万元: the amount per unit
    } role = Role::Item;
    Literal lit;
    Span span;
    bool upto = false;   // under 最高 / 不超过 (or in a list a 最高 stands before)
    std::string words;   // the words of the cap phrase and the amount: 单个项目不超过100万元
  };
  struct Share {  // 「合作银行」承担30%
    Span span;
    std::optional<Literal> rate;
  };
  // （不超过「投保金额」的3%） after the base: the base is taken at most to this.
  struct Limit {
    Span span;
    bool max = false;               // 不超过 / 最高 written
    std::vector<Value> operands;    // names and money amounts, in the order written
    std::optional<Literal> rate;
  };
  // 补偿金额不超过「实际损失」的70%, 最高不超过「项目总投资」的30%, 资助金额不超过「实际支付费用」:
  // a cap relative to a fact, written after an amount (a computed one, or an item). The name is
  // resolved by the checker (an amount fact or definition); the rate, when written, scales it.
  struct RelCap {
    Span span;
    Name name;
    std::optional<Literal> rate;
    std::string words;              // the cap phrase as written: 补偿金额不超过「实际损失」的70%
  };
  // 每「认定数量」1家, 每「认定数」较「目标数」增加1家, 每培育1家「高新技术企业」
  struct PerUnit {
    Span span;
    Literal count;                  // 1家
    std::optional<Name> fact;       // 每「X」
    std::optional<Name> baseline;   // 较「Y」增加
    std::optional<Name> fact_after; // 每培育1家「Z」
  };
  // 200万元以下（含）的部分按2%, 超过1000万元的部分按0.5%: a part of the base (the named amount,
  // else the one the clause's conditions compare) between two bounds, paid at its own rate.
  struct Part {
    Span span;
    std::optional<Name> of;         // 「登记额」超过2亿元的部分
    std::optional<Comparison> lo, hi;  // as a band's bounds (Band::lo, Band::hi)
    std::optional<Literal> rate;    // the rate written after it (missing: E0532)
  };
  // 按「当年研发投入」较「上年研发投入」新增部分的15%: the growth of an amount over its base period,
  // max(0, of − base), standing where the base of a rate stands. No growth, no award (the checker adds
  // of > base to the award's conditions). `of` missing is the words' problem, reported in order.
  struct Growth {
    Span span;
    std::optional<Name> of;
    Name base;
    std::string text;               // as written: 「当年研发投入」较「上年研发投入」新增部分
  };
  // 每增加2000万元，再给予1万元: the amount the conditions compare (`step_of`), counted in whole steps
  // of `size` from the threshold they compare it with (`step_from`); the amount after it is paid per step.
  struct Steps {
    Span span;
    Literal size;
    std::string verb;               // 增加 / 超过 / 满, as written
  };
  // （其中「市财政」承担25%，「区财政」承担15%）, （其中「市财政」最高10万元）: one payer's part of the award,
  // with its rate (of the base, or its share of the whole), its fixed amount or its own cap. A payer named
  // in a second （其中……） adds to its part (the cap after the whole's cap). The checker proves the parts add
  // up to the whole (compiler/check/split.cpp).
  struct SplitPart {
    Span span;
    Name payer;
    std::optional<Literal> rate, amount, cap;
    std::string cap_words;           // 最高10万元, as written
  };
  // 所需资金由「市财政」、「区财政」按3∶7比例分担: the whole split by a ratio among the payers listed.
  struct RatioSplit {
    Span span;
    std::vector<Name> payers;
    Literal ratio;
  };
  // 按「新级别标准」减去「已获奖励」给予补差 (issue 11 form 4): what the rest of the award computes is
  // the standard; the amount after 减去 (扣减, or 扣除 where no 加计 was written) was already received.
  // The award is max(0, standard − received); the checker adds standard > received to its conditions.
  struct TopUp {
    Span span;
    Name received;
    std::string words;              // 减去 / 扣减 / 扣除, as written
  };
  // The order written, which the checker follows so that its diagnostics come in the order of the
  // text. SegmentEnd closes an award segment (，): an option keys amounts of its own segment only.
  struct Step {
    enum class Kind : uint8_t { Ref, Amount, Limit, PerUnit, Problem, SegmentEnd, RelCap, Part, Growth, Steps, TopUp } kind = Kind::Ref;
    int index = -1;
  };

  Span span;                         // the award segments (or the 在……基础上 segment)
  std::vector<Ref> refs;
  std::vector<Amount> amounts;
  std::vector<Share> shares;
  std::vector<Limit> limits;
  std::vector<PerUnit> per_units;
  std::vector<RelCap> rel_caps;
  std::vector<Part> parts;
  std::vector<Growth> growths;
  std::vector<Steps> steps_each;
  std::vector<TopUp> topups;
  std::vector<SplitPart> split_parts;
  std::optional<RatioSplit> ratio_split;
  // What the steps count: the one amount (or count) the clause's conditions compare with a number of
  // the step's kind, and that number (达到5000万元: from 5000万元); for a 再 clause, the clause before's.
  std::optional<Name> step_of;
  std::optional<Literal> step_from;
  // The amount the parts are parts of: the one a part names, else 对「技术合同成交额」，(a condition
  // segment naming only it), else the one amount the clause's conditions compare with a sum of money.
  std::optional<Name> part_base;
  // 单个「技术合同」, 单台「设备」: the names written after whom a cap counts (item lists, issue 11 form 12).
  std::vector<Name> each;
  std::vector<Diagnostic> problems;  // what the words alone show to be wrong (reported by the checker)
  std::vector<Step> steps;

  std::optional<Literal> rate;       // 按「基数」的20%
  bool rate_upto = false;            // 按照最高2.5%的比例
  bool same_amount = false;          // 同等额度 (100%)
  bool some_rate = false;            // 一定比例: a rate not stated
  bool unspecified = false;          // 金额未明确
  bool case_by_case = false;         // 一事一议
  bool deduct = false;               // 加计……扣除
  bool risk_split = false;           // 风险分担: the top-level shares add up to 100%
  bool matching = false;             // 配套
  bool selective = false;            // 择优
  bool respectively = false;         // 分别
  bool benefit = false;              // 推荐纳入“……”, 予以“……”
  bool per_without_amount = false;   // a 每…… with no amount after it
  bool refused = false;              // unreadable as a whole (its problem says why): nothing else is read
  bool extra = false;                // 另行: paid on top of the alternative before (joined to it)
  Span extra_span;
  std::string benefit_text;          // as written, without quotes
  std::string scope;                 // 一次性 每年 年度 累计 当年: the first written
};

struct CondSeg {
  enum class Kind : uint8_t { For, Fan, Suffix, OnTop } kind = Kind::For;
  Span span;
  CondPtr cond;                   // For, Fan, Suffix
  std::string end_word;           // Suffix: 的 / 后 / 时, or empty (「甲」，给予……: a condition with no 对 and no 的); For: 的 when written
  enum class Subj : uint8_t { None, Words, Name, String } subj = Subj::None;
  std::string subject;            // Words / String: as written
  Name subject_name;              // Name
  std::vector<Atom> ontop;        // OnTop: the atoms between 在 and 基础上
  std::optional<Name> payer;      // For: 「临清市财政」对……, the payer written before 对
  bool comma = true;              // followed by ，
  bool part_base = false;         // For: 对「技术合同成交额」， names the amount the award's parts divide, not a condition
};

struct Clause {
  Span span;
  std::string lead;                     // prose written before the conditions (“设立……专项资金”，), no meaning
  std::vector<CondSeg> conds;
  std::vector<std::vector<Atom>> pays;  // award segments, separated by ，
  std::vector<Span> pay_spans;
  Award award;                          // pays, read (compiler/syntax/award.cpp)
  std::optional<Award> ontop;           // the OnTop segments' atoms, read: the higher level's award
  bool joined_by_comma = false;         // written after ， rather than ； (……给予15万元奖励，对……): render keeps it
};

struct Rule {
  Name name;
  Span span;
  std::vector<Clause> branches;  // alternatives, separated by ； (or ， before 对: Clause::joined_by_comma)
  int article = -1;              // index into Policy::articles, -1 before any article
  std::string note;              // 说明 attached to the rule
  Span note_span;
  std::string review;            // 公平竞争审查：“……” after the rule: the review's conclusion
  Span review_span;
};

struct Chapter {
  std::string number;  // as written: 二, 2
  std::string title;
  Span span;
};

struct Dept {
  std::string role;                 // 牵头单位 / 配合单位 / 责任单位
  std::vector<std::string> units;
  Span span;                        // the 牵头单位…。 statement
};

struct Article {
  std::string number;   // as written: 1, （二）4
  std::string title;
  Span span;
  int chapter = -1;
  std::vector<Dept> depts;
  std::string note;
};

struct TypeSpec {
  ValueType type = ValueType::Bool;
  std::string word;                 // 金额 比例 数量 是否 选项 日期 分数
  std::string unit;                 // 数量（家）: 家
  bool list = false;                // 清单（项）: an item list, a 数量 (its number of items) with items
  std::vector<Name> options;        // 选项（「省级」、「国家级」）
  Span span;
};

struct FactDecl {
  std::vector<Name> names;
  TypeSpec type;
  std::optional<Value> def;
  std::optional<Name> from;         // 来自「市财政」
  std::optional<Name> item_of;      // 属于「技术合同」: each item of that 清单 carries this fact
  std::string scope;                // 一次性 每年 年度 累计 当年
  bool indicator = false;           // 指标
  Span span;
};

struct PayerDecl {
  Name name;
  PayerRole role = PayerRole::Local;
  bool is_default = false;
  Span span;
};

// One band of a banded table: lower and/or upper bound, and the value it gives.
struct Band {
  std::optional<Comparison> lo;
  std::optional<Comparison> hi;
  bool otherwise = false;
  bool none = false;                // 其他不予支持 (otherwise too): no value
  Value value;
  Span span;
};

struct CaseBranch {
  CondPtr cond;
  Value value;
  Span span;
};

struct Define {
  enum class Kind : uint8_t { Bands, Sum, Cases, Cond, TopUp } kind = Kind::Cond;
  Name name;
  Span span;
  Name band_on;                     // Bands: 按「X」分档
  std::optional<Share> band_share;  // Bands: 按「X」占「Y」的比例分档 (X is the part)
  std::vector<Band> bands;
  std::vector<Name> terms;          // Sum
  std::vector<CaseBranch> cases;    // Cases
  std::optional<Value> otherwise;   // Cases: 其他为……
  bool otherwise_none = false;      // Cases: 其他不予支持
  CondPtr cond;                     // Cond
  // TopUp (issue 11 form 4): 「新级别标准」减去「已获奖励」 — the standard (a name or an amount) less
  // what was already received, never below 0; where nothing is left, 其他不予支持 (docs/language.md §5).
  std::optional<Value> standard;
  Name received;
  std::string minus;                // 减去 / 扣减 / 减除, as written
  int article = -1;
  std::string note;                 // 说明 written right after it
};

struct Target {
  Name indicator;
  std::optional<int> year;
  std::optional<Literal> baseline;
  Comparison cmp;
  Span span;
};

struct CapGroup {
  Name name;
  std::vector<Name> members;
  std::vector<Atom> body;           // 单个企业年度最高补助250万元, as written
  std::vector<Literal> limits;      // the amounts and rates of the body: one money amount is the cap
  Span span;
  int article = -1;
  std::string note;                 // 说明 written right after it
};

struct NoDupGroup {
  Name name;
  std::vector<Name> members;
  NoDupMode mode = NoDupMode::Highest;
  bool mode_written = false;
  std::string words;                // 不重复支持 / 不重复奖励
  Span span;
  int article = -1;
  std::string note;                 // 说明 written right after it
};

struct Constraint {
  Name name;
  Name rule;
  CmpOp op = CmpOp::Le;
  std::string words;                // 每个项目平均支持强度不高于
  Value value;
  Span span;
  int article = -1;
  std::string note;                 // 说明 written right after it
};

struct Assignment {
  Name fact;
  Value value;
  Span span;
  // 「技术合同」为（「技术交易额」为300万元）、（……）: an item list, each item its facts (`value` unused).
  bool is_items = false;
  std::vector<std::vector<Assignment>> items;
  std::vector<Span> item_spans;
};

struct Expectation {
  enum class Kind : uint8_t { Rule, Total } kind = Kind::Rule;
  enum class What : uint8_t { Amount, Deduct, Case, Unspec, None, Benefit, Excluded } what = What::None;
  Name target;                      // rule or payer name
  std::optional<Name> payer;        // 「规则」（「出资方」）为……
  bool selective = false;           // 择优10万元
  bool upto = false;                // 最高50万元
  bool at_least = false;            // 至少4万元: [4万元, no upper end), for a total with open awards
  std::optional<Literal> amount;
  std::optional<Literal> amount_hi; // 100万元至500万元 written as two amounts
  std::optional<Literal> unspec_max;
  Span span;
};

struct Example {
  Name name;
  std::vector<Assignment> facts;
  std::vector<Expectation> expects;
  Span span;
};

struct Header {
  std::string title, issuer, docno, status;
  std::optional<Literal> date;
  std::optional<Literal> eval_date;  // 评价日期: the day durations (满2年) are counted to
  std::vector<std::string> bases;
  std::vector<std::string> notes;  // 说明 written before the first article
  RoundingMode rounding = RoundingMode::HalfUp;
  RoundingUnit rounding_unit = RoundingUnit::Fen;
  bool rounding_written = false;
  Span title_span, issuer_span, date_span, rounding_span;
};

// Statement order, for the renderer: which list and which index, in source order.
struct Item {
  enum class Kind : uint8_t {
    Header, Payer, Fact, Define, Target, Chapter, Article, Rule, Cap, NoDup, Constraint, Dept, Note, Example,
    Review,   // index: the rule reviewed
    Section,  // index into Policy::sections
    Prose     // index into Policy::prose
  } kind;
  int index;
};

// 第（一）节“指导思想”。: a heading of the second level, （一）指导思想.
struct Section {
  std::string number;  // as written, without brackets: 一
  std::string title;
  Span span;
};

// The document's own words, kept as written so that render gives back the whole document. They carry
// no meaning for evaluation: the checker sees them only through the lexer (UTF-8, closed quotes).
struct Prose {
  enum class Kind : uint8_t {
    Body,        // 正文：“……”。 paragraphs (one per line) where it is written
    Lead,        // 引语：“……”。 leads into the decision written after it
    Tail,        // 后语：“……”。 completes the decision written before it
    List,        // 列表：“……”；“……”。 items numbered （1）（2）…
    Addressee,   // 主送机关：“……”。
    Attachment,  // 附件：“……”、“……”。
    Remark,      // 附注：“……”。
    CopyTo,      // 抄送：“……”、“……”。
    Printed,     // 印发：“……”，2024年2月21日。
  } kind = Kind::Body;
  std::string text;                // Body, Lead, Tail, Addressee, Remark; Printed: the office (without “”)
  std::vector<std::string> items;  // List, Attachment, CopyTo
  std::optional<Literal> date;     // Printed
  std::optional<Item> attached;    // Lead, Tail: the decision statement the words belong to
  Span span;
};

struct Policy {
  FileId file = 0;
  Header header;
  std::vector<PayerDecl> payers;
  std::vector<FactDecl> facts;
  std::vector<Define> defines;
  std::vector<Target> targets;
  std::vector<Chapter> chapters;
  std::vector<Article> articles;
  std::vector<Rule> rules;
  std::vector<CapGroup> caps;
  std::vector<NoDupGroup> nodups;
  std::vector<Constraint> constraints;
  std::vector<Example> examples;
  std::vector<Section> sections;
  std::vector<Prose> prose;
  std::vector<Item> order;
  std::vector<uint32_t> unknown_names;  // begin offsets of names the lexer could not recognise
  std::vector<Span> bare_scales;        // 20万(含): 万 or 亿 with no 元, read as 万元 (the checker's W0619)
  std::vector<std::string> broken_names;  // names of statements that failed to parse (规则「甲」：<error>)
};

}  // namespace zc::ast
